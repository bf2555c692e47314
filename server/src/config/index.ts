import { isLocaleList } from '../domain/locales';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { TERM_ITEMS, type TermItem } from '../../../shared/consent-terms';
import { defaultLedgerConfig, isWholeNumber, validateLedgerConfig, type LedgerConfig } from './ledger';

export interface PolicyOverrides {
  requiredLocales?: PolicyLocale[];
  fallbackOrder?: PolicyLocale[];
  minNoticeDays?: number;
  /**
   * Consent-term items (shared/consent-terms TERM_ITEMS) publication does not ask of this policy, or true for
   * a policy that is not a consent at all (terms of use): it needs none.
   */
  consentOptOut?: TermItem[] | true;
}

export interface PluginConfig {
  /** Locales a policy with no settings of its own must have before a version can be published. */
  requiredLocales: PolicyLocale[];
  /** Order in which a reader's missing locale falls back. */
  fallbackOrder: PolicyLocale[];
  /** Days of notice a material version needs between publication and effect. */
  minNoticeDays: number;
  /** Per-policy settings by key; these win over the defaults above and over what is stored on the policy. */
  policies: Record<string, PolicyOverrides>;
  /**
   * How long one instance trusts its in-memory timeline, counted from when it was read (past half of it, the
   * next read starts in the background). This is the bound on how long several instances sharing one
   * database can disagree after a publish or withdrawal.
   */
  timelineTtlMs: number;
  /** Ceiling of the public `Cache-Control: max-age`; it is also cut so it never reaches past the next switch. */
  maxAgeSeconds: number;
  /**
   * Serve the `current` route ahead of Strapi's middleware stack (see middlewares/fast-read.ts). Off by
   * default, because such answers skip the app's own middlewares (logger, custom CORS, rate limits).
   */
  fastRead: boolean;
  /** The acceptance ledger: IP handling, proxy trust, receipt controller, metadata limit (see config/ledger.ts). */
  ledger: LedgerConfig;
}

export const defaultConfig: PluginConfig = {
  requiredLocales: ['ru', 'kk'],
  fallbackOrder: ['ru', 'kk', 'en'],
  minNoticeDays: 0,
  policies: {},
  timelineTtlMs: 1000,
  maxAgeSeconds: 60,
  fastRead: false,
  ledger: defaultLedgerConfig,
};

const fail = (path: string, expected: string): never => {
  throw new Error(`policy-versions config: "${path}" must be ${expected}`);
};

function validateOverrides(path: string, value: PolicyOverrides) {
  if (value.requiredLocales !== undefined && !isLocaleList(value.requiredLocales)) {
    fail(`${path}.requiredLocales`, `a non-empty list of distinct locales among ${SUPPORTED_LOCALES.join(', ')}`);
  }
  if (value.fallbackOrder !== undefined && !isLocaleList(value.fallbackOrder)) {
    fail(`${path}.fallbackOrder`, `a non-empty list of distinct locales among ${SUPPORTED_LOCALES.join(', ')}`);
  }
  if (value.minNoticeDays !== undefined && !isWholeNumber(value.minNoticeDays, 3650)) {
    fail(`${path}.minNoticeDays`, 'a whole number of days from 0 to 3650');
  }
}

// Per policy only: what a consent must name depends on what the policy is.
function validateConsentOptOut(path: string, value: unknown) {
  const known = (item: unknown) => (TERM_ITEMS as readonly unknown[]).includes(item);
  if (value !== undefined && value !== true && !(Array.isArray(value) && value.every(known) && new Set(value).size === value.length)) {
    fail(path, `true or a list of distinct items among ${TERM_ITEMS.join(', ')}`);
  }
}

export function validateConfig(config: PluginConfig) {
  validateOverrides('', config);
  if (!isLocaleList(config.requiredLocales)) fail('requiredLocales', 'a non-empty list of supported locales');
  if (!isLocaleList(config.fallbackOrder)) fail('fallbackOrder', 'a non-empty list of supported locales');
  if (!isWholeNumber(config.timelineTtlMs, 60_000)) fail('timelineTtlMs', 'a whole number of milliseconds up to 60000');
  if (!isWholeNumber(config.maxAgeSeconds, 86_400)) fail('maxAgeSeconds', 'a whole number of seconds up to 86400');
  if (typeof config.fastRead !== 'boolean') fail('fastRead', 'true or false');
  if (typeof config.policies !== 'object' || config.policies === null || Array.isArray(config.policies)) {
    fail('policies', 'an object keyed by policy key');
  }
  for (const [key, overrides] of Object.entries(config.policies)) {
    validateOverrides(`policies.${key}`, overrides);
    validateConsentOptOut(`policies.${key}.consentOptOut`, overrides.consentOptOut);
  }
  validateLedgerConfig(config.ledger, fail);
}

export default {
  default: defaultConfig,
  validator: validateConfig,
};

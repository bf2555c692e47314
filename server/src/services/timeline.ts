import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentHash } from '../domain/hash';
import type { PolicyLocale } from '../../../shared/locales';
import { renderMarkdown } from '../domain/render';
import type { ConsentTermsDraft } from '../../../shared/consent-terms';
import type { PurposeRule } from '../domain/ledger/purposes';
import type { TimelineVersion } from '../domain/resolution';
import type { PolicyRecord } from '../repositories/policies';
import { releasesRepository } from '../repositories/releases';
import { LruCache } from '../utils/lru';
import { httpError } from '../utils/errors';
import { refreshAheadCache } from '../utils/refresh-ahead';
import type { PolicySettings } from './policies';
import { getConfig, getService } from '../utils/plugin';

/** A published (or withdrawn) version as the read side needs it: no bodies, they load per locale. */
export interface TimelineEntry extends TimelineVersion {
  policyKey: string;
  documentId: string;
  material: boolean;
  releasedAt: Date;
  /** Locales whose body is not empty; a reader asking for another one falls back. */
  locales: PolicyLocale[];
  titles: Partial<Record<PolicyLocale, string>>;
  changeSummaries: Partial<Record<PolicyLocale, string>>;
  /** Its consent terms, frozen at publication; null for a version published before terms existed. */
  consent: ConsentTermsDraft | null;
  /** The purposes of its consent terms, each required or not. */
  purposes: PurposeRule[];
}

export interface Timeline {
  policy: PolicyRecord;
  settings: PolicySettings;
  entries: TimelineEntry[];
}

export interface RenderedText {
  title: string;
  markdown: string;
  html: string;
  contentHash: string;
  changeSummary: string;
}

// Published texts never change, so their rendering is kept; the bound only caps memory.
const MAX_RENDERED = 512;

// Timelines kept, including those of unknown keys (null), so a flood of made-up keys cannot grow memory.
const MAX_TIMELINES = 1000;

// A server-side failure the reader can do nothing about, in Strapi's error shape, not an opaque 500.
const integrityError = (policy: string, version: number, locale: PolicyLocale) =>
  httpError(503, `Version ${version} of "${policy}" in "${locale}" failed its integrity check and is not served; the operator has been alerted.`, {
    policy,
    version,
    locale,
  });

/**
 * The read side's memory. A timeline is served only while its read began less than `timelineTtlMs` ago,
 * which bounds how long instances sharing a database disagree; this instance's own writes invalidate at once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const releases = releasesRepository(strapi);
  // Counted, not weighed: a rendering's size is known only once its promise settles.
  const rendered = new LruCache<Promise<RenderedText | null>>(MAX_RENDERED, MAX_RENDERED);
  const ttl = () => getConfig(strapi).timelineTtlMs;

  async function load(key: string): Promise<Timeline | null> {
    const policies = getService(strapi, 'policies');
    const policy: PolicyRecord | null = await policies.findByKey(key);
    if (!policy) return null;
    const entries = (await releases.findByPolicy(key)).map((release): TimelineEntry => {
      const locales = Object.keys(release.texts) as PolicyLocale[];
      return {
        policyKey: release.policyKey,
        documentId: release.versionDocumentId,
        version: release.version,
        effectiveAt: release.effectiveAt,
        withdrawnAt: release.withdrawnAt,
        material: release.material,
        releasedAt: release.releasedAt,
        locales: locales.filter((locale) => Boolean(release.texts[locale]?.contentHash)),
        titles: Object.fromEntries(locales.map((locale) => [locale, release.texts[locale]?.title ?? ''])),
        changeSummaries: Object.fromEntries(locales.map((locale) => [locale, release.texts[locale]?.changeSummary ?? ''])),
        consent: release.consent,
        purposes: (release.consent?.purposes ?? []).map((purpose) => ({ id: purpose.id, required: purpose.required })),
      };
    });
    return { policy, settings: policies.settings(policy), entries };
  }

  /**
   * Markdown and safe HTML of one published locale, rendered once per process. A text that no longer hashes
   * to the hash recorded at publication was changed below the plugin (raw SQL, a restore): it is never
   * served, and the alarm names it.
   */
  function text(entry: TimelineEntry, locale: PolicyLocale): Promise<RenderedText | null> {
    const { policyKey } = entry;
    const cacheKey = `${policyKey}:${entry.version}:${locale}`;
    let value = rendered.get(cacheKey);
    if (!value) {
      value = releases.findText(policyKey, entry.version, locale).then((stored) => {
        if (!stored || !stored.contentHash) return null;
        if (contentHash(stored.body) !== stored.contentHash) {
          strapi.log.error(
            `[policy-versions] INTEGRITY ALARM: version ${entry.version} of "${policyKey}" in "${locale}" no longer matches ` +
              `its content hash ${stored.contentHash}; it is not served until the stored text is restored.`
          );
          throw integrityError(policyKey, entry.version, locale);
        }
        return {
          title: stored.title,
          markdown: stored.body,
          html: renderMarkdown(stored.body),
          contentHash: stored.contentHash,
          changeSummary: stored.changeSummary,
        };
      });
      value.catch(() => rendered.delete(cacheKey));
      rendered.set(cacheKey, value, 1);
    }
    return value;
  }

  const timelines = refreshAheadCache({ load, ttlMs: ttl, maxEntries: MAX_TIMELINES });

  return {
    get: (key: string): Promise<Timeline | null> => timelines.get(key),

    /** The policy's timeline, or a 404 naming the key. */
    async require(key: string): Promise<Timeline> {
      const found = await timelines.get(key);
      if (!found) throw new errors.NotFoundError(`Policy "${key}" not found`, { policy: key });
      return found;
    },

    /** A published (or withdrawn) version by number, or a 404. */
    entry(found: Timeline, version: number): TimelineEntry {
      const entry = found.entries.find((candidate) => candidate.version === version);
      if (!entry) {
        throw new errors.NotFoundError(`Policy "${found.policy.key}" has no published version ${version}`, { policy: found.policy.key, version });
      }
      return entry;
    },

    invalidate: (key?: string) => timelines.invalidate(key),

    /** The rendered text of one locale of a version, or a 404. */
    async requireText(entry: TimelineEntry, locale: PolicyLocale): Promise<RenderedText> {
      const rendering = await text(entry, locale);
      if (!rendering) throw new errors.NotFoundError(`Version ${entry.version} has no text in "${locale}"`, { version: entry.version, locale });
      return rendering;
    },
  };
};

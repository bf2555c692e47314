import { KeyConfigError } from '../domain/evidence/errors';
import type { Ed25519Jwk } from '../domain/evidence/jwk';
import { loadKeyring, type Keyring } from '../domain/evidence/keys';
import type { IpMode } from '../domain/ledger/ip';
import type { ControllerInfo } from '../domain/ledger/receipt';
import { KZ_WORKING_CALENDAR } from '../domain/kz-holidays';
import type { WorkingCalendar } from '../domain/working-days';

/** A retired signing key: its public half only, kept so that what it signed still verifies. */
export interface RetiredKeyConfig {
  /** SPKI PEM, 32 bytes in base64url, a C2SP verifier key or a JWK (domain/evidence/keys.ts). */
  publicKey: string | Ed25519Jwk;
  /** When it stopped signing (ISO 8601); required. */
  retiredAt: string;
  createdAt?: string;
  name?: string;
}

/** The Ed25519 key that signs receipts; never stored in the database (domain/evidence/keys.ts). */
export interface SigningConfig {
  /** Key name (the log's origin), a schema-less URL such as example.kz/policy-versions. */
  name: string;
  /** PKCS#8 PEM or the 32-byte seed in base64url; defaults to the POLICY_VERSIONS_SIGNING_KEY environment variable. */
  privateKey?: string;
  createdAt?: string;
  retired: RetiredKeyConfig[];
}

/** When the log signs a checkpoint: after `every` new records, or `intervalSeconds` after the last one if records came since. */
export interface CheckpointConfig {
  every: number;
  intervalSeconds: number;
}

/** The witnesses each checkpoint is sent to once signed (docs/ledger.md, "Anchoring"). */
export interface AnchorsConfig {
  /** An RFC 3161 timestamp authority: its URL, and the CA certificates (PEM) its tokens must chain to. */
  tsa: { url: string; trustedCertificates?: string[]; timeoutMs?: number } | null;
  /** A file each checkpoint is appended to as one JSON line (a disk, a mount or a log shipper the operator does not control). */
  file: string | null;
}

export interface LedgerConfig {
  /** How the client IP is kept: IPv4 /24 and IPv6 /48 networks (`truncate`), as is (`full`), or not at all. */
  ip: IpMode;
  /**
   * Believe the last X-Forwarded-For entry, the one a single trusted reverse proxy appends. Off by default:
   * the socket's peer address is recorded, whatever Strapi's own `server.proxy` says, so a client cannot
   * write the IP that the evidence shows.
   */
  trustProxy: boolean;
  /** The data controller named in every consent receipt. */
  controller: ControllerInfo;
  /** Where a receipt says the accepted text can be read; `{policy}`, `{version}`, `{locale}` are filled in. */
  policyUrl: string;
  /** Largest accepted `metadata`, in bytes of its canonical JSON. */
  maxMetadataBytes: number;
  /**
   * Serve POST acceptances and GET status ahead of Strapi's middleware stack (middlewares/fast-ledger.ts). Off
   * by default, because such answers skip the app's own middlewares (logger, rate limits).
   */
  fastPath: boolean;
  /** How long the fast path keeps the outcome of an authentication per Authorization header; 0 keeps none. */
  authCacheMs: number;
  /**
   * Most events one subject may have for one policy: past it a new acceptance is a 429. A cap rather than a rate,
   * because it bounds what a subject's status, history and erasure read, and the storage one client can fill,
   * where a rate only slows the growth. Withdrawals are never refused (consent must stay withdrawable), so a
   * subject ends with at most one more; a repeated acceptance writes nothing and counts for nothing.
   */
  maxEventsPerSubject: number;
  /** The receipt signing key and the retired public keys. Without a key, receipts go out unsigned. */
  signing: SigningConfig;
  checkpoints: CheckpointConfig;
  anchors: AnchorsConfig;
  /**
   * Withdrawals as the operator must handle them: processing stops within `processingDays` working days of one
   * (15 reported for Law 94-V; see docs/legal-mapping.md), counted on `calendar` (Kazakhstan's by default).
   */
  withdrawals: { processingDays: number; calendar: WorkingCalendar };
}

export const defaultLedgerConfig: LedgerConfig = {
  ip: 'truncate',
  trustProxy: false,
  controller: { name: '', contact: '', country: 'KZ' },
  policyUrl: '/api/policy-versions/policies/{policy}/versions/{version}?locale={locale}',
  maxMetadataBytes: 4096,
  fastPath: false,
  authCacheMs: 1000,
  // Far above any real use (a few per version), low enough that no subject's history weighs on the database.
  maxEventsPerSubject: 1000,
  signing: { name: 'policy-versions', retired: [] },
  checkpoints: { every: 1000, intervalSeconds: 3600 },
  anchors: { tsa: null, file: null },
  withdrawals: { processingDays: 15, calendar: KZ_WORKING_CALENDAR },
};

export const isWholeNumber = (value: unknown, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

export function validateLedgerConfig(ledger: LedgerConfig, fail: (path: string, expected: string) => never) {
  if (typeof ledger !== 'object' || ledger === null) fail('ledger', 'an object');
  if (!['truncate', 'full', 'none'].includes(ledger.ip)) fail('ledger.ip', '"truncate", "full" or "none"');
  if (typeof ledger.trustProxy !== 'boolean') fail('ledger.trustProxy', 'true or false');
  const controller = ledger.controller;
  if (typeof controller !== 'object' || controller === null) fail('ledger.controller', 'an object');
  if (typeof controller.name !== 'string') fail('ledger.controller.name', 'a string');
  if (typeof controller.contact !== 'string') fail('ledger.controller.contact', 'a string');
  if (controller.address !== undefined && typeof controller.address !== 'string') fail('ledger.controller.address', 'a string');
  if (typeof controller.country !== 'string' || !/^[A-Z]{2}$/.test(controller.country)) {
    fail('ledger.controller.country', 'an ISO 3166-1 alpha-2 code such as KZ');
  }
  if (typeof ledger.policyUrl !== 'string' || ledger.policyUrl.length > 2048) fail('ledger.policyUrl', 'a URL template string');
  if (!isWholeNumber(ledger.maxMetadataBytes, 65_536)) fail('ledger.maxMetadataBytes', 'a whole number of bytes from 0 to 65536');
  if (typeof ledger.fastPath !== 'boolean') fail('ledger.fastPath', 'true or false');
  if (!isWholeNumber(ledger.authCacheMs, 60_000)) fail('ledger.authCacheMs', 'a whole number of milliseconds from 0 to 60000');
  if (!isWholeNumber(ledger.maxEventsPerSubject, 1_000_000) || ledger.maxEventsPerSubject < 1) {
    fail('ledger.maxEventsPerSubject', 'a whole number of events from 1 to 1000000');
  }
  validateSigningConfig(ledger.signing, fail);
  const { checkpoints, anchors } = ledger;
  if (typeof checkpoints !== 'object' || checkpoints === null) fail('ledger.checkpoints', 'an object');
  if (!isWholeNumber(checkpoints.every, 10_000_000) || checkpoints.every < 1) fail('ledger.checkpoints.every', 'a whole number of records from 1');
  if (!isWholeNumber(checkpoints.intervalSeconds, 31_536_000) || checkpoints.intervalSeconds < 1) {
    fail('ledger.checkpoints.intervalSeconds', 'a whole number of seconds from 1');
  }
  if (typeof anchors !== 'object' || anchors === null) fail('ledger.anchors', 'an object');
  if (anchors.tsa !== null) {
    if (typeof anchors.tsa !== 'object' || typeof anchors.tsa.url !== 'string' || !/^https?:\/\//.test(anchors.tsa.url)) {
      fail('ledger.anchors.tsa', 'null or { url: "https://…" }');
    }
    const trusted = anchors.tsa.trustedCertificates;
    if (trusted !== undefined && (!Array.isArray(trusted) || !trusted.every((pem) => typeof pem === 'string'))) {
      fail('ledger.anchors.tsa.trustedCertificates', 'a list of PEM certificates');
    }
    if (anchors.tsa.timeoutMs !== undefined && !isWholeNumber(anchors.tsa.timeoutMs, 120_000)) fail('ledger.anchors.tsa.timeoutMs', 'milliseconds up to 120000');
  }
  if (anchors.file !== null && typeof anchors.file !== 'string') fail('ledger.anchors.file', 'null or a file path');
  const { withdrawals } = ledger;
  if (typeof withdrawals !== 'object' || withdrawals === null) fail('ledger.withdrawals', 'an object');
  if (!isWholeNumber(withdrawals.processingDays, 365) || withdrawals.processingDays < 1) {
    fail('ledger.withdrawals.processingDays', 'a whole number of working days from 1 to 365');
  }
  const { calendar } = withdrawals;
  const dates = (list: unknown) => Array.isArray(list) && list.every((date) => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date));
  if (typeof calendar !== 'object' || calendar === null || !dates(calendar.holidays)) {
    fail('ledger.withdrawals.calendar.holidays', 'a list of YYYY-MM-DD dates');
  }
  if (calendar.workingWeekends !== undefined && !dates(calendar.workingWeekends)) fail('ledger.withdrawals.calendar.workingWeekends', 'a list of YYYY-MM-DD dates');
  if (calendar.weekend !== undefined && !(Array.isArray(calendar.weekend) && calendar.weekend.every((day) => isWholeNumber(day, 6)))) {
    fail('ledger.withdrawals.calendar.weekend', 'a list of days of the week, 0 (Sunday) to 6');
  }
  if (calendar.utcOffset !== undefined && !/^[+-]\d{2}:\d{2}$/.test(calendar.utcOffset)) fail('ledger.withdrawals.calendar.utcOffset', 'an offset such as +05:00');
}

/** The environment variable the current signing key is read from when the config gives none. */
export const SIGNING_KEY_ENV = 'POLICY_VERSIONS_SIGNING_KEY';

/**
 * The keyring the signing config describes, or null when no current key is given (receipts go out unsigned).
 * A blank value counts as absent, so a deployment can pass an unset variable through `env()`.
 */
export function keyringOf(signing: SigningConfig): Keyring | null {
  const privateKey = signing.privateKey?.trim() || process.env[SIGNING_KEY_ENV]?.trim();
  if (!privateKey) return null;
  try {
    return loadKeyring({
      name: signing.name,
      current: { privateKey, createdAt: signing.createdAt },
      retired: signing.retired,
    });
  } catch (error) {
    if (!(error instanceof KeyConfigError)) throw error;
    // The key itself never appears in the message: keys.ts names what is wrong, not the value.
    throw new Error(`policy-versions config: "ledger.signing" (or ${SIGNING_KEY_ENV}): ${error.message}`);
  }
}

function validateSigningConfig(signing: SigningConfig, fail: (path: string, expected: string) => never) {
  if (typeof signing !== 'object' || signing === null) fail('ledger.signing', 'an object');
  if (typeof signing.name !== 'string') fail('ledger.signing.name', 'a key name such as example.kz/policy-versions');
  if (signing.privateKey !== undefined && typeof signing.privateKey !== 'string') {
    fail('ledger.signing.privateKey', 'a PKCS#8 PEM or a 32-byte seed in base64url');
  }
  if (!Array.isArray(signing.retired)) fail('ledger.signing.retired', 'a list of { publicKey, retiredAt }');
  keyringOf(signing);
}

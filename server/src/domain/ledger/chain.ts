import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { StoredRecord } from './types';
import type { TextMismatch } from './texts';

/*
 * The chain, and why erasure does not break it.
 *
 * Every record's `hash` is SHA-256 over the canonical JSON of its evidential fields and the previous
 * record's hash, so changing, removing or reordering any record breaks every later link.
 *
 * The fields that identify a person (subject, IP, user agent, metadata, and the representative who gave the
 * consent for them) are not hashed as they are.
 * The hash covers `identityDigest` = SHA-256(canonical { salt, subject, ip, userAgent, metadata[, givenBy] }), where
 * the salt is 16 random bytes of this record alone. While a record is intact, a verifier recomputes the
 * digest from the stored values and salt, so the identifying fields are as tamper-evident as the rest.
 * Erasure blanks those fields and deletes the salt, but keeps the digest: the chain still verifies for
 * everyone, and nobody can recover or confirm the erased values, because without the random salt a
 * guess at a (short, guessable) user id cannot be tested against the digest.
 */

export const CHAIN_VERSION = 1;
export const ERASED_PREFIX = 'erased:';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const newSalt = () => randomBytes(16).toString('hex');

export interface Identity {
  subject: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: string | null;
  givenBy: string | null;
}

/*
 * Fields added after the first records were written (`givenBy` in the digest, `purposes` in the hash) are hashed
 * only when they hold a value, so every record written before them keeps its hash, and the hash of one written
 * after them still covers them.
 */
const whenSet = <K extends string>(name: K, value: string | null | undefined) => (value == null ? {} : { [name]: value });

export const identityDigest = (salt: string, identity: Identity) =>
  sha256(
    canonicalJson({
      salt,
      subject: identity.subject,
      ip: identity.ip,
      userAgent: identity.userAgent,
      metadata: identity.metadata,
      ...whenSet('givenBy', identity.givenBy),
    })
  );

type Hashed = Omit<StoredRecord, 'subject' | 'ip' | 'userAgent' | 'metadata' | 'givenBy' | 'identitySalt' | 'hash'>;

export const recordHash = (record: Hashed) =>
  sha256(
    canonicalJson({
      v: CHAIN_VERSION,
      seq: record.seq,
      id: record.id,
      policy: record.policy,
      version: record.version,
      locale: record.locale,
      contentHash: record.contentHash,
      event: record.event,
      recordedAt: record.recordedAt,
      acceptLanguage: record.acceptLanguage,
      source: record.source,
      ...whenSet('purposes', record.purposes),
      identityDigest: record.identityDigest,
      prevHash: record.prevHash,
    })
  );

export interface ChainHead {
  seq: number;
  hash: string | null;
}

export type Unsealed = Omit<StoredRecord, 'seq' | 'identitySalt' | 'identityDigest' | 'prevHash' | 'hash'>;

/** Links a new record after `head`: its position, salt, identity digest, previous hash and own hash. */
export function seal(record: Unsealed, head: ChainHead): StoredRecord {
  const identitySalt = newSalt();
  const sealed = {
    ...record,
    seq: head.seq + 1,
    identitySalt,
    identityDigest: identityDigest(identitySalt, record),
    prevHash: head.hash,
  };
  return { ...sealed, hash: recordHash(sealed) };
}

export type BreakReason =
  | 'missing-record'
  | 'duplicate-record'
  | 'prev-hash-mismatch'
  | 'hash-mismatch'
  | 'identity-mismatch'
  | 'bad-erasure'
  | 'erasure-mismatch'
  | HeadProblem;

/**
 * How the stored head disagrees with the last stored record: no head row (`head-missing`), records past the
 * head (`head-behind`, a head rolled back), or a head at another record or past the last one (`head-mismatch`,
 * the tail was cut off).
 */
export type HeadProblem = 'head-missing' | 'head-behind' | 'head-mismatch';

export interface ChainBreak {
  id: string | null;
  position: number;
  reason: BreakReason;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  firstBroken: ChainBreak | null;
  /** Checked against the database's releases only (not for an export on its own): accepted texts they no longer hold. */
  mismatchedTexts?: TextMismatch[];
}

const EMPTY_CHAIN: ChainHead = { seq: 0, hash: null };

/** Whether `head` names `last`, the record with the highest position (null: there is none). */
export function headProblem(head: ChainHead | null, last: ChainHead | null): HeadProblem | null {
  if (!head) return 'head-missing';
  const end = last ?? EMPTY_CHAIN;
  if (end.seq > head.seq) return 'head-behind';
  return end.seq === head.seq && end.hash === head.hash ? null : 'head-mismatch';
}

/** What the transparency log's check adds to a verification (domain/evidence/log-verify.ts). */
interface LogOutcome {
  checkpoints: number;
  problem: { reason: string; detail: string } | null;
}

/** One line for people: "all N records (and K checkpoints) verify", or the first broken or missing link. */
export function describeVerification({ ok, count, firstBroken, mismatchedTexts = [], log }: VerifyResult & { log?: LogOutcome }): string {
  const verified = log ? `all ${count} records and ${log.checkpoints} checkpoints verify` : `all ${count} records verify`;
  if (ok) return verified;
  if (!firstBroken) {
    if (log?.problem) return `the transparency log fails: ${log.problem.reason}: ${log.problem.detail}`;
    const texts = mismatchedTexts.map((text) => `"${text.policy}" v${text.version} ${text.locale}`).join(', ');
    return `${verified}, but accepted texts no longer match their release: ${texts}`;
  }
  const link = firstBroken;
  const record = link.id === null ? `position ${link.position}` : `record ${link.id} at position ${link.position}`;
  return `the chain breaks at ${record}: ${link.reason} (${count} records read)`;
}

/**
 * Checks records fed in position order, one at a time, so a chain of any length verifies in constant
 * memory. `finish` compares the end with a head, which catches a cut-off tail; `finishStored` also requires
 * the database's head row to exist and to have caught up with every record.
 */
export function createVerifier() {
  let expected: ChainHead = EMPTY_CHAIN;
  let count = 0;
  let firstBroken: ChainBreak | null = null;
  // Erased records by pseudonym, until their erasure event comes and says how many it erased.
  const erased = new Map<string, { count: number; first: StoredRecord }>();
  const closed = new Set<string>();

  /** Every pseudonymised record must be accounted for by the erasure event that follows it, and only by it. */
  const checkErasure = (record: StoredRecord): ChainBreak | null => {
    const at = (reason: BreakReason, of = record): ChainBreak => ({ id: of.id, position: of.seq, reason });
    if (record.event === 'erased') {
      const pseudonym = `${ERASED_PREFIX}${record.id}`;
      const stated = record.metadata === null ? null : (JSON.parse(record.metadata) as { erasedRecords?: unknown }).erasedRecords;
      const found = erased.get(pseudonym)?.count ?? 0;
      erased.delete(pseudonym);
      closed.add(pseudonym);
      return stated === found ? null : at('erasure-mismatch');
    }
    if (record.subject?.startsWith(ERASED_PREFIX)) {
      if (closed.has(record.subject)) return at('erasure-mismatch');
      const entry = erased.get(record.subject) ?? { count: 0, first: record };
      entry.count += 1;
      erased.set(record.subject, entry);
    }
    return null;
  };

  const check = (record: StoredRecord): ChainBreak | null => {
    const at = (reason: BreakReason): ChainBreak => ({ id: record.id, position: expected.seq + 1, reason });
    // Fed in position order, a record not past the previous one repeats its position.
    if (count > 1 && record.seq <= expected.seq) return { id: record.id, position: record.seq, reason: 'duplicate-record' };
    if (record.seq !== expected.seq + 1) return at('missing-record');
    if (record.prevHash !== expected.hash) return at('prev-hash-mismatch');
    if (recordHash(record) !== record.hash) return at('hash-mismatch');
    if (record.identitySalt !== null) {
      if (identityDigest(record.identitySalt, record) !== record.identityDigest) return at('identity-mismatch');
    } else if (
      !record.subject?.startsWith(ERASED_PREFIX) ||
      record.ip !== null ||
      record.userAgent !== null ||
      record.metadata !== null ||
      record.givenBy !== null
    ) {
      // Only erasure removes a salt, and it always blanks the fields with it.
      return at('bad-erasure');
    }
    return checkErasure(record);
  };

  const result = (): VerifyResult => ({ ok: firstBroken === null, count, firstBroken });
  const endAt = (problem: HeadProblem | null) => {
    // Records pseudonymised with no erasure event after them: someone blanked them by hand.
    const [unaccounted] = erased.values();
    if (!firstBroken && unaccounted) firstBroken = { id: unaccounted.first.id, position: unaccounted.first.seq, reason: 'erasure-mismatch' };
    if (!firstBroken && problem) firstBroken = { id: null, position: expected.seq + 1, reason: problem };
    return result();
  };

  return {
    push(record: StoredRecord) {
      count += 1;
      if (firstBroken) return;
      firstBroken = check(record);
      // After a gap, keep following the records that are there, so one break is reported, not all after it.
      expected = { seq: record.seq, hash: record.hash };
    },
    /** For records from elsewhere (an export): compares the end with `head` when one is given. */
    finish(head: ChainHead | null): VerifyResult {
      return endAt(head && headProblem(head, expected));
    },
    /**
     * For the database: `head` is its head row as the walk began (null when missing), `beyond` the first record
     * past that head which the head, read again after it, still did not reach (a head left behind).
     */
    finishStored(head: ChainHead | null, beyond: StoredRecord | null): VerifyResult {
      if (!firstBroken && head && beyond) firstBroken = { id: beyond.id, position: beyond.seq, reason: 'head-behind' };
      return endAt(headProblem(head, expected));
    },
  };
}

import { createHash, type KeyObject } from 'node:crypto';
import { LEDGER_EVENTS } from '../../../../shared/ledger-events';
import { contentHash } from '../hash';
import { canonicalJson } from '../ledger/canonical';
import { ERASED_PREFIX, identityDigest, recordHash } from '../ledger/chain';
import type { StoredRecord } from '../ledger/types';
import { openCheckpoint, type Checkpoint } from './checkpoint';
import { decodeBase64 } from './encoding';
import { publicKeyFromJwk, rawPublicKey } from './jwk';
import { decodeJws, verifyJws } from './jws';
import { parseHash, recordLeafHash, verifyConsistency, verifyInclusion, type Hash } from './merkle';
import { parseVerifierKey, type NoteVerifier } from './note';
import { EVIDENCE_PACK_FORMAT, type EvidencePack, type PackCheckpoint, type PackEntry } from './pack';
import { verifyTimestampToken } from './timestamp';

/*
 * The offline verifier of an evidence pack (pack.ts): it recomputes every claim the pack makes from the pack alone
 * and reports, in plain words, what was established (`proves`), what is wrong (`problems`) and what a reader
 * should know (`notes`: things that are neither proof nor failure, such as keys the pack brings itself).
 *
 * It is pure (node:crypto and the evidence modules; no Strapi), never throws on bad input, and fails closed: a
 * pack whose structure is not the documented one is rejected before any of it is used.
 */

export interface PackReport {
  ok: boolean;
  problems: string[];
  notes: string[];
  proves: string[];
  summary: string;
}

export interface VerifyPackOptions {
  /**
   * C2SP verifier keys (`<name>+<key ID>+<base64>`) obtained independently of the pack, e.g. published by the
   * operator or a regulator. With them, checkpoints must be signed, and receipts signed, by one of these keys.
   */
  trustedVerifierKeys?: string[];
}

const RECEIPT_TYP = 'consent-receipt+jws';
const HEX64 = /^[0-9a-f]{64}$/;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

// ---------------------------------------------------------------------------------------------------------------
// Structure, by hand: every field the checks below read, with its type.

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';

class Shape {
  readonly problems: string[] = [];

  private fail(path: string, expected: string, value: unknown) {
    const got = value === undefined ? 'missing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    this.problems.push(`malformed pack: ${path} must be ${expected} (it is ${got})`);
  }

  object(value: unknown, path: string): value is Obj {
    if (isObject(value)) return true;
    this.fail(path, 'an object', value);
    return false;
  }

  array(value: unknown, path: string): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.fail(path, 'an array', value);
    return false;
  }

  string(value: unknown, path: string, nullable = false) {
    if (typeof value === 'string' || (nullable && value === null)) return true;
    this.fail(path, nullable ? 'a string or null' : 'a string', value);
    return false;
  }

  index(value: unknown, path: string, nullable = false) {
    if (isIndex(value) || (nullable && value === null)) return true;
    this.fail(path, nullable ? 'a non-negative integer or null' : 'a non-negative integer', value);
    return false;
  }

  hex(value: unknown, path: string, nullable = false) {
    if ((typeof value === 'string' && HEX64.test(value)) || (nullable && value === null)) return true;
    this.fail(path, `64 lowercase hex digits${nullable ? ' or null' : ''}`, value);
    return false;
  }

  strings(value: unknown, path: string, hex = false) {
    if (!this.array(value, path)) return;
    value.forEach((item, i) => (hex ? this.hex(item, `${path}[${i}]`) : this.string(item, `${path}[${i}]`)));
  }

  timestamp(value: unknown, path: string) {
    if (value === null) return;
    if (!this.object(value, path)) return;
    this.string(value.tsa, `${path}.tsa`);
    this.string(value.token, `${path}.token`);
    this.string(value.genTime, `${path}.genTime`);
  }

  checkpoint(value: unknown, path: string, earlier: boolean) {
    if (!this.object(value, path)) return;
    this.index(value.treeSize, `${path}.treeSize`);
    this.hex(value.rootHash, `${path}.rootHash`);
    this.string(value.note, `${path}.note`);
    this.string(value.signedAt, `${path}.signedAt`);
    this.timestamp(value.timestamp, `${path}.timestamp`);
    if (earlier) this.strings(value.consistency, `${path}.consistency`, true);
  }

  record(value: unknown, path: string) {
    if (!this.object(value, path)) return;
    if (!(Number.isSafeInteger(value.seq) && (value.seq as number) >= 1)) this.fail(`${path}.seq`, 'a positive integer', value.seq);
    this.string(value.id, `${path}.id`);
    for (const field of ['subject', 'policy', 'locale', 'contentHash', 'ip', 'userAgent', 'acceptLanguage', 'source', 'metadata', 'purposes', 'givenBy', 'identitySalt'])
      this.string(value[field], `${path}.${field}`, true);
    if (!(value.version === null || Number.isSafeInteger(value.version)))
      this.fail(`${path}.version`, 'an integer or null', value.version);
    if (!(LEDGER_EVENTS as readonly unknown[]).includes(value.event))
      this.problems.push(`malformed pack: ${path}.event must be one of ${LEDGER_EVENTS.join(', ')} (it is ${JSON.stringify(value.event)})`);
    this.string(value.recordedAt, `${path}.recordedAt`);
    this.hex(value.identityDigest, `${path}.identityDigest`);
    this.hex(value.prevHash, `${path}.prevHash`, true);
    this.hex(value.hash, `${path}.hash`);
  }

  entry(value: unknown, path: string) {
    if (!this.object(value, path)) return;
    this.record(value.record, `${path}.record`);
    if (!(value.receipt === null || isObject(value.receipt))) this.fail(`${path}.receipt`, 'an object or null', value.receipt);
    this.string(value.receiptJws, `${path}.receiptJws`, true);
    if (this.object(value.inclusion, `${path}.inclusion`)) {
      this.index(value.inclusion.leafIndex, `${path}.inclusion.leafIndex`);
      this.index(value.inclusion.treeSize, `${path}.inclusion.treeSize`);
      this.strings(value.inclusion.hashes, `${path}.inclusion.hashes`, true);
    }
    this.index(value.firstAnchoredIn, `${path}.firstAnchoredIn`, true);
  }

  text(value: unknown, path: string) {
    if (!this.object(value, path)) return;
    for (const field of ['policy', 'locale', 'title', 'contentHash', 'markdown', 'effectiveAt'])
      this.string(value[field], `${path}.${field}`);
    if (!Number.isSafeInteger(value.version)) this.fail(`${path}.version`, 'an integer', value.version);
  }

  pack(value: unknown): value is EvidencePack {
    if (!this.object(value, 'the pack')) return false;
    if (value.format !== EVIDENCE_PACK_FORMAT) {
      this.problems.push(
        `not an evidence pack of this format: format is ${JSON.stringify(value.format) ?? 'missing'}, expected ${JSON.stringify(EVIDENCE_PACK_FORMAT)}`
      );
      return false;
    }
    this.string(value.generatedAt, 'generatedAt');
    this.string(value.subject, 'subject');
    if (this.object(value.log, 'log')) {
      this.string(value.log.origin, 'log.origin');
      this.strings(value.log.verifierKeys, 'log.verifierKeys');
      if (this.array(value.log.keys, 'log.keys')) value.log.keys.forEach((key, i) => this.object(key, `log.keys[${i}]`));
    }
    this.checkpoint(value.checkpoint, 'checkpoint', false);
    if (this.array(value.earlierCheckpoints, 'earlierCheckpoints'))
      value.earlierCheckpoints.forEach((c, i) => this.checkpoint(c, `earlierCheckpoints[${i}]`, true));
    if (this.array(value.entries, 'entries')) value.entries.forEach((e, i) => this.entry(e, `entries[${i}]`));
    if (this.array(value.texts, 'texts')) value.texts.forEach((t, i) => this.text(t, `texts[${i}]`));
    if (this.object(value.controller, 'controller')) {
      this.string(value.controller.name, 'controller.name');
      this.string(value.controller.contact, 'controller.contact');
      this.string(value.controller.country, 'controller.country');
      if (value.controller.address !== undefined) this.string(value.controller.address, 'controller.address');
    }
    return this.problems.length === 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------

const describeRecord = (r: StoredRecord) =>
  r.event === 'published' || r.event === 'accepted' || r.event === 'withdrawn'
    ? `${r.event} "${r.policy}" v${r.version} in ${r.locale}, ${r.recordedAt}`
    : `${r.event}${r.policy ? ` "${r.policy}"` : ''}, ${r.recordedAt}`;

const textLabel = (t: { policy: string | null; version: number | null; locale: string | null }) =>
  `"${t.policy}" v${t.version} in ${t.locale}`;

/** A checkpoint as verified: who signed it and, when it is timestamped and the token verifies, by whom and when. */
interface VerifiedCheckpoint {
  treeSize: number;
  root: Hash;
  signedBy: string;
  signedAt: string;
  stamp: { tsa: string; genTime: string } | null;
}

function describeCheckpoint(c: VerifiedCheckpoint) {
  const stamp = c.stamp ? ` and timestamped by ${c.stamp.tsa} at ${c.stamp.genTime}` : '';
  return `the tree of ${c.treeSize} entries signed by key ${c.signedBy} at ${c.signedAt}${stamp}`;
}

class Verifier {
  readonly problems: string[] = [];
  readonly notes: string[] = [];
  readonly proves: string[] = [];

  private packVerifiers: NoteVerifier[] = [];
  private trusted: NoteVerifier[] | null = null;

  constructor(
    private readonly pack: EvidencePack,
    private readonly options: VerifyPackOptions
  ) {}

  run() {
    this.loadKeys();
    const final = this.checkCheckpoint(this.pack.checkpoint, 'the pack checkpoint');
    const earlier = this.checkEarlier(final);
    const anchors = [...earlier, ...(final ? [final] : [])];
    const entryOk = this.checkEntries(final, anchors);
    this.checkErasure();
    this.checkTexts(entryOk);
  }

  /**
   * For an erased subject (the pack names them by `erased:<id of the erasure event>`): the erasure event is in the
   * pack, after every pseudonymised record, and the number of records it says it erased is the number the pack
   * holds, so none of the subject's records was left out.
   */
  private checkErasure() {
    const { subject, entries } = this.pack;
    if (!subject.startsWith(ERASED_PREFIX)) return;
    const id = subject.slice(ERASED_PREFIX.length);
    const event = entries.find((e) => e.record.event === 'erased' && e.record.id === id)?.record;
    if (!event) {
      this.problems.push(`the subject is erased (${subject}), but the pack holds no erasure event with id ${id}`);
      return;
    }
    if (event.subject !== subject) this.problems.push(`the erasure event ${id} names subject ${JSON.stringify(event.subject)}, not ${subject}`);
    const pseudonymised = entries.filter((e) => e.record !== event && e.record.subject === subject).map((e) => e.record);
    const late = pseudonymised.filter((r) => r.seq > event.seq);
    if (late.length > 0)
      this.problems.push(`records ${late.map((r) => r.id).join(', ')} carry the pseudonym ${subject} but come after the erasure event`);
    let stated: unknown = null;
    try {
      stated = event.metadata === null ? null : (JSON.parse(event.metadata) as { erasedRecords?: unknown }).erasedRecords;
    } catch {
      stated = null;
    }
    if (stated !== pseudonymised.length) {
      this.problems.push(
        `the erasure event ${id} says it erased ${JSON.stringify(stated)} records, the pack holds ${pseudonymised.length} of them`
      );
      return;
    }
    this.proves.push(`the subject's ${pseudonymised.length} records were erased by the erasure event ${id} at ${event.recordedAt}; the pack holds every one of them`);
  }

  // --- keys ---------------------------------------------------------------------------------------------------

  private loadKeys() {
    const { log } = this.pack;
    log.verifierKeys.forEach((vkey, i) => {
      try {
        this.packVerifiers.push(parseVerifierKey(vkey));
      } catch (error) {
        this.problems.push(`log.verifierKeys[${i}] is not a usable verifier key: ${message(error)}`);
      }
    });
    if (log.verifierKeys.length === 0) this.problems.push('the pack lists no verifier keys (log.verifierKeys is empty)');
    // The JWKs are the same keys as the verifier keys: a pack whose two lists disagree contradicts itself.
    const jwkKeys: Buffer[] = [];
    log.keys.forEach((jwk, i) => {
      try {
        jwkKeys.push(rawPublicKey(publicKeyFromJwk(jwk)));
      } catch (error) {
        this.problems.push(`log.keys[${i}] is not a usable Ed25519 JWK: ${message(error)}`);
      }
    });
    for (const verifier of this.packVerifiers) {
      const raw = rawPublicKey(verifier.publicKey);
      if (!jwkKeys.some((key) => key.equals(raw)))
        this.problems.push(`verifier key ${verifier.name}+${verifier.keyId.toString('hex')} has no JWK among log.keys`);
    }
    const given = this.options.trustedVerifierKeys;
    if (given && given.length > 0) {
      this.trusted = [];
      given.forEach((vkey, i) => {
        try {
          this.trusted?.push(parseVerifierKey(vkey));
        } catch (error) {
          this.problems.push(`trusted key ${i + 1} is not a usable verifier key: ${message(error)}`);
        }
      });
    } else {
      this.notes.push(
        `no independently obtained keys were given: the checkpoints and receipts were checked with the keys the pack itself carries (${log.verifierKeys.join(', ')}); compare them with the keys the operator publishes, or pass them with --key`
      );
    }
  }

  private get checkpointVerifiers(): NoteVerifier[] {
    return this.trusted ?? this.packVerifiers;
  }

  private isTrustedKey(key: KeyObject) {
    if (!this.trusted) return true;
    const raw = rawPublicKey(key);
    return this.trusted.some((v) => rawPublicKey(v.publicKey).equals(raw));
  }

  // --- checkpoints --------------------------------------------------------------------------------------------

  /** Opens one checkpoint of the pack: signature, origin, size and root as stated, Timestamp line, RFC 3161 token. */
  private checkCheckpoint(stated: PackCheckpoint, what: string): VerifiedCheckpoint | null {
    const origin = this.pack.log.origin;
    let opened: { checkpoint: Checkpoint; signedBy: string };
    try {
      const { checkpoint, verified } = openCheckpoint(stated.note, this.checkpointVerifiers, origin);
      opened = { checkpoint, signedBy: `${verified[0].name}+${verified[0].keyId.toString('hex')}` };
    } catch (error) {
      const by = this.trusted ? 'the trusted keys' : "the pack's keys";
      this.problems.push(`${what} (tree size ${stated.treeSize}) does not verify with ${by}: ${message(error)}`);
      return null;
    }
    const { checkpoint } = opened;
    let ok = true;
    if (checkpoint.treeSize !== stated.treeSize) {
      this.problems.push(`${what}: its signed note is of tree size ${checkpoint.treeSize}, the pack says ${stated.treeSize}`);
      ok = false;
    }
    if (checkpoint.rootHash.toString('hex') !== stated.rootHash) {
      this.problems.push(`${what}: its signed root hash ${checkpoint.rootHash.toString('hex')} is not the pack's rootHash ${stated.rootHash}`);
      ok = false;
    }
    const stamps = checkpoint.extensions.filter((line) => line.startsWith('Timestamp: '));
    if (stamps.length !== 1 || stamps[0] !== `Timestamp: ${stated.signedAt}`) {
      this.problems.push(
        `${what}: its signed note should carry one "Timestamp: ${stated.signedAt}" line (signedAt), it has ${stamps.length ? JSON.stringify(stamps) : 'none'}`
      );
      ok = false;
    }
    const stamp = this.checkTimestamp(stated, what);
    if (stamp === false) ok = false;
    if (!ok) return null;
    return {
      treeSize: checkpoint.treeSize,
      root: checkpoint.rootHash,
      signedBy: opened.signedBy,
      signedAt: stated.signedAt,
      stamp: stamp || null,
    };
  }

  /** The RFC 3161 token over the signed note; null when there is none, false when it does not verify. */
  private checkTimestamp(stated: PackCheckpoint, what: string): { tsa: string; genTime: string } | null | false {
    if (stated.timestamp === null) {
      this.notes.push(`${what} (tree size ${stated.treeSize}) is not timestamped: its time rests on the log's signature alone`);
      return null;
    }
    const token = decodeBase64(stated.timestamp.token);
    if (!token) {
      this.problems.push(`${what}: the timestamp token is not canonical base64`);
      return false;
    }
    try {
      const info = verifyTimestampToken(token, sha256(Buffer.from(stated.note, 'utf8')));
      const genTime = info.genTime.toISOString();
      if (Date.parse(stated.timestamp.genTime) !== info.genTime.getTime()) {
        this.problems.push(`${what}: the pack says the timestamp's genTime is ${stated.timestamp.genTime}, the token says ${genTime}`);
        return false;
      }
      const signedAt = Date.parse(stated.signedAt);
      if (Number.isFinite(signedAt) && info.genTime.getTime() < signedAt - 5 * 60_000)
        this.notes.push(`${what}: the timestamp (${genTime}) is before the checkpoint's signedAt (${stated.signedAt})`);
      this.notes.push(
        `${what}: the TSA certificate (${info.tsa}, SHA-256 ${info.certificateSha256}) was not checked against a trusted root; compare it with the authority's published certificate`
      );
      return { tsa: `${info.tsa} (${stated.timestamp.tsa})`, genTime };
    } catch (error) {
      this.problems.push(`${what}: the timestamp token does not verify over the signed note: ${message(error)}`);
      return false;
    }
  }

  private checkEarlier(final: VerifiedCheckpoint | null): VerifiedCheckpoint[] {
    const verified: VerifiedCheckpoint[] = [];
    let previous = 0;
    this.pack.earlierCheckpoints.forEach((stated, i) => {
      const what = `earlier checkpoint ${i + 1}`;
      if (stated.treeSize < previous) this.problems.push(`${what}: earlier checkpoints are not oldest first`);
      previous = stated.treeSize;
      if (stated.treeSize > this.pack.checkpoint.treeSize) {
        this.problems.push(`${what} (tree size ${stated.treeSize}) is larger than the pack checkpoint (${this.pack.checkpoint.treeSize})`);
        return;
      }
      const checkpoint = this.checkCheckpoint(stated, what);
      if (!checkpoint || !final) return;
      const consistent = verifyConsistency({
        fromSize: checkpoint.treeSize,
        toSize: final.treeSize,
        fromRoot: checkpoint.root,
        toRoot: final.root,
        proof: stated.consistency.map(parseHash),
      });
      if (!consistent) {
        this.problems.push(
          `${what} (tree size ${checkpoint.treeSize}): the consistency proof to the pack checkpoint (tree size ${final.treeSize}) does not verify`
        );
        return;
      }
      this.proves.push(
        `${describeCheckpoint(checkpoint)} is a prefix of ${describeCheckpoint(final)}: between them the log was only appended to`
      );
      verified.push(checkpoint);
    });
    return verified;
  }

  // --- entries ------------------------------------------------------------------------------------------------

  /** Checks each entry; returns the ids of records whose every check passed. */
  private checkEntries(final: VerifiedCheckpoint | null, anchors: VerifiedCheckpoint[]): Set<string> {
    const ok = new Set<string>();
    const { entries } = this.pack;
    if (entries.length === 0) this.problems.push('the pack holds no entries');
    const ids = new Set<string>();
    let last: StoredRecord | null = null;
    for (const entry of entries) {
      const record = entry.record;
      const where = `record ${record.id} (seq ${record.seq})`;
      const before = this.problems.length;
      if (ids.has(record.id)) this.problems.push(`${where} is in the pack twice`);
      ids.add(record.id);
      if (last && record.seq <= last.seq) this.problems.push(`${where}: entries are not in log order`);
      if (last && record.seq === last.seq + 1 && record.prevHash !== last.hash)
        this.problems.push(`${where}: its prevHash is not the hash of record ${last.id}, the one before it`);
      last = record;

      if (record.subject !== null && record.subject !== this.pack.subject)
        this.problems.push(`${where} is about subject ${JSON.stringify(record.subject)}, not the pack's subject ${JSON.stringify(this.pack.subject)}`);
      if (record.subject === null && record.event !== 'published')
        this.notes.push(`${where} is a log event (${record.event}) other than a publication`);

      if (recordHash(record) !== record.hash)
        this.problems.push(`${where}: its fields do not hash to its record hash (a field was edited)`);
      this.checkIdentity(record, where);
      this.checkInclusion(entry, where, final);
      const receipt = this.checkReceipt(entry, where);
      const anchor = this.checkAnchor(entry, where, anchors);

      if (this.problems.length === before && final) {
        ok.add(record.id);
        const existed =
          anchor && anchor !== final && anchor.stamp
            ? `; it was already in ${describeCheckpoint(anchor)}, so it existed no later than ${anchor.stamp.genTime}`
            : '';
        this.proves.push(
          `record ${record.id} (${describeRecord(record)}) is entry ${record.seq - 1} of log ${this.pack.log.origin}; it is in ${describeCheckpoint(final)}${existed}`
        );
        if (receipt) this.proves.push(receipt);
      }
    }
    return ok;
  }

  private checkIdentity(record: StoredRecord, where: string) {
    if (record.identitySalt === null) {
      const erased =
        record.subject !== null &&
        record.subject.startsWith(ERASED_PREFIX) &&
        record.ip === null &&
        record.userAgent === null &&
        record.metadata === null &&
        record.givenBy === null;
      // A log event has no subject and no identity; only an erased subject's records lose their salt.
      const logEvent = record.subject === null && record.ip === null && record.userAgent === null && record.metadata === null;
      if (!erased && !logEvent)
        this.problems.push(`${where} has no identity salt but is not erased (subject "erased:…", ip, userAgent, metadata and givenBy null)`);
      else if (erased) this.notes.push(`${where} is erased: its identifying fields are gone, its identity digest stays under the hash`);
    } else if (identityDigest(record.identitySalt, record) !== record.identityDigest) {
      this.problems.push(`${where}: its identifying fields (subject, ip, userAgent, metadata, givenBy) do not match its identity digest`);
    }
  }

  private checkInclusion(entry: PackEntry, where: string, final: VerifiedCheckpoint | null) {
    const { record, inclusion } = entry;
    const leafIndex = record.seq - 1;
    if (inclusion.leafIndex !== leafIndex)
      this.problems.push(`${where}: its inclusion proof is for leaf ${inclusion.leafIndex}, the record is leaf ${leafIndex}`);
    if (inclusion.treeSize !== this.pack.checkpoint.treeSize)
      this.problems.push(`${where}: its inclusion proof is to a tree of ${inclusion.treeSize}, not the pack checkpoint's ${this.pack.checkpoint.treeSize}`);
    if (leafIndex >= this.pack.checkpoint.treeSize) {
      this.problems.push(`${where} is past the end of the pack checkpoint (tree size ${this.pack.checkpoint.treeSize})`);
      return;
    }
    if (!final) {
      this.problems.push(`${where}: its inclusion cannot be established, the pack checkpoint does not verify`);
      return;
    }
    const included = verifyInclusion({
      leafHash: recordLeafHash(record.hash),
      leafIndex,
      treeSize: final.treeSize,
      proof: inclusion.hashes.map(parseHash),
      rootHash: final.root,
    });
    if (!included)
      this.problems.push(`${where}: the inclusion proof does not verify: the record is not leaf ${leafIndex} of the signed tree of ${final.treeSize}`);
  }

  /** Checks the receipt; returns what it establishes when it is there and checks out. */
  private checkReceipt(entry: PackEntry, where: string): string | null {
    const { record, receipt, receiptJws } = entry;
    if (receipt === null && receiptJws === null) {
      if (record.subject !== null) this.notes.push(`${where} has no receipt (the log had no signing key for receipts then)`);
      return null;
    }
    if (receipt === null || receiptJws === null) {
      this.problems.push(`${where}: it has a receipt${receipt === null ? ' JWS without the receipt' : ' without its JWS'}`);
      return null;
    }
    let payload: unknown;
    let kid: string | undefined;
    try {
      ({ payload } = verifyJws(receiptJws, this.pack.log.keys, { typ: RECEIPT_TYP }));
      kid = decodeJws(receiptJws).header.kid;
    } catch (error) {
      this.problems.push(`${where}: the receipt JWS does not verify with the pack's keys: ${message(error)}`);
      return null;
    }
    const jwk = this.pack.log.keys.find((key) => (key as { kid?: unknown }).kid === kid);
    if (this.trusted && (!jwk || !this.isTrustedKey(publicKeyFromJwk(jwk)))) {
      this.problems.push(`${where}: the receipt is signed by key ${kid}, which is not one of the trusted keys`);
      return null;
    }
    let same = false;
    try {
      same = canonicalJson(payload) === canonicalJson(receipt);
    } catch {
      same = false;
    }
    if (!same) {
      this.problems.push(`${where}: the signed receipt payload differs from the receipt in the pack`);
      return null;
    }
    if (receipt.recordHash !== record.hash)
      this.problems.push(`${where}: the receipt's recordHash ${JSON.stringify(receipt.recordHash)} is not the record's hash`);
    if (receipt.logIndex !== record.seq - 1)
      this.problems.push(`${where}: the receipt's logIndex ${JSON.stringify(receipt.logIndex)} is not ${record.seq - 1}`);
    if (receipt.consentReceiptID !== record.id)
      this.problems.push(`${where}: the receipt's consentReceiptID ${JSON.stringify(receipt.consentReceiptID)} is not the record's id`);
    return `the receipt of record ${record.id} is signed by key ${kid} and states its record hash and log index ${record.seq - 1}`;
  }

  /** The earliest timestamped checkpoint that holds the record; checks `firstAnchoredIn` against the pack's checkpoints. */
  private checkAnchor(entry: PackEntry, where: string, anchors: VerifiedCheckpoint[]): VerifiedCheckpoint | null {
    const leafIndex = entry.record.seq - 1;
    const stated = entry.firstAnchoredIn;
    if (stated !== null) {
      const all = [...this.pack.earlierCheckpoints, this.pack.checkpoint];
      const named = all.find((c) => c.treeSize === stated);
      if (!named) this.problems.push(`${where}: firstAnchoredIn names a checkpoint of size ${stated}, which the pack does not hold`);
      else if (stated <= leafIndex)
        this.problems.push(`${where}: firstAnchoredIn names the checkpoint of size ${stated}, which does not hold leaf ${leafIndex}`);
      else if (named.timestamp === null)
        this.problems.push(`${where}: firstAnchoredIn names the checkpoint of size ${stated}, which is not timestamped`);
    }
    return anchors.find((c) => c.stamp && c.treeSize > leafIndex) ?? null;
  }

  // --- texts --------------------------------------------------------------------------------------------------

  private checkTexts(entryOk: Set<string>) {
    const { texts, entries } = this.pack;
    const hashOk = texts.map((text) => {
      const ok = contentHash(text.markdown) === text.contentHash;
      if (!ok) this.problems.push(`text ${textLabel(text)}: its Markdown does not hash to its content hash ${text.contentHash} (the text was changed)`);
      return ok;
    });
    const same = (a: StoredRecord, b: { policy: string | null; version: number | null; locale: string | null; contentHash: string | null }) =>
      a.policy === b.policy && a.version === b.version && a.locale === b.locale && a.contentHash === b.contentHash;
    const proven = new Set<string>();
    for (const { record } of entries) {
      if (record.event !== 'accepted' && record.event !== 'withdrawn') continue;
      const where = `record ${record.id} (${record.event} ${textLabel(record)})`;
      const t = texts.findIndex((text) =>
        record.contentHash === null && record.event === 'withdrawn'
          ? text.policy === record.policy && text.version === record.version && text.locale === record.locale
          : same(record, text)
      );
      if (t < 0) {
        this.problems.push(`${where}: the pack has no text with its policy, version, locale and content hash ${record.contentHash}`);
        continue;
      }
      if (record.event !== 'accepted') continue;
      const published = entries.filter((e) => e.record.event === 'published' && e.record.subject === null && same(e.record, record));
      if (published.length === 0) {
        this.problems.push(`${where}: the pack has no publication event for the text it accepted`);
        continue;
      }
      const first = published.reduce((a, b) => (b.record.seq < a.record.seq ? b : a)).record;
      if (first.seq > record.seq) {
        this.notes.push(
          `${where}: the text's publication was logged after the acceptance (entry ${first.seq - 1} after ${record.seq - 1}), as in a ledger migrated from before the log existed`
        );
      }
      const key = `${record.id}`;
      if (hashOk[t] && entryOk.has(record.id) && entryOk.has(first.id) && first.seq < record.seq && !proven.has(key)) {
        proven.add(key);
        const text = texts[t];
        this.proves.push(
          `text ${textLabel(text)} ("${text.title}") is the Markdown with content hash ${text.contentHash}; it was published at entry ${first.seq - 1} (${first.recordedAt}), before its acceptance at entry ${record.seq - 1}`
        );
      }
    }
  }
}

function summarize(pack: unknown, problems: string[], proves: string[]): string {
  const subject = isObject(pack) && typeof pack.subject === 'string' ? ` for ${pack.subject}` : '';
  if (problems.length > 0)
    return `the evidence pack${subject} does NOT verify: ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  const p = pack as EvidencePack;
  return `the evidence pack${subject} verifies: ${p.entries.length} records in the log ${p.log.origin} of ${p.checkpoint.treeSize} entries, ${proves.length} statements established`;
}

/** Verifies an evidence pack (parsed JSON of unknown shape) offline. Never throws. */
export function verifyEvidencePack(pack: unknown, options: VerifyPackOptions = {}): PackReport {
  const shape = new Shape();
  if (!shape.pack(pack)) {
    return { ok: false, problems: shape.problems, notes: [], proves: [], summary: summarize(pack, shape.problems, []) };
  }
  const verifier = new Verifier(pack, options ?? {});
  try {
    verifier.run();
  } catch (error) {
    // A check that threw is a problem, never a pass.
    verifier.problems.push(`the verifier could not finish: ${message(error)}`);
  }
  const { problems, notes, proves } = verifier;
  const ok = problems.length === 0;
  return { ok, problems, notes, proves, summary: summarize(pack, problems, proves) };
}

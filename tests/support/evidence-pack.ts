import { createHash } from 'node:crypto';
import { contentHash } from '../../server/src/domain/hash';
import { canonicalJson } from '../../server/src/domain/ledger/canonical';
import { ERASED_PREFIX, seal, type Unsealed } from '../../server/src/domain/ledger/chain';
import { buildReceipt, type ControllerInfo } from '../../server/src/domain/ledger/receipt';
import { toPublicRecord, type StoredRecord } from '../../server/src/domain/ledger/types';
import { signCheckpoint } from '../../server/src/domain/evidence/checkpoint';
import { signJws } from '../../server/src/domain/evidence/jws';
import { generateSigningKey, loadKeyring, publishedKeys, type Keyring } from '../../server/src/domain/evidence/keys';
import {
  consistencyProof,
  inclusionProof,
  MerkleFrontier,
  nodeKey,
  recordLeafHash,
  type Hash,
  type NodeReader,
} from '../../server/src/domain/evidence/merkle';
import {
  EVIDENCE_PACK_FORMAT,
  type EvidencePack,
  type PackCheckpoint,
  type PackEntry,
  type PackText,
  type PackTimestamp,
} from '../../server/src/domain/evidence/pack';
import {
  timestampRequest,
  timestampTokenFromResponse,
  verifyTimestampToken,
} from '../../server/src/domain/evidence/timestamp';

/*
 * A valid evidence pack made from scratch with the pure modules, as the server would assemble it: a log of
 * `size` records (37 by default) in which two texts are published (privacy v3 in en and ru, terms v2 in en), the
 * subject accepts privacy in ru and terms in en and later withdraws privacy, and other subjects' records fill the
 * gaps so the proofs are non-trivial. An earlier checkpoint at `earlierSize` (20) and the final one at `size`,
 * timestamped by a real TSA when `tsa` is given.
 */

export const TEST_ORIGIN = 'test.example/policy-versions';
export const TEST_SUBJECT = 'user-42';

export const TEST_CONTROLLER: ControllerInfo = {
  name: 'Example LLP',
  contact: 'privacy@example.test',
  country: 'KZ',
  address: 'Almaty',
};

const POLICY_URL = 'https://example.test/policies/{policy}/v{version}/{locale}';

export const TEST_TEXTS: Omit<PackText, 'contentHash'>[] = [
  { policy: 'privacy', version: 3, locale: 'en', title: 'Privacy policy', markdown: '# Privacy\n\nWe keep your data safe.\n', effectiveAt: '2026-01-01T00:00:00.000Z' },
  { policy: 'privacy', version: 3, locale: 'ru', title: 'Политика конфиденциальности', markdown: '# Конфиденциальность\n\nМы бережём ваши данные.\n', effectiveAt: '2026-01-01T00:00:00.000Z' },
  { policy: 'terms', version: 2, locale: 'en', title: 'Terms of use', markdown: '# Terms\n\nBe nice.\n', effectiveAt: '2026-01-01T00:00:00.000Z' },
];

export interface BuildTestPackOptions {
  tsa?: { url: string };
  /** Records in the log; at least 30. */
  size?: number;
  earlierSize?: number;
  /** Log the terms publication after the subject's acceptance (a ledger migrated from before the log existed). */
  publishLate?: boolean;
  /** The subject asked for erasure: an `erased` event near the end, their earlier records pseudonymised. */
  erased?: boolean;
}

export interface TestPack {
  pack: EvidencePack;
  keyring: Keyring;
  /** The log's C2SP verifier key, as the operator would publish it. */
  verifierKey: string;
  records: StoredRecord[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

async function stamp(url: string, note: string): Promise<PackTimestamp> {
  const digest = sha256(Buffer.from(note, 'utf8'));
  const request = timestampRequest(digest);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query' },
    body: new Uint8Array(request.der),
  });
  if (response.status !== 200) throw new Error(`the TSA answered ${response.status}`);
  const token = timestampTokenFromResponse(Buffer.from(await response.arrayBuffer()));
  const info = verifyTimestampToken(token, digest, { nonce: request.nonce });
  return { tsa: url, token: token.toString('base64'), genTime: info.genTime.toISOString() };
}

export async function buildTestPack(options: BuildTestPackOptions = {}): Promise<TestPack> {
  const size = options.size ?? 37;
  const earlierSize = options.earlierSize ?? 20;
  const keyring = loadKeyring({ name: TEST_ORIGIN, current: generateSigningKey().seed });
  const texts: PackText[] = TEST_TEXTS.map((text) => ({ ...text, contentHash: contentHash(text.markdown) }));
  const text = (policy: string, locale: string) => texts.find((t) => t.policy === policy && t.locale === locale) as PackText;

  // Where each event of interest sits (1-based seq); every other position is another subject's acceptance.
  const erasureSeq = size - 3;
  const erasureId = `00000000-0000-4000-8000-${String(erasureSeq).padStart(12, '0')}`;
  const pseudonym = `${ERASED_PREFIX}${erasureId}`;
  const plan = new Map<number, { event: 'published' | 'accepted' | 'withdrawn'; text: PackText; subject: string | null }>([
    [3, { event: 'published', text: text('privacy', 'en'), subject: null }],
    [4, { event: 'published', text: text('privacy', 'ru'), subject: null }],
    [options.publishLate ? 19 : 6, { event: 'published', text: text('terms', 'en'), subject: null }],
    [11, { event: 'accepted', text: text('privacy', 'ru'), subject: TEST_SUBJECT }],
    [17, { event: 'accepted', text: text('terms', 'en'), subject: TEST_SUBJECT }],
    [size - 7, { event: 'withdrawn', text: text('privacy', 'ru'), subject: TEST_SUBJECT }],
  ]);

  const records: StoredRecord[] = [];
  let head: { seq: number; hash: string | null } = { seq: 0, hash: null };
  const base = Date.parse('2026-02-01T09:00:00.000Z');
  for (let seq = 1; seq <= size; seq += 1) {
    if (options.erased && seq === erasureSeq) {
      const erasure = seal(
        {
          id: erasureId,
          subject: pseudonym,
          policy: null,
          version: null,
          locale: null,
          contentHash: null,
          event: 'erased',
          recordedAt: new Date(base + seq * 60_000).toISOString(),
          ip: null,
          userAgent: null,
          acceptLanguage: null,
          source: 'erasure-request',
          metadata: canonicalJson({ erasedRecords: records.filter((r) => r.subject === TEST_SUBJECT).length }),
          purposes: null,
          givenBy: null,
        },
        head
      );
      records.push(erasure);
      head = { seq: erasure.seq, hash: erasure.hash };
      continue;
    }
    const planned = plan.get(seq);
    const t = planned?.text ?? texts[seq % texts.length];
    const subject = planned ? planned.subject : `other-${seq}`;
    const unsealed: Unsealed = {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      subject,
      policy: t.policy,
      version: t.version,
      locale: t.locale,
      contentHash: t.contentHash,
      event: planned?.event ?? 'accepted',
      recordedAt: new Date(base + seq * 60_000).toISOString(),
      ip: subject === null ? null : '203.0.113.7',
      userAgent: subject === null ? null : 'Mozilla/5.0 (test)',
      acceptLanguage: subject === null ? null : 'ru-KZ,ru;q=0.9',
      source: subject === null ? 'admin' : 'web',
      metadata: subject === null ? null : '{"form":"signup"}',
      purposes: null,
      givenBy: null,
    };
    const record = seal(unsealed, head);
    records.push(record);
    head = { seq: record.seq, hash: record.hash };
  }

  // Erasure blanks the identifying fields and the salt in place; the digests and hashes stay.
  if (options.erased) {
    records.forEach((record, i) => {
      if (record.subject === TEST_SUBJECT)
        records[i] = { ...record, subject: pseudonym, ip: null, userAgent: null, metadata: null, identitySalt: null };
    });
  }
  const subject = options.erased ? pseudonym : TEST_SUBJECT;

  const nodes = new Map<string, Hash>();
  const frontier = new MerkleFrontier();
  let earlierRoot: Hash | null = null;
  for (const record of records) {
    for (const node of frontier.append(recordLeafHash(record.hash))) nodes.set(nodeKey(node.id), node.hash);
    if (frontier.size === earlierSize) earlierRoot = frontier.root();
  }
  const read: NodeReader = (id) => {
    const hash = nodes.get(nodeKey(id));
    if (!hash) throw new Error(`no node ${nodeKey(id)}`);
    return hash;
  };

  const checkpoint = async (treeSize: number, rootHash: Hash, signedAt: string): Promise<PackCheckpoint> => {
    const note = signCheckpoint(
      { origin: TEST_ORIGIN, treeSize, rootHash, extensions: [`Timestamp: ${signedAt}`] },
      [keyring.current.noteSigner]
    );
    const timestamp = options.tsa ? await stamp(options.tsa.url, note) : null;
    return { treeSize, rootHash: rootHash.toString('hex'), note, signedAt, timestamp };
  };
  const earlier = await checkpoint(earlierSize, earlierRoot as Hash, new Date(base + (earlierSize + 0.5) * 60_000).toISOString());
  const final = await checkpoint(size, frontier.root(), new Date(base + (size + 0.5) * 60_000).toISOString());

  const inPack = records.filter((r) => r.subject === subject || (r.event === 'published' && !(r.policy === 'privacy' && r.locale === 'en')));
  const entries: PackEntry[] = inPack.map((record) => {
    const own = record.subject !== null;
    const receipt = own ? buildReceipt(toPublicRecord(record), TEST_CONTROLLER, POLICY_URL, record.seq - 1) : null;
    return {
      record,
      receipt,
      receiptJws: receipt
        ? signJws(receipt, keyring.current.privateKey, { kid: keyring.current.kid, typ: 'consent-receipt+jws' })
        : null,
      inclusion: {
        leafIndex: record.seq - 1,
        treeSize: size,
        hashes: inclusionProof(record.seq - 1, size, read).map((h) => h.toString('hex')),
      },
      firstAnchoredIn: options.tsa ? (record.seq - 1 < earlierSize ? earlierSize : size) : null,
    };
  });

  const pack: EvidencePack = {
    format: EVIDENCE_PACK_FORMAT,
    generatedAt: new Date(base + (size + 1) * 60_000).toISOString(),
    subject,
    log: {
      origin: TEST_ORIGIN,
      verifierKeys: keyring.keys.map((key) => key.verifierKey),
      keys: publishedKeys(keyring),
    },
    checkpoint: final,
    earlierCheckpoints: [
      { ...earlier, consistency: consistencyProof(earlierSize, size, read).map((h) => h.toString('hex')) },
    ],
    entries,
    texts: texts.filter((t) => !(t.policy === 'privacy' && t.locale === 'en')),
    controller: TEST_CONTROLLER,
  };
  // As it travels: JSON.
  return { pack: JSON.parse(JSON.stringify(pack)), keyring, verifierKey: keyring.current.verifierKey, records };
}

/** A deep copy of a pack to tamper with. */
export const clonePack = (pack: EvidencePack): EvidencePack => JSON.parse(JSON.stringify(pack));

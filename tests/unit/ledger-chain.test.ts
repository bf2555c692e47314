import { canonicalJson } from '../../server/src/domain/ledger/canonical';
import {
  createVerifier,
  describeVerification,
  ERASED_PREFIX,
  identityDigest,
  recordHash,
  seal,
  type ChainHead,
  type Unsealed,
} from '../../server/src/domain/ledger/chain';
import type { StoredRecord } from '../../server/src/domain/ledger/types';

const draft = (n: number, overrides: Partial<Unsealed> = {}): Unsealed => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  subject: `user-${n % 3}`,
  policy: 'privacy',
  version: 2,
  locale: 'kk',
  contentHash: `sha256:${'a'.repeat(64)}`,
  event: 'accepted',
  recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  ip: '10.1.2.0',
  userAgent: 'Test/1',
  acceptLanguage: 'kk-KZ',
  source: 'signup',
  metadata: canonicalJson({ n }),
  purposes: null,
  givenBy: null,
  ...overrides,
});

function chain(length: number): { records: StoredRecord[]; head: ChainHead } {
  let head: ChainHead = { seq: 0, hash: null };
  const records: StoredRecord[] = [];
  for (let n = 1; n <= length; n += 1) {
    const record = seal(draft(n), head);
    records.push(record);
    head = { seq: record.seq, hash: record.hash };
  }
  return { records, head };
}

const verify = (records: StoredRecord[], head: ChainHead | null) => {
  const verifier = createVerifier();
  for (const record of records) verifier.push(record);
  return verifier.finish(head);
};

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'ž' }, u: undefined })).toBe('{"a":{"c":"ž","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(JSON.parse(canonicalJson({ x: 1e21, y: -0.5 })))).toBe(canonicalJson({ x: 1e21, y: -0.5 }));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('record chain', () => {
  it('links every record to the previous hash and verifies a clean chain', () => {
    const { records, head } = chain(50);
    expect(records[0].prevHash).toBeNull();
    expect(records[1].prevHash).toBe(records[0].hash);
    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(verify(records, head)).toEqual({ ok: true, count: 50, firstBroken: null });
    expect(verify([], { seq: 0, hash: null })).toEqual({ ok: true, count: 0, firstBroken: null });
  });

  it('gives each record its own salt, so equal identities do not give equal digests', () => {
    const { records } = chain(4);
    expect(records[0].subject).toBe(records[3].subject);
    expect(records[0].identityDigest).not.toBe(records[3].identityDigest);
    expect(records[0].identitySalt).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ['an evidential field', (r: StoredRecord) => ({ ...r, version: 1 }), 'hash-mismatch'],
    ['the timestamp', (r: StoredRecord) => ({ ...r, recordedAt: '2020-01-01T00:00:00.000Z' }), 'hash-mismatch'],
    ['the subject', (r: StoredRecord) => ({ ...r, subject: 'someone-else' }), 'identity-mismatch'],
    ['the metadata', (r: StoredRecord) => ({ ...r, metadata: '{"n":999}' }), 'identity-mismatch'],
    ['the previous hash', (r: StoredRecord) => ({ ...r, prevHash: 'f'.repeat(64) }), 'prev-hash-mismatch'],
    ['a salt removed without erasure', (r: StoredRecord) => ({ ...r, identitySalt: null }), 'bad-erasure'],
  ])('reports the first broken link when %s is changed', (_, tamper, reason) => {
    const { records, head } = chain(10);
    records[6] = tamper(records[6]) as StoredRecord;
    expect(verify(records, head)).toEqual({ ok: false, count: 10, firstBroken: { id: records[6].id, position: 7, reason } });
  });

  it('reports a deleted record and a cut-off tail', () => {
    const { records, head } = chain(10);
    const gap = [...records.slice(0, 3), ...records.slice(4)];
    expect(verify(gap, head).firstBroken).toEqual({ id: records[4].id, position: 4, reason: 'missing-record' });
    expect(verify(records.slice(0, 8), head).firstBroken).toEqual({ id: null, position: 9, reason: 'head-mismatch' });
  });

  it('reports a record rewritten with a recomputed hash, because the next one still points at the old one', () => {
    const { records, head } = chain(5);
    const forged = { ...records[2], version: 1 };
    forged.hash = recordHash(forged);
    records[2] = forged;
    expect(verify(records, head).firstBroken).toEqual({ id: records[3].id, position: 4, reason: 'prev-hash-mismatch' });
  });

  it('still verifies after erasure blanks the identifying fields and deletes the salt, with the erasure event after them', () => {
    const { records, head } = chain(9);
    const eventId = '00000000-0000-4000-8000-0000000000ee';
    const erased = records.map((record) =>
      record.subject === 'user-1'
        ? { ...record, subject: `${ERASED_PREFIX}${eventId}`, ip: null, userAgent: null, metadata: null, identitySalt: null }
        : record
    );
    const count = erased.filter((record) => record.subject?.startsWith(ERASED_PREFIX)).length;
    const event = seal(
      draft(10, { id: eventId, subject: `${ERASED_PREFIX}${eventId}`, event: 'erased', ip: null, userAgent: null, metadata: canonicalJson({ erasedRecords: count }) }),
      head
    );
    expect(verify([...erased, event], { seq: event.seq, hash: event.hash })).toEqual({ ok: true, count: 10, firstBroken: null });
    // Without the salt, a guess at the erased subject cannot be confirmed against the kept digest.
    const original = records.find((record) => record.subject === 'user-1') as StoredRecord;
    expect(identityDigest('0'.repeat(32), original)).not.toBe(original.identityDigest);
    expect(identityDigest(original.identitySalt as string, original)).toBe(original.identityDigest);

    // Blanked by hand, with no erasure event (or one that counts otherwise), the records are reported.
    const firstErased = erased.find((record) => record.subject?.startsWith(ERASED_PREFIX)) as StoredRecord;
    expect(verify(erased, head).firstBroken).toEqual({ id: firstErased.id, position: firstErased.seq, reason: 'erasure-mismatch' });
    const miscounted = seal({ ...draft(10), id: eventId, subject: `${ERASED_PREFIX}${eventId}`, event: 'erased', metadata: canonicalJson({ erasedRecords: count + 1 }) }, head);
    expect(verify([...erased, miscounted], { seq: miscounted.seq, hash: miscounted.hash }).firstBroken).toEqual({
      id: eventId,
      position: 10,
      reason: 'erasure-mismatch',
    });
  });
});

describe('describeVerification', () => {
  it('says all records verify, or names the first broken link by record and position, or by position after a cut tail', () => {
    const { records, head } = chain(4);
    expect(describeVerification(verify(records, head))).toBe('all 4 records verify');
    expect(describeVerification(verify([records[0], records[1], records[3]], head))).toBe(
      `the chain breaks at record ${records[3].id} at position 3: missing-record (3 records read)`
    );
    expect(describeVerification(verify(records.slice(0, 3), head))).toBe('the chain breaks at position 4: head-mismatch (3 records read)');
  });
});

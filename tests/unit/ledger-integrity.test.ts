import { defaultLedgerConfig, validateLedgerConfig } from '../../server/src/config/ledger';
import { createVerifier, headProblem, seal, type ChainHead } from '../../server/src/domain/ledger/chain';
import type { StoredRecord } from '../../server/src/domain/ledger/types';

// Four linked records, each a fresh acceptance.
const records = [1, 2, 3, 4].reduce<StoredRecord[]>((chain, n) => {
  const previous: ChainHead = chain.length ? { seq: chain[chain.length - 1].seq, hash: chain[chain.length - 1].hash } : { seq: 0, hash: null };
  const draft = {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    subject: 's',
    policy: 'privacy',
    version: 1,
    locale: 'ru',
    contentHash: null,
    event: 'accepted' as const,
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    ip: null,
    userAgent: null,
    acceptLanguage: null,
    source: null,
    metadata: null,
    purposes: null,
    givenBy: null,
  };
  return [...chain, seal(draft, previous)];
}, []);
const link = (record: StoredRecord): ChainHead => ({ seq: record.seq, hash: record.hash });
const fed = (list: StoredRecord[]) => {
  const verifier = createVerifier();
  list.forEach(verifier.push);
  return verifier;
};

describe('headProblem: does the head name the last record?', () => {
  it.each([
    ['an empty chain with its fresh head', { seq: 0, hash: null }, null, null],
    ['the head at the last record', link(records[3]), link(records[3]), null],
    ['no head row', null, link(records[3]), 'head-missing'],
    ['no head row and no records', null, null, 'head-missing'],
    ['a record past the head', link(records[2]), link(records[3]), 'head-behind'],
    ['a head past the last record', link(records[3]), link(records[2]), 'head-mismatch'],
    ['a head over an emptied table', link(records[3]), null, 'head-mismatch'],
    ['a head at the last position with another hash', { seq: 4, hash: 'f'.repeat(64) }, link(records[3]), 'head-mismatch'],
  ])('%s', (_, head, last, problem) => {
    expect(headProblem(head, last)).toBe(problem);
  });
});

describe('the verifier fails closed on positions and the stored head', () => {
  it('reports a repeated position as a duplicate, not a gap', () => {
    const copy = { ...records[1], id: 'copy' };
    expect(fed([records[0], records[1], copy, records[2], records[3]]).finish(link(records[3]))).toEqual({
      ok: false,
      count: 5,
      firstBroken: { id: 'copy', position: 2, reason: 'duplicate-record' },
    });
  });

  it('requires the stored head row, and reports a record the head never reached', () => {
    expect(fed(records).finishStored(link(records[3]), null)).toEqual({ ok: true, count: 4, firstBroken: null });
    expect(fed(records).finishStored(null, null)).toEqual({ ok: false, count: 4, firstBroken: { id: null, position: 5, reason: 'head-missing' } });
    expect(fed(records.slice(0, 3)).finishStored(link(records[2]), records[3])).toEqual({
      ok: false,
      count: 3,
      firstBroken: { id: records[3].id, position: 4, reason: 'head-behind' },
    });
    // An earlier broken link is still the first one reported.
    expect(fed([records[0], records[2], records[3]]).finishStored(null, null).firstBroken).toMatchObject({ position: 2, reason: 'missing-record' });
  });

  it('still verifies an export on its own, with no head to compare', () => {
    expect(fed(records).finish(null)).toEqual({ ok: true, count: 4, firstBroken: null });
  });
});

describe('ledger.maxEventsPerSubject', () => {
  const fail = (path: string, expected: string): never => {
    throw new Error(`${path} must be ${expected}`);
  };

  it('defaults to 1000 and takes a whole number from 1 to 1,000,000', () => {
    expect(defaultLedgerConfig.maxEventsPerSubject).toBe(1000);
    for (const good of [1, 1000, 1_000_000]) {
      expect(() => validateLedgerConfig({ ...defaultLedgerConfig, maxEventsPerSubject: good }, fail)).not.toThrow();
    }
    for (const bad of [0, -1, 2.5, 1_000_001, '1000', null]) {
      expect(() => validateLedgerConfig({ ...defaultLedgerConfig, maxEventsPerSubject: bad as number }, fail)).toThrow(/ledger.maxEventsPerSubject/);
    }
  });
});

import { KZ_WORKING_CALENDAR } from '../../server/src/domain/kz-holidays';
import { createReacceptanceFold } from '../../server/src/domain/ledger/reacceptance';
import type { StoredRecord } from '../../server/src/domain/ledger/types';
import { overdueCutoff, processingStopBy } from '../../server/src/domain/ledger/withdrawal-deadlines';
import type { WorkingCalendar } from '../../server/src/domain/working-days';

const PLAIN: WorkingCalendar = { holidays: [], utcOffset: '+05:00' };

describe('processing-stop deadlines', () => {
  it('end on the 15th working day after the withdrawal, at the end of that day in Almaty', () => {
    // Monday 2026-02-02, 10:00 Almaty: three weeks of working days later, Monday 2026-02-23, 23:59:59.999 Almaty.
    expect(processingStopBy(new Date('2026-02-02T05:00:00Z'), 15, PLAIN).toISOString()).toBe('2026-02-23T18:59:59.999Z');
  });

  it('skip Kazakhstan\'s days off (Nauryz, 21 to 23 March 2026, with the day moved off)', () => {
    const plain = processingStopBy(new Date('2026-03-16T05:00:00Z'), 15, PLAIN);
    const kz = processingStopBy(new Date('2026-03-16T05:00:00Z'), 15, KZ_WORKING_CALENDAR);
    expect(kz.getTime()).toBeGreaterThan(plain.getTime());
  });

  it('give one cut-off: a withdrawal is overdue exactly when it was recorded at or before it', () => {
    const now = new Date('2026-02-24T06:00:00Z');
    const cutoff = overdueCutoff(now, 15, PLAIN) as Date;
    // The withdrawal of 2026-02-02 (deadline the 23rd) is overdue, one of the 3rd (deadline the 24th) is not.
    expect(cutoff.toISOString()).toBe('2026-02-02T18:59:59.999Z');
    for (const recorded of ['2026-02-02T05:00:00Z', '2026-02-02T18:59:59.999Z', '2026-02-02T19:00:00Z', '2026-02-03T05:00:00Z', '2026-01-20T05:00:00Z']) {
      const at = new Date(recorded);
      expect({ recorded, overdue: at <= cutoff }).toEqual({ recorded, overdue: processingStopBy(at, 15, PLAIN) < now });
    }
  });
});

describe('who must accept again when a version takes effect', () => {
  let seq = 0;
  const record = (subject: string, event: StoredRecord['event'], version: number, purposes: string | null = null): StoredRecord => ({
    seq: ++seq, id: `id-${seq}`, subject, policy: 'privacy', version, locale: 'kk', contentHash: null, event,
    recordedAt: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`, ip: null, userAgent: null, acceptLanguage: null,
    source: null, metadata: null, purposes, givenBy: null, identitySalt: 's', identityDigest: 'd', prevHash: null, hash: `h${seq}`,
  });
  const versions = [
    { version: 1, material: false, withdrawn: false },
    { version: 2, material: true, withdrawn: false },
    { version: 3, material: false, withdrawn: true },
    { version: 4, material: false, withdrawn: false },
    { version: 5, material: true, withdrawn: false },
  ];
  const run = (target: number, records: StoredRecord[]) => {
    const fold = createReacceptanceFold(target, versions);
    records.forEach(fold.push);
    return [...fold.rows()].map((row) => `${row.subject}:${row.acceptedVersion}`).sort();
  };

  it('lists the subjects whose consent stands on a version before the last material one', () => {
    const records = [
      record('on-1', 'accepted', 1),
      record('on-2', 'accepted', 2),
      record('on-4', 'accepted', 4),
      record('withdrew', 'accepted', 4),
      record('withdrew', 'withdrawn', 4),
      record('partial', 'accepted', 2),
      record('partial', 'withdrawn', 2, '["analytics"]'),
      record('erased:x', 'accepted', 1),
      record('only-withdrawn-version', 'accepted', 3),
    ];
    // Version 4 is not material, but version 2 is: an acceptance of 1 does not cover 4.
    expect(run(4, records)).toEqual(['on-1:1', 'only-withdrawn-version:null']);
    // Version 5 is material: everyone with consent below it.
    expect(run(5, records)).toEqual(['on-1:1', 'on-2:2', 'on-4:4', 'only-withdrawn-version:null', 'partial:2']);
  });

  it('leaves out a subject who accepted the target already', () => {
    expect(run(5, [record('ahead', 'accepted', 4), record('ahead', 'accepted', 5)])).toEqual([]);
  });
});

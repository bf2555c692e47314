import {
  cacheMaxAgeSeconds,
  supersededAt,
  upcomingVersion,
  versionInForce,
  versionStatus,
  type TimelineVersion,
} from '../../server/src/domain/resolution';

const at = (iso: string): Date => new Date(iso);
const ms = (date: Date, delta: number): Date => new Date(date.getTime() + delta);

function version(n: number, effectiveAt: string, withdrawnAt: string | null = null): TimelineVersion {
  return { version: n, effectiveAt: at(effectiveAt), withdrawnAt: withdrawnAt === null ? null : at(withdrawnAt) };
}

const v1 = version(1, '2024-01-01T00:00:00.000Z');
const v2 = version(2, '2024-06-01T00:00:00.000Z');
const v3 = version(3, '2025-01-01T00:00:00.000Z');
// Deliberately unsorted.
const timeline = [v3, v1, v2];

describe('versionInForce', () => {
  it('is null before the first version takes effect and with no versions', () => {
    expect(versionInForce(timeline, ms(v1.effectiveAt, -1))).toBeNull();
    expect(versionInForce([], at('2030-01-01T00:00:00Z'))).toBeNull();
  });

  it('switches exactly at effectiveAt, to the millisecond', () => {
    expect(versionInForce(timeline, v1.effectiveAt)?.version).toBe(1);
    expect(versionInForce(timeline, ms(v2.effectiveAt, -1))?.version).toBe(1);
    expect(versionInForce(timeline, v2.effectiveAt)?.version).toBe(2);
    expect(versionInForce(timeline, ms(v3.effectiveAt, -1))?.version).toBe(2);
    expect(versionInForce(timeline, v3.effectiveAt)?.version).toBe(3);
    expect(versionInForce(timeline, at('2099-01-01T00:00:00Z'))?.version).toBe(3);
  });

  it('does not depend on input order', () => {
    const when = at('2024-07-01T00:00:00Z');
    for (const order of [[v1, v2, v3], [v3, v2, v1], [v2, v3, v1]]) {
      expect(versionInForce(order, when)).toBe(v2);
    }
  });

  it('skips withdrawn versions and falls back to the previous one', () => {
    const withdrawn2 = version(2, '2024-06-01T00:00:00.000Z', '2024-06-02T00:00:00.000Z');
    expect(versionInForce([v1, withdrawn2, v3], at('2024-07-01T00:00:00Z'))).toBe(v1);
    // Withdrawal counts even when looking at an instant before it happened: a withdrawn text is never served.
    expect(versionInForce([v1, withdrawn2], withdrawn2.effectiveAt)).toBe(v1);
  });

  it('is null when every version is withdrawn', () => {
    expect(versionInForce([version(1, '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z')], at('2024-03-01T00:00:00Z'))).toBeNull();
  });

  it('prefers the higher version when two take effect at the same instant', () => {
    const v4 = version(4, '2024-06-01T00:00:00.000Z');
    expect(versionInForce([v4, v2, v1], v2.effectiveAt)).toBe(v4);
    expect(versionInForce([v2, v4, v1], v2.effectiveAt)).toBe(v4);
  });
});

describe('upcomingVersion', () => {
  it('is the next version strictly after the instant', () => {
    expect(upcomingVersion(timeline, ms(v1.effectiveAt, -1))).toBe(v1);
    expect(upcomingVersion(timeline, v1.effectiveAt)).toBe(v2);
    expect(upcomingVersion(timeline, ms(v2.effectiveAt, -1))).toBe(v2);
    expect(upcomingVersion(timeline, v2.effectiveAt)).toBe(v3);
  });

  it('is null when nothing is scheduled', () => {
    expect(upcomingVersion(timeline, v3.effectiveAt)).toBeNull();
    expect(upcomingVersion([], at('2024-01-01T00:00:00Z'))).toBeNull();
  });

  it('skips withdrawn scheduled versions', () => {
    const withdrawn3 = version(3, '2025-01-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z');
    const v4 = version(4, '2025-02-01T00:00:00.000Z');
    expect(upcomingVersion([v1, withdrawn3, v4], at('2024-12-15T00:00:00Z'))).toBe(v4);
    expect(upcomingVersion([v1, withdrawn3], at('2024-12-15T00:00:00Z'))).toBeNull();
  });

  it('picks the higher of two versions scheduled for the same instant', () => {
    const v4 = version(4, '2025-01-01T00:00:00.000Z');
    expect(upcomingVersion([v4, v3, v1], v1.effectiveAt)).toBe(v4);
  });
});

describe('supersededAt', () => {
  it('is the effectiveAt of the next version', () => {
    expect(supersededAt(timeline, v1)).toEqual(v2.effectiveAt);
    expect(supersededAt(timeline, v2)).toEqual(v3.effectiveAt);
  });

  it('is null for the latest version', () => {
    expect(supersededAt(timeline, v3)).toBeNull();
  });

  it('ignores withdrawn successors', () => {
    const withdrawn2 = version(2, '2024-06-01T00:00:00.000Z', '2024-06-02T00:00:00.000Z');
    expect(supersededAt([v1, withdrawn2, v3], v1)).toEqual(v3.effectiveAt);
    expect(supersededAt([v1, withdrawn2], v1)).toBeNull();
  });

  it('is null for a withdrawn version', () => {
    const withdrawn1 = version(1, '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z');
    expect(supersededAt([withdrawn1, v2], withdrawn1)).toBeNull();
  });

  it('is its own effectiveAt when a higher version takes effect at the same instant', () => {
    const v4 = version(4, '2024-06-01T00:00:00.000Z');
    expect(supersededAt([v4, v2, v3], v2)).toEqual(v2.effectiveAt);
    expect(supersededAt([v4, v2, v3], v4)).toEqual(v3.effectiveAt);
  });
});

describe('versionStatus', () => {
  it('follows the timeline, to the millisecond', () => {
    const just = ms(v2.effectiveAt, -1);
    expect([v1, v2, v3].map((v) => versionStatus(timeline, v, just))).toEqual(['current', 'scheduled', 'scheduled']);
    expect([v1, v2, v3].map((v) => versionStatus(timeline, v, v2.effectiveAt))).toEqual([
      'superseded',
      'current',
      'scheduled',
    ]);
    expect([v1, v2, v3].map((v) => versionStatus(timeline, v, v3.effectiveAt))).toEqual([
      'superseded',
      'superseded',
      'current',
    ]);
  });

  it('reports withdrawn versions as withdrawn whatever the instant', () => {
    const withdrawn2 = version(2, '2024-06-01T00:00:00.000Z', '2024-06-02T00:00:00.000Z');
    const versions = [v1, withdrawn2, v3];
    expect(versionStatus(versions, withdrawn2, at('2024-05-01T00:00:00Z'))).toBe('withdrawn');
    expect(versionStatus(versions, withdrawn2, at('2024-07-01T00:00:00Z'))).toBe('withdrawn');
    expect(versionStatus(versions, v1, at('2024-07-01T00:00:00Z'))).toBe('current');
  });

  it('calls a version superseded when a higher one took effect at the same instant', () => {
    const v4 = version(4, '2024-06-01T00:00:00.000Z');
    expect(versionStatus([v1, v2, v4], v2, v2.effectiveAt)).toBe('superseded');
    expect(versionStatus([v1, v2, v4], v4, v2.effectiveAt)).toBe('current');
  });

  it('identifies the version by number, not by object identity', () => {
    expect(versionStatus(timeline, { ...v2 }, v2.effectiveAt)).toBe('current');
  });
});

describe('cacheMaxAgeSeconds', () => {
  it('is the ceiling when nothing is scheduled', () => {
    expect(cacheMaxAgeSeconds(v3.effectiveAt, timeline, 300)).toBe(300);
    expect(cacheMaxAgeSeconds(at('2024-01-01T00:00:00Z'), [], 60)).toBe(60);
  });

  it('is the ceiling when the next switch is further away', () => {
    expect(cacheMaxAgeSeconds(ms(v2.effectiveAt, -301_000), timeline, 300)).toBe(300);
    expect(cacheMaxAgeSeconds(ms(v2.effectiveAt, -300_000), timeline, 300)).toBe(300);
  });

  it('never reaches past the next switch', () => {
    expect(cacheMaxAgeSeconds(ms(v2.effectiveAt, -299_999), timeline, 300)).toBe(299);
    expect(cacheMaxAgeSeconds(ms(v2.effectiveAt, -1_500), timeline, 300)).toBe(1);
    expect(cacheMaxAgeSeconds(ms(v2.effectiveAt, -999), timeline, 300)).toBe(0);
    expect(cacheMaxAgeSeconds(ms(v2.effectiveAt, -1), timeline, 300)).toBe(0);
  });

  it('looks at the following switch once one has happened', () => {
    expect(cacheMaxAgeSeconds(v2.effectiveAt, timeline, 10 ** 9)).toBe((v3.effectiveAt.getTime() - v2.effectiveAt.getTime()) / 1000);
  });

  it('ignores withdrawn scheduled versions', () => {
    const withdrawn3 = version(3, '2025-01-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z');
    expect(cacheMaxAgeSeconds(ms(withdrawn3.effectiveAt, -10_000), [v1, withdrawn3], 300)).toBe(300);
  });

  it('is never negative', () => {
    expect(cacheMaxAgeSeconds(at('2024-01-01T00:00:00Z'), timeline, -5)).toBe(0);
  });
});

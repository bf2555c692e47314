import { parseRangeEnd } from '../../server/src/domain/request-params';

describe('parseRangeEnd', () => {
  it('takes a date alone as its whole day (UTC): the range ends before the next midnight', () => {
    expect(parseRangeEnd('2026-03-01')).toEqual({ until: new Date('2026-03-02T00:00:00.000Z'), inclusive: false });
    expect(parseRangeEnd('2026-12-31')).toEqual({ until: new Date('2027-01-01T00:00:00.000Z'), inclusive: false });
    expect(parseRangeEnd('2028-02-28')).toEqual({ until: new Date('2028-02-29T00:00:00.000Z'), inclusive: false });
  });

  it('takes an instant exactly, as the last one included', () => {
    expect(parseRangeEnd('2026-03-01T10:00:00.123Z')).toEqual({ until: new Date('2026-03-01T10:00:00.123Z'), inclusive: true });
    expect(parseRangeEnd('2026-03-01T00:00+05:00')).toEqual({ until: new Date('2026-02-28T19:00:00.000Z'), inclusive: true });
    expect(parseRangeEnd('2026-03-01t10:00z')).toEqual({ until: new Date('2026-03-01T10:00:00.000Z'), inclusive: true });
  });

  it('refuses what parseInstant refuses', () => {
    for (const value of ['2026-02-30', '2026-03-01T10:00', 'yesterday', '2026-03-01T25:00Z']) expect(parseRangeEnd(value)).toBeNull();
  });
});

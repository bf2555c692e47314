import { KZ_HOLIDAYS, KZ_WORKING_CALENDAR } from '../../server/src/domain/kz-holidays';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../../server/src/domain/working-days';

const plain: WorkingCalendar = { holidays: [] };

describe('isWorkingDay', () => {
  it('knows weekends, holidays, moved days off and worked weekends', () => {
    expect(isWorkingDay('2025-01-08', KZ_WORKING_CALENDAR)).toBe(true);
    expect(isWorkingDay('2025-01-11', KZ_WORKING_CALENDAR)).toBe(false); // Saturday
    expect(isWorkingDay('2025-01-07', KZ_WORKING_CALENDAR)).toBe(false); // Orthodox Christmas
    expect(isWorkingDay('2025-01-03', KZ_WORKING_CALENDAR)).toBe(false); // moved from Sunday 5 Jan
    expect(isWorkingDay('2025-01-05', KZ_WORKING_CALENDAR)).toBe(true); // the Sunday worked instead
    expect(isWorkingDay('2026-03-25', KZ_WORKING_CALENDAR)).toBe(false); // Nauryz moved off the weekend
  });

  it('reads an instant at the calendar offset', () => {
    // 19:30 UTC on Friday is 00:30 on Saturday in Almaty.
    expect(isWorkingDay(new Date('2025-01-10T19:30:00Z'), KZ_WORKING_CALENDAR)).toBe(false);
    expect(isWorkingDay(new Date('2025-01-10T19:30:00Z'), { ...KZ_WORKING_CALENDAR, utcOffset: '+00:00' })).toBe(true);
  });

  it('honours another weekend', () => {
    expect(isWorkingDay('2025-01-11', { holidays: [], weekend: [0] })).toBe(true);
  });

  it('refuses malformed dates and offsets', () => {
    expect(() => isWorkingDay('2025-1-8', plain)).toThrow(RangeError);
    expect(() => isWorkingDay('2025-02-30', plain)).toThrow(RangeError);
    expect(() => isWorkingDay('2025-01-08', { holidays: [], utcOffset: '5' })).toThrow(/utcOffset/);
  });
});

describe('addWorkingDays', () => {
  it('starts counting the next day and ends at 23:59:59.999 Almaty time', () => {
    // Monday 2025-01-13 10:00 local; 3 working days: Tue, Wed, Thu.
    expect(addWorkingDays(new Date('2025-01-13T05:00:00Z'), 3, plain).toISOString()).toBe('2025-01-16T18:59:59.999Z');
  });

  it('skips weekends', () => {
    // Thursday + 3 working days: Fri, Mon, Tue.
    expect(addWorkingDays(new Date('2025-01-16T05:00:00Z'), 3, plain).toISOString()).toBe('2025-01-21T18:59:59.999Z');
  });

  it('counts a withdrawal over Nauryz 2026 with the moved days off', () => {
    // Friday 20 Mar 2026; 21-22 weekend, 23 Nauryz, 24-25 moved: Thu 26, Fri 27, Mon 30 ...
    const stop = addWorkingDays(new Date('2026-03-20T06:00:00Z'), 15, KZ_WORKING_CALENDAR);
    // 26,27,30,31 Mar, 1,2,3,6,7,8,9,10,13,14,15 Apr
    expect(stop.toISOString()).toBe('2026-04-15T18:59:59.999Z');
  });

  it('counts the worked Sunday of January 2025', () => {
    // Thursday 2 Jan 2025: Fri 3 off, Sat 4 off, Sun 5 worked, Mon 6 worked, Tue 7 Christmas, Wed 8.
    expect(addWorkingDays(new Date('2025-01-02T06:00:00Z'), 3, KZ_WORKING_CALENDAR).toISOString()).toBe('2025-01-08T18:59:59.999Z');
  });

  it('uses the start date at the offset, not in UTC', () => {
    // 20:00 UTC Sunday is already Monday 01:00 in Almaty: counting starts on Tuesday.
    expect(addWorkingDays(new Date('2025-01-12T20:00:00Z'), 1, plain).toISOString()).toBe('2025-01-14T18:59:59.999Z');
    expect(addWorkingDays(new Date('2025-01-12T20:00:00Z'), 1, { ...plain, utcOffset: '+00:00' }).toISOString()).toBe('2025-01-13T23:59:59.999Z');
  });

  it('with 0 days ends the start day; refuses negative or fractional days', () => {
    expect(addWorkingDays(new Date('2025-01-11T05:00:00Z'), 0, plain).toISOString()).toBe('2025-01-11T18:59:59.999Z');
    expect(() => addWorkingDays(new Date(), -1, plain)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, plain)).toThrow(RangeError);
  });

  it('stops on a calendar without working days', () => {
    expect(() => addWorkingDays(new Date('2025-01-01T00:00:00Z'), 1, { holidays: [], weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(/no working day/);
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays', () => {
    const start = new Date('2026-05-06T09:00:00Z');
    for (const days of [1, 3, 15, 40]) expect(workingDaysBetween(start, addWorkingDays(start, days, KZ_WORKING_CALENDAR), KZ_WORKING_CALENDAR)).toBe(days);
  });

  it('is 0 on the same day or earlier', () => {
    expect(workingDaysBetween(new Date('2025-01-13T01:00:00Z'), new Date('2025-01-13T17:00:00Z'), plain)).toBe(0);
    expect(workingDaysBetween(new Date('2025-01-14T05:00:00Z'), new Date('2025-01-13T05:00:00Z'), plain)).toBe(0);
  });
});

describe('KZ_HOLIDAYS', () => {
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
  const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

  it.each(Object.entries(KZ_HOLIDAYS))('%s moves every weekend public holiday to a working day', (_, year) => {
    const weekendHolidays = year.publicHolidays.filter(isWeekend).length;
    const transfers = year.movedDaysOff.length - year.workingWeekends.length;
    expect(transfers).toBe(weekendHolidays);
    for (const date of year.movedDaysOff) expect(isWeekend(date)).toBe(false);
    for (const date of year.workingWeekends) expect(isWeekend(date)).toBe(true);
  });

  it('lists every date once, and each year in its year', () => {
    for (const [key, year] of Object.entries(KZ_HOLIDAYS)) {
      const dates = [...year.publicHolidays, ...year.religiousDaysOff, ...year.movedDaysOff, ...year.workingWeekends];
      expect(new Set(dates).size).toBe(dates.length);
      for (const date of dates) expect(date.startsWith(`${key}-`)).toBe(true);
      for (const { dates: confirmed } of year.confirmed) for (const date of confirmed) expect(dates).toContain(date);
    }
  });
});

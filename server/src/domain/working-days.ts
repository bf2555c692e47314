/**
 * Working days for deadlines set in them (a withdrawal's processing stop, a subject's request), on the
 * operator's calendar. Days are calendar dates at a fixed UTC offset: Kazakhstan went to a single zone,
 * UTC+5, on 1 March 2024 (Government Decree No. 1749 of 23 November 2000 as amended on 19 January 2024;
 * Almaty and Astana were UTC+6 before), so the default is +05:00, and an operator
 * counting deadlines from before that date, or elsewhere, sets `utcOffset`. A fixed offset rather than an
 * IANA zone keeps the result independent of the tz data the Node build carries.
 *
 * Transfers of days off are data, not rules: `holidays` lists every non-working date that is not a weekend
 * day, the moved days off included (Labour Code Art. 85(3) lets the Government move days off; it publishes
 * them each year), and `workingWeekends` lists the weekend dates made working in exchange. See kz-holidays.ts.
 */
export interface WorkingCalendar {
  /** Non-working dates (YYYY-MM-DD): public holidays and the days off moved onto working days. */
  holidays: string[];
  /** Weekend dates that are working days (YYYY-MM-DD), moved by a transfer. */
  workingWeekends?: string[];
  /** Weekend days of the week, 0 = Sunday; default Saturday and Sunday. */
  weekend?: number[];
  /** The offset the dates are read at, `±HH:MM`; default +05:00 (Kazakhstan since 2024-03-01). */
  utcOffset?: string;
}

const DAY_MS = 86_400_000;
// A calendar with no working day in a year and more is an error in the data, not a long wait.
const MAX_IDLE_DAYS = 400;

function offsetMs(calendar: WorkingCalendar) {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(calendar.utcOffset ?? '+05:00');
  if (!match || Number(match[2]) > 14 || Number(match[3]) > 59) throw new RangeError(`utcOffset must be ±HH:MM, not "${calendar.utcOffset}"`);
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}

/** The local date of `instant` as a day number (days since 1970-01-01). */
const localDay = (instant: Date, offset: number) => Math.floor((instant.getTime() + offset) / DAY_MS);
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function dayOf(date: Date | string, offset: number) {
  if (date instanceof Date) return localDay(date, offset);
  const day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
  // The round trip refuses what Date.parse rolls over (2025-02-30) as well as other forms.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day) || isoDate(day) !== date) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  return day;
}

function rules(calendar: WorkingCalendar) {
  const holidays = new Set(calendar.holidays);
  const working = new Set(calendar.workingWeekends ?? []);
  const weekend = new Set(calendar.weekend ?? [0, 6]);
  return (day: number) => {
    const date = isoDate(day);
    if (holidays.has(date)) return false;
    return working.has(date) || !weekend.has(new Date(day * DAY_MS).getUTCDay());
  };
}

/** Whether a date (YYYY-MM-DD, or an instant read at the calendar's offset) is a working day. */
export function isWorkingDay(date: Date | string, calendar: WorkingCalendar): boolean {
  return rules(calendar)(dayOf(date, offsetMs(calendar)));
}

/**
 * The end (23:59:59.999 local) of the `days`-th working day after `start`'s local date: the day of `start`
 * never counts, as a deadline "within N working days" runs from the next day. 0 days: the end of `start`'s day.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number of 0 or more, not ${days}`);
  const offset = offsetMs(calendar);
  const isWorking = rules(calendar);
  let day = localDay(start, offset);
  for (let left = days, idle = 0; left > 0; ) {
    day += 1;
    if (isWorking(day)) {
      left -= 1;
      idle = 0;
    } else if (++idle > MAX_IDLE_DAYS) throw new RangeError(`The calendar has no working day in ${MAX_IDLE_DAYS} days after ${isoDate(day - idle)}`);
  }
  return new Date((day + 1) * DAY_MS - offset - 1);
}

/** The working days after `start`'s local date up to and including `end`'s; 0 when `end` is not on a later day. */
export function workingDaysBetween(start: Date, end: Date, calendar: WorkingCalendar): number {
  const offset = offsetMs(calendar);
  const isWorking = rules(calendar);
  let count = 0;
  for (let day = localDay(start, offset) + 1, last = localDay(end, offset); day <= last; day += 1) if (isWorking(day)) count += 1;
  return count;
}

import { addWorkingDays, type WorkingCalendar } from '../working-days';

/*
 * When processing must have stopped after a withdrawal: the end of the `days`-th working day after the day it was
 * recorded (domain/working-days.ts), on the operator's calendar. The deadline depends only on the local date of the
 * withdrawal, so "overdue at `now`" is one cut-off instant, and a database can select overdue withdrawals by their
 * recording time alone.
 */

const DAY_MS = 86_400_000;
// Longer than any run of days off, so the search below always ends on a real boundary.
const MAX_LOOKBACK_DAYS = 800;

export const processingStopBy = (recordedAt: Date, days: number, calendar: WorkingCalendar): Date => addWorkingDays(recordedAt, days, calendar);

/**
 * The last instant at which a withdrawal could be recorded and be overdue at `now` (its deadline passed): every
 * withdrawal recorded at or before it is overdue, every later one is not. Null when none can be (not reached here:
 * a deadline is always days after its withdrawal).
 */
export function overdueCutoff(now: Date, days: number, calendar: WorkingCalendar): Date | null {
  for (let back = 0; back <= MAX_LOOKBACK_DAYS; back += 1) {
    const day = new Date(now.getTime() - back * DAY_MS);
    // Deadlines only move earlier as the day does, so the first day whose deadline has passed is the boundary.
    if (addWorkingDays(day, days, calendar) < now) return addWorkingDays(day, 0, calendar);
  }
  return null;
}

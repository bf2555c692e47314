/** Parsing of the values a client puts in a URL, kept apart from HTTP so it is tested on its own. */

// A date alone means midnight UTC; a time must carry its offset, since a bare local time names no instant.
const ISO_INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

export function parseInstant(value: string): Date | null {
  const match = ISO_INSTANT_RE.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const date = new Date(hour === undefined ? `${year}-${month}-${day}T00:00:00Z` : value.trim());
  if (Number.isNaN(date.getTime())) return null;
  // Date rolls 2026-02-30 over to March; a calendar date that does not exist is refused instead.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return null;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return null;
  return date;
}

/**
 * The end of a range, given as parseInstant takes it. An instant is the last one included; a date alone
 * means that whole day (UTC), so the range ends before the next midnight, not at the first millisecond.
 */
export function parseRangeEnd(value: string): { until: Date; inclusive: boolean } | null {
  const start = parseInstant(value);
  if (!start) return null;
  return /t/i.test(value) ? { until: start, inclusive: true } : { until: new Date(start.getTime() + 86_400_000), inclusive: false };
}

const VERSION_NUMBER_RE = /^[1-9]\d{0,8}$/;

export function parseVersionNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value < 1e9 ? value : null;
  if (typeof value !== 'string' || !VERSION_NUMBER_RE.test(value)) return null;
  return Number(value);
}

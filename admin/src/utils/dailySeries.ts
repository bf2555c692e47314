import type { AcceptanceStats } from '../../../shared/contracts/ledger';

type Day = AcceptanceStats['daily'][number];

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The server lists only days with events; a chart over time needs the quiet days too. Fills every day from
 * the first event (or `minDays` before today, whichever is earlier) to today with zeros.
 */
export function dailySeries(daily: Day[], today: Date, minDays = 14): Day[] {
  const byDate = new Map(daily.map((day) => [day.date, day]));
  const end = Date.parse(isoDay(today.getTime()));
  const earliest = daily.length ? Date.parse(daily[0].date) : end;
  const start = Math.min(earliest, end - (minDays - 1) * DAY_MS);
  const last = Math.max(end, daily.length ? Date.parse(daily[daily.length - 1].date) : end);
  const series: Day[] = [];
  for (let time = start; time <= last; time += DAY_MS) {
    const date = isoDay(time);
    series.push(byDate.get(date) ?? { date, accepted: 0, withdrawn: 0 });
  }
  return series;
}

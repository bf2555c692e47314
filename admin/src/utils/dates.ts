/** The zone Kazakhstan's policies are written for; editors see every instant in it and in UTC. */
export const ALMATY = 'Asia/Almaty';

/** An instant as a date and time in `timeZone`, with the zone's name, in the admin's language. */
export const formatInstant = (value: string | Date | null, locale: string, timeZone = ALMATY): string => {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '—';
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence the separate fields.
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
};

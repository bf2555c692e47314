/** The zone Kazakhstan's policies are written for; editors see every instant in it and in UTC. */
export const ALMATY = 'Asia/Almaty';

/** An instant as a date and time in `timeZone`, with the zone's name, in the admin's language. */
export const formatInstant = (value: string | Date | null, locale: string, timeZone = ALMATY): string => {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
};

import type { WorkingCalendar } from './working-days';

/**
 * Kazakhstan's non-working days for a five-day week, 2025–2027: the default calendar for deadlines in working
 * days. The plugin config lets an operator replace it (a six-day week, a later year, a decree this data lacks).
 *
 * - `publicHolidays`: the national and state holidays that are days off, Law No. 267 "On holidays in the
 *   Republic of Kazakhstan" of 13 December 2001, Art. 5 as amended in 2022 (25 October Republic Day added,
 *   1 December removed): 1–2 Jan, 8 Mar, 21–23 Mar, 1 May, 7 May, 9 May, 6 Jul, 30 Aug, 25 Oct, 16 Dec.
 * - `religiousDaysOff`: 7 January (Orthodox Christmas) and the first day of Kurban Ait are days off too
 *   (Labour Code Art. 84(5), as reported by pro1c.kz and edu-tradeunion.kz), but they are not moved when
 *   they fall on a weekend (reported: zakon.kz via kostanay.asia, 2011; Kurban Ait of 16 June 2024, a Sunday,
 *   gave no extra day: golos-naroda.kz). Kurban Ait's date is set each year by the Spiritual Administration
 *   of Muslims of Kazakhstan (DUMK) and may move by a day with the moon.
 * - `movedDaysOff`: a public holiday on a weekend moves its day off to the next working day (Labour Code, as
 *   reported by tengrinews.kz and alau.kz), and the Government may move further days off (Labour Code
 *   Art. 85(3), reported by kokshetau.online); `workingWeekends` are the weekend days worked in exchange.
 *
 * `confirmed` lists the dates a published source states for that year; every other moved day is computed by
 * the weekend rule above and should be checked against the year's decree.
 */
export interface KzHolidayYear {
  publicHolidays: string[];
  religiousDaysOff: string[];
  movedDaysOff: string[];
  workingWeekends: string[];
  confirmed: Array<{ dates: string[]; source: string }>;
}

export const KZ_HOLIDAYS: Record<2025 | 2026 | 2027, KzHolidayYear> = {
  2025: {
    // Sat 8 Mar, Sat–Sun 22–23 Mar, Sun 6 Jul, Sat 30 Aug, Sat 25 Oct.
    publicHolidays: ['2025-01-01', '2025-01-02', '2025-03-08', '2025-03-21', '2025-03-22', '2025-03-23', '2025-05-01', '2025-05-07', '2025-05-09', '2025-07-06', '2025-08-30', '2025-10-25', '2025-12-16'],
    religiousDaysOff: ['2025-01-07', '2025-06-06'],
    movedDaysOff: ['2025-01-03', '2025-03-10', '2025-03-24', '2025-03-25', '2025-07-07', '2025-09-01', '2025-10-27'],
    workingWeekends: ['2025-01-05'],
    confirmed: [
      { dates: ['2025-01-03', '2025-01-05'], source: 'Ministry of Labour order moving Sun 5 Jan to Fri 3 Jan: https://energy-city.kz/pavlodar/kazahstanczy-poluchat-chetyre-vyhodnyh-dnya-na-novyj-god' },
      { dates: ['2025-06-06'], source: 'Kurban Ait on Fri 6 June: https://mgorod.kz/news/skolko-dnej-otdohnut-kazahstancy-na-kurban-ajt-v-2025-godu' },
      { dates: ['2025-10-27'], source: 'Republic Day day off moved to Mon 27 Oct: https://alau.kz/kogda-sledujushhie-bolshie-vyhodnye-v-kazahstane/' },
    ],
  },
  2026: {
    // Sun 8 Mar, Sat–Sun 21–22 Mar, Sat 9 May, Sun 30 Aug, Sun 25 Oct.
    publicHolidays: ['2026-01-01', '2026-01-02', '2026-03-08', '2026-03-21', '2026-03-22', '2026-03-23', '2026-05-01', '2026-05-07', '2026-05-09', '2026-07-06', '2026-08-30', '2026-10-25', '2026-12-16'],
    religiousDaysOff: ['2026-01-07', '2026-05-27'],
    movedDaysOff: ['2026-03-09', '2026-03-24', '2026-03-25', '2026-05-11', '2026-08-31', '2026-10-26'],
    workingWeekends: [],
    confirmed: [
      { dates: ['2026-01-01', '2026-01-02', '2026-01-07'], source: 'No transfer in January: https://www.inform.kz/ru/kak-kazahstantsi-otdohnut-na-noviy-god-73a9c2' },
      { dates: ['2026-03-09', '2026-03-24', '2026-03-25', '2026-05-11', '2026-05-27'], source: 'e-gov calendar as reported: https://alau.kz/perenosy-vyhodnyh-prazdnichnyj-kalendar-kazahstana-na-2026-god/' },
      { dates: ['2026-08-31', '2026-10-26'], source: 'https://mgorod.kz/news/vyxodnye-i-prazdniki-v-kazaxstane-v-2026-godu-cto-i-kuda-perenesut' },
      { dates: ['2026-05-27'], source: 'DUMK calendar for 2026: https://www.zakon.kz/obshestvo/6496885-ramazan2026-oraza-i-kurban-ayt-opublikovan-kalendar-musulmanskikh-prazdnikov-v-kazakhstane.html' },
    ],
  },
  2027: {
    // Sat 2 Jan, Sun 21 Mar, Sat 1 May, Sun 9 May; Kurban Ait (an astronomical estimate) on Sun 16 May moves nothing.
    publicHolidays: ['2027-01-01', '2027-01-02', '2027-03-08', '2027-03-21', '2027-03-22', '2027-03-23', '2027-05-01', '2027-05-07', '2027-05-09', '2027-07-06', '2027-08-30', '2027-10-25', '2027-12-16'],
    religiousDaysOff: ['2027-01-07', '2027-05-16'],
    movedDaysOff: ['2027-01-04', '2027-03-24', '2027-05-03', '2027-05-10'],
    workingWeekends: [],
    confirmed: [],
  },
};

/** The default working calendar: every year above, a five-day week, dates at UTC+5. */
export const KZ_WORKING_CALENDAR: WorkingCalendar = {
  holidays: Object.values(KZ_HOLIDAYS).flatMap((year) => [...year.publicHolidays, ...year.religiousDaysOff, ...year.movedDaysOff]),
  workingWeekends: Object.values(KZ_HOLIDAYS).flatMap((year) => year.workingWeekends),
  weekend: [0, 6],
  utcOffset: '+05:00',
};

/**
 * Calendar-day arithmetic on ISO dates (`yyyy-MM-dd`, already validated), without building Date
 * objects: evaluation reads a deadline for every deal, and date-fns' parseISO was a tenth of the
 * time of deriving facts. test/engine/days.test.ts checks it against date-fns on random dates.
 */

/**
 * Days from 1970-01-01 to an ISO date in the proleptic Gregorian calendar (Howard Hinnant's
 * days_from_civil), for any four-digit year.
 * @example epochDay('1970-01-02') // 1
 * @example epochDay('2026-11-01') - epochDay('2026-10-31') // 1
 */
export function epochDay(iso: string): number {
  let y = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier); date-fns'
 * `differenceInCalendarDays(parseISO(to), parseISO(from))`.
 * @example daysBetween('2026-11-01', '2026-12-01') // 30
 */
export const daysBetween = (from: string, to: string): number => epochDay(to) - epochDay(from);

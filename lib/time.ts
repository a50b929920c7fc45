// Wall-clock time in a named time zone to an instant, without a date library.
import { dateParts, dateTimeFormat } from "./intl";

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = dateParts(dateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }), instant);
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant when the clocks in `timeZone` show the given local date and time. */
export function zonedInstant(local: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // Second pass settles a guess that landed on the other side of a DST change.
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** The calendar day ("YYYY-MM-DD") `days` later, or earlier: "2026-02-28" + 1 → "2026-03-01". */
export function plusDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The local calendar date of `instant` in `timeZone`, `days` later. */
export function localDatePlusDays(instant: Date, days: number, timeZone: string) {
  const shifted = new Date(instant.getTime() + days * 86_400_000);
  const parts = dateParts(dateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }), shifted);
  return { year: +parts.year, month: +parts.month, day: +parts.day };
}

// Days and date ranges as the finance desk means them: calendar days where the seller is.
import { dateParts, dateTimeFormat } from "@/lib/intl";
import { plusDays, zonedInstant } from "@/lib/time";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-31" → its parts, or null when it is not a real calendar day. */
export function parseDay(s: string): { year: number; month: number; day: number } | null {
  const m = DAY.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The instant a day starts in `timeZone`. */
export function startOfDay(day: string, timeZone: string): Date {
  const p = parseDay(day);
  if (!p) throw new RangeError(`not a day: ${day}`);
  return zonedInstant({ ...p, hour: 0, minute: 0 }, timeZone);
}

/** The next calendar day, "2026-02-28" → "2026-03-01". */
export function nextDay(day: string): string {
  if (!parseDay(day)) throw new RangeError(`not a day: ${day}`);
  return plusDays(day, 1);
}

/** From the start of `from` to the end of `to` (both days included), as a half-open interval of instants. */
export function dayRange(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfDay(from, timeZone), end: startOfDay(nextDay(to), timeZone) };
}

/** The calendar day of an instant in `timeZone`, as "YYYY-MM-DD". */
export function isoDay(instant: Date, timeZone: string): string {
  const parts = dateParts(dateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }), instant);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The first and last day of the month `instant` falls in. */
export function monthOf(instant: Date, timeZone: string): { from: string; to: string } {
  const [year, month] = isoDay(instant, timeZone).split("-").map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, "0");
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, "0")}` };
}

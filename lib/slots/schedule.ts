// The slots of one local day at a location: opening hours and closures in the location's time zone, cut into
// slots of fixed length, each at the standard or the peak rate. Pure functions over plain data.
//
// Slots are cut in elapsed time from each opening instant, and labelled and priced by their local start time,
// so a day when the clocks change (23 or 25 hours) still gives every real hour once, at the right rate.
import { DateTime } from "luxon";

export type WeeklyHours = { weekday: number; opensAt: number; closesAt: number };
/** Why a day has no slots when its weekday has no opening hours (a closure gives its own reason instead). */
export const CLOSED_WEEKDAY = "Closed on this day of the week";

export type Closure = { localDate: string; opensAt: number | null; closesAt: number | null; reason: string };
export type PeakWindowRule = { weekdays: number[]; startsAt: number; endsAt: number };

export type SlotRules = {
  timeZone: string;
  slotMinutes: number;
  standardRateAmount: number;
  peakRateAmount: number;
  weeklyHours: WeeklyHours[];
  closures: Closure[];
  peakWindows: PeakWindowRule[];
};

export type Slot = {
  start: Date;
  end: Date;
  /** Local wall-clock times, "HH:MM". */
  localStart: string;
  localEnd: string;
  peak: boolean;
  rateAmount: number;
  /** Which opening range of the day the slot belongs to: a span never crosses from one to the next. */
  range: number;
};

export type DaySchedule = {
  date: string;
  timeZone: string;
  weekday: number;
  /** Why nothing can be booked this day (a closure, or no opening hours on this weekday). */
  closedReason: string | null;
  /** Why the hours differ from the usual ones this day ("Christmas Eve: closing early"); null on a usual day. */
  note?: string | null;
  openingHours: { open: string; close: string; opensAt: Date; closesAt: Date }[];
  slots: Slot[];
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant the clocks at `timeZone` show `minute` minutes past midnight on `date` (1440: the next midnight). */
export function localMinuteInstant(date: string, minute: number, timeZone: string): Date {
  const day = DateTime.fromISO(date, { zone: timeZone });
  if (!day.isValid) throw new RangeError(`invalid date or time zone: ${date} ${timeZone}`);
  if (minute >= 1440) return day.plus({ days: 1 }).startOf("day").toJSDate();
  // A wall time that does not exist (inside a spring-forward gap) moves forward to the first that does.
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone: timeZone },
  ).toJSDate();
}

/** "HH:MM" of an instant at `timeZone`. */
export function localTime(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("HH:mm");
}

/** The local calendar date (YYYY-MM-DD) of an instant at `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/** Whether a string is a real calendar date YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  return DATE_RE.test(date) && DateTime.fromISO(date, { zone: "UTC" }).isValid;
}

/** "HH:MM" of a minute of the day (for opening hours as configured). */
export function minuteLabel(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** A slot is peak when its local start falls inside a peak window of its weekday. */
export function isPeak(weekday: number, localMinute: number, windows: PeakWindowRule[]): boolean {
  return windows.some((w) => w.weekdays.includes(weekday) && localMinute >= w.startsAt && localMinute < w.endsAt);
}

export function daySchedule(date: string, rules: SlotRules): DaySchedule {
  if (!isCalendarDate(date)) throw new RangeError(`invalid date: ${date}`);
  const weekday = DateTime.fromISO(date, { zone: rules.timeZone }).weekday;
  const closure = rules.closures.find((c) => c.localDate === date);
  const empty = (closedReason: string): DaySchedule => ({ date, timeZone: rules.timeZone, weekday, closedReason, openingHours: [], slots: [] });
  if (closure && closure.opensAt == null) return empty(closure.reason);

  const ranges = closure
    ? [{ opensAt: closure.opensAt!, closesAt: closure.closesAt! }]
    : rules.weeklyHours.filter((h) => h.weekday === weekday).sort((a, b) => a.opensAt - b.opensAt);
  if (ranges.length === 0) return empty(CLOSED_WEEKDAY);

  const slotMs = rules.slotMinutes * 60_000;
  const openingHours: DaySchedule["openingHours"] = [];
  const slots: Slot[] = [];
  let range = -1;
  ranges.forEach((r, i) => {
    // Ranges that touch (09:00–12:00 and 12:00–17:00) are one stretch of opening: a span may run across.
    if (i === 0 || r.opensAt !== ranges[i - 1].closesAt) range++;
    const opensAt = localMinuteInstant(date, r.opensAt, rules.timeZone);
    const closesAt = localMinuteInstant(date, r.closesAt, rules.timeZone);
    openingHours.push({ open: minuteLabel(r.opensAt), close: minuteLabel(r.closesAt), opensAt, closesAt });
    for (let t = opensAt.getTime(); t + slotMs <= closesAt.getTime(); t += slotMs) {
      const start = new Date(t);
      const end = new Date(t + slotMs);
      const local = DateTime.fromJSDate(start, { zone: rules.timeZone });
      const peak = isPeak(weekday, local.hour * 60 + local.minute, rules.peakWindows);
      slots.push({
        start, end, localStart: local.toFormat("HH:mm"), localEnd: localTime(end, rules.timeZone),
        peak, rateAmount: peak ? rules.peakRateAmount : rules.standardRateAmount, range,
      });
    }
  });
  return { date, timeZone: rules.timeZone, weekday, closedReason: slots.length ? null : "No bookable slots on this day", note: closure?.reason ?? null, openingHours, slots };
}

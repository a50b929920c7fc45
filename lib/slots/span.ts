// Whether a span of slots can be booked, and what it costs. Pure functions, unit-tested.
import { DateTime } from "luxon";
import type { DaySchedule, Slot } from "./schedule";
import { localDate } from "./schedule";

export type SpanLimits = {
  slotMinutes: number;
  minSpanMinutes: number;
  maxSpanMinutes: number;
  bookAheadDays: number;
  latestMinutesBeforeStart: number;
};

export type SpanCheck =
  | { ok: true; slots: Slot[] }
  /** `day`: the day itself cannot be booked (past, beyond the booking window, closed), whatever the times. */
  | { ok: false; fields: Record<string, string>; day?: true };

function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} hour${h === 1 ? "" : "s"}` : "", m ? `${m} minutes` : ""].filter(Boolean).join(" ");
}

/** The last local date that can be booked today. */
export function lastBookableDate(now: Date, timeZone: string, bookAheadDays: number): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).plus({ days: bookAheadDays }).toISODate()!;
}

/** A calendar date (YYYY-MM-DD) as the rest of the app writes one: "Fri 25 Dec 2026". */
export function calendarDayText(date: string): string {
  return DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB").toFormat("ccc d LLL yyyy");
}

/** Why a date past the booking window cannot be booked yet, naming the last one that can. */
export function bookAheadText(bookAheadDays: number, lastDate: string): string {
  return `Bookings open ${bookAheadDays} days ahead: the last date you can book now is ${calendarDayText(lastDate)}`;
}

/** The earliest instant a span may start when booking at `now`. */
export function earliestStart(now: Date, latestMinutesBeforeStart: number): Date {
  return new Date(now.getTime() + latestMinutesBeforeStart * 60_000);
}

/**
 * Checks a span against the day's schedule and the offering's limits. `schedule` must be the schedule of the
 * span's local start date. Errors are keyed `startsAt` and `endsAt`, in words a customer understands.
 */
export function checkSpan(p: { schedule: DaySchedule; startsAt: Date; endsAt: Date; limits: SpanLimits; now: Date }): SpanCheck {
  const { schedule, startsAt, endsAt, limits, now } = p;
  const fields: Record<string, string> = {};
  const tz = schedule.timeZone;
  if (!(endsAt > startsAt)) return { ok: false, fields: { endsAt: "The end time must be after the start time" } };
  if (localDate(startsAt, tz) !== schedule.date) throw new RangeError("the schedule is not of the span's day");

  // Problems of the day itself first (marked `day`, so a form with a date field can show them there), then of the time.
  if (schedule.date < localDate(now, tz)) return { ok: false, fields: { startsAt: "That time is in the past" }, day: true };
  const lastDate = lastBookableDate(now, tz, limits.bookAheadDays);
  if (schedule.date > lastDate) return { ok: false, fields: { startsAt: bookAheadText(limits.bookAheadDays, lastDate) }, day: true };
  if (startsAt <= now) return { ok: false, fields: { startsAt: "That time is in the past" } };
  if (startsAt < earliestStart(now, limits.latestMinutesBeforeStart))
    return { ok: false, fields: { startsAt: `Book at least ${durationLabel(limits.latestMinutesBeforeStart)} before the start` } };
  if (schedule.closedReason) return { ok: false, fields: { startsAt: `Closed on ${calendarDayText(schedule.date)}: ${schedule.closedReason}` }, day: true };

  const first = schedule.slots.findIndex((s) => s.start.getTime() === startsAt.getTime());
  const last = schedule.slots.findIndex((s) => s.end.getTime() === endsAt.getTime());
  const hours = schedule.openingHours.map((h) => `${h.open}–${h.close}`).join(", ");
  if (first < 0) {
    const inside = schedule.openingHours.some((h) => startsAt >= h.opensAt && startsAt < h.closesAt);
    fields.startsAt = inside ? `Start at the beginning of a ${limits.slotMinutes}-minute slot` : `Open ${hours} on ${schedule.date}`;
  }
  if (last < 0) {
    const inside = schedule.openingHours.some((h) => endsAt > h.opensAt && endsAt <= h.closesAt);
    fields.endsAt = inside ? `End at the end of a ${limits.slotMinutes}-minute slot` : `Open ${hours} on ${schedule.date}`;
  }
  if (first >= 0 && last >= 0 && last < first) fields.endsAt = "The end time must be after the start time";
  if (Object.keys(fields).length) return { ok: false, fields };

  const slots = schedule.slots.slice(first, last + 1);
  if (slots.some((s) => s.range !== slots[0].range))
    return { ok: false, fields: { endsAt: `The span crosses a time when the location is closed (open ${hours})` } };
  const minutes = slots.length * limits.slotMinutes;
  if (minutes < limits.minSpanMinutes) return { ok: false, fields: { endsAt: `Book at least ${durationLabel(limits.minSpanMinutes)}` } };
  if (minutes > limits.maxSpanMinutes) return { ok: false, fields: { endsAt: `Book at most ${durationLabel(limits.maxSpanMinutes)}` } };
  return { ok: true, slots };
}

export type SpanPriceLine = { kind: "standard" | "peak"; slots: number; rateAmount: number; ranges: string[]; amount: number };
export type SpanPrice = { perAttendee: number; lines: SpanPriceLine[] };

/** Joins touching slots into "09:00–16:00" ranges. */
function ranges(slots: Slot[]): string[] {
  const out: { start: Slot; end: Slot }[] = [];
  for (const s of slots) {
    const prev = out[out.length - 1];
    if (prev && prev.end.end.getTime() === s.start.getTime()) prev.end = s;
    else out.push({ start: s, end: s });
  }
  return out.map((r) => `${r.start.localStart}–${r.end.localEnd}`);
}

/** The price of a span per attendee: each slot at its own rate, grouped into standard and peak lines. */
export function priceSpan(slots: Slot[]): SpanPrice {
  const lines: SpanPriceLine[] = [];
  for (const kind of ["standard", "peak"] as const) {
    const ofKind = slots.filter((s) => s.peak === (kind === "peak"));
    if (ofKind.length === 0) continue;
    // Rates are per kind, so one rate per line; several would mean the rules changed mid-quote.
    const rateAmount = ofKind[0].rateAmount;
    lines.push({ kind, slots: ofKind.length, rateAmount, ranges: ranges(ofKind), amount: ofKind.reduce((a, s) => a + s.rateAmount, 0) });
  }
  return { perAttendee: slots.reduce((a, s) => a + s.rateAmount, 0), lines };
}

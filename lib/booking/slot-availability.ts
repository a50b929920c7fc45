// What can be booked at a time-slot offering on one local date: its opening hours and each slot's free places.
import type { DbOrTx } from "@/db";
import { getSlotOffering, slotOccupancy, venueClosuresBetween } from "@/db/queries/time-slots";
import { AppError } from "@/lib/errors";
import { CLOSED_WEEKDAY, daySchedule, isCalendarDate, localDate } from "@/lib/slots/schedule";
import { bookAheadText, earliestStart, lastBookableDate } from "@/lib/slots/span";
import { slotRules } from "@/lib/slots/rules";

export type SlotAvailability = {
  offeringId: string;
  date: string;
  timeZone: string;
  /** Null when the day can be booked; otherwise why not (closed, past, too far ahead). */
  reason: string | null;
  /** Why the day's hours differ from the usual ones (a closure with hours: "Christmas Eve: closing early"). */
  note: string | null;
  openingHours: { open: string; close: string }[];
  slots: { start: string; end: string; localStart: string; localEnd: string; available: number; rateAmount: number; peak: boolean }[];
  pricing: { standardRateAmount: number; peakRateAmount: number; currency: string };
  rules: {
    slotMinutes: number; capacityPerSlot: number; minSpanMinutes: number; maxSpanMinutes: number; firstDate: string; lastDate: string;
    /** Allowed ages (whole years on the booked date) checked against a date-of-birth answer; null: no limit that way. */
    minAgeYears: number | null; maxAgeYears: number | null;
  };
};

export async function offeringAvailability(db: DbOrTx, offeringId: string, date: string, now = new Date()): Promise<SlotAvailability> {
  const offering = await getSlotOffering(db, offeringId);
  if (!offering || offering.course.status !== "active") throw new AppError("offering_not_found");
  if (!isCalendarDate(date)) throw new AppError("invalid_request", { fields: { date: "Give a date as YYYY-MM-DD" } });
  const o = offering.offering;
  const tz = offering.venue.timeZone;
  const firstDate = localDate(now, tz);
  const lastDate = lastBookableDate(now, tz, o.bookAheadDays);
  const schedule = daySchedule(date, slotRules(offering, await venueClosuresBetween(db, offering.venue.id, date, date)));
  const base = {
    offeringId, date, timeZone: tz, note: schedule.note ?? null,
    pricing: { standardRateAmount: o.standardRateAmount, peakRateAmount: o.peakRateAmount, currency: offering.course.currency },
    rules: {
      slotMinutes: o.slotMinutes, capacityPerSlot: o.capacityPerSlot, minSpanMinutes: o.minSpanMinutes, maxSpanMinutes: o.maxSpanMinutes, firstDate, lastDate,
      minAgeYears: o.minAgeYears, maxAgeYears: o.maxAgeYears,
    },
  };
  // A sentence the customer reads as it is: a closure's own reason ("Christmas Day") is said to be one.
  const closed = schedule.closedReason && (schedule.closedReason === CLOSED_WEEKDAY ? CLOSED_WEEKDAY : `Closed on this date: ${schedule.closedReason}`);
  const reason = closed
    || (date < firstDate ? "This date is in the past" : date > lastDate ? bookAheadText(o.bookAheadDays, lastDate) : null);
  if (reason) return { ...base, reason, openingHours: schedule.closedReason ? [] : schedule.openingHours.map(({ open, close }) => ({ open, close })), slots: [] };

  const taken = await slotOccupancy(db, offeringId, schedule.slots[0].start, schedule.slots[schedule.slots.length - 1].end, now);
  const earliest = earliestStart(now, o.latestMinutesBeforeStart);
  return {
    ...base,
    reason: null,
    openingHours: schedule.openingHours.map(({ open, close }) => ({ open, close })),
    // A slot too soon to start a span in is never offered: it could only be booked as part of a span starting earlier.
    slots: schedule.slots.map((s) => ({
      start: s.start.toISOString(), end: s.end.toISOString(), localStart: s.localStart, localEnd: s.localEnd,
      available: s.start < earliest ? 0 : Math.max(0, o.capacityPerSlot - taken(s.start)),
      rateAmount: s.rateAmount, peak: s.peak,
    })),
  };
}

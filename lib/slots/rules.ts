// The slot rules of a loaded offering, in the plain shape the pure schedule functions take.
import type { PeakWindow, SlotOffering, Venue, VenueClosure, VenueOpeningHours } from "@/db/schema";
import type { SlotRules } from "./schedule";
import type { SpanLimits } from "./span";

export function slotRules(o: { offering: SlotOffering; venue: Venue; weeklyHours: VenueOpeningHours[]; peakWindows: PeakWindow[] }, closures: VenueClosure[]): SlotRules {
  return {
    timeZone: o.venue.timeZone,
    slotMinutes: o.offering.slotMinutes,
    standardRateAmount: o.offering.standardRateAmount,
    peakRateAmount: o.offering.peakRateAmount,
    weeklyHours: o.weeklyHours.map((h) => ({ weekday: h.weekday, opensAt: h.opensAt, closesAt: h.closesAt })),
    closures: closures.map((c) => ({ localDate: c.localDate, opensAt: c.opensAt, closesAt: c.closesAt, reason: c.reason })),
    peakWindows: o.peakWindows.map((w) => ({ weekdays: w.weekdays, startsAt: w.startsAt, endsAt: w.endsAt })),
  };
}

export function spanLimits(o: SlotOffering): SpanLimits {
  return {
    slotMinutes: o.slotMinutes,
    minSpanMinutes: o.minSpanMinutes,
    maxSpanMinutes: o.maxSpanMinutes,
    bookAheadDays: o.bookAheadDays,
    latestMinutesBeforeStart: o.latestMinutesBeforeStart,
  };
}

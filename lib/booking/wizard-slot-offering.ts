// What the booking wizard needs to know of a time-slot offering to offer dates and spans.
import type { DbOrTx } from "@/db";
import { getSlotOffering } from "@/db/queries/time-slots";
import { localDate } from "@/lib/slots/schedule";
import { lastBookableDate } from "@/lib/slots/span";

export async function wizardSlotOffering(db: DbOrTx, courseId: string, now = new Date()) {
  const o = await getSlotOffering(db, courseId);
  if (!o) return null;
  const tz = o.venue.timeZone;
  return {
    id: o.course.id,
    locationName: o.venue.name,
    locationCity: o.venue.city,
    timeZone: tz,
    currency: o.course.currency,
    firstDate: localDate(now, tz),
    lastDate: lastBookableDate(now, tz, o.offering.bookAheadDays),
    standardRateAmount: o.offering.standardRateAmount,
    peakRateAmount: o.offering.peakRateAmount,
    slotMinutes: o.offering.slotMinutes,
    minSpanMinutes: o.offering.minSpanMinutes,
    maxSpanMinutes: o.offering.maxSpanMinutes,
    minAgeYears: o.offering.minAgeYears,
    maxAgeYears: o.offering.maxAgeYears,
  };
}

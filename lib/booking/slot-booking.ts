// A booking of a span at a time-slot offering: the span checked against the day's slots and priced, the
// offering's slot day found or created, and the clear answer when a slot is full.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { offeringSlots, type CourseSession } from "@/db/schema";
import { ensureSlotDay, getSlotOffering, shareLockSlotRules, venueClosuresBetween, type LoadedSlotOffering } from "@/db/queries/time-slots";
import { AppError } from "@/lib/errors";
import { daySchedule, localDate, localTime, type DaySchedule, type Slot } from "@/lib/slots/schedule";
import { calendarDayText, checkSpan, priceSpan, type SpanPrice } from "@/lib/slots/span";
import { slotRules, spanLimits } from "@/lib/slots/rules";
import type { CreateSlotBookingInput } from "@/lib/validations/booking";

export type ResolvedSpan = {
  offering: LoadedSlotOffering;
  date: string;
  schedule: DaySchedule;
  slots: Slot[];
  startsAt: Date;
  endsAt: Date;
  price: SpanPrice;
  slotDay: CourseSession;
};

/** The offering's schedule for one local date (closures of that date included). */
export async function scheduleFor(tx: Parameters<typeof getSlotOffering>[0], offering: LoadedSlotOffering, date: string) {
  const closures = await venueClosuresBetween(tx, offering.venue.id, date, date);
  return daySchedule(date, slotRules(offering, closures));
}

/** A span refused for its day as a whole (past, beyond the booking window, closed): a form with a date shows it there. */
export class SpanDayError extends AppError {}

/** Checks the span (400 with field errors when it cannot be booked) and attaches it to the slot day. */
export async function resolveSlotSpan(tx: Tx, input: Pick<CreateSlotBookingInput, "offeringId" | "startsAt" | "endsAt">, now: Date): Promise<ResolvedSpan> {
  await shareLockSlotRules(tx, input.offeringId);
  const offering = await getSlotOffering(tx, input.offeringId);
  if (!offering || offering.course.status !== "active")
    throw new AppError("offering_not_found", { fields: { offeringId: "That offering does not exist" } });
  const date = localDate(input.startsAt, offering.venue.timeZone);
  const schedule = await scheduleFor(tx, offering, date);
  const check = checkSpan({ schedule, startsAt: input.startsAt, endsAt: input.endsAt, limits: spanLimits(offering.offering), now });
  if (!check.ok) throw new (check.day ? SpanDayError : AppError)("invalid_request", { fields: check.fields });
  const slotDay = await ensureSlotDay(tx, {
    courseId: offering.course.id, venueId: offering.venue.id, date,
    startsAt: schedule.openingHours[0].opensAt, endsAt: schedule.openingHours[schedule.openingHours.length - 1].closesAt,
    capacity: offering.offering.capacityPerSlot * schedule.slots.length, checkOutRequired: offering.offering.checkOutRequired,
  });
  if (slotDay.status !== "scheduled") throw new AppError("session_not_bookable", {}, `Bookings for ${calendarDayText(date)} are closed.`);
  return { offering, date, schedule, slots: check.slots, startsAt: input.startsAt, endsAt: input.endsAt, price: priceSpan(check.slots), slotDay };
}

/** 409 naming the full slot and how many places it has left (from the counters, as the hold saw them). */
export async function slotFullError(tx: Tx, span: ResolvedSpan, startsAt: Date, wanted: number) {
  const [row] = await tx.select().from(offeringSlots)
    .where(and(eq(offeringSlots.courseId, span.offering.course.id), eq(offeringSlots.startsAt, startsAt)));
  const capacity = row?.capacity ?? span.offering.offering.capacityPerSlot;
  const available = Math.max(0, capacity - (row?.placesBooked ?? 0) - (row?.placesHeld ?? 0));
  const slot = span.slots.find((s) => s.start.getTime() === startsAt.getTime());
  const tz = span.offering.venue.timeZone;
  const label = `${slot?.localStart ?? localTime(startsAt, tz)}–${slot?.localEnd ?? ""}`;
  const message = `The ${label} slot on ${calendarDayText(span.date)} has ${available === 0 ? "no places" : `only ${available} place${available === 1 ? "" : "s"}`} left for ${wanted} ${wanted === 1 ? "person" : "people"}.`;
  return new AppError("insufficient_capacity", {
    available,
    slot: { startsAt: startsAt.toISOString(), endsAt: slot?.end.toISOString() ?? null, localStart: slot?.localStart ?? null, localEnd: slot?.localEnd ?? null, date: span.date },
    fields: { startsAt: message },
  }, message);
}

// What each event says about a booking: ids, status, amounts in minor units and currency, and attendeeCount, the
// places it holds now (cancelled places left out, as the column does not). Attendees' requirements (health and
// accessibility data) are kept apart, for endpoints allowed to receive them.
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bookings, specialRequirements, type WebhookEventType } from "@/db/schema";
import { activeAttendeeCount } from "@/db/queries/bookings";
import { emitLazily, type EventData } from "./emit";

export async function bookingEventData(tx: DbOrTx, bookingId: string): Promise<{ data: EventData; healthData: EventData } | null> {
  const [b] = await tx.select({
    id: bookings.id, reference: bookings.reference, sessionId: bookings.sessionId, status: bookings.status,
    paymentStatus: bookings.paymentStatus, paymentOption: bookings.paymentOption, attendeeCount: activeAttendeeCount,
    currency: bookings.currency, totalAmount: bookings.totalAmount, amountDueNow: bookings.amountDueNow,
    amountPaid: bookings.amountPaid, amountRefunded: bookings.amountRefunded, spanStartsAt: bookings.spanStartsAt, spanEndsAt: bookings.spanEndsAt,
  }).from(bookings).where(eq(bookings.id, bookingId));
  if (!b) return null;
  const needs = await tx.select({
    attendeeId: specialRequirements.attendeeId, category: specialRequirements.category, priority: specialRequirements.priority,
    label: specialRequirements.label, details: specialRequirements.details,
  }).from(specialRequirements).where(eq(specialRequirements.bookingId, bookingId)).orderBy(asc(specialRequirements.attendeeId), asc(specialRequirements.label));
  return {
    data: {
      bookingId: b.id, reference: b.reference, sessionId: b.sessionId, status: b.status, paymentStatus: b.paymentStatus,
      paymentOption: b.paymentOption, attendeeCount: b.attendeeCount, currency: b.currency, totalAmount: b.totalAmount,
      amountDueNow: b.amountDueNow, amountPaid: b.amountPaid, amountRefunded: b.amountRefunded,
      ...(b.spanStartsAt ? { spanStartsAt: b.spanStartsAt.toISOString(), spanEndsAt: b.spanEndsAt?.toISOString() ?? null } : {}),
    },
    healthData: { requirements: needs },
  };
}

/** A booking event with the booking's current state; `extra` adds what the cause knows (a reason, say). */
export async function emitBookingEvent(tx: DbOrTx, type: WebhookEventType, bookingId: string, extra: EventData = {}, subscribed?: { id: string }[]) {
  return emitLazily(tx, type, async () => {
    const found = await bookingEventData(tx, bookingId);
    return found && { data: { ...found.data, ...extra }, healthData: found.healthData };
  }, subscribed);
}

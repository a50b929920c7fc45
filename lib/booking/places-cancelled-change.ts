// The entry a cancellation of places leaves in the booking's history of changes, written in the cancellation's own
// transaction (so a replayed cancellation, which returns before cancelling anything, writes none).
import type { Tx } from "@/db";
import type { BookingDetail } from "@/db/queries/bookings";
import { bookingChanges } from "@/db/schema";

export type PlacesCancelledActor = { kind: "booker" | "api" | "staff"; email: string | null };

/**
 * Records the places in `attendeeIds` (still booked in `detail`, read before they were cancelled) as cancelled by
 * `actor`, with the refund the cancellation sends back (integer minor units; 0 for none). `reason`: staff's, shown
 * to staff only. Nothing is recorded when no place is cancelled (a refund alone is not a change of the booking).
 */
export async function recordPlacesCancelled(tx: Tx, p: {
  detail: BookingDetail; attendeeIds: string[]; refundAmount: number; actor: PlacesCancelledActor; reason?: string | null; now: Date;
}): Promise<string | null> {
  const active = p.detail.attendees.filter((a) => !a.cancelledAt);
  const cancelled = active.filter((a) => p.attendeeIds.includes(a.id)).sort((a, b) => a.position - b.position);
  if (cancelled.length === 0) return null;
  const reason = p.reason?.trim().slice(0, 500) || null;
  const [row] = await tx.insert(bookingChanges).values({
    bookingId: p.detail.booking.id, action: "places_cancelled", actorKind: p.actor.kind, actorEmail: p.actor.email,
    before: {
      activeAttendees: active.length,
      attendees: cancelled.map((a) => ({ attendeeId: a.id, position: a.position, firstName: a.firstName, lastName: a.lastName })),
    },
    after: { activeAttendees: active.length - cancelled.length, refundAmount: p.refundAmount, currency: p.detail.booking.currency },
    reason, createdAt: p.now,
  }).returning({ id: bookingChanges.id });
  return row.id;
}

// Gives back the places of checkouts that ran out of time.
import type { Tx } from "@/db";
import { expireLapsedHolds, logPaymentEvent } from "@/db/queries/bookings";
import { releaseUnpaidPlaces } from "@/lib/self-service/waitlist";
import { subscribedEndpoints } from "@/lib/webhooks/emit";
import { emitBookingEvent } from "@/lib/webhooks/event-data";

export async function releaseExpiredHolds(tx: Tx, p: { sessionId?: string; now?: Date } = {}) {
  const now = p.now ?? new Date();
  const expired = await expireLapsedHolds(tx, { sessionId: p.sessionId, now });
  // Seats, types and sessions are released in a fixed order, so two sweepers cannot deadlock on each other's rows.
  await releaseUnpaidPlaces(tx, expired.map((b) => b.id), now);
  // Integrators heard booking.created when the places were held: they hear that the hold ended unpaid.
  const subscribed = expired.length ? await subscribedEndpoints(tx, "booking.cancelled") : [];
  for (const b of expired) {
    await logPaymentEvent(tx, { bookingId: b.id, type: "hold_expired", message: `Hold expired; ${b.attendeeCount} place${b.attendeeCount === 1 ? "" : "s"} released` });
    if (subscribed.length) await emitBookingEvent(tx, "booking.cancelled", b.id, { reason: "hold_expired" }, subscribed);
  }
  return expired;
}

// Gives back the places of checkouts that ran out of time.
import type { DbOrTx } from "@/db";
import { expireLapsedHolds, logPaymentEvent } from "@/db/queries/bookings";
import { releaseHeldPlaces } from "@/db/queries/places";

export async function releaseExpiredHolds(tx: DbOrTx, p: { sessionId?: string; now?: Date } = {}) {
  const now = p.now ?? new Date();
  const expired = await expireLapsedHolds(tx, { sessionId: p.sessionId, now });
  // Seats, types and sessions are released in a fixed order, so two sweepers cannot deadlock on each other's rows.
  await releaseHeldPlaces(tx, expired.map((b) => b.id));
  for (const b of expired)
    await logPaymentEvent(tx, { bookingId: b.id, type: "hold_expired", message: `Hold expired; ${b.attendeeCount} place(s) released` });
  return expired;
}

// Gives back the places of checkouts that ran out of time.
import type { DbOrTx } from "@/db";
import { expireLapsedHolds, logPaymentEvent, releaseHeld } from "@/db/queries/bookings";

export async function releaseExpiredHolds(tx: DbOrTx, p: { sessionId?: string; now?: Date } = {}) {
  const now = p.now ?? new Date();
  const expired = await expireLapsedHolds(tx, { sessionId: p.sessionId, now });
  const bySession = new Map<string, number>();
  for (const b of expired) bySession.set(b.sessionId, (bySession.get(b.sessionId) ?? 0) + b.attendeeCount);
  // Sessions in a fixed order so two sweepers cannot deadlock on each other's rows.
  for (const sessionId of [...bySession.keys()].sort()) await releaseHeld(tx, sessionId, bySession.get(sessionId)!);
  for (const b of expired)
    await logPaymentEvent(tx, { bookingId: b.id, type: "hold_expired", message: `Hold expired; ${b.attendeeCount} place(s) released` });
  return expired;
}

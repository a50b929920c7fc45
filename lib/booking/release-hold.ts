// A checkout given up by the integrator that started it: DELETE /api/v1/bookings/{reference} on a booking not yet
// paid gives its places back at once instead of when the hold ends, and closes its checkout. A payment that still
// arrives is refunded in full (lib/payments/record-payment.ts), as after staff stop a checkout.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings } from "@/db/schema";
import { lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { log } from "@/lib/log";
import { paymentProvider } from "@/lib/payments/provider";
import { releaseUnpaidPlaces } from "@/lib/self-service/waitlist";
import { emitBookingEvent } from "@/lib/webhooks/event-data";

/** The booking's status reason once its client released the hold. */
export const RELEASED_BY_CLIENT = "released_by_client";

export type HoldRelease = { bookingReference: string; placesReleased: number; replayed: boolean };

/**
 * Ends the hold of a booking still awaiting payment: cancelled, places (and seats, discount uses) given back,
 * `booking.cancelled` emitted, its checkout expired after commit. A booking already released this way answers
 * the same again (replayed). Null for a booking in any other state: paid ones are cancelled under the policy.
 * Lock order as the webhook's: the booking's row, then the places.
 */
export async function releaseHoldByClient(db: Db, bookingId: string, now = new Date()): Promise<HoldRelease | null> {
  const outcome = await db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (!booking) return null;
    if (booking.status === "cancelled" && booking.statusReason === RELEASED_BY_CLIENT)
      return { release: { bookingReference: booking.reference, placesReleased: booking.attendeeCount, replayed: true }, checkoutId: null };
    if (booking.status !== "pending") return null;
    await tx.update(bookings).set({ status: "cancelled", statusReason: RELEASED_BY_CLIENT, releasedAt: now, updatedAt: now })
      .where(eq(bookings.id, booking.id));
    await releaseUnpaidPlaces(tx, [booking.id], now);
    await logPaymentEvent(tx, {
      bookingId: booking.id, type: "hold_released",
      message: `Hold released through the API: ${booking.attendeeCount} place${booking.attendeeCount === 1 ? "" : "s"} given back`,
    });
    await emitBookingEvent(tx, "booking.cancelled", booking.id, { reason: RELEASED_BY_CLIENT });
    return { release: { bookingReference: booking.reference, placesReleased: booking.attendeeCount, replayed: false }, checkoutId: booking.checkoutSessionId };
  });
  if (outcome?.checkoutId) {
    await paymentProvider().expireCheckout(outcome.checkoutId)
      .catch((err) => log.error({ err, checkoutSessionId: outcome.checkoutId }, "could not expire checkout"));
  }
  return outcome?.release ?? null;
}

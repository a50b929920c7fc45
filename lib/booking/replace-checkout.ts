// A checkout the customer left for another: back from the payment page to the wizard, they changed their
// answers and continued again. The booking it was opened for, if still unpaid, gives its places back before the
// new one takes any, so a customer never holds places against themselves (on a nearly full session, the new
// booking would otherwise be refused for want of their own places).
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings, idempotencyKeys } from "@/db/schema";
import { log } from "@/lib/log";
import { paymentProvider } from "@/lib/payments/provider";
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { IDEMPOTENCY_SCOPE } from "./create-booking";
import { cancelUnpaidBooking } from "./open-checkout";

/**
 * Cancels the unpaid booking created with idempotency key `key` (the wizard's own key: only the browser that
 * made the booking knows it) and closes its checkout. A booking already paid, lapsed or cancelled is left as it
 * is; a payment that still arrives for the cancelled one is refunded like any late payment.
 */
export async function replaceUnpaidCheckout(db: Db, key: string): Promise<void> {
  const [prior] = await db.select({ id: bookings.id, checkoutSessionId: bookings.checkoutSessionId })
    .from(idempotencyKeys).innerJoin(bookings, eq(bookings.id, idempotencyKeys.bookingId))
    .where(and(eq(idempotencyKeys.scope, IDEMPOTENCY_SCOPE), eq(idempotencyKeys.key, key), eq(bookings.status, "pending")));
  if (!prior) return;
  const cancelled = await cancelUnpaidBooking(db, prior.id, "replaced_by_customer", (tx) =>
    // Integrators heard booking.created when the places were held: they hear that the hold ended unpaid.
    emitBookingEvent(tx, "booking.cancelled", prior.id, { reason: "replaced_by_customer" }));
  if (cancelled && prior.checkoutSessionId)
    await paymentProvider().expireCheckout(prior.checkoutSessionId)
      .catch((err) => log.error({ err, checkoutSessionId: prior.checkoutSessionId }, "could not expire a replaced checkout"));
}

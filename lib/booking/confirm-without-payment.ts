// A booking with nothing to pay now (discount codes, rules or reward points cover the whole amount due) is
// confirmed at once, as a paid one is (tickets, an invoice at its total, the confirmation email, the checklist,
// the live dashboard, outgoing webhooks), with no checkout: a payment provider refuses a checkout for nothing,
// and there is no payment to record.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings } from "@/db/schema";
import { lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { confirmHeldPlaces } from "@/db/queries/places";
import { afterPaymentApplied } from "@/lib/payments/hooks";
import { countBookings } from "@/lib/metrics/events";
import { emitBookingEvent } from "@/lib/webhooks/event-data";

/**
 * Confirms the pending booking when it has nothing to pay now. False (and nothing written) when it is not
 * pending any more (confirmed already, expired, cancelled) or owes something now.
 */
export async function confirmWithoutPayment(db: Db, bookingId: string, now = new Date()): Promise<boolean> {
  const confirmed = await db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (!booking || booking.status !== "pending" || booking.amountDueNow !== 0) return false;
    // Nothing now but something later (a deposit of nothing): the balance is asked for as for any deposit.
    const kind = booking.totalAmount > 0 ? "deposit" : "full";
    await tx.update(bookings)
      .set({ status: "confirmed", paymentStatus: kind === "deposit" ? "deposit_paid" : "paid", confirmedAt: now, updatedAt: now })
      .where(eq(bookings.id, booking.id));
    await logPaymentEvent(tx, { bookingId: booking.id, type: "confirmed_without_payment", message: "Nothing to pay now: confirmed without a payment" });
    const invoice = await afterPaymentApplied(tx, { bookingId: booking.id, sessionId: booking.sessionId, paymentId: null, kind, eventId: null });
    await emitBookingEvent(tx, "booking.confirmed", booking.id, { paymentId: null, paymentKind: kind, paymentAmount: 0 });
    // Last, as for a payment: the session's places, then the year's invoice counter, each locked until commit.
    await confirmHeldPlaces(tx, booking.id);
    if (invoice && !invoice.existing) await invoice.write();
    return true;
  });
  if (confirmed) countBookings("confirmed");
  return confirmed;
}

// charge.refund.updated: a refund the provider accepted can still fail (a closed card) or be cancelled.
// The refund is then marked failed with the reason, the money it had booked back is taken off the payment
// and the booking again (so the customer is never shown a refund that did not happen), and finance sees it
// on the invoice page to settle another way. Other updates (pending → succeeded) change nothing here.
import type Stripe from "stripe";
import { eq, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { bookings, payments, refunds } from "@/db/schema";
import { lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { isUuid } from "@/lib/validations/ids";
import { formatMoney } from "@/lib/format";

const FAILED = new Set(["failed", "canceled"]);

export async function refundUpdated(tx: Tx, event: Stripe.Event) {
  const r = event.data.object as Stripe.Refund;
  if (!FAILED.has(r.status ?? "")) return;
  const ownId = r.metadata?.refundId && isUuid(r.metadata.refundId) ? r.metadata.refundId : null;
  // Lock order as elsewhere: refund, then payment, then booking.
  const [refund] = await tx.select().from(refunds)
    .where(ownId ? or(eq(refunds.providerRefundId, r.id), eq(refunds.id, ownId)) : eq(refunds.providerRefundId, r.id))
    .for("update");
  if (!refund) {
    await logPaymentEvent(tx, { eventId: event.id, type: "ignored", message: `Refund ${r.id} ${r.status}: not one of ours` });
    return;
  }
  if (refund.status === "failed") return;
  const reason = `${r.status === "canceled" ? "Cancelled" : "Failed"} at the payment provider${r.failure_reason ? `: ${r.failure_reason}` : ""}; the money did not go back`;
  const wasBooked = refund.status === "succeeded";
  await tx.update(refunds).set({ status: "failed", lastError: reason, providerRefundId: refund.providerRefundId ?? r.id, completedAt: new Date() })
    .where(eq(refunds.id, refund.id));
  if (wasBooked) {
    await tx.select({ id: payments.id }).from(payments).where(eq(payments.id, refund.paymentId)).for("update");
    await tx.update(payments).set({ amountRefunded: sql`${payments.amountRefunded} - ${refund.amount}` }).where(eq(payments.id, refund.paymentId));
    if (refund.countsAgainstBooking) {
      await lockBooking(tx, refund.bookingId);
      await tx.update(bookings).set({
        amountRefunded: sql`${bookings.amountRefunded} - ${refund.amount}`,
        paymentStatus: sql`case when ${bookings.amountRefunded} - ${refund.amount} > 0 then 'partially_refunded'::booking_payment_status
          when ${bookings.amountPaid} >= ${bookings.totalAmount} - ${bookings.creditedAmount} then 'paid'::booking_payment_status
          else 'deposit_paid'::booking_payment_status end`,
        updatedAt: new Date(),
      }).where(eq(bookings.id, refund.bookingId));
    }
  }
  await logPaymentEvent(tx, {
    bookingId: refund.bookingId, paymentId: refund.paymentId, eventId: event.id, type: "refund_failed_at_provider",
    message: `Refund of ${formatMoney(refund.amount, refund.currency)} ${reason}`, data: { providerRefundId: r.id, failureReason: r.failure_reason ?? null },
  });
}

// charge.refunded: refunds made outside the app (in the Stripe dashboard) are booked like our own, once
// each by the provider's refund id; a refund the app made itself is recognised by its metadata.
import type Stripe from "stripe";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { bookingAttendees, bookings, invoices, payments, refunds, type Refund } from "@/db/schema";
import { getBookingDetail, lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { recordPlacesCancelled } from "@/lib/booking/places-cancelled-change";
import { amountOwed } from "@/lib/booking/balance";
import { issueCreditNote } from "@/lib/invoices/issue-credit-note";
import { markRefundSucceeded } from "./refunds";
import { cancelBookedPlaces } from "@/db/queries/places";
import { cancelledPlaceLines } from "@/lib/invoices/cancelled-lines";
import { stripeClient } from "./stripe-client";
import { isUuid } from "@/lib/validations/ids";
import { formatMoney } from "@/lib/format";


type ProviderRefund = Pick<Stripe.Refund, "id" | "amount" | "status" | "metadata">;

/** The charge's refunds: in the event when Stripe includes them, else listed from the API. */
async function refundsOf(charge: Stripe.Charge, paymentIntentId: string, simulated: boolean): Promise<ProviderRefund[]> {
  const inline = charge.refunds?.data;
  if (inline && (simulated || !charge.refunds?.has_more)) return inline;
  if (simulated) return [];
  const listed: ProviderRefund[] = [];
  for await (const r of stripeClient().refunds.list({ payment_intent: paymentIntentId, limit: 100 })) listed.push(r);
  return listed;
}

export async function reconcileChargeRefunded(tx: Tx, event: Stripe.Event) {
  const charge = event.data.object as Stripe.Charge;
  const paymentIntentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentIntentId) {
    await logPaymentEvent(tx, { eventId: event.id, type: "ignored", message: "charge.refunded without a payment intent" });
    return;
  }
  const simulated = paymentIntentId.includes("_sim_");
  const [known] = await tx.select({ id: payments.id }).from(payments)
    .where(and(eq(payments.provider, simulated ? "simulated" : "stripe"), eq(payments.providerPaymentId, paymentIntentId)));
  if (!known) {
    await logPaymentEvent(tx, { eventId: event.id, type: "ignored", message: `charge.refunded for unknown payment ${paymentIntentId}` });
    return;
  }
  const made = (await refundsOf(charge, paymentIntentId, simulated)).filter((r) => r.status === "succeeded" || r.status === "pending");

  // Lock order as in processRefund (refund, then payment, then booking), so the two never deadlock.
  const ourIds = made.map((r) => r.metadata?.refundId).filter((id): id is string => Boolean(id && isUuid(id))).sort();
  const ours: Refund[] = ourIds.length
    ? await tx.select().from(refunds).where(inArray(refunds.id, ourIds)).orderBy(refunds.id).for("update")
    : [];
  const [payment] = await tx.select().from(payments).where(eq(payments.id, known.id)).for("update");
  const booking = await lockBooking(tx, payment.bookingId);
  if (!booking) return;

  for (const r of made) {
    const [booked] = await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.providerRefundId, r.id));
    if (booked) continue;
    const own = ours.find((o) => o.id === r.metadata?.refundId);
    if (own) {
      // Ours, made at the provider but not yet booked (the app stopped before recording the answer).
      if (own.status === "pending" && own.paymentId === payment.id) {
        await markRefundSucceeded(tx, own, payment, r.id);
        own.status = "succeeded";
      }
      continue;
    }
    await bookExternalRefund(tx, event.id, payment, r);
  }
}

/** A refund made in the dashboard: a refund row, a credit note when it counted on the invoice. */
async function bookExternalRefund(tx: Tx, eventId: string, payment: typeof payments.$inferSelect, r: ProviderRefund) {
  // A payment refunded as a duplicate or mismatch never counted towards the booking; neither does this.
  const [counts] = await tx.execute<{ ok: boolean }>(
    sql`select not exists (select 1 from refunds where payment_id = ${payment.id} and not counts_against_booking) as ok`);
  const [row] = await tx.insert(refunds).values({
    bookingId: payment.bookingId, paymentId: payment.id, amount: r.amount, currency: payment.currency,
    reason: "Refunded in the Stripe dashboard", countsAgainstBooking: counts.ok,
  }).returning();

  const [booking] = await tx.select().from(bookings).where(eq(bookings.id, payment.bookingId));
  const [invoice] = await tx.select({ id: invoices.id, lines: invoices.lines }).from(invoices)
    .where(and(eq(invoices.bookingId, booking.id), isNull(invoices.supplementsInvoiceId)));
  if (counts.ok && invoice) {
    const now = new Date();
    const value = booking.totalAmount - booking.creditedAmount;
    const netPaidAfter = booking.amountPaid - booking.amountRefunded - r.amount;
    const active = await tx.select({ id: bookingAttendees.id }).from(bookingAttendees)
      .where(and(eq(bookingAttendees.bookingId, booking.id), isNull(bookingAttendees.cancelledAt)));
    // Every penny back means the booking is off; a part refund is a price reduction by that amount.
    const cancelsEverything = netPaidAfter <= 0 && active.length > 0 && booking.status === "confirmed";
    const credit = Math.min(value, cancelsEverything ? Math.max(r.amount, amountOwed(booking) + r.amount) : r.amount);
    if (credit < r.amount) {
      // More money back than the invoice still holds (only while an earlier refund is still pending): book
      // the money, and leave the credit note to finance rather than print one that does not add up.
      await logPaymentEvent(tx, { bookingId: booking.id, paymentId: payment.id, eventId, type: "refund_needs_review", message: `Refund ${r.id} exceeds what the invoice still holds; no credit note issued` });
    } else {
      const cancelledLines = cancelsEverything ? await cancelledPlaceLines(tx, booking.id, invoice.lines, active.map((a) => a.id)) : [];
      if (cancelsEverything) {
        // In the booking's history as any cancellation is, by the seller (someone with the provider's dashboard).
        const detail = (await getBookingDetail(tx, booking.id))!;
        await recordPlacesCancelled(tx, {
          detail, attendeeIds: active.map((a) => a.id), refundAmount: r.amount, actor: { kind: "staff", email: null },
          reason: "Refunded in full at the payment provider, outside Turnout", now,
        });
        await cancelBookedPlaces(tx, booking.sessionId, active.map((a) => a.id), now);
      }
      await tx.update(bookings).set({
        creditedAmount: sql`${bookings.creditedAmount} + ${credit}`,
        ...(cancelsEverything ? { status: "refunded" as const, statusReason: "refunded_at_provider", releasedAt: now } : {}),
        updatedAt: now,
      }).where(eq(bookings.id, booking.id));
      await issueCreditNote(tx, {
        invoiceId: invoice.id, refundId: row.id, credit, refundAmount: r.amount, reason: row.reason, now,
        cancelledLines,
      });
    }
  }
  await logPaymentEvent(tx, { bookingId: payment.bookingId, paymentId: payment.id, eventId, type: "refund_reconciled", message: `Refund ${r.id} of ${formatMoney(r.amount, payment.currency)} made at the provider` });
  await markRefundSucceeded(tx, row, payment, r.id);
}

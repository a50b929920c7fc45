// Sends pending refunds to the provider. Safe to run from several processes: rows are claimed with SKIP LOCKED.
import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { bookings, payments, refunds, type Payment, type Refund } from "@/db/schema";
import { logPaymentEvent } from "@/db/queries/bookings";
import { afterRefundSucceeded } from "./hooks";
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { paymentProvider } from "./provider";
import { countRefund } from "@/lib/metrics/events";
import { isOfflineProvider, OFFLINE_PAYMENT_METHODS } from "./offline-methods";
import { formatMoney } from "@/lib/format";

export async function processRefund(db: Db, refundId: string): Promise<"succeeded" | "failed" | "skipped"> {
  const outcome = await db.transaction(async (tx): Promise<"succeeded" | "failed" | "skipped"> => {
    const [refund] = await tx.select().from(refunds)
      .where(and(eq(refunds.id, refundId), eq(refunds.status, "pending")))
      .for("update", { skipLocked: true });
    if (!refund) return "skipped";
    const [payment] = await tx.select().from(payments).where(eq(payments.id, refund.paymentId));
    // Money paid by transfer or in cash goes back by hand: finance marks it paid (offline-payment.ts).
    if (isOfflineProvider(payment.provider)) return "skipped";
    try {
      const result = await paymentProvider().refund({
        paymentIntentId: payment.providerPaymentId,
        amount: refund.amount,
        idempotencyKey: `refund-${refund.id}`,
        bookingId: refund.bookingId,
        refundId: refund.id,
      });
      await markRefundSucceeded(tx, refund, payment, result.id);
      return "succeeded";
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await tx.update(refunds).set({ attempts: refund.attempts + 1, lastError: message.slice(0, 500) })
        .where(eq(refunds.id, refund.id));
      await logPaymentEvent(tx, { bookingId: refund.bookingId, paymentId: payment.id, type: "refund_failed", message: `Refund attempt failed: ${message.slice(0, 200)}` });
      return "failed";
    }
  });
  if (outcome !== "skipped") countRefund(outcome);
  return outcome;
}

/**
 * Books a refund the provider has made: the refund row, the payment's and the booking's refunded totals,
 * then the hook (credit note email). Used by processRefund and by the charge.refunded reconciliation.
 */
export async function markRefundSucceeded(tx: Tx, refund: Refund, payment: Payment, providerRefundId: string) {
  await tx.update(refunds).set({
    status: "succeeded", providerRefundId, attempts: refund.attempts + 1, completedAt: new Date(), lastError: null,
  }).where(eq(refunds.id, refund.id));
  await tx.update(payments).set({ amountRefunded: sql`${payments.amountRefunded} + ${refund.amount}` })
    .where(eq(payments.id, payment.id));
  if (refund.countsAgainstBooking) {
    const [b] = await tx.update(bookings).set({
      amountRefunded: sql`${bookings.amountRefunded} + ${refund.amount}`,
      updatedAt: new Date(),
    }).where(eq(bookings.id, refund.bookingId)).returning();
    await tx.update(bookings)
      .set({ paymentStatus: b.amountRefunded >= b.amountPaid ? "refunded" : "partially_refunded" })
      .where(eq(bookings.id, b.id));
  }
  await emitBookingEvent(tx, "payment.refunded", refund.bookingId, {
    refundId: refund.id, paymentId: payment.id, refundAmount: refund.amount, refundCurrency: refund.currency, reason: refund.reason,
  });
  await afterRefundSucceeded(tx, {
    refundId: refund.id, bookingId: refund.bookingId, paymentId: payment.id, amount: refund.amount, countsAgainstBooking: refund.countsAgainstBooking,
  });
  await logPaymentEvent(tx, { bookingId: refund.bookingId, paymentId: payment.id, type: "refund_succeeded", message: `Refunded ${formatMoney(refund.amount, refund.currency)} (${refund.reason})`, data: { providerRefundId } });
}

export async function processPendingRefunds(db: Db, limit = 20) {
  const pending = await db.select({ id: refunds.id }).from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    // Fewest attempts first, so a few refunds that keep failing cannot starve newer ones; refunds paid back by
    // hand are finance's, never the provider's.
    .where(and(eq(refunds.status, "pending"), notInArray(payments.provider, [...OFFLINE_PAYMENT_METHODS])))
    .orderBy(asc(refunds.attempts), asc(refunds.createdAt)).limit(limit);
  const results = [];
  for (const r of pending) results.push(await processRefund(db, r.id));
  return results;
}

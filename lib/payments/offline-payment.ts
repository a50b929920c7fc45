// Money that reached the seller outside the checkout: a balance paid by bank transfer (as the invoice and the
// reminder invite) or in cash at the desk. Finance records it against the booking, and it counts as the
// checkout's payment would: the booking paid in full, the receipt emailed, the reminder withdrawn. A refund of
// such money cannot go back through the card provider: it waits for finance to pay it back and mark it paid.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db";
import { lockBooking } from "@/db/queries/bookings";
import { listOfflinePaymentRecords } from "@/db/queries/finance";
import { payments, refunds, type Payment } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { amountOwed } from "@/lib/booking/balance";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/format";
import { dayRange, isoDay } from "@/lib/invoices/periods";
import { log } from "@/lib/log";
import { paymentProvider } from "./provider";
import { recordPayment } from "./record-payment";
import { markRefundSucceeded } from "./refunds";
import { isOfflineProvider, OFFLINE_PAYMENT_METHODS, type OfflinePaymentMethod } from "./offline-methods";

export type OfflinePaymentInput = {
  /** receivedOn: the day it arrived, in FINANCE_TIME_ZONE (offlineReceivedAt). */
  bookingId: string; method: OfflinePaymentMethod; amount: number; receivedOn: string; reference: string | null;
  /** One per decision (the form's): a double submit records the payment once. */
  idempotencyKey: string;
};

/**
 * The moment stored for money finance says arrived on `receivedOn`, a day in `timeZone`: `now` when that day is today
 * there, so that it reads as later than every payment made before it was recorded (a refund comes off the latest
 * payment first), and otherwise the middle of that day there, so that it shows as that day in that time zone.
 */
export function offlineReceivedAt(receivedOn: string, timeZone: string, now: Date): Date {
  if (receivedOn === isoDay(now, timeZone)) return now;
  const { start, end } = dayRange(receivedOn, receivedOn, timeZone);
  return new Date((start.getTime() + end.getTime()) / 2);
}

/** Why finance cannot say money arrived on `receivedOn` (a day in `timeZone`) for a booking made at `createdAt`; null: it can. */
export function receivedOnProblem(receivedOn: string, createdAt: Date, timeZone: string, now: Date): string | null {
  if (receivedOn > isoDay(now, timeZone)) return "The day it arrived cannot be in the future";
  if (receivedOn < isoDay(createdAt, timeZone)) return "The day it arrived cannot be before the booking was made";
  return null;
}

/**
 * Records the balance of a paid booking as received: the whole amount owed, no more and no less (a part
 * payment is not taken: the form says what is owed). Returns whether it was recorded now or before (a replay).
 */
export async function recordOfflinePayment(db: Db, actor: AuditActor, input: OfflinePaymentInput): Promise<{ replayed: boolean }> {
  const providerPaymentId = `offline_${input.idempotencyKey}`;
  const done = await db.transaction(async (tx) => {
    const booking = await lockBooking(tx, input.bookingId);
    if (!booking) throw new AppError("booking_not_found");
    const [earlier] = await tx.select({ id: payments.id }).from(payments)
      .where(and(eq(payments.provider, input.method), eq(payments.providerPaymentId, providerPaymentId)));
    if (earlier) return { replayed: true, checkout: null };
    const owed = amountOwed(booking);
    if (booking.status !== "confirmed" || owed <= 0)
      throw new AppError("conflict", { reason: "nothing_owed" }, "Nothing is owed on this booking now.");
    if (input.amount !== owed)
      throw new AppError("invalid_request", { fields: { receivedAmount: `Record the whole amount owed, ${formatMoney(owed, booking.currency)}` } });
    await recordPayment(tx, {
      bookingId: booking.id, provider: input.method, providerPaymentId, checkoutSessionId: null,
      amount: input.amount, currency: booking.currency, eventId: `offline:${input.idempotencyKey}`, purpose: "balance",
    });
    // The day it arrived, as finance records it (the receipt and the invoice list show it).
    const receivedAt = offlineReceivedAt(input.receivedOn, env().FINANCE_TIME_ZONE, new Date());
    const [payment] = await tx.update(payments).set({ receivedAt })
      .where(and(eq(payments.provider, input.method), eq(payments.providerPaymentId, providerPaymentId))).returning({ id: payments.id });
    // The entry is where the reference is kept: the staff booking page reads it (offlinePaymentReferences).
    await recordAudit(tx, actor, {
      action: "payment.record_offline", entityType: "booking", entityId: booking.id,
      before: { amountPaid: booking.amountPaid },
      after: { amountPaid: booking.amountPaid + input.amount, method: input.method, receivedOn: input.receivedOn, reference: input.reference, paymentId: payment?.id ?? null },
    });
    return { replayed: false, checkout: booking.balanceCheckoutSessionId };
  });
  // A balance checkout still open would take the money a second time: closed (a payment through it anyway is
  // refunded as a duplicate by recordPayment).
  if (done.checkout) await paymentProvider().expireCheckout(done.checkout).catch((err: unknown) => log.warn({ err }, "could not expire the balance checkout"));
  return { replayed: done.replayed };
}

const recordedEntry = z.object({
  before: z.object({ amountPaid: z.number() }),
  after: z.object({
    amountPaid: z.number(), method: z.enum(OFFLINE_PAYMENT_METHODS), receivedOn: z.string(),
    reference: z.string().nullish(), paymentId: z.string().nullish(),
  }),
});

/**
 * The reference finance typed for each of a booking's offline payments, by payment id (null: none was given). The
 * payment row has the method (its provider) and the day (receivedAt); the reference is kept only in the audit entry
 * recordOfflinePayment writes. An entry names its payment; one written before entries did is matched by method, day
 * and amount.
 */
export async function offlinePaymentReferences(
  db: DbOrTx, bookingId: string, bookingPayments: readonly Pick<Payment, "id" | "provider" | "amount" | "receivedAt">[],
): Promise<Map<string, string | null>> {
  const offline = bookingPayments.filter((p) => isOfflineProvider(p.provider));
  const found = new Map<string, string | null>();
  if (offline.length === 0) return found;
  for (const row of await listOfflinePaymentRecords(db, bookingId)) {
    const entry = recordedEntry.safeParse(row);
    if (!entry.success) continue;
    const { before, after } = entry.data;
    const payment = after.paymentId ? offline.find((p) => p.id === after.paymentId)
      : offline.find((p) => !found.has(p.id) && p.provider === after.method && p.amount === after.amountPaid - before.amountPaid
        && p.receivedAt.toISOString().slice(0, 10) === after.receivedOn);
    if (payment) found.set(payment.id, after.reference ?? null);
  }
  return found;
}

/** Finance paid a refund of offline money back by hand: it is booked as made, with its credit note's email. */
export async function markOfflineRefundPaid(db: Db, actor: AuditActor, refundId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ refund: refunds, payment: payments }).from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.id, refundId)).for("update", { of: refunds });
    if (!row) throw new AppError("not_found", {}, "No such refund.");
    if (!isOfflineProvider(row.payment.provider)) throw new AppError("conflict", { reason: "card_refund" }, "This refund goes back to the card: the provider makes it.");
    if (row.refund.status !== "pending") throw new AppError("conflict", { reason: "refund_done" }, "This refund is already marked as paid back.");
    await markRefundSucceeded(tx, row.refund, row.payment, `offline_${row.refund.id}`);
    await recordAudit(tx, actor, { action: "refund.paid_offline", entityType: "refund", entityId: row.refund.id, after: { amount: row.refund.amount, currency: row.refund.currency } });
  });
}

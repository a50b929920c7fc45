// Staff refunds: cancel some or all places, credit the invoice and send the money back, in one decision.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { bookings, creditNotes, invoices, payments, refunds } from "@/db/schema";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { getBookingDetail, lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { cancelledPlaceLines, invoiceToCredit } from "@/lib/invoices/cancelled-lines";
import { cancelBookedPlaces } from "@/db/queries/places";
import { recordPlacesCancelled } from "@/lib/booking/places-cancelled-change";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { issueCreditNote } from "@/lib/invoices/issue-credit-note";
import { paymentProvider } from "./provider";
import { planRefund, type RefundablePayment } from "./refund-plan";
import { processRefund } from "./refunds";
import { log } from "@/lib/log";
import { countBookings } from "@/lib/metrics/events";
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { formatMoney } from "@/lib/format";

export type RefundBookingInput = {
  bookingId: string; attendeeIds: string[]; amount: number; reason: string;
  /** One per staff decision (the refund form makes one): the same key again returns the first refund and does nothing. */
  idempotencyKey?: string;
};

export type RefundBookingResult = {
  creditNoteId: string; creditNoteNumber: string; refundIds: string[]; credit: number; placesCancelled: number;
  /** True when the key had been used: this is the earlier refund, and nothing new was done. */
  replayed: boolean;
};

/** The refund decision made earlier with this key, as its result; 409 when the key was used for something else. */
async function refundForKey(tx: DbOrTx, key: string, input: RefundBookingInput): Promise<RefundBookingResult | null> {
  const [previous] = await tx.select({ id: refunds.id, bookingId: refunds.bookingId }).from(refunds).where(eq(refunds.idempotencyKey, key));
  if (!previous) return null;
  const [cn] = await tx.select().from(creditNotes).where(eq(creditNotes.refundId, previous.id));
  if (previous.bookingId !== input.bookingId || !cn || cn.refundAmount !== input.amount) throw new AppError("idempotency_key_reused");
  const parts = await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.parentRefundId, previous.id));
  return {
    creditNoteId: cn.id, creditNoteNumber: cn.number, refundIds: [previous.id, ...parts.map((p) => p.id)], credit: cn.totalAmount,
    placesCancelled: cn.lines.filter((l) => l.attendeeId).length, replayed: true,
  };
}

/** Counted payments of a booking and what is left to refund on each, pending refunds deducted. */
export async function refundablePayments(tx: DbOrTx, bookingId: string): Promise<RefundablePayment[]> {
  const rows = await tx.select({
    id: payments.id,
    amount: payments.amount,
    refunded: payments.amountRefunded,
    receivedAt: payments.receivedAt,
    // The outer column qualified by hand: in a single-table select Drizzle writes ${payments.id} as a bare "id",
    // which inside these subqueries means r.id (pending refunds were never deducted, and every payment counted).
    pending: sql<number>`coalesce((select sum(r.amount) from refunds r where r.payment_id = "payments"."id" and r.status = 'pending'), 0)::int`,
    counts: sql<boolean>`not exists (select 1 from refunds r where r.payment_id = "payments"."id" and not r.counts_against_booking)`,
  }).from(payments).where(eq(payments.bookingId, bookingId));
  return rows.filter((r) => r.counts).map((r) => ({ id: r.id, refundable: Math.max(0, r.amount - r.refunded - r.pending), receivedAt: r.receivedAt }));
}

/** Everything that can still go back to the customer. */
export async function refundableAmount(db: DbOrTx, bookingId: string): Promise<number> {
  return (await refundablePayments(db, bookingId)).reduce((acc, p) => acc + p.refundable, 0);
}

/**
 * One transaction: the booking locked, the places cancelled and released, the invoice credited (credit
 * note with a gapless number), the refund rows written as pending. After commit the refunds go to the
 * provider; one that fails stays pending and maintenance retries it. The customer's refund email follows
 * when every part has succeeded.
 */
export async function refundBooking(db: Db, input: RefundBookingInput, actor: AuditActor, now = new Date()): Promise<RefundBookingResult> {
  const { result, expireCheckout, cancelsBooking } = await db.transaction(async (tx) => {
    const booking = await lockBooking(tx, input.bookingId);
    if (!booking) throw new AppError("booking_not_found");
    // Under the booking's lock, so a concurrent duplicate waits here and then finds the first one's refund.
    const earlier = input.idempotencyKey ? await refundForKey(tx, input.idempotencyKey, input) : null;
    if (earlier) return { result: earlier, expireCheckout: null, cancelsBooking: false };
    if (booking.status !== "confirmed" && booking.status !== "refunded")
      throw new AppError("conflict", {}, "Only a paid booking can be refunded.");
    const [invoice] = await tx.select({ id: invoices.id, lines: invoices.lines }).from(invoices)
      .where(and(eq(invoices.bookingId, booking.id), isNull(invoices.supplementsInvoiceId)));
    if (!invoice) throw new AppError("conflict", {}, "This booking has no invoice to credit.");

    const detail = (await getBookingDetail(tx, booking.id))!;
    const active = detail.attendees.filter((a) => !a.cancelledAt);
    const chosenIds = [...new Set(input.attendeeIds)];
    if (chosenIds.some((id) => !active.some((a) => a.id === id)))
      throw new AppError("invalid_request", { fields: { attendeeIds: "Choose places that are still booked" } });

    const plan = planRefund({
      value: booking.totalAmount - booking.creditedAmount,
      placesValue: active.filter((a) => chosenIds.includes(a.id)).reduce((acc, a) => acc + a.unitAmount, 0),
      activePlaces: active.length,
      placesToCancel: chosenIds.length,
      refundAmount: input.amount,
      payments: await refundablePayments(tx, booking.id),
    });

    await cancelBookedPlaces(tx, booking.sessionId, chosenIds, now);
    await tx.update(bookings).set({
      creditedAmount: sql`${bookings.creditedAmount} + ${plan.credit}`,
      ...(plan.cancelsEverything ? { status: "refunded" as const, statusReason: "cancelled_by_staff", releasedAt: now } : {}),
      // An open balance checkout asks for the old amount: close it; the customer opens a new one.
      balanceCheckoutSessionId: null, balanceCheckoutUrl: null, balanceCheckoutExpiresAt: null,
      updatedAt: now,
    }).where(eq(bookings.id, booking.id));

    const refundIds: string[] = [];
    for (const part of plan.parts) {
      const [row] = await tx.insert(refunds).values({
        bookingId: booking.id, paymentId: part.paymentId, amount: part.amount, currency: booking.currency, reason: input.reason,
        countsAgainstBooking: true, parentRefundId: refundIds[0] ?? null, requestedBy: actor.id,
        idempotencyKey: refundIds.length === 0 ? input.idempotencyKey ?? null : null,
      }).returning({ id: refunds.id });
      refundIds.push(row.id);
    }

    // Credited on the invoice that billed the places cancelled: a place added later is on a supplementary invoice.
    const credited = (await invoiceToCredit(tx, booking.id, chosenIds, plan.credit)) ?? invoice;
    const cancelledLines = await cancelledPlaceLines(tx, booking.id, credited.lines, chosenIds);
    const creditNote = await issueCreditNote(tx, {
      invoiceId: credited.id, refundId: refundIds[0], credit: plan.credit, refundAmount: input.amount, reason: input.reason, cancelledLines, now,
    });

    // In the booking's history (by "the box office" to the customer); a refund that cancels no place is no change.
    await recordPlacesCancelled(tx, {
      detail, attendeeIds: chosenIds, refundAmount: input.amount, now, actor: { kind: "staff", email: actor.email }, reason: input.reason,
    });
    if (plan.cancelsEverything)
      await emitBookingEvent(tx, "booking.cancelled", booking.id, { reason: input.reason, creditNoteNumber: creditNote.number });
    else if (chosenIds.length)
      await emitBookingEvent(tx, "booking.changed", booking.id, { changes: ["attendees_cancelled"], change: "places_cancelled", cancelledAttendeeIds: chosenIds, creditNoteNumber: creditNote.number });
    await logPaymentEvent(tx, {
      bookingId: booking.id, type: "refund_requested",
      message: `${actor.email} refunded ${formatMoney(input.amount, booking.currency)}${chosenIds.length ? `, cancelling ${chosenIds.length} place${chosenIds.length === 1 ? "" : "s"}` : ""} (${creditNote.number})`,
    });
    await recordAudit(tx, actor, {
      action: "booking.refund", entityType: "booking", entityId: booking.id,
      before: { status: booking.status, creditedAmount: booking.creditedAmount, amountRefunded: booking.amountRefunded, places: active.length },
      after: { creditNote: creditNote.number, credit: plan.credit, refund: input.amount, cancelledAttendeeIds: chosenIds, reason: input.reason },
    });
    return {
      result: { creditNoteId: creditNote.id, creditNoteNumber: creditNote.number, refundIds, credit: plan.credit, placesCancelled: chosenIds.length, replayed: false },
      expireCheckout: booking.balanceCheckoutSessionId,
      cancelsBooking: booking.status === "confirmed" && plan.cancelsEverything,
    };
  }).catch((err) => {
    // The unique key is the backstop should two decisions with one key ever race past the lock (another booking).
    const pg = pgErrorOf(err);
    if (pg?.code === UNIQUE_VIOLATION && pg.constraint === "refunds_idempotency_key") throw new AppError("idempotency_key_reused");
    throw err;
  });

  if (result.replayed) return result;
  if (cancelsBooking) countBookings("cancelled");
  for (const id of result.refundIds) await processRefund(db, id).catch((err) => log.error({ err, refundId: id }, "refund failed; will retry"));
  if (expireCheckout) await paymentProvider().expireCheckout(expireCheckout).catch((err) => log.error({ err }, "could not expire balance checkout"));
  return result;
}

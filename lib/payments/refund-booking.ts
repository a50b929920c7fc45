// Staff refunds: cancel some or all places, credit the invoice and send the money back, in one decision.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db";
import { bookingAttendees, bookings, courseSessions, invoices, payments, refunds, type LineSnapshot } from "@/db/schema";
import { getBookingDetail, lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { cancelledPlaceLines } from "@/lib/invoices/cancelled-lines";
import { cancelBookedPlaces } from "@/db/queries/places";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { issueCreditNote } from "@/lib/invoices/issue-credit-note";
import { paymentProvider } from "./provider";
import { planRefund, type RefundablePayment } from "./refund-plan";
import { processRefund } from "./refunds";

export type RefundBookingInput = { bookingId: string; attendeeIds: string[]; amount: number; reason: string };

export type RefundBookingResult = { creditNoteId: string; creditNoteNumber: string; refundIds: string[]; credit: number; placesCancelled: number };

/** Counted payments of a booking and what is left to refund on each, pending refunds deducted. */
export async function refundablePayments(tx: DbOrTx, bookingId: string): Promise<RefundablePayment[]> {
  const rows = await tx.select({
    id: payments.id,
    amount: payments.amount,
    refunded: payments.amountRefunded,
    receivedAt: payments.receivedAt,
    pending: sql<number>`coalesce((select sum(r.amount) from refunds r where r.payment_id = ${payments.id} and r.status = 'pending'), 0)::int`,
    counts: sql<boolean>`not exists (select 1 from refunds r where r.payment_id = ${payments.id} and not r.counts_against_booking)`,
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
  const { result, expireCheckout } = await db.transaction(async (tx) => {
    const booking = await lockBooking(tx, input.bookingId);
    if (!booking) throw new AppError("booking_not_found");
    if (booking.status !== "confirmed" && booking.status !== "refunded")
      throw new AppError("conflict", {}, "Only a paid booking can be refunded.");
    const [invoice] = await tx.select({ id: invoices.id, lines: invoices.lines }).from(invoices).where(eq(invoices.bookingId, booking.id));
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
      }).returning({ id: refunds.id });
      refundIds.push(row.id);
    }

    const cancelledLines = await cancelledPlaceLines(tx, booking.id, invoice.lines, chosenIds);
    const creditNote = await issueCreditNote(tx, {
      invoiceId: invoice.id, refundId: refundIds[0], credit: plan.credit, refundAmount: input.amount, reason: input.reason, cancelledLines, now,
    });

    await logPaymentEvent(tx, {
      bookingId: booking.id, type: "refund_requested",
      message: `${actor.email} refunded ${input.amount} ${booking.currency}${chosenIds.length ? `, cancelling ${chosenIds.length} place(s)` : ""} (${creditNote.number})`,
    });
    await recordAudit(tx, actor, {
      action: "booking.refund", entityType: "booking", entityId: booking.id,
      before: { status: booking.status, creditedAmount: booking.creditedAmount, amountRefunded: booking.amountRefunded, places: active.length },
      after: { creditNote: creditNote.number, credit: plan.credit, refund: input.amount, cancelledAttendeeIds: chosenIds, reason: input.reason },
    });
    return {
      result: { creditNoteId: creditNote.id, creditNoteNumber: creditNote.number, refundIds, credit: plan.credit, placesCancelled: chosenIds.length },
      expireCheckout: booking.balanceCheckoutSessionId,
    };
  });

  for (const id of result.refundIds) await processRefund(db, id).catch((err) => console.error("refund failed; will retry", err));
  if (expireCheckout) await paymentProvider().expireCheckout(expireCheckout).catch((err) => console.error("could not expire balance checkout", err));
  return result;
}

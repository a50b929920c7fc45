// A customer cancels their booking, or some of its places, under the course's cancellation policy: the places
// are freed, the refund the policy allows goes back through the payment provider, the invoice is credited, the
// booker, the attendees affected and staff hear of it, and the waiting list is offered the places.
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db";
import { bookingCancellations, bookings, checkIns, courses, creditNotes, courseSessions, refunds, tickets, type BookingCancellation } from "@/db/schema";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { getBookingDetail, lockBooking, logPaymentEvent, type BookingDetail } from "@/db/queries/bookings";
import { cancelBookedPlaces } from "@/db/queries/places";
import { recordAudit } from "@/lib/audit/record-audit";
import { requestHash } from "@/lib/booking/create-booking";
import { recordPlacesCancelled } from "@/lib/booking/places-cancelled-change";
import { queueEmail } from "@/lib/email/jobs";
import { AppError } from "@/lib/errors";
import { cancelledPlaceLines, invoiceToCredit } from "@/lib/invoices/cancelled-lines";
import { issueCreditNote } from "@/lib/invoices/issue-credit-note";
import { paymentProvider } from "@/lib/payments/provider";
import { refundablePayments } from "@/lib/payments/refund-booking";
import { planRefund } from "@/lib/payments/refund-plan";
import { processRefund } from "@/lib/payments/refunds";
import { leadTimeText, policyOf, quoteCancellation, type CancellationPolicy, type CancellationQuote } from "./cancellation-policy";
import { queueWaitlistOffers } from "./waitlist-queue";
import { log } from "@/lib/log";
import { formatMoney } from "@/lib/format";

export type CancellationPreview = {
  detail: BookingDetail;
  policy: CancellationPolicy;
  attendeeIds: string[];
  quote: CancellationQuote;
  /** What the invoice goes down by: the refund, plus any balance still owed for these places that is waived. */
  credit: number;
  /** The provider refunds the refund is sent as (latest payment first); none when nothing is refunded. */
  parts: { paymentId: string; amount: number }[];
  /**
   * Every place still booked, in booking order, with the money paid for it (after its discounts and member points;
   * a deposit booking's deposit, or nothing yet for a place added and not paid for): the cancel page lists these.
   */
  places: { attendeeId: string; paid: number; cancel: boolean }[];
};

async function coursePolicy(db: DbOrTx, sessionId: string): Promise<CancellationPolicy> {
  const [row] = await db.select({
    cancellationBands: courses.cancellationBands, cancellationDepositRefundable: courses.cancellationDepositRefundable,
    cancellationFeeAmount: courses.cancellationFeeAmount,
  }).from(courseSessions).innerJoin(courses, eq(courses.id, courseSessions.courseId)).where(eq(courseSessions.id, sessionId));
  return policyOf(row);
}

/**
 * What cancelling these places (all still booked when `attendeeIds` is empty) would do now. Throws the errors a
 * customer sees: 409 when the booking is not a paid one or already cancelled, or the session has started.
 */
export async function previewCancellation(db: DbOrTx, bookingId: string, attendeeIds: string[], now = new Date()): Promise<CancellationPreview> {
  const detail = await getBookingDetail(db, bookingId);
  if (!detail) throw new AppError("booking_not_found");
  const b = detail.booking;
  if (b.status === "refunded" || b.status === "cancelled" || b.status === "expired")
    throw new AppError("conflict", { reason: "already_cancelled" }, "This booking is already cancelled.");
  if (b.status !== "confirmed") throw new AppError("conflict", { reason: "not_paid" }, "Only a paid booking can be cancelled.");
  if (detail.session.startsAt.getTime() <= now.getTime())
    throw new AppError("conflict", { reason: "session_started" }, "The session has started: places can no longer be cancelled.");
  const active = detail.attendees.filter((a) => !a.cancelledAt);
  const chosen = attendeeIds.length ? [...new Set(attendeeIds)] : active.map((a) => a.id);
  const unknown = chosen.filter((id) => !detail.attendees.some((a) => a.id === id));
  if (unknown.length) throw new AppError("invalid_request", { fields: { attendeeIds: "Choose attendees of this booking" } });
  if (chosen.some((id) => !active.some((a) => a.id === id)))
    throw new AppError("conflict", { reason: "already_cancelled", fields: { attendeeIds: "That place is already cancelled" } }, "That place is already cancelled.");
  // Someone already let in at the door has used their place: it is not cancelled (and refunded) online.
  const arrived = await checkedInAttendees(db, chosen);
  if (arrived.length) {
    const who = detail.attendees.filter((a) => arrived.includes(a.id)).map((a) => `${a.firstName} ${a.lastName}`).join(", ");
    const message = `${who} ${arrived.length === 1 ? "has" : "have"} already been checked in at the door, so ${arrived.length === 1 ? "that place" : "those places"} can no longer be cancelled online. Please contact us.`;
    throw new AppError("conflict", { reason: "checked_in", fields: { attendeeIds: message } }, message);
  }
  const policy = await coursePolicy(db, b.sessionId);
  const payments = await refundablePayments(db, b.id);
  const netPaid = payments.reduce((acc, p) => acc + p.refundable, 0);
  const value = b.totalAmount - b.creditedAmount;
  // In the order they were booked: money paid goes to the first places first (cancellation-policy.ts).
  const ordered = [...active].sort((a, b) => a.position - b.position);
  const quote = quoteCancellation({
    policy, startsAt: detail.session.startsAt, now, paymentOption: b.paymentOption, value, netPaid,
    active: ordered.map((a) => ({ unitAmount: a.unitAmount, depositAmount: a.depositAmount, cancel: chosen.includes(a.id) })),
  });
  const places = ordered.map((a, i) => ({ attendeeId: a.id, paid: quote.placesPaid[i], cancel: chosen.includes(a.id) }));
  if (quote.refundAmount === 0) {
    const owed = Math.max(0, value - netPaid);
    // What was paid for these places and is not refunded (a kept deposit, the fee, the band's share) stays invoiced.
    const credit = Math.max(0, Math.min(owed, quote.placesValue - retainedFor(quote)));
    return { detail, policy, attendeeIds: chosen, quote, credit, parts: [], places };
  }
  // The credit and the provider refunds the cancellation will make: what the page shows is what is done.
  const plan = planRefund({
    value, placesValue: quote.placesValue, activePlaces: active.length, placesToCancel: chosen.length,
    refundAmount: quote.refundAmount, retained: retainedFor(quote), payments,
  });
  return { detail, policy, attendeeIds: chosen, quote, credit: plan.credit, parts: plan.parts, places };
}

/** Which of these places have a check-in that stands (not undone). */
export async function checkedInAttendees(db: DbOrTx, attendeeIds: string[]): Promise<string[]> {
  if (attendeeIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: tickets.attendeeId }).from(checkIns).innerJoin(tickets, eq(tickets.id, checkIns.ticketId))
    .where(and(inArray(tickets.attendeeId, attendeeIds), isNull(checkIns.undoneAt)));
  return rows.map((r) => r.id);
}

/** Money paid for the cancelled places that the policy keeps. */
const retainedFor = (quote: CancellationQuote) => Math.max(0, quote.paidForPlaces - quote.refundAmount);

export type CancelBookingInput = {
  bookingId: string;
  /** Empty: every place still booked. */
  attendeeIds: string[];
  /** One per cancellation request (the page's form token, the API's Idempotency-Key). */
  idempotencyKey: string;
  channel: "page" | "api";
  now?: Date;
};

export type CancelBookingResult = { cancellation: BookingCancellation; creditNoteNumber: string | null; replayed: boolean };

async function earlierCancellation(tx: Tx, bookingId: string, key: string, hash: string) {
  const [row] = await tx.select().from(bookingCancellations)
    .where(and(eq(bookingCancellations.bookingId, bookingId), eq(bookingCancellations.idempotencyKey, key)));
  if (!row) return null;
  if (row.requestHash !== hash) throw new AppError("idempotency_key_reused");
  return row;
}

/**
 * One transaction under the booking's row lock: a repeated request (same key) finds its first result; a second
 * request for places already cancelled is a 409, because every place is cancelled by a conditional update that
 * must touch exactly the places asked for. The refund rows are written pending and sent after commit (a failure
 * stays pending and maintenance retries it), each with its own provider idempotency key.
 */
export async function cancelBookingByCustomer(db: Db, input: CancelBookingInput): Promise<CancelBookingResult> {
  const now = input.now ?? new Date();
  const hash = requestHash({ attendeeIds: [...new Set(input.attendeeIds)].sort() });
  const outcome = await db.transaction(async (tx) => {
    const booking = await lockBooking(tx, input.bookingId);
    if (!booking) throw new AppError("booking_not_found");
    const earlier = await earlierCancellation(tx, booking.id, input.idempotencyKey, hash);
    if (earlier) return { cancellation: earlier, expireCheckout: null, replayed: true };

    const preview = await previewCancellation(tx, booking.id, input.attendeeIds, now);
    const { quote, detail } = preview;
    const chosen = preview.attendeeIds;
    // The preview the customer was shown, worked out again under the lock: the same credit and refunds.
    const { credit, parts } = preview;
    // Credited on the invoice that billed these places: a place added later is on a supplementary invoice.
    const invoice = await invoiceToCredit(tx, booking.id, chosen, credit);
    if (!invoice) throw new AppError("conflict", {}, "This booking has no invoice yet; please try again in a moment.");
    const cancellationId = randomUUID();

    // Lines read before the places are marked cancelled.
    const cancelledLines = credit > 0 ? await cancelledPlaceLines(tx, booking.id, invoice.lines, chosen) : [];
    const freed = await cancelBookedPlaces(tx, booking.sessionId, chosen, now);
    if (freed !== chosen.length) throw new AppError("conflict", { reason: "already_cancelled" }, "That place is already cancelled.");

    await tx.update(bookings).set({
      creditedAmount: sql`${bookings.creditedAmount} + ${credit}`,
      ...(quote.cancelsEverything ? { status: "refunded" as const, statusReason: "cancelled_by_customer", releasedAt: now } : {}),
      balanceCheckoutSessionId: null, balanceCheckoutUrl: null, balanceCheckoutExpiresAt: null,
      updatedAt: now,
    }).where(eq(bookings.id, booking.id));

    const reason = `Cancelled by the customer ${leadTimeText(quote.hoursBefore)} before the start (${quote.refundPercent}% refund band)`;
    const refundIds: string[] = [];
    for (const part of parts) {
      const [row] = await tx.insert(refunds).values({
        bookingId: booking.id, paymentId: part.paymentId, amount: part.amount, currency: booking.currency, reason,
        countsAgainstBooking: true, parentRefundId: refundIds[0] ?? null,
        idempotencyKey: refundIds.length === 0 ? `cancellation:${cancellationId}` : null,
      }).returning({ id: refunds.id });
      refundIds.push(row.id);
    }
    const creditNote = credit > 0
      ? await issueCreditNote(tx, { invoiceId: invoice.id, refundId: refundIds[0] ?? null, credit, refundAmount: quote.refundAmount, reason, cancelledLines, now })
      : null;
    const [cancellation] = await tx.insert(bookingCancellations).values({
      id: cancellationId, bookingId: booking.id, idempotencyKey: input.idempotencyKey, requestHash: hash, attendeeIds: chosen, channel: input.channel,
      hoursBeforeStart: quote.hoursBefore, refundPercent: quote.refundPercent, paidForPlaces: quote.paidForPlaces, depositKept: quote.depositKept,
      feeAmount: quote.feeAmount, refundAmount: quote.refundAmount, creditAmount: credit, currency: booking.currency,
      refundId: refundIds[0] ?? null, creditNoteId: creditNote?.id ?? null, createdAt: now,
    }).returning();

    // In the booking's history: the booking page's link is the booker's; the API's access token, its client's.
    await recordPlacesCancelled(tx, {
      detail, attendeeIds: chosen, refundAmount: quote.refundAmount, now,
      actor: { kind: input.channel === "api" ? "api" : "booker", email: null },
    });
    await logPaymentEvent(tx, {
      bookingId: booking.id, type: "customer_cancelled",
      message: `Customer cancelled ${chosen.length} place${chosen.length === 1 ? "" : "s"}: refund ${formatMoney(quote.refundAmount, booking.currency)}${creditNote ? ` (${creditNote.number})` : ""}`,
    });
    await recordAudit(tx, { id: null, email: `customer:${booking.reference}` }, {
      action: "booking.customer_cancel", entityType: "booking", entityId: booking.id,
      before: { status: booking.status, creditedAmount: booking.creditedAmount, places: detail.attendees.filter((a) => !a.cancelledAt).length },
      after: { cancelledAttendeeIds: chosen, refund: quote.refundAmount, refundPercent: quote.refundPercent, fee: quote.feeAmount,
        depositKept: quote.depositKept, credit, creditNote: creditNote?.number ?? null, channel: input.channel },
    });
    const wholeBooking = detail.attendees.filter((a) => !a.cancelledAt).length === chosen.length;
    await emitBookingEvent(tx, wholeBooking ? "booking.cancelled" : "booking.changed", booking.id, {
      // The refund is sent to the provider once this commits: the booking's figures beside it do not count it yet.
      ...(wholeBooking ? {} : { changes: ["attendees_cancelled"] }),
      reason: "cancelled_by_customer", cancelledAttendeeIds: chosen, refundAmount: quote.refundAmount,
      refundStatus: quote.refundAmount > 0 ? "pending" : "none",
    });
    await queueEmail(tx, { kind: "booking-cancelled", cancellationId });
    await queueEmail(tx, { kind: "admin-booking-cancelled", cancellationId });
    await queueWaitlistOffers(tx, booking.sessionId);
    return { cancellation, expireCheckout: booking.balanceCheckoutSessionId, replayed: false };
  }).catch((err) => {
    // Backstop for the unique key (the booking's lock already serialises requests of one booking).
    const pg = pgErrorOf(err);
    if (pg?.code === UNIQUE_VIOLATION && pg.constraint === "booking_cancellations_key")
      throw new AppError("conflict", { reason: "already_cancelled" }, "This cancellation was already made.");
    throw err;
  });

  const c = outcome.cancellation;
  if (!outcome.replayed && c.refundId) {
    const parts = await db.select({ id: refunds.id }).from(refunds).where(eq(refunds.parentRefundId, c.refundId));
    for (const id of [c.refundId, ...parts.map((p) => p.id)])
      await processRefund(db, id).catch((err) => log.error({ err }, "refund failed; will retry"));
  }
  if (outcome.expireCheckout)
    await paymentProvider().expireCheckout(outcome.expireCheckout).catch((err) => log.error({ err }, "could not expire balance checkout"));
  const creditNoteNumber = c.creditNoteId ? await creditNoteNumberOf(db, c.creditNoteId) : null;
  return { cancellation: c, creditNoteNumber, replayed: outcome.replayed };
}

async function creditNoteNumberOf(db: DbOrTx, id: string) {
  const [row] = await db.select({ number: creditNotes.number }).from(creditNotes).where(eq(creditNotes.id, id));
  return row?.number ?? null;
}

/** The customer's latest cancellation of a booking, with its credit note's number, for the booking page. */
export async function latestCancellation(db: DbOrTx, bookingId: string) {
  const [row] = await db.select({ cancellation: bookingCancellations, creditNote: creditNotes.number })
    .from(bookingCancellations).leftJoin(creditNotes, eq(creditNotes.id, bookingCancellations.creditNoteId))
    .where(eq(bookingCancellations.bookingId, bookingId)).orderBy(desc(bookingCancellations.createdAt)).limit(1);
  return row ?? null;
}

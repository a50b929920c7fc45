// Applies money received to a booking: confirms it, keeps a late payment if places remain, or refunds it.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { encodedRow, reusable, reusableRows, value } from "@/db/reusable";
import { RELEASED_BY_CLIENT } from "@/lib/booking/release-hold";
import { bookings, payments, refunds } from "@/db/schema";
import { amountOwed } from "@/lib/booking/balance";
import { inOrder } from "@/db/in-order";
import { inSavepoint } from "@/db/savepoint";
import { queueEmail } from "@/lib/email/jobs";
import { afterPaymentApplied } from "./hooks";
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { bookReleasedPlaces, confirmHeldPlaces } from "@/db/queries/places";
import { reclaimDiscountRedemption } from "@/db/queries/discounts";
import { reclaimReturnedPoints } from "@/lib/members/ledger";
import { ticketQuotas } from "@/db/queries/ticket-types";
import { formatMoney } from "@/lib/format";

export type ReceivedPayment = {
  bookingId: string;
  provider: string;
  providerPaymentId: string;
  checkoutSessionId: string | null;
  amount: number;
  currency: string;
  eventId: string;
  /** What the checkout was opened for (its metadata), when known: a first payment or the balance. */
  purpose?: string | null;
};

/** What must happen once the transaction has committed. */
export type AfterCommit = {
  refundIds: string[];
  /** For metrics and logs: the payment recorded, and whether it confirmed its booking. */
  payment?: { kind: string; currency: string; amount: number };
  confirmedBookingReference?: string;
};

// The statements every first payment runs, built once (db/reusable.ts).
const insertPayment = reusableRows("insert-payment", payments,
  ["bookingId", "provider", "providerPaymentId", "checkoutSessionId", "kind", "amount", "currency"],
  (on, rows) => on.insert(payments).values(rows as unknown as (typeof payments.$inferInsert)[]).onConflictDoNothing().returning());
/** Why a checkout was stopped by staff (lib/catalog/sessions.ts): a payment arriving afterwards is refunded, never kept. */
const CHECKOUT_STOPPED = new Set(["session_rescheduled", "session_cancelled", RELEASED_BY_CLIENT]);

const confirmBooking = reusable("confirm-booking", (tx) => tx.update(bookings).set({
  status: "confirmed", statusReason: value("statusReason"), paymentStatus: value("paymentStatus"), amountPaid: value("amountPaid"),
  confirmedAt: value("confirmedAt"), updatedAt: value("confirmedAt"),
}).where(eq(bookings.id, sql.placeholder("bookingId"))));

export async function recordPayment(tx: Tx, p: ReceivedPayment): Promise<AfterCommit> {
  const after: AfterCommit = { refundIds: [] };
  const booking = await lockBooking(tx, p.bookingId);
  if (!booking) {
    await logPaymentEvent(tx, { eventId: p.eventId, type: "unknown_booking", message: `Payment for unknown booking ${p.bookingId}`, data: { ...p } });
    return after;
  }
  const currency = p.currency.toUpperCase();
  // Only a booking with money still owed can take a balance; a second payment for a fully paid one is a duplicate.
  // What is owed accounts for credit notes (cancelled places) and refunds: lib/booking/balance.ts.
  const owed = amountOwed(booking);
  // A checkout opened for the first payment never pays a balance, even when the amounts happen to match.
  const declared = p.purpose === "initial" || p.purpose === "balance" ? p.purpose : null;
  const isBalance = declared !== "initial" && booking.status === "confirmed" && booking.amountPaid > 0 && owed > 0;
  const expected = isBalance ? owed : booking.amountDueNow;
  const kind = isBalance ? "balance" : booking.paymentOption === "deposit" ? "deposit" : "full";

  const [payment] = await insertPayment(tx, [{
    bookingId: booking.id,
    provider: p.provider,
    providerPaymentId: p.providerPaymentId,
    checkoutSessionId: p.checkoutSessionId,
    kind,
    amount: p.amount,
    currency,
  }]);
  if (!payment) return after; // Already recorded from another event about the same payment.
  after.payment = { kind, currency, amount: p.amount };

  const refundAll = async (reason: string, message: string, countsAgainstBooking = false) => {
    const [refund] = await tx.insert(refunds).values({
      bookingId: booking.id, paymentId: payment.id, amount: p.amount, currency, reason, countsAgainstBooking,
    }).returning({ id: refunds.id });
    after.refundIds.push(refund.id);
    await logPaymentEvent(tx, { bookingId: booking.id, paymentId: payment.id, eventId: p.eventId, type: reason, message });
    return refund.id;
  };

  if (declared === "balance" && !isBalance) {
    await refundAll("duplicate_payment", "A balance payment arrived for a booking that owes nothing; refunding it");
    return after;
  }

  if (currency !== booking.currency || p.amount !== expected) {
    await refundAll("amount_mismatch",
      `Received ${p.amount} ${currency}, expected ${expected} ${booking.currency}; refunding it in full`);
    return after;
  }

  if (isBalance) {
    await tx.update(bookings).set({
      amountPaid: sql`${bookings.amountPaid} + ${p.amount}`, paymentStatus: booking.amountRefunded > 0 ? "partially_refunded" : "paid", updatedAt: new Date(),
    }).where(eq(bookings.id, booking.id));
    await logPaymentEvent(tx, { bookingId: booking.id, paymentId: payment.id, eventId: p.eventId, type: "balance_paid", message: `Balance of ${formatMoney(p.amount, currency)} received` });
    await afterPaymentApplied(tx, { bookingId: booking.id, sessionId: booking.sessionId, paymentId: payment.id, kind: "balance", eventId: p.eventId });
    // Integrators hear of the balance as a change of the booking (its paymentStatus and amountPaid), after it is applied.
    await emitBookingEvent(tx, "booking.changed", booking.id, { changes: ["balance_paid"], paymentId: payment.id, paymentKind: "balance", paymentAmount: p.amount });
    return after;
  }

  if (booking.status === "confirmed" || booking.status === "refunded") {
    // A second first-payment for the same booking (for example paid twice in two tabs).
    await refundAll("duplicate_payment", "A payment for this booking was already received; refunding the duplicate");
    return after;
  }

  let lateNote: string | null = null;
  // Places still held for it (even when the hold has lapsed but was not yet swept) are booked at the end.
  const held = booking.status === "pending";
  if (!held && booking.statusReason && CHECKOUT_STOPPED.has(booking.statusReason)) {
    // Staff moved or cancelled the session while the customer paid (or the integrator released the hold): what
    // they chose no longer exists, so the places are not taken again; the money goes back, and the email says why (the reason stays on the booking).
    await tx.update(bookings).set({ status: "refunded", amountPaid: p.amount, updatedAt: new Date() }).where(eq(bookings.id, booking.id));
    const refundId = await refundAll("late_payment_refunded", `Payment arrived after the checkout was stopped (${booking.statusReason}); refunding`, true);
    await queueEmail(tx, { kind: "late-payment-refunded", refundId });
    return after;
  }
  if (!held) {
    // In a savepoint: a seat or type already gone leaves nothing half-taken behind.
    const quotas = await ticketQuotas(tx, booking.id);
    const kept = await inSavepoint(tx, async (sp) => (await bookReleasedPlaces(sp, booking.id, quotas)) || null);
    if (!kept) {
      await tx.update(bookings).set({
        status: "refunded", statusReason: "late_payment_no_capacity",
        amountPaid: p.amount, updatedAt: new Date(),
      }).where(eq(bookings.id, booking.id));
      const refundId = await refundAll("late_payment_refunded", "Payment arrived after the hold expired and the places were taken; refunding", true);
      // The customer paid and gets no booking: say why, and when the money is back (queued with the refund).
      await queueEmail(tx, { kind: "late-payment-refunded", refundId });
      return after;
    }
    lateNote = "late_payment_kept";
    // The lapsed hold gave its discount code use back; the kept booking takes it again (codes come after places).
    if (!(await reclaimDiscountRedemption(tx, { bookingId: booking.id, email: booking.contactEmail })))
      await logPaymentEvent(tx, { bookingId: booking.id, eventId: p.eventId, type: "discount_code_over_limit", message: "Late payment kept with a discount code that has no uses left" });
    // And the reward points it gave back are spent again, as far as the member's balance allows (members last).
    await reclaimReturnedPoints(tx, booking.id);
  }

  // The booking row is locked above: its update and the log are sent together (db/in-order.ts), and so are the
  // payment's other effects, which touch this booking's rows only (./hooks.ts).
  await inOrder([
    confirmBooking(tx, { bookingId: booking.id, ...encodedRow(bookings, {
      statusReason: lateNote,
      paymentStatus: kind === "deposit" ? "deposit_paid" : "paid",
      amountPaid: p.amount,
      confirmedAt: new Date(),
    }) }),
    logPaymentEvent(tx, {
      bookingId: booking.id, paymentId: payment.id, eventId: p.eventId,
      type: lateNote ?? "payment_recorded",
      message: `${kind === "deposit" ? "Deposit" : "Payment"} of ${formatMoney(p.amount, currency)} received${lateNote ? " after the hold expired; places were still free" : ""}`,
    }),
  ]);
  const [invoice] = await inOrder([
    afterPaymentApplied(tx, { bookingId: booking.id, sessionId: booking.sessionId, paymentId: payment.id, kind, eventId: p.eventId }),
    emitBookingEvent(tx, "booking.confirmed", booking.id, { paymentId: payment.id, paymentKind: kind, paymentAmount: p.amount }),
  ]);
  after.confirmedBookingReference = booking.reference;
  // Last, the rows every payment for this session and this year contend for, each locked until commit: the
  // session's places (held to booked), then the invoice's gapless number. Everything above ran without them,
  // so concurrent payments queue only for these few statements.
  if (held) await confirmHeldPlaces(tx, booking.id);
  if (invoice && !invoice.existing) await invoice.write();
  return after;
}

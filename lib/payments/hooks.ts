// What else happens, inside the same transaction, when money moves: documents, emails, live staff updates.
import { sql } from "drizzle-orm";
import { syncGeneratedChecklist } from "@/db/queries/requirements";
import type { Tx } from "@/db";
import { inOrder } from "@/db/in-order";
import { reusableSql, value } from "@/db/reusable";
import type { InvoiceDraft } from "@/lib/invoices/issue-invoice";
import { onBalancePaid, onBookingPaid, onRefundSucceeded } from "@/lib/invoices/on-money-moved";
import { placesWithoutTicket } from "@/db/queries/tickets";
import { issueTicketsForBooking } from "@/lib/tickets/issue";
import { earnPointsForPayment, reversePointsForRefund } from "@/lib/members/ledger";

export const BOOKING_PAID_CHANNEL = "turnout_booking_paid";

const notifyPaid = reusableSql<{ payload: string }>("notify-booking-paid", sql`select pg_notify(${BOOKING_PAID_CHANNEL}, ${value("payload")})`);

/** `paymentId` is null for a booking confirmed with nothing to pay (lib/booking/confirm-without-payment.ts). */
export type PaymentApplied =
  | { bookingId: string; sessionId: string; paymentId: string | null; kind: "full" | "deposit"; eventId: string | null }
  | { bookingId: string; sessionId: string; paymentId: string; kind: "balance"; eventId: string | null };

/**
 * Returns the first payment's invoice drafted but not yet numbered: the caller writes it last, after
 * anything else it does in the transaction, since its number locks the year's counter until commit.
 */
export async function afterPaymentApplied(tx: Tx, e: PaymentApplied): Promise<InvoiceDraft | null> {
  // What follows is sent together (db/in-order.ts): each part writes rows of this booking only, so none waits
  // on another payment, and their statements cost the round trips of the longest part, not of them all.
  // Delivered to every listening app instance when (and only if) the transaction commits; sent with the parts below.
  const notify = () => notifyPaid(tx, { payload: JSON.stringify({ bookingId: e.bookingId, kind: e.kind }) });
  // A member's reward points for this payment, once per payment (lib/members/ledger.ts).
  const points = e.paymentId ? earnPointsForPayment(tx, e.paymentId) : Promise.resolve(0);
  // The invoice is issued here, in the payment's transaction; emails and its PDF are queued jobs, run after
  // the commit, so the confirmation email carries the tickets issued beside it.
  if (e.kind === "balance") {
    // Places added after the first payment get their tickets once the difference is paid, and their emails.
    const unticketed = await placesWithoutTicket(tx, { bookingId: e.bookingId });
    await inOrder([notify(), points, issueTicketsForBooking(tx, e.bookingId)]);
    // Last: a supplementary invoice's number locks the year's counter until the payment commits.
    await onBalancePaid(tx, e.bookingId, e.paymentId, unticketed.map((p) => p.attendeeId));
    return null;
  }
  const [, , , , invoice] = await inOrder([
    notify(),
    points,
    issueTicketsForBooking(tx, e.bookingId),
    // The session's preparation checklist gains this booking's tasks as soon as it is paid.
    syncGeneratedChecklist(tx, [e.sessionId], { bookingId: e.bookingId }),
    onBookingPaid(tx, e.bookingId),
  ]);
  return invoice;
}

export type RefundSucceeded = { refundId: string; bookingId: string; paymentId: string; amount: number; countsAgainstBooking: boolean };

export async function afterRefundSucceeded(tx: Tx, e: RefundSucceeded) {
  // The credit note was issued with the refund decision; the customer hears once all its money is back.
  await onRefundSucceeded(tx, e.refundId);
  // The refunded share of the points the payment earned goes back.
  await reversePointsForRefund(tx, e.refundId);
}

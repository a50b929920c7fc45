// Finance's part of a payment or refund, run inside the transaction that records it: the invoice, and
// every email and document to produce, queued so they exist if and only if the payment commits.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { inOrder } from "@/db/in-order";
import { refunds } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { getCreditNoteByRefund, refundGroup } from "@/db/queries/finance";
import { env } from "@/lib/env";
import { emailKey, queueEmail } from "@/lib/email/jobs";
import { draftInvoice, type InvoiceDraft } from "./issue-invoice";
import { issueSupplementaryInvoice } from "./issue-supplementary-invoice";

const DAY_MS = 86_400_000;

/**
 * The first payment (in full or a deposit) confirmed the booking: its emails are queued, and its invoice
 * drafted. The caller writes the draft (takes the number) as the last thing before it commits.
 */
export async function onBookingPaid(tx: Tx, bookingId: string, now = new Date()): Promise<InvoiceDraft> {
  // Read once, for the emails to queue and the invoice alike.
  const d = await getBookingDetail(tx, bookingId);
  if (!d) throw new Error(`onBookingPaid: no booking ${bookingId}`);
  const booking = d.booking;
  // Each job has a key of its own: queued together (db/in-order.ts).
  const queued = [queueEmail(tx, { kind: "booking-confirmed", bookingId })];
  for (const a of d.attendees) {
    if (a.email && !a.isBooker && a.email.toLowerCase() !== booking.contactEmail.toLowerCase())
      queued.push(queueEmail(tx, { kind: "attendee-place", attendeeId: a.id }));
  }
  queued.push(queueEmail(tx, { kind: "admin-new-booking", bookingId }));
  if (d.attendees.some((a) => a.requirements.some((r) => r.priority === "critical"))) queued.push(queueEmail(tx, { kind: "admin-critical", bookingId }));

  if (booking.paymentStatus === "deposit_paid" && booking.balanceDueAt) {
    const remindAt = new Date(booking.balanceDueAt.getTime() - env().BALANCE_REMINDER_DAYS * DAY_MS);
    // A reminder that would already be due says nothing the confirmation email does not.
    if (remindAt > now) queued.push(queueEmail(tx, { kind: "balance-reminder", bookingId }, { runAt: remindAt }));
  }
  const [draft] = await inOrder([draftInvoice(tx, bookingId, now, d), inOrder(queued)]);
  return draft;
}

/**
 * A balance payment: recorded against the same invoice, with a receipt (carrying the tickets of places it paid for). When it pays for a price that went up
 * after the invoice was issued (a longer span), that extra gets a supplementary invoice of its own here.
 */
export async function onBalancePaid(tx: Tx, bookingId: string, paymentId: string, ticketed: string[] = [], now = new Date()) {
  await queueEmail(tx, { kind: "balance-receipt", paymentId, ...(ticketed.length ? { ticketed } : {}) });
  // A place added and now paid: its attendee (with an address of their own) gets their place and ticket, as at booking.
  for (const attendeeId of ticketed) await queueEmail(tx, { kind: "attendee-place", attendeeId });
  // The reminder has nothing left to ask for (it would find nothing owed and send nothing anyway).
  await tx.execute(sql`select graphile_worker.remove_job(${`email:${emailKey({ kind: "balance-reminder", bookingId })}`})`);
  // Last: a supplementary invoice's number locks the year's counter until the payment commits.
  await issueSupplementaryInvoice(tx, bookingId, paymentId, now);
}

/** Sends the refund confirmation once every part of the refund decision has gone through. */
export async function onRefundSucceeded(tx: Tx, refundId: string) {
  const [refund] = await tx.select({ id: refunds.id, parentRefundId: refunds.parentRefundId }).from(refunds).where(eq(refunds.id, refundId));
  if (!refund) return;
  const primary = refund.parentRefundId ?? refund.id;
  const creditNote = await getCreditNoteByRefund(tx, primary);
  if (!creditNote) return; // Money that never counted on an invoice (a duplicate payment, a late one).
  const parts = await refundGroup(tx, primary);
  // A refund because staff cancelled the session is told in that one cancellation email instead.
  const [own] = await tx.select({ key: refunds.idempotencyKey }).from(refunds).where(eq(refunds.id, primary));
  if (own?.key?.startsWith("session-cancelled:")) return;
  if (parts.every((p) => p.status === "succeeded")) await queueEmail(tx, { kind: "refund-confirmed", creditNoteId: creditNote.id });
}

// Issues a booking's invoice inside the transaction that records its first payment.
import { and, eq, isNull, sql } from "drizzle-orm";
import { inOrder } from "@/db/in-order";
import { reusable } from "@/db/reusable";
import type { Tx } from "@/db";
import { invoices, refunds, type Invoice } from "@/db/schema";
import { getBookingDetail, type BookingDetail } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { documentTotals } from "./amounts";
import { insertInvoice, queueInvoicePdf } from "./insert-invoice";
import { placeLines } from "./snapshot";

// Read by every first payment, built once (db/reusable.ts).
const bookingInvoice = reusable("booking-invoice", (tx) => tx.select().from(invoices)
  .where(and(eq(invoices.bookingId, sql.placeholder("bookingId")), isNull(invoices.supplementsInvoiceId))));
const uncountedPayments = reusable("uncounted-payments", (tx) => tx.select({ paymentId: refunds.paymentId }).from(refunds)
  .where(and(eq(refunds.bookingId, sql.placeholder("bookingId")), eq(refunds.countsAgainstBooking, false))));

export type InvoiceDraft = { existing: Invoice } | { existing: null; write: () => Promise<Invoice> };

/**
 * Everything the booking's invoice needs read and computed (seller, buyer, one line per place, tax, payments
 * so far, balance and its due date), without taking its number yet: `write` takes the next gapless number
 * and inserts it. A payment drafts early and writes last, so the year's counter is locked for as short a
 * time as possible. Idempotent per booking: when the booking has its invoice, that is returned instead.
 * The caller holds the booking's row lock, and may pass the booking's detail it has already read. The PDF is
 * drawn from the snapshot by the `invoice.render` job queued here, which the row `write` inserts will match
 * (see lib/invoices/render.ts for why not in this transaction).
 */
export async function draftInvoice(tx: Tx, bookingId: string, now = new Date(), detail?: BookingDetail): Promise<InvoiceDraft> {
  // Read together (db/in-order.ts): payments refunded as duplicates or mismatches never counted towards the booking.
  const [[existing], uncounted, read] = await inOrder([
    bookingInvoice(tx, { bookingId }),
    uncountedPayments(tx, { bookingId }),
    detail ? Promise.resolve(detail) : getBookingDetail(tx, bookingId),
  ]);
  if (existing) return { existing };
  const d = read;
  if (!d) throw new Error(`issueInvoice: no booking ${bookingId}`);
  const e = env();

  const lines = placeLines(d, d.discounts);
  const totals = documentTotals(lines, e.TAX_RATE_BASIS_POINTS, e.PRICES_INCLUDE_TAX);
  if (totals.total !== d.booking.totalAmount - d.booking.creditedAmount)
    throw new Error(`issueInvoice: lines total ${totals.total} but booking ${d.booking.reference} costs ${d.booking.totalAmount}`);
  const notCounted = new Set(uncounted.map((r) => r.paymentId));
  const counted = d.payments.filter((p) => !notCounted.has(p.id));

  // The PDF job now, while nothing contended is locked; it names the invoice `write` will insert.
  const id = await queueInvoicePdf(tx);
  return {
    existing: null,
    write: () => insertInvoice(tx, d, {
      id, lines, totals, now, payments: counted,
      paidAtIssue: counted.reduce((acc, p) => acc + p.amount, 0),
      balanceDueAt: d.booking.amountPaid < d.booking.totalAmount ? d.booking.balanceDueAt : null,
    }),
  };
}

/** Issues the booking's invoice now: draft and write in one go (see draftInvoice). */
export async function issueInvoice(tx: Tx, bookingId: string, now = new Date()): Promise<Invoice> {
  const draft = await draftInvoice(tx, bookingId, now);
  return draft.existing ?? draft.write();
}

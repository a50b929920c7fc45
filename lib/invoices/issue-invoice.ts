// Issues a booking's invoice inside the transaction that records its first payment.
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { invoices, refunds, type Invoice } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { documentTotals } from "./amounts";
import { insertInvoice } from "./insert-invoice";
import { placeLines } from "./snapshot";

/**
 * Freezes what the invoice says (seller, buyer, one line per place, tax, payments so far, balance and its
 * due date) and takes the next gapless number. Idempotent per booking: a second call returns the first
 * invoice. The caller holds the booking's row lock. The PDF is drawn from this snapshot by the
 * `invoice.render` job queued here (see lib/invoices/render.tsx for why not in this transaction).
 */
export async function issueInvoice(tx: Tx, bookingId: string, now = new Date()): Promise<Invoice> {
  const [existing] = await tx.select().from(invoices).where(and(eq(invoices.bookingId, bookingId), isNull(invoices.supplementsInvoiceId)));
  if (existing) return existing;
  const d = await getBookingDetail(tx, bookingId);
  if (!d) throw new Error(`issueInvoice: no booking ${bookingId}`);
  const e = env();

  const lines = placeLines(d, d.discounts);
  const totals = documentTotals(lines, e.TAX_RATE_BASIS_POINTS, e.PRICES_INCLUDE_TAX);
  if (totals.total !== d.booking.totalAmount - d.booking.creditedAmount)
    throw new Error(`issueInvoice: lines total ${totals.total} but booking ${d.booking.reference} costs ${d.booking.totalAmount}`);
  // Payments refunded as duplicates or mismatches never counted towards the booking.
  const notCounted = new Set((await tx.select({ paymentId: refunds.paymentId }).from(refunds)
    .where(and(eq(refunds.bookingId, bookingId), eq(refunds.countsAgainstBooking, false)))).map((r) => r.paymentId));
  const counted = d.payments.filter((p) => !notCounted.has(p.id));

  return insertInvoice(tx, d, {
    lines, totals, now, payments: counted,
    paidAtIssue: counted.reduce((acc, p) => acc + p.amount, 0),
    balanceDueAt: d.booking.amountPaid < d.booking.totalAmount ? d.booking.balanceDueAt : null,
  });
}

// The one way an invoice is written: takes the next gapless number, freezes seller, buyer, lines, totals and
// payments, and queues its PDF. Both the booking's invoice and a supplementary invoice come through here.
//
// The year's counter row stays locked from the number until the caller commits, and every payment of the
// year queues behind it: so the PDF job is queued first (under the id the invoice will have), and after the
// number comes only the invoice's own insert.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/db";
import { reusableRows } from "@/db/reusable";
import { invoices, type Invoice, type LineSnapshot } from "@/db/schema";
import type { BookingDetail } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue";
import type { documentTotals } from "./amounts";
import { documentYear, nextDocumentNumber } from "./numbering";
import { buyerSnapshot, paymentSnapshots, sellerSnapshot } from "./snapshot";

/**
 * Queues the PDF job of an invoice about to be written in this transaction, under the id returned (give it
 * to insertInvoice). The job becomes visible to the worker only when the transaction commits, invoice and all. It
 * runs after customers' emails: the confirmation that carries the invoice draws and stores its PDF first.
 */
export async function queueInvoicePdf(tx: Tx): Promise<string> {
  const id = randomUUID();
  await enqueueJob(tx, "invoice.render", { invoiceId: id }, { jobKey: `invoice-render:${id}`, priority: "background" });
  return id;
}

// Run by every first payment, built once (db/reusable.ts); a booking's own invoice has no supplements or payment.
const insertInvoiceRow = reusableRows("insert-invoice", invoices, [
  "id", "number", "year", "sequence", "bookingId", "issuedAt", "supplyDate", "currency", "subtotalAmount", "taxRateBasisPoints",
  "pricesIncludeTax", "taxAmount", "totalAmount", "paidAtIssueAmount", "balanceDueAt", "seller", "buyer", "lines", "paymentsAtIssue",
  "supplementsInvoiceId", "paymentId",
], (on, rows) => on.insert(invoices).values(rows as unknown as (typeof invoices.$inferInsert)[]).returning());

export async function insertInvoice(tx: Tx, d: BookingDetail, p: {
  lines: LineSnapshot[]; totals: ReturnType<typeof documentTotals>; paidAtIssue: number; balanceDueAt: Date | null;
  payments: Parameters<typeof paymentSnapshots>[0]; supplements?: { invoiceId: string; paymentId: string }; now: Date;
  /** From queueInvoicePdf, when the job was queued earlier; otherwise it is queued here. */
  id?: string;
}): Promise<Invoice> {
  const e = env();
  const id = p.id ?? await queueInvoicePdf(tx);
  const { year, sequence, number } = await nextDocumentNumber(tx, "invoice", documentYear(p.now, e.FINANCE_TIME_ZONE));
  const [invoice] = await insertInvoiceRow(tx, [{
    id, number, year, sequence, bookingId: d.booking.id,
    issuedAt: p.now,
    supplyDate: d.session.startsAt,
    currency: d.booking.currency,
    subtotalAmount: p.totals.subtotal,
    taxRateBasisPoints: e.TAX_RATE_BASIS_POINTS,
    pricesIncludeTax: e.PRICES_INCLUDE_TAX,
    taxAmount: p.totals.tax,
    totalAmount: p.totals.total,
    paidAtIssueAmount: p.paidAtIssue,
    balanceDueAt: p.balanceDueAt,
    seller: sellerSnapshot(e),
    buyer: buyerSnapshot(d.booking),
    lines: p.lines,
    paymentsAtIssue: paymentSnapshots(p.payments),
    supplementsInvoiceId: p.supplements?.invoiceId ?? null,
    paymentId: p.supplements?.paymentId ?? null,
  }]);
  return invoice;
}

// The one way an invoice is written: takes the next gapless number, freezes seller, buyer, lines, totals and
// payments, and queues its PDF. Both the booking's invoice and a supplementary invoice come through here.
import type { Tx } from "@/db";
import { invoices, type Invoice, type LineSnapshot } from "@/db/schema";
import type { BookingDetail } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue";
import type { documentTotals } from "./amounts";
import { documentYear, nextDocumentNumber } from "./numbering";
import { buyerSnapshot, paymentSnapshots, sellerSnapshot } from "./snapshot";

export async function insertInvoice(tx: Tx, d: BookingDetail, p: {
  lines: LineSnapshot[]; totals: ReturnType<typeof documentTotals>; paidAtIssue: number; balanceDueAt: Date | null;
  payments: Parameters<typeof paymentSnapshots>[0]; supplements?: { invoiceId: string; paymentId: string }; now: Date;
}): Promise<Invoice> {
  const e = env();
  const { year, sequence, number } = await nextDocumentNumber(tx, "invoice", documentYear(p.now, e.FINANCE_TIME_ZONE));
  const [invoice] = await tx.insert(invoices).values({
    number, year, sequence, bookingId: d.booking.id,
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
    ...(p.supplements ? { supplementsInvoiceId: p.supplements.invoiceId, paymentId: p.supplements.paymentId } : {}),
  }).returning();
  await enqueueJob(tx, "invoice.render", { invoiceId: invoice.id }, { jobKey: `invoice-render:${invoice.id}` });
  return invoice;
}

// Issues a credit note against an invoice, in the transaction that decides (or records) a refund.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { creditNotes, invoices, type CreditNote, type LineSnapshot } from "@/db/schema";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { taxFromGross } from "./amounts";
import { documentYear, nextDocumentNumber } from "./numbering";

export type CreditNoteInput = {
  invoiceId: string;
  /**
   * The refund row the credit note hangs on (the first part when paid back from several payments); null when a
   * customer's cancellation refunded nothing but waived what was still owed for the cancelled places.
   */
  refundId: string | null;
  /** What the invoice goes down by, tax included. */
  credit: number;
  refundAmount: number;
  reason: string;
  /** The places cancelled, as they appear on the invoice. */
  cancelledLines: LineSnapshot[];
  now?: Date;
};

/**
 * Lines: one per cancelled place at its invoiced price, then one line for any difference (a cancellation
 * charge kept, or a price reduction without cancelled places), so the lines always add up to the credit.
 * Tax is split out of the credit at the invoice's rate.
 */
export function creditNoteLines(credit: number, reason: string, cancelled: LineSnapshot[]): LineSnapshot[] {
  const lines = cancelled.map((l) => ({ ...l, description: `Cancelled: ${l.description}` }));
  const diff = credit - lines.reduce((acc, l) => acc + l.amount, 0);
  if (diff < 0) lines.push({ description: "Less: cancellation charge kept", quantity: 1, unitAmount: diff, amount: diff });
  else if (diff > 0)
    lines.push({ description: cancelled.length ? "Further credit" : "Price reduction", detail: reason, quantity: 1, unitAmount: diff, amount: diff });
  return lines;
}

export async function issueCreditNote(tx: Tx, input: CreditNoteInput): Promise<CreditNote> {
  const [invoice] = await tx.select({ id: invoices.id, currency: invoices.currency, rate: invoices.taxRateBasisPoints })
    .from(invoices).where(eq(invoices.id, input.invoiceId));
  if (!invoice) throw new Error(`issueCreditNote: no invoice ${input.invoiceId}`);
  const now = input.now ?? new Date();
  const totals = taxFromGross(input.credit, invoice.rate);
  const { year, sequence, number } = await nextDocumentNumber(tx, "credit_note", documentYear(now, env().FINANCE_TIME_ZONE));
  const [creditNote] = await tx.insert(creditNotes).values({
    number, year, sequence,
    invoiceId: invoice.id,
    refundId: input.refundId,
    issuedAt: now,
    currency: invoice.currency,
    subtotalAmount: totals.subtotal,
    taxAmount: totals.tax,
    totalAmount: totals.total,
    refundAmount: input.refundAmount,
    reason: input.reason,
    lines: creditNoteLines(input.credit, input.reason, input.cancelledLines),
  }).returning();
  await enqueueJob(tx, "credit-note.render", { creditNoteId: creditNote.id }, { jobKey: `credit-note-render:${creditNote.id}`, priority: "background" });
  return creditNote;
}

// Finds a document (invoice or credit note) by its number and returns its stored PDF.
import type { DbOrTx } from "@/db";
import { getCreditNoteByNumber, getInvoiceByNumber } from "@/db/queries/finance";
import { ensureCreditNotePdf, ensureInvoicePdf, type StoredPdf } from "./render";

const NUMBER = /^(INV|CN)-\d{4}-\d{5}$/;

/**
 * The PDF of `number`, only if it belongs to `bookingId` when one is given (a customer's own booking).
 * Null for a malformed, unknown or foreign number: callers answer all three with the same 404.
 */
export async function documentPdf(db: DbOrTx, number: string, scope?: { bookingId: string }): Promise<StoredPdf | null> {
  const normalised = number.toUpperCase().replace(/\.PDF$/, "");
  if (!NUMBER.test(normalised)) return null;
  if (normalised.startsWith("INV-")) {
    const invoice = await getInvoiceByNumber(db, normalised);
    if (!invoice || (scope && invoice.bookingId !== scope.bookingId)) return null;
    return ensureInvoicePdf(db, invoice.invoiceId);
  }
  const creditNote = await getCreditNoteByNumber(db, normalised);
  if (!creditNote || (scope && creditNote.bookingId !== scope.bookingId)) return null;
  return ensureCreditNotePdf(db, creditNote.creditNoteId);
}

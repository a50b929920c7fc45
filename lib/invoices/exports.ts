// Exports for accounting: a CSV of the invoices and credit notes a filtered finance list shows, and a ZIP of
// their stored PDFs with a SHA256SUMS file to check them against. Both select the same documents.
import { ZipArchive } from "archiver";
import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "@/db";
import { listCreditNotes, listInvoices } from "@/db/queries/finance";
import type { ExportFilter } from "@/lib/validations/finance";
import { minorUnitDigits } from "@/lib/format";
import { safeCell } from "@/lib/requirements/export-csv";
import { decimalAmount, formatTaxRate } from "./amounts";
import { handRefundsOf, summariseInvoices } from "./desk";
import { dayRange, isoDay } from "./periods";
import { ensureCreditNotePdf, ensureInvoicePdf } from "./render";
import { creditNoteRefundLabel } from "./status";

type Options = { timeZone: string; now: Date; reminderDays: number };

export const CSV_COLUMNS = [
  "type", "number", "issue_date", "supply_date", "credits_invoice", "booking_reference", "customer", "organisation", "email",
  "vat_id", "currency", "net", "vat_rate", "vat", "gross", "refunded", "status", "paid_to_date", "balance_owed",
] as const;

/**
 * The documents issued in the filter's date range that match its search and course, as on the finance
 * lists. A status narrows the invoices (as on the invoice list) and, with them, the credit notes: only
 * those against the invoices kept.
 */
export async function exportSelection(db: DbOrTx, f: ExportFilter, o: Options) {
  const { start, end } = dayRange(f.from, f.to, o.timeZone);
  const query = { q: f.q, courseId: f.course, from: start, to: end };
  const [invoiceRows, creditNoteRows] = await Promise.all([listInvoices(db, query), listCreditNotes(db, query)]);
  const { invoices } = summariseInvoices(invoiceRows, { now: o.now, reminderDays: o.reminderDays, status: f.status, handRefunds: await handRefundsOf(db, invoiceRows) });
  const kept = new Set(invoices.map((i) => i.id));
  const creditNotes = f.status ? creditNoteRows.filter((c) => kept.has(c.invoice.id)) : creditNoteRows;
  return { invoices, creditNotes };
}

export type ExportSelection = Awaited<ReturnType<typeof exportSelection>>;

/** One row per document, oldest first; credit notes carry negative amounts so a column sums to the net. */
export function accountingCsv({ invoices, creditNotes }: ExportSelection, o: Pick<Options, "timeZone">): string {
  const day = (d: Date) => isoDay(d, o.timeZone);
  const rows: { at: number; seq: string; cells: Record<(typeof CSV_COLUMNS)[number], string> }[] = [];
  for (const i of invoices) {
    const money = (n: number) => decimalAmount(n, minorUnitDigits(i.currency));
    rows.push({
      at: i.issuedAt.getTime(), seq: i.number,
      cells: {
        type: "invoice", number: i.number, issue_date: day(i.issuedAt), supply_date: day(i.supplyDate), credits_invoice: "",
        // The buyer's fields are the customer's own text: defused so a spreadsheet never runs them as a formula.
        booking_reference: i.booking.reference, customer: safeCell(i.buyer.name), organisation: safeCell(i.buyer.organisation ?? ""),
        email: safeCell(i.buyer.email ?? ""), vat_id: safeCell(i.buyer.vatId ?? ""), currency: i.currency, net: money(i.subtotalAmount), vat_rate: formatTaxRate(i.taxRateBasisPoints),
        vat: money(i.taxAmount), gross: money(i.totalAmount), refunded: money(i.refunded), status: i.statusText,
        paid_to_date: money(i.paid), balance_owed: money(i.owed),
      },
    });
  }
  for (const c of creditNotes) {
    const money = (n: number) => decimalAmount(n, minorUnitDigits(c.currency));
    rows.push({
      at: c.issuedAt.getTime(), seq: c.number,
      cells: {
        type: "credit_note", number: c.number, issue_date: day(c.issuedAt), supply_date: "", credits_invoice: c.invoice.number,
        booking_reference: c.booking.reference, customer: safeCell(c.invoice.buyer.name), organisation: safeCell(c.invoice.buyer.organisation ?? ""),
        email: safeCell(c.invoice.buyer.email ?? ""), vat_id: safeCell(c.invoice.buyer.vatId ?? ""), currency: c.currency, net: money(-c.subtotalAmount),
        vat_rate: formatTaxRate(c.invoice.taxRateBasisPoints), vat: money(-c.taxAmount), gross: money(-c.totalAmount),
        refunded: money(c.refundAmount), status: creditNoteRefundLabel(c.refundStatus), paid_to_date: "", balance_owed: "",
      },
    });
  }
  rows.sort((a, b) => a.at - b.at || a.seq.localeCompare(b.seq));
  return stringify(rows.map((r) => r.cells), { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: "windows" });
}

/**
 * A ZIP of the range's PDFs (rendering any not stored yet) and their checksums. The PDFs are in memory
 * already, so the archive is built whole: a streamed body aborted by the client made Node 20's web-stream
 * adapter throw outside any handler.
 */
export async function documentsZip(db: DbOrTx, selection: ExportSelection): Promise<Uint8Array<ArrayBuffer>> {
  const byNumber = (a: { number: string }, b: { number: string }) => a.number.localeCompare(b.number);
  const ids = { invoices: [...selection.invoices].sort(byNumber), creditNotes: [...selection.creditNotes].sort(byNumber) };
  const docs = [];
  for (const i of ids.invoices) {
    const pdf = await ensureInvoicePdf(db, i.id);
    if (pdf) docs.push({ path: `invoices/${pdf.number}.pdf`, ...pdf });
  }
  for (const c of ids.creditNotes) {
    const pdf = await ensureCreditNotePdf(db, c.id);
    if (pdf) docs.push({ path: `credit-notes/${pdf.number}.pdf`, ...pdf });
  }
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on("data", (chunk: Buffer) => chunks.push(chunk));
    archive.on("end", () => resolve());
    archive.on("error", reject);
  });
  for (const d of docs) archive.append(d.pdf, { name: d.path, date: new Date(0) });
  archive.append(docs.map((d) => `${d.sha256}  ${d.path}\n`).join(""), { name: "SHA256SUMS", date: new Date(0) });
  await archive.finalize();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

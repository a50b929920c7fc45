// Renders documents to PDF bytes and stores invoices and credit notes once.
//
// Issuing happens inside the payment's (webhook's) transaction, which holds the year's counter lock until
// it commits, so rendering there would serialise every concurrent payment behind a PDF render. Instead the
// issuing transaction freezes the full snapshot and queues an `invoice.render` job; the PDF is drawn from
// that snapshot alone, so it shows exactly what was issued whenever it runs. The first render to be stored
// wins (`where pdf is null`) and its SHA-256 is kept: every later download, email and archive returns those
// identical bytes. Whoever needs the PDF first (the job, the confirmation email, a download) renders it.
import { createHash } from "node:crypto";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { encodedRow, reusable, value } from "@/db/reusable";
import { bookings, creditNotes, invoices, payments, refunds, type PartySnapshot } from "@/db/schema";
import { isOfflineProvider, type RefundRoute } from "@/lib/payments/offline-methods";
import type { BookingDetail } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { renderPdf } from "@/lib/pdf/render-pool";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export type StoredPdf = { number: string; pdf: Buffer; sha256: string };

// A payment's invoice is wanted at once by its render job and its confirmation email: within this process
// one render serves them all (the snapshot it is drawn from never changes).
const rendering = new Map<string, Promise<Buffer | null>>();

function renderOnce(key: string, render: () => Promise<Buffer | null>): Promise<Buffer | null> {
  let pending = rendering.get(key);
  if (!pending) {
    pending = render().finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  return pending;
}

// Every payment's invoice is drawn and stored once: its statements are built once (db/reusable.ts).
const byInvoice = { invoiceId: sql.placeholder("invoiceId") };
const invoiceToDraw = reusable("invoice-to-draw", (db) => db.select({ invoice: invoices, reference: bookings.reference })
  .from(invoices).innerJoin(bookings, eq(bookings.id, invoices.bookingId)).where(eq(invoices.id, byInvoice.invoiceId)));
const storedInvoicePdf = reusable("stored-invoice-pdf", (db) => db.select({ number: invoices.number, pdf: invoices.pdf, sha256: invoices.pdfSha256 })
  .from(invoices).where(eq(invoices.id, byInvoice.invoiceId)));
const invoicePdfKept = reusable("invoice-pdf-kept", (db) => db.select({ kept: sql<boolean>`${invoices.pdf} is not null` })
  .from(invoices).where(eq(invoices.id, byInvoice.invoiceId)));
const storeInvoicePdf = reusable("store-invoice-pdf", (db) => db.update(invoices).set({ pdf: value("pdf"), pdfSha256: value("pdfSha256") })
  .where(and(eq(invoices.id, byInvoice.invoiceId), isNull(invoices.pdf))).returning({ number: invoices.number }));

/**
 * Draws and stores the invoice's PDF ahead of need (the `invoice.render` job). Where someone stored it already
 * (the confirmation email usually has, as it needs the bytes first), nothing is read back: the check is one
 * boolean, not the document.
 */
export async function storeInvoicePdfAhead(db: DbOrTx, invoiceId: string): Promise<void> {
  const [row] = await invoicePdfKept(db, { invoiceId });
  if (!row || row.kept) return;
  await ensureInvoicePdf(db, invoiceId);
}

async function renderInvoice(db: DbOrTx, invoiceId: string): Promise<Buffer | null> {
  const [row] = await invoiceToDraw(db, { invoiceId });
  if (!row) return null;
  const { pdf: _pdf, pdfSha256: _sha, createdAt: _created, ...invoice } = row.invoice;
  return renderPdf({ kind: "invoice", invoice, bookingReference: row.reference, logoPath: env().SELLER_LOGO_PATH, timeZone: env().FINANCE_TIME_ZONE });
}

/** The invoice's stored PDF, rendering and storing it first if no one has yet. Null for an unknown id. */
export async function ensureInvoicePdf(db: DbOrTx, invoiceId: string): Promise<StoredPdf | null> {
  const [stored] = await storedInvoicePdf(db, { invoiceId });
  if (!stored) return null;
  if (stored.pdf && stored.sha256) return { number: stored.number, pdf: stored.pdf, sha256: stored.sha256 };
  const pdf = await renderOnce(`invoice:${invoiceId}`, () => renderInvoice(db, invoiceId));
  if (!pdf) return null;
  const sha256 = sha256Hex(pdf);
  const [mine] = await storeInvoicePdf(db, { invoiceId, ...encodedRow(invoices, { pdf, pdfSha256: sha256 }) });
  if (mine) return { number: mine.number, pdf, sha256 };
  // Another renderer stored its PDF first, and theirs is the one that counts.
  const [winner] = await storedInvoicePdf(db, { invoiceId });
  return { number: winner.number, pdf: winner.pdf!, sha256: winner.sha256! };
}

/** How a credit note's refund reaches the customer: by card, by transfer (offline money), or both ways. */
export async function refundRoute(db: DbOrTx, refundId: string | null): Promise<RefundRoute> {
  if (!refundId) return "card";
  const parts = await db.select({ provider: payments.provider }).from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(or(eq(refunds.id, refundId), eq(refunds.parentRefundId, refundId)));
  const offline = parts.filter((p) => isOfflineProvider(p.provider)).length;
  return offline === 0 ? "card" : offline === parts.length ? "transfer" : "both";
}

async function renderCreditNote(db: DbOrTx, creditNoteId: string): Promise<Buffer | null> {
  const [row] = await db.select({ creditNote: creditNotes, invoice: invoices, reference: bookings.reference })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .innerJoin(bookings, eq(bookings.id, invoices.bookingId))
    .where(eq(creditNotes.id, creditNoteId));
  if (!row) return null;
  const { pdf: _pdf, pdfSha256: _sha, createdAt: _created, ...creditNote } = row.creditNote;
  const { pdf: _invoicePdf, pdfSha256: _invoiceSha, createdAt: _invoiceCreated, ...invoice } = row.invoice;
  return renderPdf({
    kind: "credit-note", creditNote, invoice, bookingReference: row.reference,
    logoPath: env().SELLER_LOGO_PATH, timeZone: env().FINANCE_TIME_ZONE, refundRoute: await refundRoute(db, row.creditNote.refundId),
  });
}

export async function ensureCreditNotePdf(db: DbOrTx, creditNoteId: string): Promise<StoredPdf | null> {
  const [stored] = await db.select({ number: creditNotes.number, pdf: creditNotes.pdf, sha256: creditNotes.pdfSha256 })
    .from(creditNotes).where(eq(creditNotes.id, creditNoteId));
  if (!stored) return null;
  if (stored.pdf && stored.sha256) return { number: stored.number, pdf: stored.pdf, sha256: stored.sha256 };
  const pdf = await renderOnce(`credit-note:${creditNoteId}`, () => renderCreditNote(db, creditNoteId));
  if (!pdf) return null;
  const sha256 = sha256Hex(pdf);
  const [mine] = await db.update(creditNotes).set({ pdf, pdfSha256: sha256 })
    .where(and(eq(creditNotes.id, creditNoteId), isNull(creditNotes.pdf))).returning({ number: creditNotes.number });
  if (mine) return { number: mine.number, pdf, sha256 };
  const [winner] = await db.select({ number: creditNotes.number, pdf: creditNotes.pdf, sha256: creditNotes.pdfSha256 })
    .from(creditNotes).where(eq(creditNotes.id, creditNoteId));
  return { number: winner.number, pdf: winner.pdf!, sha256: winner.sha256! };
}

/** Not an accounting document: drawn fresh from the booking each time it is sent. */
export function renderBookingConfirmationPdf(detail: BookingDetail, seller: PartySnapshot, invoiceNumber: string | null) {
  return renderPdf({ kind: "booking-confirmation", detail, seller, invoiceNumber, logoPath: env().SELLER_LOGO_PATH });
}

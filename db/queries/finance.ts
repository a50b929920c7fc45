// Reads and writes of invoices, credit notes and the email log for the finance desk and the mailers.
import { and, asc, desc, eq, gte, ilike, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reusable";
import { auditLogs, bookings, courseSessions, creditNotes, emailMessages, invoices, payments, refunds, users } from "@/db/schema";
import { isLookupKey } from "./lookup-key";

/** Invoices issued for a booking's price going up after its invoice (a longer span), oldest first. */
export async function listSupplementaryInvoicesForBooking(db: DbOrTx, bookingId: string) {
  return db.select({ id: invoices.id, number: invoices.number, issuedAt: invoices.issuedAt, totalAmount: invoices.totalAmount })
    .from(invoices).where(and(eq(invoices.bookingId, bookingId), isNotNull(invoices.supplementsInvoiceId)))
    .orderBy(asc(invoices.sequence));
}

/** Every invoice of a booking, its own first, then its supplementary ones as issued. */
export async function listInvoicesForBooking(db: DbOrTx, bookingId: string) {
  return db.select({ number: invoices.number, totalAmount: invoices.totalAmount }).from(invoices)
    .where(eq(invoices.bookingId, bookingId)).orderBy(asc(invoices.sequence));
}

// Read by every confirmation email and booking page, built once (db/reusable.ts).
const invoiceOfBooking = reusable("invoice-of-booking", (db) => db.select({
  id: invoices.id, number: invoices.number, issuedAt: invoices.issuedAt, pdfSha256: invoices.pdfSha256,
}).from(invoices).where(and(eq(invoices.bookingId, sql.placeholder("bookingId")), isNull(invoices.supplementsInvoiceId))));

export async function getInvoiceByBookingId(db: DbOrTx, bookingId: string) {
  const [row] = await invoiceOfBooking(db, { bookingId });
  return row ?? null;
}

/** An invoice by number with its booking's reference (no PDF bytes). */
export async function getInvoiceByNumber(db: DbOrTx, number: string) {
  if (!isLookupKey(number)) return null;
  const [row] = await db.select({ invoiceId: invoices.id, bookingId: invoices.bookingId, number: invoices.number })
    .from(invoices).where(eq(invoices.number, number));
  return row ?? null;
}

export async function getCreditNoteByNumber(db: DbOrTx, number: string) {
  if (!isLookupKey(number)) return null;
  const [row] = await db.select({ creditNoteId: creditNotes.id, bookingId: invoices.bookingId, number: creditNotes.number })
    .from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(eq(creditNotes.number, number));
  return row ?? null;
}

export async function getCreditNoteWithInvoice(db: DbOrTx, creditNoteId: string) {
  const [row] = await db.select({
    creditNote: {
      id: creditNotes.id, number: creditNotes.number, issuedAt: creditNotes.issuedAt, totalAmount: creditNotes.totalAmount,
      refundAmount: creditNotes.refundAmount, reason: creditNotes.reason, lines: creditNotes.lines, refundId: creditNotes.refundId,
    },
    invoice: { id: invoices.id, number: invoices.number, bookingId: invoices.bookingId },
  }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(eq(creditNotes.id, creditNoteId));
  return row ?? null;
}

/** The credit notes of a booking's invoice, oldest first (no PDF bytes). */
export async function listCreditNotesForBooking(db: DbOrTx, bookingId: string) {
  return db.select({
    id: creditNotes.id, number: creditNotes.number, issuedAt: creditNotes.issuedAt, totalAmount: creditNotes.totalAmount,
    refundAmount: creditNotes.refundAmount, reason: creditNotes.reason, refundId: creditNotes.refundId,
  }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(eq(invoices.bookingId, bookingId)).orderBy(asc(creditNotes.sequence));
}

export async function getCreditNoteByRefund(db: DbOrTx, refundId: string) {
  const [row] = await db.select({ id: creditNotes.id }).from(creditNotes).where(eq(creditNotes.refundId, refundId));
  return row ?? null;
}

/** A refund and the other parts of the same decision (see refunds.parent_refund_id). */
export async function refundGroup(db: DbOrTx, primaryRefundId: string) {
  return db.select().from(refunds)
    .where(or(eq(refunds.id, primaryRefundId), eq(refunds.parentRefundId, primaryRefundId)));
}

export async function listRefundsForBooking(db: DbOrTx, bookingId: string) {
  return db.select().from(refunds).where(eq(refunds.bookingId, bookingId)).orderBy(asc(refunds.createdAt));
}

/** Finance's audit entries for money a booking received outside the checkout: the method's reference is kept there. */
export async function listOfflinePaymentRecords(db: DbOrTx, bookingId: string) {
  return db.select({ before: auditLogs.before, after: auditLogs.after }).from(auditLogs)
    .where(and(eq(auditLogs.entityType, "booking"), eq(auditLogs.entityId, bookingId), eq(auditLogs.action, "payment.record_offline")))
    .orderBy(asc(auditLogs.id));
}

// Asked by every staff notice of a booking, built once (db/reusable.ts).
const activeAdmins = reusable("active-admin-emails", (db) => db.select({ email: users.email }).from(users)
  .where(and(eq(users.role, "admin"), isNull(users.disabledAt))));

/** Who gets admin alerts: the configured list and every active admin, each address once. */
export async function adminAlertRecipients(db: DbOrTx, configured: string[]) {
  const admins = await activeAdmins(db, {});
  return [...new Set([...configured, ...admins.map((a) => a.email)].map((e) => e.trim().toLowerCase()).filter(Boolean))].sort();
}

export type FinanceFilter = { q?: string; from?: Date; to?: Date; courseId?: string };

function ofCourse(courseId: string): SQL {
  return sql`${bookings.sessionId} in (select ${courseSessions.id} from ${courseSessions} where ${courseSessions.courseId} = ${courseId})`;
}

function invoiceConditions(f: FinanceFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (f.courseId) conditions.push(ofCourse(f.courseId));
  if (f.from) conditions.push(gte(invoices.issuedAt, f.from));
  if (f.to) conditions.push(lt(invoices.issuedAt, f.to));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(
      ilike(invoices.number, like),
      ilike(bookings.reference, like),
      sql`${invoices.buyer}->>'name' ilike ${like}`,
      sql`${invoices.buyer}->>'organisation' ilike ${like}`,
      sql`${invoices.buyer}->>'email' ilike ${like}`,
    ));
  }
  return and(...conditions);
}

/** What the credit notes against the invoices `ids` selects took off them. */
const creditedOn = (ids: SQL) => sql<number>`(select coalesce(sum(c.total_amount), 0)::int from credit_notes c where c.invoice_id in (${ids}))`;

/**
 * The money refunded with the credit notes against the invoices `ids` selects: every part of each refund that has
 * succeeded, as the booking's amount refunded counts it (a pending or failed refund has not left its invoice).
 */
const refundedOn = (ids: SQL) => sql<number>`(select coalesce(sum(r.amount), 0)::int from credit_notes c
  join refunds r on r.status = 'succeeded' and (r.id = c.refund_id or r.parent_refund_id = c.refund_id) where c.invoice_id in (${ids}))`;

/**
 * What a supplementary invoice's payment paid of it (never more than it bills, though the payment also paid
 * the booking's balance), less what has been refunded on its credit notes.
 */
const paidOnSupplement = (id: SQL, total: SQL, paidAtIssue: SQL) => sql`greatest(0, least(${total}, ${paidAtIssue}) - ${refundedOn(sql`select ${id}`)})`;

/** Invoices issued in [from, to) matching the search, newest first, with their booking's money now. */
export async function listInvoices(db: DbOrTx, f: FinanceFilter) {
  return db.select({
    id: invoices.id,
    number: invoices.number,
    issuedAt: invoices.issuedAt,
    supplyDate: invoices.supplyDate,
    currency: invoices.currency,
    subtotalAmount: invoices.subtotalAmount,
    taxAmount: invoices.taxAmount,
    taxRateBasisPoints: invoices.taxRateBasisPoints,
    totalAmount: invoices.totalAmount,
    buyer: invoices.buyer,
    balanceDueAt: invoices.balanceDueAt,
    hasPdf: sql<boolean>`${invoices.pdfSha256} is not null`,
    // A supplementary invoice (null on a booking's own) and what of its payment paid it, less refunds on it
    // since (the payment that paid it also paid the booking's balance: only the part for this invoice counts).
    supplementsInvoiceId: invoices.supplementsInvoiceId,
    supplementPaid: sql<number | null>`case when ${invoices.supplementsInvoiceId} is not null
      then ${paidOnSupplement(sql`${invoices.id}`, sql`${invoices.totalAmount}`, sql`${invoices.paidAtIssueAmount}`)} end`,
    // On a booking's own invoice: the same, added up over its supplementary invoices.
    supplementsPaid: sql<number>`(select coalesce(sum(${paidOnSupplement(sql`s.id`, sql`s.total_amount`, sql`s.paid_at_issue_amount`)}), 0)::int
      from invoices s where s.supplements_invoice_id = ${invoices.id})`,
    // What credit notes took off this invoice, and the money refunded with them.
    credits: { credited: creditedOn(sql`select ${invoices.id}`), refunded: refundedOn(sql`select ${invoices.id}`) },
    // On a booking's own invoice: the same over its supplementary invoices (the booking's figures count them too).
    supplementCredits: {
      credited: creditedOn(sql`select s.id from invoices s where s.supplements_invoice_id = ${invoices.id}`),
      refunded: refundedOn(sql`select s.id from invoices s where s.supplements_invoice_id = ${invoices.id}`),
    },
    booking: {
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      totalAmount: bookings.totalAmount,
      creditedAmount: bookings.creditedAmount,
      amountPaid: bookings.amountPaid,
      amountRefunded: bookings.amountRefunded,
      balanceDueAt: bookings.balanceDueAt,
      // What the first payment was (a deposit or the price in full): money owed later reads "Deposit paid" or "Part paid".
      paymentOption: bookings.paymentOption,
      amountDueNow: bookings.amountDueNow,
    },
  }).from(invoices).innerJoin(bookings, eq(bookings.id, invoices.bookingId))
    .where(invoiceConditions(f))
    .orderBy(desc(invoices.issuedAt), desc(invoices.sequence));
}

/**
 * Every refund still pending, with the provider of the payment it goes back to: few at any time (a card refund is
 * pending for seconds, one paid back by hand until finance marks it), so read whole rather than by the bookings of
 * a list that may run to tens of thousands.
 */
export async function listPendingRefunds(db: DbOrTx) {
  return db.select({ bookingId: refunds.bookingId, paymentId: refunds.paymentId, status: refunds.status, amount: refunds.amount, provider: payments.provider })
    .from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId))
    // Written out, not a parameter: a generic plan then still uses the index of pending refunds.
    .where(sql`${refunds.status} = 'pending'`);
}

type ListedInvoice = Awaited<ReturnType<typeof listInvoices>>[number];
type CreditFigures = "credits" | "supplementCredits";

/** A listed invoice. Rows built by hand may leave out the credit figures: read as no credit notes. */
export type InvoiceListRow = Omit<ListedInvoice, CreditFigures> & Partial<Pick<ListedInvoice, CreditFigures>>;

export async function listCreditNotes(db: DbOrTx, f: FinanceFilter) {
  const conditions: (SQL | undefined)[] = [];
  if (f.courseId) conditions.push(ofCourse(f.courseId));
  if (f.from) conditions.push(gte(creditNotes.issuedAt, f.from));
  if (f.to) conditions.push(lt(creditNotes.issuedAt, f.to));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(
      ilike(creditNotes.number, like), ilike(invoices.number, like), ilike(bookings.reference, like),
      sql`${invoices.buyer}->>'name' ilike ${like}`, sql`${invoices.buyer}->>'organisation' ilike ${like}`, sql`${invoices.buyer}->>'email' ilike ${like}`,
    ));
  }
  return db.select({
    id: creditNotes.id,
    number: creditNotes.number,
    issuedAt: creditNotes.issuedAt,
    currency: creditNotes.currency,
    subtotalAmount: creditNotes.subtotalAmount,
    taxAmount: creditNotes.taxAmount,
    totalAmount: creditNotes.totalAmount,
    refundAmount: creditNotes.refundAmount,
    reason: creditNotes.reason,
    hasPdf: sql<boolean>`${creditNotes.pdfSha256} is not null`,
    invoice: { id: invoices.id, number: invoices.number, buyer: invoices.buyer, taxRateBasisPoints: invoices.taxRateBasisPoints },
    booking: { id: bookings.id, reference: bookings.reference },
    refundStatus: refunds.status,
  }).from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .innerJoin(bookings, eq(bookings.id, invoices.bookingId))
    // A credit note with nothing refunded (a kept deposit, a waived balance) has no refund: listed all the same.
    .leftJoin(refunds, eq(refunds.id, creditNotes.refundId))
    .where(and(...conditions))
    .orderBy(desc(creditNotes.issuedAt), desc(creditNotes.sequence));
}

export type CreditNoteListRow = Awaited<ReturnType<typeof listCreditNotes>>[number];

/** The newest emails first, for the development outbox. */
export async function listEmailMessages(db: DbOrTx, limit = 100) {
  return db.select().from(emailMessages).orderBy(desc(emailMessages.createdAt)).limit(limit);
}

export async function getEmailMessage(db: DbOrTx, id: string) {
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
  return row ?? null;
}


/** Everything the invoice page shows except the PDF bytes. */
export async function getInvoiceForDesk(db: DbOrTx, number: string) {
  if (!isLookupKey(number)) return null;
  const [row] = await db.select({
    id: invoices.id, number: invoices.number, bookingId: invoices.bookingId, issuedAt: invoices.issuedAt, supplyDate: invoices.supplyDate,
    currency: invoices.currency, subtotalAmount: invoices.subtotalAmount, taxRateBasisPoints: invoices.taxRateBasisPoints,
    pricesIncludeTax: invoices.pricesIncludeTax, taxAmount: invoices.taxAmount, totalAmount: invoices.totalAmount,
    paidAtIssueAmount: invoices.paidAtIssueAmount, balanceDueAt: invoices.balanceDueAt, seller: invoices.seller, buyer: invoices.buyer,
    lines: invoices.lines, paymentsAtIssue: invoices.paymentsAtIssue, pdfSha256: invoices.pdfSha256,
    supplementsInvoiceId: invoices.supplementsInvoiceId,
  }).from(invoices).where(eq(invoices.number, number));
  return row ?? null;
}

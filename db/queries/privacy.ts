// Reads and writes for personal data requests: everything held under one email address.
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { auditLogs, bookingAttendees, bookings, creditNotes, emailMessages, invoices, refunds } from "@/db/schema";

const sameEmail = (column: typeof bookings.contactEmail | typeof bookingAttendees.email | typeof emailMessages.toAddress, email: string) =>
  sql`lower(${column}) = ${email}`;

/** Bookings the person made, and bookings where they hold a place. `email` is already normalised. */
export async function bookingIdsOfPerson(db: DbOrTx, email: string) {
  const asContact = await db.select({ id: bookings.id }).from(bookings).where(sameEmail(bookings.contactEmail, email));
  const asAttendee = await db.selectDistinct({ id: bookingAttendees.bookingId }).from(bookingAttendees)
    .where(sameEmail(bookingAttendees.email, email));
  const contactIds = new Set(asContact.map((r) => r.id));
  return { asContact: [...contactIds], asAttendeeOnly: asAttendee.map((r) => r.id).filter((id) => !contactIds.has(id)) };
}

export async function moneyOfBookings(db: DbOrTx, bookingIds: string[]) {
  if (bookingIds.length === 0) return { refunds: [], invoices: [], creditNotes: [] };
  const invoiceRows = await db.select({
    id: invoices.id, number: invoices.number, bookingId: invoices.bookingId, issuedAt: invoices.issuedAt, currency: invoices.currency,
    totalAmount: invoices.totalAmount, taxAmount: invoices.taxAmount, buyer: invoices.buyer, lines: invoices.lines,
  }).from(invoices).where(inArray(invoices.bookingId, bookingIds));
  const creditNoteRows = invoiceRows.length
    ? await db.select({
      id: creditNotes.id, number: creditNotes.number, invoiceId: creditNotes.invoiceId, issuedAt: creditNotes.issuedAt, currency: creditNotes.currency,
      totalAmount: creditNotes.totalAmount, refundAmount: creditNotes.refundAmount, reason: creditNotes.reason, lines: creditNotes.lines,
    }).from(creditNotes).where(inArray(creditNotes.invoiceId, invoiceRows.map((i) => i.id)))
    : [];
  const refundRows = await db.select({
    id: refunds.id, bookingId: refunds.bookingId, amount: refunds.amount, currency: refunds.currency, status: refunds.status,
    reason: refunds.reason, createdAt: refunds.createdAt,
  }).from(refunds).where(inArray(refunds.bookingId, bookingIds));
  return { refunds: refundRows, invoices: invoiceRows, creditNotes: creditNoteRows };
}

export async function emailsToPerson(db: DbOrTx, email: string) {
  return db.select({
    id: emailMessages.id, kind: emailMessages.kind, bookingId: emailMessages.bookingId, toAddress: emailMessages.toAddress,
    subject: emailMessages.subject, text: emailMessages.text, status: emailMessages.status, sentAt: emailMessages.sentAt, createdAt: emailMessages.createdAt,
  }).from(emailMessages).where(sameEmail(emailMessages.toAddress, email)).orderBy(emailMessages.createdAt);
}

/** Audit entries about these bookings and their people. */
export async function auditOfBookings(db: DbOrTx, bookingIds: string[]) {
  if (bookingIds.length === 0) return [];
  return db.select().from(auditLogs)
    .where(or(and(eq(auditLogs.entityType, "booking"), inArray(auditLogs.entityId, bookingIds))))
    .orderBy(auditLogs.createdAt);
}

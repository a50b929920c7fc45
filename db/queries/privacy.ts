// Reads and writes for personal data requests: everything held under one email address.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import {
  auditLogs, bookingAttendees, bookingChanges, bookings, courseSessions, courses, creditNotes, customerSessions, customerSignInTokens, emailMessages,
  invoices, refunds, waitlistEntries, waitlistOffers,
} from "@/db/schema";

const sameEmail = (column: AnyPgColumn, email: string) => sql`lower(${column}) = ${email}`;

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

/**
 * Audit entries about the bookings they made, their memberships and their waiting-list entries, and those they
 * made themselves as a customer, except about a booking of someone else's (its entries hold the booker's details).
 */
export async function auditOfPerson(db: DbOrTx, p: { email: string; bookingIds: string[]; othersBookingIds: string[]; memberIds: string[]; waitlistEntryIds: string[] }) {
  const about = (type: string, ids: string[]) => (ids.length ? and(eq(auditLogs.entityType, type), inArray(auditLogs.entityId, ids)) : sql`false`);
  return db.select().from(auditLogs)
    .where(or(
      about("booking", p.bookingIds), about("member", p.memberIds), about("waitlist_entry", p.waitlistEntryIds),
      // As a customer (no staff user): what a staff member did at work is about the people they served.
      and(isNull(auditLogs.actorId), sameEmail(auditLogs.actorEmail, p.email), p.othersBookingIds.length
        ? sql`not (${auditLogs.entityType} = 'booking' and ${auditLogs.entityId} in (${sql.join(p.othersBookingIds.map((id) => sql`${id}`), sql`, `)}))`
        : sql`true`),
    ))
    .orderBy(auditLogs.createdAt, auditLogs.id);
}

/** The change history of these bookings, oldest first, with staff's reasons (the caller decides what to show). */
export async function changesOfBookings(db: DbOrTx, bookingIds: string[]) {
  if (bookingIds.length === 0) return [];
  return db.select().from(bookingChanges).where(inArray(bookingChanges.bookingId, bookingIds))
    .orderBy(asc(bookingChanges.createdAt), asc(bookingChanges.id));
}

/** Their waiting-list entries (any status) with the session waited for and the offers made from each. */
export async function waitlistOfPerson(db: DbOrTx, email: string) {
  const entries = await db.select({
    id: waitlistEntries.id, sessionId: waitlistEntries.sessionId, sessionStartsAt: courseSessions.startsAt, courseTitle: courses.title,
    ticketTypeId: waitlistEntries.ticketTypeId, places: waitlistEntries.places, note: waitlistEntries.note, position: waitlistEntries.position,
    status: waitlistEntries.status, createdAt: waitlistEntries.createdAt, updatedAt: waitlistEntries.updatedAt,
  }).from(waitlistEntries)
    .innerJoin(courseSessions, eq(courseSessions.id, waitlistEntries.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(sameEmail(waitlistEntries.email, email))
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.position));
  const offers = entries.length
    ? await db.select({
      id: waitlistOffers.id, entryId: waitlistOffers.entryId, places: waitlistOffers.places, status: waitlistOffers.status,
      expiresAt: waitlistOffers.expiresAt, bookingId: waitlistOffers.bookingId, createdAt: waitlistOffers.createdAt, closedAt: waitlistOffers.closedAt,
    }).from(waitlistOffers).where(inArray(waitlistOffers.entryId, entries.map((e) => e.id))).orderBy(asc(waitlistOffers.createdAt), asc(waitlistOffers.id))
    : [];
  return entries.map((e) => ({ ...e, offers: offers.filter((o) => o.entryId === e.id).map(({ entryId: _, ...o }) => o) }));
}

/** When they asked for sign-in links and were signed in (no token hashes: those are credentials, not data about them). */
export async function signInsOfPerson(db: DbOrTx, email: string) {
  const links = await db.select({ createdAt: customerSignInTokens.createdAt, expiresAt: customerSignInTokens.expiresAt, usedAt: customerSignInTokens.usedAt })
    .from(customerSignInTokens).where(sameEmail(customerSignInTokens.email, email)).orderBy(asc(customerSignInTokens.createdAt));
  const sessions = await db.select({ createdAt: customerSessions.createdAt, expiresAt: customerSessions.expiresAt })
    .from(customerSessions).where(sameEmail(customerSessions.email, email)).orderBy(asc(customerSessions.createdAt));
  return { links, sessions };
}

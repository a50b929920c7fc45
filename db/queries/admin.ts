// Reads behind the staff pages: catalogue lists, bookings search, a booking's history, the audit log.
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  auditLogs, bookingAttendees, bookings, courseSessions, courses, emailMessages, paymentLogs, refunds,
  requirementTemplates, users, venueFeatures, venues, type BookingStatus,
} from "@/db/schema";

export async function listCoursesForAdmin(db: DbOrTx) {
  // The outer column qualified by hand: in a single-table select Drizzle writes ${courses.id} as a bare "id",
  // which inside this subquery would mean cs.id (and counted nothing).
  const upcoming = sql<number>`(select count(*) from course_sessions cs where cs.course_id = "courses"."id"
    and cs.status = 'scheduled' and cs.ends_at > now())::int`;
  return db.select({ course: courses, upcomingSessions: upcoming }).from(courses)
    .orderBy(asc(courses.status), asc(courses.title));
}

export async function getCourse(db: DbOrTx, id: string) {
  const [row] = await db.select().from(courses).where(eq(courses.id, id));
  return row ?? null;
}

export async function listVenuesForAdmin(db: DbOrTx) {
  const rows = await db.select().from(venues).orderBy(sql`${venues.archivedAt} is not null`, asc(venues.name));
  const features = rows.length
    ? await db.select().from(venueFeatures).where(inArray(venueFeatures.venueId, rows.map((r) => r.id)))
    : [];
  return rows.map((v) => ({
    venue: v,
    statuses: Object.fromEntries(features.filter((f) => f.venueId === v.id).map((f) => [f.feature, f.status])) as Record<string, "yes" | "no" | "unknown">,
  }));
}

export async function getVenue(db: DbOrTx, id: string) {
  const [row] = await db.select().from(venues).where(eq(venues.id, id));
  if (!row) return null;
  const features = await db.select({ f: venueFeatures, by: { name: users.name, email: users.email } }).from(venueFeatures)
    .leftJoin(users, eq(users.id, venueFeatures.updatedBy)).where(eq(venueFeatures.venueId, id));
  return { venue: row, features };
}

export type SessionListFilter = { courseId?: string; venueId?: string; status?: "scheduled" | "cancelled"; when?: "upcoming" | "past" | "all" };

export async function listSessionsForAdmin(db: DbOrTx, f: SessionListFilter = {}, limit = 200) {
  const where: SQL[] = [];
  if (f.courseId) where.push(eq(courseSessions.courseId, f.courseId));
  if (f.venueId) where.push(eq(courseSessions.venueId, f.venueId));
  if (f.status) where.push(eq(courseSessions.status, f.status));
  if ((f.when ?? "upcoming") === "upcoming") where.push(sql`${courseSessions.endsAt} > now()`);
  if (f.when === "past") where.push(sql`${courseSessions.endsAt} <= now()`);
  return db.select({
    session: courseSessions,
    course: { id: courses.id, title: courses.title, status: courses.status },
    venue: { id: venues.id, name: venues.name, city: venues.city, timeZone: venues.timeZone },
  })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(and(...where))
    .orderBy(f.when === "past" ? desc(courseSessions.startsAt) : asc(courseSessions.startsAt))
    .limit(limit);
}

export async function getSessionForAdmin(db: DbOrTx, id: string) {
  const [row] = await db.select({ session: courseSessions, course: courses, venue: venues })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(courseSessions.id, id));
  if (!row) return null;
  const [{ n }] = await db.select({ n: count() }).from(bookings).where(eq(bookings.sessionId, id));
  return { ...row, bookingCount: n };
}

export async function listRequirementTemplatesForAdmin(db: DbOrTx) {
  return db.select().from(requirementTemplates)
    .orderBy(sql`${requirementTemplates.active} desc`, asc(requirementTemplates.sortOrder), asc(requirementTemplates.label));
}

export async function getRequirementTemplate(db: DbOrTx, id: string) {
  const [row] = await db.select().from(requirementTemplates).where(eq(requirementTemplates.id, id));
  return row ?? null;
}

export type BookingSearch = {
  q?: string; status?: BookingStatus; courseId?: string; sessionId?: string;
  paymentStatus?: "unpaid" | "deposit_paid" | "paid" | "partially_refunded" | "refunded";
  from?: string; to?: string; page?: number;
};

export const BOOKINGS_PAGE_SIZE = 50;

/** Bookings by reference, contact name or email, or attendee name, newest first, with filters. */
export async function searchBookings(db: DbOrTx, s: BookingSearch) {
  const where: SQL[] = [];
  const q = s.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(
      ilike(bookings.reference, like),
      ilike(bookings.contactName, like),
      ilike(bookings.contactEmail, like),
      ilike(bookings.organisation, like),
      exists(db.select({ one: sql`1` }).from(bookingAttendees).where(and(
        eq(bookingAttendees.bookingId, bookings.id),
        or(
          ilike(sql`${bookingAttendees.firstName} || ' ' || ${bookingAttendees.lastName}`, like),
          ilike(bookingAttendees.email, like),
        ),
      ))),
    )!);
  }
  if (s.status) where.push(eq(bookings.status, s.status));
  if (s.paymentStatus) where.push(eq(bookings.paymentStatus, s.paymentStatus));
  if (s.sessionId) where.push(eq(bookings.sessionId, s.sessionId));
  if (s.courseId) where.push(eq(courseSessions.courseId, s.courseId));
  if (s.from) where.push(gte(bookings.createdAt, new Date(`${s.from}T00:00:00Z`)));
  if (s.to) where.push(lte(bookings.createdAt, new Date(`${s.to}T23:59:59.999Z`)));
  const page = Math.max(1, s.page ?? 1);
  const base = db.select({
    booking: bookings,
    course: { id: courses.id, title: courses.title },
    session: { id: courseSessions.id, startsAt: courseSessions.startsAt, status: courseSessions.status },
    venue: { name: venues.name, timeZone: venues.timeZone },
    // Places still held by the booking (its attendee count is what was booked; cancelled places drop out here).
    activePlaces: sql<number>`(select count(*)::int from booking_attendees a where a.booking_id = ${bookings.id} and a.cancelled_at is null)`,
  })
    .from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(and(...where));
  const rows = await base.orderBy(desc(bookings.createdAt)).limit(BOOKINGS_PAGE_SIZE + 1).offset((page - 1) * BOOKINGS_PAGE_SIZE);
  return { rows: rows.slice(0, BOOKINGS_PAGE_SIZE), page, hasMore: rows.length > BOOKINGS_PAGE_SIZE };
}

/** What happened to a booking: payment log, refunds, emails sent, and staff actions on it. */
export async function getBookingHistory(db: DbOrTx, bookingId: string) {
  const [logs, refundRows, emails] = await Promise.all([
    db.select().from(paymentLogs).where(eq(paymentLogs.bookingId, bookingId)).orderBy(asc(paymentLogs.createdAt), asc(paymentLogs.id)),
    db.select().from(refunds).where(eq(refunds.bookingId, bookingId)).orderBy(asc(refunds.createdAt)),
    db.select({
      id: emailMessages.id, kind: emailMessages.kind, toAddress: emailMessages.toAddress, subject: emailMessages.subject,
      status: emailMessages.status, createdAt: emailMessages.createdAt, sentAt: emailMessages.sentAt,
    }).from(emailMessages).where(eq(emailMessages.bookingId, bookingId)).orderBy(asc(emailMessages.createdAt)),
  ]);
  return { logs, refunds: refundRows, emails };
}

export type AuditFilter = { entityType?: string; entityId?: string; actor?: string; action?: string; page?: number };
export const AUDIT_PAGE_SIZE = 50;

export async function listAuditLogs(db: DbOrTx, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.entityType) where.push(eq(auditLogs.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLogs.entityId, f.entityId));
  if (f.actor) where.push(ilike(auditLogs.actorEmail, `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.action) where.push(ilike(auditLogs.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const page = Math.max(1, f.page ?? 1);
  const rows = await db.select().from(auditLogs).where(and(...where))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id)).limit(AUDIT_PAGE_SIZE + 1).offset((page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), page, hasMore: rows.length > AUDIT_PAGE_SIZE };
}

export async function listAuditEntityTypes(db: DbOrTx) {
  const rows = await db.selectDistinct({ t: auditLogs.entityType }).from(auditLogs).orderBy(asc(auditLogs.entityType));
  return rows.map((r) => r.t);
}

export async function listStaffUsers(db: DbOrTx) {
  return db.select().from(users).orderBy(sql`${users.disabledAt} is not null`, asc(users.email));
}

export async function courseOptions(db: DbOrTx) {
  return db.select({ id: courses.id, title: courses.title, status: courses.status, currency: courses.currency }).from(courses).orderBy(asc(courses.title));
}

export async function venueOptions(db: DbOrTx) {
  return db.select({ id: venues.id, name: venues.name, city: venues.city, timeZone: venues.timeZone, archivedAt: venues.archivedAt })
    .from(venues).orderBy(asc(venues.name));
}

/** What cancelling a session would refund: everything its confirmed bookings paid and still hold, per currency. */
export async function sessionRefundPreview(db: DbOrTx, sessionId: string) {
  return db.select({
    currency: bookings.currency,
    bookings: sql<number>`count(*)::int`,
    amount: sql<number>`coalesce(sum(${bookings.amountPaid} - ${bookings.amountRefunded}), 0)::int`,
  }).from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, "confirmed")))
    .groupBy(bookings.currency);
}

// Reads behind the staff-side API (API keys with bookings:read): bookings by filter with keyset pagination,
// and a session's attendees with their needs.
import { and, asc, desc, eq, gte, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db";
import { bookingAttendees, bookings, checkIns, courseSessions, seats, specialRequirements, tickets, ticketTypes } from "@/db/schema";
import { activeAttendeeCount, seatLabel } from "@/db/queries/bookings";
import { AppError } from "@/lib/errors";
import type { adminBookingListQuery } from "@/lib/validations/integrations";

type ListQuery = z.output<typeof adminBookingListQuery>;

// A cursor keeps the last row's creation time to the microsecond, as PostgreSQL stores it (milliseconds, as a Date
// holds it, skipped rows made in the same millisecond): "<UTC time with microseconds>|<id>".
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/.test(createdAt ?? "") || !/^[0-9a-f-]{36}$/.test(id ?? "")) throw new Error("bad cursor");
    return { createdAt, id };
  } catch {
    throw new AppError("invalid_request", { fields: { cursor: "Use the nextCursor of the previous page" } });
  }
}

const encodeCursor = (createdAt: string, id: string) => Buffer.from(`${createdAt}|${id}`).toString("base64url");

/** Newest first; `nextCursor` continues after the last row (stable under concurrent inserts). */
export async function listBookingsForApi(db: DbOrTx, q: ListQuery) {
  const where: SQL[] = [];
  if (q.status) where.push(eq(bookings.status, q.status));
  if (q.sessionId) where.push(eq(bookings.sessionId, q.sessionId));
  if (q.email) where.push(eq(sql`lower(${bookings.contactEmail})`, q.email));
  if (q.createdFrom) where.push(gte(bookings.createdAt, new Date(q.createdFrom)));
  if (q.createdTo) where.push(lt(bookings.createdAt, new Date(q.createdTo)));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(sql`(${bookings.createdAt}, ${bookings.id}) < (${c.createdAt}::timestamp at time zone 'UTC', ${c.id}::uuid)`);
  }
  const rows = await db.select({
    id: bookings.id, reference: bookings.reference, status: bookings.status, paymentStatus: bookings.paymentStatus,
    currency: bookings.currency, totalAmount: bookings.totalAmount, amountPaid: bookings.amountPaid, amountRefunded: bookings.amountRefunded,
    attendeeCount: activeAttendeeCount, contactName: bookings.contactName, contactEmail: bookings.contactEmail,
    sessionId: bookings.sessionId, startsAt: sql<Date>`coalesce(${bookings.spanStartsAt}, ${courseSessions.startsAt})`.mapWith(courseSessions.startsAt),
    createdAt: bookings.createdAt, confirmedAt: bookings.confirmedAt,
    cursorAt: sql<string>`to_char(${bookings.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
  }).from(bookings).innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(bookings.createdAt), desc(bookings.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    bookings: page.map((b) => ({
      id: b.id, reference: b.reference, status: b.status, paymentStatus: b.paymentStatus, currency: b.currency,
      totalAmount: b.totalAmount, amountPaid: b.amountPaid, amountRefunded: b.amountRefunded, attendeeCount: b.attendeeCount,
      contact: { name: b.contactName, email: b.contactEmail },
      session: { id: b.sessionId, startsAt: b.startsAt.toISOString() },
      createdAt: b.createdAt.toISOString(), confirmedAt: b.confirmedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}

/** Every place of a session's pending and confirmed bookings, with the attendee's needs and arrival. */
export async function sessionAttendeesForApi(db: DbOrTx, sessionId: string) {
  const [session] = await db.select({ id: courseSessions.id }).from(courseSessions).where(eq(courseSessions.id, sessionId));
  if (!session) throw new AppError("session_not_found");
  const rows = await db.select({
    attendee: bookingAttendees, bookingId: bookings.id, reference: bookings.reference, bookingStatus: bookings.status,
    ticketType: ticketTypes.name, seat: { section: seats.section, row: seats.row, number: seats.number },
    checkedInAt: checkIns.checkedInAt,
  }).from(bookingAttendees)
    .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
    .innerJoin(ticketTypes, eq(ticketTypes.id, bookingAttendees.ticketTypeId))
    .leftJoin(seats, eq(seats.id, bookingAttendees.seatId))
    .leftJoin(tickets, eq(tickets.attendeeId, bookingAttendees.id))
    .leftJoin(checkIns, and(eq(checkIns.ticketId, tickets.id), isNull(checkIns.undoneAt)))
    .where(and(eq(bookings.sessionId, sessionId), sql`${bookings.status} in ('pending', 'confirmed')`, isNull(bookingAttendees.cancelledAt)))
    .orderBy(asc(bookings.reference), asc(bookingAttendees.position));
  const needs = rows.length
    ? await db.select().from(specialRequirements)
      .innerJoin(bookings, eq(bookings.id, specialRequirements.bookingId))
      .where(eq(bookings.sessionId, sessionId))
    : [];
  return {
    sessionId,
    attendees: rows.map((r) => ({
      attendeeId: r.attendee.id, bookingId: r.bookingId, reference: r.reference, bookingStatus: r.bookingStatus as "pending" | "confirmed",
      position: r.attendee.position, firstName: r.attendee.firstName, lastName: r.attendee.lastName, email: r.attendee.email,
      ticketType: r.ticketType, seat: r.seat?.section ? seatLabel(r.seat as { section: string; row: string; number: string }) : null,
      checkedInAt: r.checkedInAt?.toISOString() ?? null,
      requirements: needs.filter((n) => n.special_requirements.attendeeId === r.attendee.id).map(({ special_requirements: n }) => ({
        templateId: n.templateId, label: n.label, category: n.category, priority: n.priority, details: n.details,
        acknowledged: n.acknowledgedAt !== null,
      })),
    })),
  };
}

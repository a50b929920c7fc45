// Reads behind the staff ticket type lists: a course's defaults or a session's own types, retired ones
// included, with the places sold of each (which decides between delete and retire).
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bookingAttendees, courseSessions, courses, ticketTypes, venues, type TicketType } from "@/db/schema";

export type StaffTicketType = TicketType & { placesSold: number };

export async function ticketTypesForStaff(db: DbOrTx, scope: { courseId: string; sessionId: string | null }): Promise<StaffTicketType[]> {
  const rows = await db.select({
    type: ticketTypes,
    // Table-qualified by hand: Drizzle leaves columns unqualified in a single-table select.
    placesSold: sql<number>`(select count(*) from booking_attendees a where a.ticket_type_id = ticket_types.id)::int`,
  }).from(ticketTypes)
    .where(and(eq(ticketTypes.courseId, scope.courseId),
      scope.sessionId ? eq(ticketTypes.sessionId, scope.sessionId) : isNull(ticketTypes.sessionId)))
    .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.priceAmount), asc(ticketTypes.name));
  return rows.map((r) => ({ ...r.type, placesSold: r.placesSold }));
}

/** One type with its course and, for a session's own type, the session and its venue's time zone. */
export async function ticketTypeForStaff(db: DbOrTx, id: string) {
  const [row] = await db.select({ type: ticketTypes, course: courses }).from(ticketTypes)
    .innerJoin(courses, eq(courses.id, ticketTypes.courseId)).where(eq(ticketTypes.id, id));
  if (!row) return null;
  const [session] = row.type.sessionId
    ? await db.select({ id: courseSessions.id, startsAt: courseSessions.startsAt, timeZone: venues.timeZone, venueName: venues.name })
      .from(courseSessions).innerJoin(venues, eq(venues.id, courseSessions.venueId)).where(eq(courseSessions.id, row.type.sessionId))
    : [null];
  const [{ placesSold }] = await db.select({ placesSold: sql<number>`count(*)::int` }).from(bookingAttendees)
    .where(eq(bookingAttendees.ticketTypeId, id));
  return { ...row, session, placesSold };
}

// Reads behind the staff ticket type lists: a course's defaults or a session's own types, retired ones
// included, with the places each ever took (which decides between delete and retire: a type on any booking, even
// a cancelled one, is kept for its invoices) and the places it holds now (what staff are shown as sold).
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { courseSessions, courses, ticketTypes, venues, type TicketType } from "@/db/schema";

export type StaffTicketType = TicketType & { placesSold: number; placesLive: number };

// Places on bookings still paid or in checkout, cancelled places left out.
const livePlaces = sql<number>`(select count(*) from booking_attendees a join bookings b on b.id = a.booking_id
  where a.ticket_type_id = ticket_types.id and a.cancelled_at is null and b.status in ('pending', 'confirmed'))::int`;

export async function ticketTypesForStaff(db: DbOrTx, scope: { courseId: string; sessionId: string | null }): Promise<StaffTicketType[]> {
  const rows = await db.select({
    type: ticketTypes,
    // Table-qualified by hand: Drizzle leaves columns unqualified in a single-table select.
    placesSold: sql<number>`(select count(*) from booking_attendees a where a.ticket_type_id = ticket_types.id)::int`,
    placesLive: livePlaces,
  }).from(ticketTypes)
    .where(and(eq(ticketTypes.courseId, scope.courseId),
      scope.sessionId ? eq(ticketTypes.sessionId, scope.sessionId) : isNull(ticketTypes.sessionId)))
    .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.priceAmount), asc(ticketTypes.name));
  return rows.map((r) => ({ ...r.type, placesSold: r.placesSold, placesLive: r.placesLive }));
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
  const [{ placesLive }] = await db.select({ placesLive: livePlaces }).from(ticketTypes).where(eq(ticketTypes.id, id));
  return { ...row, session, placesLive };
}

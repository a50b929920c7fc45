// Reads behind the staff ticket type lists: a course's defaults or a session's own types, retired ones
// included, with the places sold of each (which decides between delete and retire).
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { ticketTypes, type TicketType } from "@/db/schema";

export type StaffTicketType = TicketType & { placesSold: number };

export async function ticketTypesForStaff(db: DbOrTx, scope: { courseId: string; sessionId: string | null }): Promise<StaffTicketType[]> {
  const rows = await db.select({
    type: ticketTypes,
    placesSold: sql<number>`(select count(*) from booking_attendees a where a.ticket_type_id = ${ticketTypes.id})::int`,
  }).from(ticketTypes)
    .where(and(eq(ticketTypes.courseId, scope.courseId),
      scope.sessionId ? eq(ticketTypes.sessionId, scope.sessionId) : isNull(ticketTypes.sessionId)))
    .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.priceAmount), asc(ticketTypes.name));
  return rows.map((r) => ({ ...r.type, placesSold: r.placesSold }));
}

// Reads of ticket types: which a session offers, and how many places of each are left.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reusable";
import { bookingAttendees, courseSessions, ticketTypes, type TicketType } from "@/db/schema";

/**
 * The types a session sells: its own when it has any, otherwise its course's defaults. Retired types are
 * left out unless asked for (an old booking still names them).
 */
export async function sessionTicketTypes(db: DbOrTx, sessionId: string, { includeRetired = false, lock = false } = {}): Promise<TicketType[]> {
  const rows = await (lock ? lockedTypesOfSession : typesOfSession)(db, { sessionId });
  return rows.map((r) => r.type).filter((t) => includeRetired || !t.retiredAt);
}

const typesQuery = (db: DbOrTx) => db.select({ type: ticketTypes }).from(ticketTypes)
  .innerJoin(courseSessions, eq(courseSessions.id, sql.placeholder("sessionId")))
  .where(and(
    eq(ticketTypes.courseId, courseSessions.courseId),
    sql`(${ticketTypes.sessionId} = ${courseSessions.id} or (${ticketTypes.sessionId} is null and not exists (
      select 1 from ticket_types own where own.session_id = ${courseSessions.id})))`,
  ))
  .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.priceAmount), asc(ticketTypes.name));
const typesOfSession = reusable("session-ticket-types", (db) => typesQuery(db));
// A booking holds a key-share lock on the types it sells until commit: staff changing a type's quota or price
// (FOR UPDATE) wait for it, so a place is never taken under a quota that is being changed.
const lockedTypesOfSession = reusable("session-ticket-types-locked", (db) => typesQuery(db).for("key share", { of: ticketTypes }));

export type TicketTypeAvailability = TicketType & { booked: number; held: number; available: number };

/**
 * Places left per type for sessions: the type's quota less places booked and held by checkouts still within
 * their hold, and never more than the session has left. Where the session has reserved seating and the type
 * sells one class of seat, never more than the seats of that class still free (not sold, blocked or held by a
 * checkout within its hold). One query for many sessions.
 */
export async function ticketAvailability(db: DbOrTx, sessions: { id: string; available: number }[]): Promise<Map<string, TicketTypeAvailability[]>> {
  const result = new Map<string, TicketTypeAvailability[]>();
  if (sessions.length === 0) return result;
  const ids = sessions.map((s) => s.id);
  const rows = await db.execute<{ session_id: string; type_id: string; booked: number; held: number; seats_free: number | null }>(sql`
    select s.id as session_id, t.id as type_id,
      coalesce(inv.places_booked, 0)::int as booked,
      coalesce((select count(*) from booking_attendees a join bookings b on b.id = a.booking_id
        where b.session_id = s.id and b.status = 'pending' and b.hold_expires_at > now()
          and a.ticket_type_id = t.id and a.cancelled_at is null), 0)::int as held,
      case when s.seating_plan_id is not null and t.seat_class is not null then (
        select count(*) from seats st
        where st.plan_id = s.seating_plan_id and st.seat_class = t.seat_class and not exists (
          select 1 from session_seats ss left join bookings b on b.id = ss.booking_id
          where ss.session_id = s.id and ss.seat_id = st.id
            -- a hold whose checkout lapsed or ended frees the seat, as on the seat map (db/queries/seating.ts)
            and not coalesce(ss.status = 'held' and (b.status <> 'pending' or b.hold_expires_at <= now()), false))
      )::int end as seats_free
    from course_sessions s
    join ticket_types t on t.course_id = s.course_id and t.retired_at is null and (t.session_id = s.id or (t.session_id is null
      and not exists (select 1 from ticket_types own where own.session_id = s.id)))
    left join ticket_type_inventory inv on inv.session_id = s.id and inv.ticket_type_id = t.id
    where s.id in ${ids}
  `);
  const typeIds = [...new Set([...rows].map((r) => r.type_id))];
  const types = typeIds.length ? await db.select().from(ticketTypes).where(inArray(ticketTypes.id, typeIds)) : [];
  const byId = new Map(types.map((t) => [t.id, t]));
  const sessionLeft = new Map(sessions.map((s) => [s.id, s.available]));
  for (const r of rows) {
    const t = byId.get(r.type_id)!;
    const left = sessionLeft.get(r.session_id) ?? 0;
    const ofType = t.quota == null ? left : Math.max(0, t.quota - r.booked - r.held);
    const list = result.get(r.session_id) ?? [];
    list.push({ ...t, booked: r.booked, held: r.held, available: Math.min(left, ofType, r.seats_free ?? left) });
    result.set(r.session_id, list);
  }
  for (const list of result.values())
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.priceAmount - b.priceAmount || a.name.localeCompare(b.name));
  return result;
}

/** The quota of each type a booking's places are of, for taking them again. */
export async function ticketQuotas(db: DbOrTx, bookingId: string): Promise<Map<string, number | null>> {
  const rows = await db.selectDistinct({ id: ticketTypes.id, quota: ticketTypes.quota }).from(ticketTypes)
    .innerJoin(bookingAttendees, eq(bookingAttendees.ticketTypeId, ticketTypes.id))
    .where(and(eq(bookingAttendees.bookingId, bookingId), isNull(bookingAttendees.cancelledAt)));
  return new Map(rows.map((r) => [r.id, r.quota]));
}

/** A course's first ticket type, at the price and deposit set on the course: how every course starts. */
export async function insertDefaultTicketType(db: DbOrTx, course: { id: string; priceAmount: number; depositAmount: number | null }) {
  const [type] = await db.insert(ticketTypes)
    .values({ courseId: course.id, name: "Standard", priceAmount: course.priceAmount, depositAmount: course.depositAmount })
    .returning();
  return type;
}

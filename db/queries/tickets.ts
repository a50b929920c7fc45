// Reads and writes of tickets. Secrets and their hashes are made in lib/tickets; here rows only.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable, reusableSql, value } from "@/db/reusable";
import { bookingAttendees, tickets, type Ticket } from "@/db/schema";

/** Voids the tickets of places that are no longer booked (refunded, cancelled). */
export async function voidTickets(tx: DbOrTx, p: { attendeeIds?: string[]; sessionId?: string; reason: "refunded" | "cancelled"; now: Date }) {
  if (!p.sessionId && !p.attendeeIds?.length) return;
  await tx.update(tickets).set({ voidedAt: p.now, voidReason: p.reason })
    .where(and(
      isNull(tickets.voidedAt),
      p.attendeeIds?.length ? inArray(tickets.attendeeId, p.attendeeIds) : undefined,
      p.sessionId ? eq(tickets.sessionId, p.sessionId) : undefined,
    ));
}

// Read by every confirmation email and booking page, built once (db/reusable.ts).
const ticketsOf = reusable("tickets-of-booking", (db) => db.select({ t: tickets }).from(tickets)
  .innerJoin(bookingAttendees, eq(bookingAttendees.id, tickets.attendeeId))
  .where(eq(tickets.bookingId, sql.placeholder("bookingId"))).orderBy(asc(bookingAttendees.position)));

/** The tickets of a booking, in attendee order. */
export async function ticketsOfBooking(db: DbOrTx, bookingId: string): Promise<Ticket[]> {
  return (await ticketsOf(db, { bookingId })).map((r) => r.t);
}

type UnticketedRow = { attendee_id: string; booking_id: string; session_id: string };

/** Every booking's places without a ticket, or (`ofBooking`) one booking's: each payment asks for its own. */
function unticketedPlaces(ofBooking: boolean) {
  return reusableSql<{ bookingId?: string }, UnticketedRow>(ofBooking ? "booking-places-without-ticket" : "places-without-ticket", sql`
    select a.id as attendee_id, a.booking_id, b.session_id
    from booking_attendees a join bookings b on b.id = a.booking_id
    where b.status = 'confirmed' and a.cancelled_at is null
      and not exists (select 1 from tickets t where t.attendee_id = a.id)
      ${ofBooking ? sql`and b.id = ${value("bookingId")}` : sql``}
    order by a.booking_id, a.position`);
}

const unticketed = { all: unticketedPlaces(false), ofBooking: unticketedPlaces(true) };

/** Active places of confirmed bookings that have no ticket yet. */
export async function placesWithoutTicket(db: DbOrTx, p: { bookingId?: string } = {}) {
  const rows = p.bookingId ? await unticketed.ofBooking(db, { bookingId: p.bookingId }) : await unticketed.all(db, {});
  return rows.map((r) => ({ attendeeId: r.attendee_id, bookingId: r.booking_id, sessionId: r.session_id }));
}

// Reads of seating plans and of each seat's state in a session.
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bookings, courseSessions, seats, seatingPlans, sessionSeats, type SeatFlag } from "@/db/schema";

export type SeatState = "available" | "held" | "booked" | "blocked";

export type SessionSeat = {
  id: string; section: string; row: string; number: string; seatClass: string; x: number; y: number;
  flags: SeatFlag[]; sortOrder: number; state: SeatState;
};

export type SessionSeatMap = { planId: string; planName: string; seats: SessionSeat[] };

export type OwnedSessionSeat = SessionSeat & { bookingReference: string | null; note: string | null };

/**
 * Every seat of the session's plan with its state, the reference of the booking holding or owning it and a
 * block's note. A seat held by a checkout whose hold has lapsed counts as available: booking it releases the
 * lapsed hold first. Null when the session has no seating plan. Staff pages show it all; the public map
 * (sessionSeatMap) leaves out whose the seats are.
 */
export async function sessionSeatStates(db: DbOrTx, sessionId: string): Promise<{ planId: string; planName: string; seats: OwnedSessionSeat[] } | null> {
  const [session] = await db.select({ planId: courseSessions.seatingPlanId, planName: seatingPlans.name })
    .from(courseSessions).innerJoin(seatingPlans, eq(seatingPlans.id, courseSessions.seatingPlanId))
    .where(eq(courseSessions.id, sessionId));
  if (!session?.planId) return null;
  const rows = await db.select({
    id: seats.id, section: seats.section, row: seats.row, number: seats.number, seatClass: seats.seatClass,
    x: seats.x, y: seats.y, flags: seats.flags, sortOrder: seats.sortOrder,
    state: sql<SeatState>`case
      when ${sessionSeats.status} is null then 'available'
      when ${sessionSeats.status} = 'held' and (${bookings.status} <> 'pending' or ${bookings.holdExpiresAt} <= now()) then 'available'
      else ${sessionSeats.status}::text end`,
    bookingReference: bookings.reference,
    note: sessionSeats.note,
  }).from(seats)
    .leftJoin(sessionSeats, and(eq(sessionSeats.seatId, seats.id), eq(sessionSeats.sessionId, sessionId)))
    .leftJoin(bookings, eq(bookings.id, sessionSeats.bookingId))
    .where(eq(seats.planId, session.planId))
    .orderBy(asc(seats.sortOrder));
  return {
    planId: session.planId, planName: session.planName,
    seats: rows.map((r) => ({ ...r, flags: r.flags as SeatFlag[], bookingReference: r.state === "available" ? null : r.bookingReference })),
  };
}

/** The public seat map: each seat's state, never whose it is. */
export async function sessionSeatMap(db: DbOrTx, sessionId: string): Promise<SessionSeatMap | null> {
  const map = await sessionSeatStates(db, sessionId);
  if (!map) return null;
  return { ...map, seats: map.seats.map(({ bookingReference: _ref, note: _note, ...seat }) => seat) };
}

/** A plan's seats in reading order. */
export async function planSeats(db: DbOrTx, planId: string) {
  return db.select().from(seats).where(and(eq(seats.planId, planId))).orderBy(asc(seats.sortOrder));
}

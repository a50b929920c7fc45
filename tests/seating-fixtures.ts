// Fixtures for ticket types and reserved seating: a session with its own types and a seating plan.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import {
  bookingAttendees, courseSessions, seatingPlans, seats, sessionSeats, ticketTypeInventory, ticketTypes, type Seat, type TicketType,
} from "@/db/schema";
import { createSessionFixture, db, type SessionFixtureOptions } from "./fixtures";

export type TypeSpec = { name: string; priceAmount: number; depositAmount?: number | null; quota?: number | null; seatClass?: string | null;
  onSaleFrom?: Date | null; onSaleUntil?: Date | null; minPerBooking?: number; maxPerBooking?: number; visible?: boolean; retiredAt?: Date | null };

/** A session selling its own ticket types (the course's default left unused). */
export async function createTypedSessionFixture(types: TypeSpec[], o: SessionFixtureOptions = {}) {
  const base = await createSessionFixture(o);
  const rows: TicketType[] = [];
  for (const [i, t] of types.entries()) {
    const [row] = await db().insert(ticketTypes).values({ courseId: base.course.id, sessionId: base.session.id, sortOrder: i, ...t }).returning();
    rows.push(row);
  }
  return { ...base, types: rows };
}

export type RowSpec = { section?: string; row: string; seats: number; seatClass: string; flags?: Seat["flags"] };

/** A seating plan at the session's venue, attached to the session. Seats numbered 1..n per row. */
export async function attachSeatingPlan(sessionId: string, venueId: string, rows: RowSpec[]) {
  const [plan] = await db().insert(seatingPlans).values({ venueId, name: `Plan ${randomUUID().slice(0, 8)}` }).returning();
  let order = 0;
  const values = rows.flatMap((r, y) => Array.from({ length: r.seats }, (_, i) => ({
    planId: plan.id, section: r.section ?? "Stalls", row: r.row, number: String(i + 1), seatClass: r.seatClass,
    x: (i + 1) * 30, y: (y + 1) * 30, flags: i === 0 && r.flags ? r.flags : [], sortOrder: ++order,
  })));
  const seatRows = await db().insert(seats).values(values).returning();
  await db().update(courseSessions).set({ seatingPlanId: plan.id }).where(eq(courseSessions.id, sessionId));
  return { plan, seats: seatRows.sort((a, b) => a.sortOrder - b.sortOrder) };
}

/** Staff blocking seats for a session (house seats). */
export async function blockSeats(sessionId: string, seatIds: string[]) {
  await db().insert(sessionSeats).values(seatIds.map((seatId) => ({ sessionId, seatId, status: "blocked" as const, note: "House seats" })));
}

export async function seatRows(sessionId: string) {
  return db().select().from(sessionSeats).where(eq(sessionSeats.sessionId, sessionId));
}

export async function inventoryOf(sessionId: string, ticketTypeId: string) {
  const [row] = await db().select().from(ticketTypeInventory)
    .where(and(eq(ticketTypeInventory.sessionId, sessionId), eq(ticketTypeInventory.ticketTypeId, ticketTypeId)));
  return row ?? { placesBooked: 0, placesHeld: 0, quota: null };
}

/** Attendees of the session's bookings in a status, counted per ticket type. */
export async function attendeesPerType(sessionId: string, status: "pending" | "confirmed") {
  const rows = await db().execute<{ type: string; n: number }>(sql`
    select a.ticket_type_id as type, count(*)::int as n from ${bookingAttendees} a join bookings b on b.id = a.booking_id
    where b.session_id = ${sessionId} and b.status = ${status} and a.cancelled_at is null group by a.ticket_type_id`);
  return Object.fromEntries([...rows].map((r) => [r.type, r.n]));
}

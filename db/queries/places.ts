// Every movement of places: seats first, then the places of each ticket type, then the session's counters.
// All writers take these locks in that order (seats by id, types by id), so two of them never deadlock,
// and the database's constraints (session_seats' primary key, the quota and capacity checks) have the last word.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bookingAttendees, bookings, courseSessions, sessionSeats, ticketTypeInventory } from "@/db/schema";
import { voidTickets } from "./tickets";

export type PlaceToHold = { attendeeId: string; ticketTypeId: string; quota: number | null; seatId: string | null };

export type HoldOutcome =
  | { ok: true }
  | { ok: false; reason: "seats"; seatIds: string[] }
  | { ok: false; reason: "quota"; ticketTypeId: string }
  | { ok: false; reason: "capacity" };

type TypeCount = { ticketTypeId: string; quota: number | null; count: number };

function countByType(places: { ticketTypeId: string; quota?: number | null }[]): TypeCount[] {
  const byType = new Map<string, TypeCount>();
  for (const p of places) {
    const entry = byType.get(p.ticketTypeId) ?? { ticketTypeId: p.ticketTypeId, quota: p.quota ?? null, count: 0 };
    entry.count++;
    byType.set(p.ticketTypeId, entry);
  }
  return [...byType.values()].sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId));
}

/** Applies `set` to the session only if it is scheduled and has room for `count` more places; one statement, so no race. */
async function takeSessionPlaces(tx: DbOrTx, sessionId: string, count: number, column: "placesHeld" | "placesBooked") {
  const [row] = await tx
    .update(courseSessions)
    .set({ [column]: sql`${courseSessions[column]} + ${count}` })
    .where(and(
      eq(courseSessions.id, sessionId),
      eq(courseSessions.status, "scheduled"),
      sql`${courseSessions.placesBooked} + ${courseSessions.placesHeld} + ${count} <= ${courseSessions.capacity}`,
    ))
    .returning({ id: courseSessions.id });
  return Boolean(row);
}

/** Takes places of each type within its quota; the row is created on first use. */
async function takeTypePlaces(tx: DbOrTx, sessionId: string, types: TypeCount[], column: "placesHeld" | "placesBooked"): Promise<string | null> {
  for (const t of types) {
    // The inserted row itself must satisfy the quota check, so a request above the quota stops here.
    if (t.quota != null && t.count > t.quota) return t.ticketTypeId;
    const target = ticketTypeInventory[column];
    const [row] = await tx.insert(ticketTypeInventory)
      .values({ sessionId, ticketTypeId: t.ticketTypeId, quota: t.quota, [column]: t.count })
      .onConflictDoUpdate({
        target: [ticketTypeInventory.sessionId, ticketTypeInventory.ticketTypeId],
        set: { [column]: sql`${target} + ${t.count}` },
        setWhere: sql`${ticketTypeInventory.quota} is null or
          ${ticketTypeInventory.placesBooked} + ${ticketTypeInventory.placesHeld} + ${t.count} <= ${ticketTypeInventory.quota}`,
      })
      .returning({ id: ticketTypeInventory.ticketTypeId });
    if (!row) return t.ticketTypeId;
  }
  return null;
}

/** Moves counted places of existing rows (releases and conversions never need a quota check). */
async function moveTypePlaces(tx: DbOrTx, sessionId: string, types: { ticketTypeId: string; count: number }[], delta: { held: -1 | 0 | 1; booked: -1 | 0 | 1 }) {
  for (const t of [...types].sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId))) {
    await tx.update(ticketTypeInventory).set({
      placesHeld: sql`${ticketTypeInventory.placesHeld} + ${delta.held * t.count}`,
      placesBooked: sql`${ticketTypeInventory.placesBooked} + ${delta.booked * t.count}`,
    }).where(and(eq(ticketTypeInventory.sessionId, sessionId), eq(ticketTypeInventory.ticketTypeId, t.ticketTypeId)));
  }
}

/** Inserts seat claims; returns the seats someone else already has. */
async function claimSeats(tx: DbOrTx, p: { sessionId: string; bookingId: string; status: "held" | "booked"; places: { attendeeId: string; seatId: string | null }[] }) {
  const wanted = p.places.filter((x): x is { attendeeId: string; seatId: string } => x.seatId != null)
    .sort((a, b) => a.seatId.localeCompare(b.seatId));
  if (wanted.length === 0) return [];
  const claimed = await tx.insert(sessionSeats)
    .values(wanted.map((x) => ({ sessionId: p.sessionId, seatId: x.seatId, status: p.status, bookingId: p.bookingId, attendeeId: x.attendeeId })))
    .onConflictDoNothing()
    .returning({ seatId: sessionSeats.seatId });
  const got = new Set(claimed.map((c) => c.seatId));
  return wanted.filter((x) => !got.has(x.seatId)).map((x) => x.seatId);
}

/**
 * Holds a pending booking's places: its seats, then its places per type, then the session's. A failure
 * leaves partial writes, so callers run this in a savepoint or a transaction they abandon.
 */
export async function holdPlaces(tx: DbOrTx, p: { sessionId: string; bookingId: string; places: PlaceToHold[] }): Promise<HoldOutcome> {
  const taken = await claimSeats(tx, { ...p, status: "held" });
  if (taken.length) return { ok: false, reason: "seats", seatIds: taken };
  const full = await takeTypePlaces(tx, p.sessionId, countByType(p.places), "placesHeld");
  if (full) return { ok: false, reason: "quota", ticketTypeId: full };
  if (!(await takeSessionPlaces(tx, p.sessionId, p.places.length, "placesHeld"))) return { ok: false, reason: "capacity" };
  return { ok: true };
}

/** The places a booking counts: its attendees not cancelled, with type and seat. */
async function activePlaces(tx: DbOrTx, bookingIds: string[]) {
  if (bookingIds.length === 0) return [];
  return tx.select({
    bookingId: bookingAttendees.bookingId,
    attendeeId: bookingAttendees.id,
    ticketTypeId: bookingAttendees.ticketTypeId,
    seatId: bookingAttendees.seatId,
    sessionId: bookings.sessionId,
  }).from(bookingAttendees)
    .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
    .where(and(inArray(bookingAttendees.bookingId, bookingIds), isNull(bookingAttendees.cancelledAt)));
}

function bySession<T extends { sessionId: string }>(rows: T[]) {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(r.sessionId, [...(groups.get(r.sessionId) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Gives back the held places (and seats) of pending bookings that will not be paid. */
export async function releaseHeldPlaces(tx: DbOrTx, bookingIds: string[]) {
  const places = await activePlaces(tx, bookingIds);
  if (places.length === 0) return;
  await tx.delete(sessionSeats).where(and(inArray(sessionSeats.bookingId, bookingIds), eq(sessionSeats.status, "held")));
  for (const [sessionId, rows] of bySession(places)) {
    await moveTypePlaces(tx, sessionId, countByType(rows), { held: -1, booked: 0 });
    await tx.update(courseSessions).set({ placesHeld: sql`${courseSessions.placesHeld} - ${rows.length}` })
      .where(eq(courseSessions.id, sessionId));
  }
}

/** A paid booking's held places become booked. */
export async function confirmHeldPlaces(tx: DbOrTx, bookingId: string) {
  const places = await activePlaces(tx, [bookingId]);
  if (places.length === 0) return;
  const sessionId = places[0].sessionId;
  await tx.update(sessionSeats).set({ status: "booked", updatedAt: new Date() })
    .where(and(eq(sessionSeats.bookingId, bookingId), eq(sessionSeats.status, "held")));
  await moveTypePlaces(tx, sessionId, countByType(places), { held: -1, booked: 1 });
  await tx.update(courseSessions).set({
    placesHeld: sql`${courseSessions.placesHeld} - ${places.length}`,
    placesBooked: sql`${courseSessions.placesBooked} + ${places.length}`,
  }).where(eq(courseSessions.id, sessionId));
}

/**
 * Books a booking's places directly, when its hold was already released (a late payment): the same seats,
 * types and counts, only if they are all still free. Partial writes on failure: run it in a savepoint.
 */
export async function bookReleasedPlaces(tx: DbOrTx, bookingId: string, quotas: Map<string, number | null>): Promise<boolean> {
  const places = await activePlaces(tx, [bookingId]);
  if (places.length === 0) return false;
  const sessionId = places[0].sessionId;
  const taken = await claimSeats(tx, { sessionId, bookingId, status: "booked", places });
  if (taken.length) return false;
  const types = countByType(places.map((p) => ({ ...p, quota: quotas.get(p.ticketTypeId) ?? null })));
  if (await takeTypePlaces(tx, sessionId, types, "placesBooked")) return false;
  return takeSessionPlaces(tx, sessionId, places.length, "placesBooked");
}

/** Cancels booked places: each attendee marked, their seat freed, their places given back. Returns how many. */
export async function cancelBookedPlaces(tx: DbOrTx, sessionId: string, attendeeIds: string[], now: Date) {
  if (attendeeIds.length === 0) return 0;
  const cancelled = await tx.update(bookingAttendees).set({ cancelledAt: now })
    .where(and(inArray(bookingAttendees.id, attendeeIds), isNull(bookingAttendees.cancelledAt)))
    .returning({ id: bookingAttendees.id, ticketTypeId: bookingAttendees.ticketTypeId });
  if (cancelled.length === 0) return 0;
  await tx.delete(sessionSeats).where(inArray(sessionSeats.attendeeId, cancelled.map((c) => c.id)));
  await voidTickets(tx, { attendeeIds: cancelled.map((c) => c.id), reason: "refunded", now });
  await moveTypePlaces(tx, sessionId, countByType(cancelled), { held: 0, booked: -1 });
  await tx.update(courseSessions).set({ placesBooked: sql`${courseSessions.placesBooked} - ${cancelled.length}` })
    .where(eq(courseSessions.id, sessionId));
  return cancelled.length;
}

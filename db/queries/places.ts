// Every movement of places: seats first, then the places of each ticket type, then the slots of a time-slot
// booking's span, then the session's counters. All writers take these locks in that order (seats by id, types
// by id, slots by start), so two of them never deadlock, and the database's constraints (session_seats'
// primary key, the quota and capacity checks) have the last word. Discount codes (db/queries/discounts.ts)
// come after the session, and a member's row (reward points given back, db/queries/member-points.ts) last.
//
// A time-slot booking's session is its offering's "slot day": its capacity is set to the slots' capacity
// times the day's slot count, which no set of bookings can exceed (each place takes at least one slot), so
// the day's counter keeps the per-session reports right without ever capping what the slots allow.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { anyUuid, encodedRow, reusable, reusableRows, reusableSql, value } from "@/db/reusable";
import { bookingAttendees, bookings, courseSessions, offeringSlots, sessionSeats, slotOfferings, ticketTypeInventory } from "@/db/schema";
import { voidTickets } from "./tickets";
import { releaseDiscountRedemptions } from "./discounts";
import { returnAllBookingPoints, returnPointsForCancelledPlaces } from "./member-points";

export type PlaceToHold = { attendeeId: string; ticketTypeId: string; quota: number | null; seatId: string | null };

export type HoldOutcome =
  | { ok: true }
  | { ok: false; reason: "seats"; seatIds: string[] }
  | { ok: false; reason: "quota"; ticketTypeId: string }
  | { ok: false; reason: "slot"; startsAt: Date }
  | { ok: false; reason: "capacity" }
  /** Seats free, but needed by customers offered places from the waiting list: `seatsLeft` others could take. */
  | { ok: false; reason: "offers"; seatsLeft: number };

/** The slots a time-slot booking takes: every slot start from startsAt, slotMinutes apart, until endsAt. */
export type SpanToHold = { courseId: string; startsAt: Date; endsAt: Date; slotMinutes: number; capacity: number };

/** Slot starts of a span. Slots are cut in elapsed time from the opening, so stepping is exact across clock changes. */
export function spanSlotStarts(span: { startsAt: Date; endsAt: Date; slotMinutes: number }): Date[] {
  const step = span.slotMinutes * 60_000;
  const starts: Date[] = [];
  for (let t = span.startsAt.getTime(); t + step <= span.endsAt.getTime(); t += step) starts.push(new Date(t));
  return starts;
}

/**
 * Takes `count` places in every slot of the span, in slot order; a slot row is created on first use. The
 * conditional upsert is one statement per slot, and the check constraint backs it. Returns the first full slot.
 */
async function takeSlotPlaces(tx: DbOrTx, span: SpanToHold, count: number, column: "placesHeld" | "placesBooked"): Promise<Date | null> {
  const starts = spanSlotStarts(span);
  // The inserted row itself must satisfy the capacity check, so a group above capacity stops here.
  if (count > span.capacity) return starts[0];
  for (const startsAt of starts) {
    const target = offeringSlots[column];
    const [row] = await tx.insert(offeringSlots)
      .values({ courseId: span.courseId, startsAt, capacity: span.capacity, [column]: count })
      .onConflictDoUpdate({
        target: [offeringSlots.courseId, offeringSlots.startsAt],
        set: { [column]: sql`${target} + ${count}` },
        setWhere: sql`${offeringSlots.placesBooked} + ${offeringSlots.placesHeld} + ${count} <= ${offeringSlots.capacity}`,
      })
      .returning({ startsAt: offeringSlots.startsAt });
    if (!row) return startsAt;
  }
  return null;
}

type SpanPlaces = { courseId: string; startsAt: Date; endsAt: Date; slotMinutes: number; count: number };

/**
 * Moves counted places of existing slot rows for several spans of one offering: the rows are locked in slot
 * order first, then changed in one statement, so releases never deadlock with holds.
 */
async function moveSlotPlaces(tx: DbOrTx, spans: SpanPlaces[], delta: { held: -1 | 0 | 1; booked: -1 | 0 | 1 }) {
  const byCourse = new Map<string, Map<number, number>>();
  for (const s of spans) {
    const counts = byCourse.get(s.courseId) ?? new Map<number, number>();
    for (const start of spanSlotStarts(s)) counts.set(start.getTime(), (counts.get(start.getTime()) ?? 0) + s.count);
    byCourse.set(s.courseId, counts);
  }
  for (const [courseId, counts] of [...byCourse.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const entries = [...counts.entries()].sort(([a], [b]) => a - b);
    if (entries.length === 0) continue;
    const starts = sql.join(entries.map(([t]) => sql`${new Date(t).toISOString()}`), sql`, `);
    const places = sql.join(entries.map(([, n]) => sql`${n}`), sql`, `);
    await tx.execute(sql`select 1 from offering_slots where course_id = ${courseId}
      and starts_at = any(array[${starts}]::timestamptz[]) order by starts_at for update`);
    await tx.execute(sql`update offering_slots o set
        places_held = o.places_held + ${delta.held} * d.n, places_booked = o.places_booked + ${delta.booked} * d.n
      from unnest(array[${starts}]::timestamptz[], array[${places}]::int[]) as d(starts_at, n)
      where o.course_id = ${courseId} and o.starts_at = d.starts_at`);
  }
}

/** Spans of time-slot bookings among `rows`, with how many of their places move. */
function spansOf(rows: { bookingId: string; courseId: string; spanStartsAt: Date | null; spanEndsAt: Date | null; slotMinutes: number | null }[]): SpanPlaces[] {
  const spans = new Map<string, SpanPlaces>();
  for (const r of rows) {
    if (!r.spanStartsAt || !r.spanEndsAt || !r.slotMinutes) continue;
    const s = spans.get(r.bookingId) ?? { courseId: r.courseId, startsAt: r.spanStartsAt, endsAt: r.spanEndsAt, slotMinutes: r.slotMinutes, count: 0 };
    s.count++;
    spans.set(r.bookingId, s);
  }
  return [...spans.values()];
}

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
  const [row] = await takeSessionPlacesIn[column](tx, { sessionId, count });
  return Boolean(row);
}

type PlacesColumn = "placesHeld" | "placesBooked";
/** One reusable statement per counter a place moves into (held at a hold, booked at a payment). */
const perColumn = <T>(make: (column: PlacesColumn) => T) => ({ placesHeld: make("placesHeld"), placesBooked: make("placesBooked") });

const takeSessionPlacesIn = perColumn(takeSessionPlacesStatement);

function takeSessionPlacesStatement(column: PlacesColumn) {
  const count = value("count", "int");
  return reusable(`take-session-${column}`, (tx) => tx
    .update(courseSessions)
    .set({ [column]: sql`${courseSessions[column]} + ${count}` })
    .where(and(
      eq(courseSessions.id, sql.placeholder("sessionId")),
      eq(courseSessions.status, "scheduled"),
      sql`${courseSessions.placesBooked} + ${courseSessions.placesHeld} + ${count} <= ${courseSessions.capacity}`,
    ))
    .returning({ id: courseSessions.id }));
}

/** Takes places of each type within its quota; the row is created on first use. */
async function takeTypePlaces(tx: DbOrTx, sessionId: string, types: TypeCount[], column: "placesHeld" | "placesBooked"): Promise<string | null> {
  for (const t of types) {
    // The inserted row itself must satisfy the quota check, so a request above the quota stops here.
    if (t.quota != null && t.count > t.quota) return t.ticketTypeId;
    const [row] = await takeTypePlacesIn[column](tx, { sessionId, ticketTypeId: t.ticketTypeId, quota: t.quota, count: t.count });
    if (!row) return t.ticketTypeId;
  }
  return null;
}

const takeTypePlacesIn = perColumn(takeTypePlacesStatement);

function takeTypePlacesStatement(column: PlacesColumn) {
  const count = value("count", "int");
  const target = ticketTypeInventory[column];
  return reusable(`take-type-${column}`, (tx) => tx.insert(ticketTypeInventory)
    .values({ sessionId: value("sessionId"), ticketTypeId: value("ticketTypeId"), quota: value("quota", "int"), [column]: count })
    .onConflictDoUpdate({
      target: [ticketTypeInventory.sessionId, ticketTypeInventory.ticketTypeId],
      set: { [column]: sql`${target} + ${count}` },
      setWhere: sql`${ticketTypeInventory.quota} is null or
        ${ticketTypeInventory.placesBooked} + ${ticketTypeInventory.placesHeld} + ${count} <= ${ticketTypeInventory.quota}`,
    })
    .returning({ id: ticketTypeInventory.ticketTypeId }));
}

/** Moves counted places of existing rows (releases and conversions never need a quota check). */
async function moveTypePlaces(tx: DbOrTx, sessionId: string, types: { ticketTypeId: string; count: number }[], delta: { held: -1 | 0 | 1; booked: -1 | 0 | 1 }) {
  for (const t of [...types].sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId))) {
    await moveTypeCounts(tx, { sessionId, ticketTypeId: t.ticketTypeId, held: delta.held * t.count, booked: delta.booked * t.count });
  }
}

const moveTypeCounts = reusable("move-type-places", (tx) => tx.update(ticketTypeInventory).set({
  placesHeld: sql`${ticketTypeInventory.placesHeld} + ${value("held", "int")}`,
  placesBooked: sql`${ticketTypeInventory.placesBooked} + ${value("booked", "int")}`,
}).where(and(eq(ticketTypeInventory.sessionId, sql.placeholder("sessionId")), eq(ticketTypeInventory.ticketTypeId, sql.placeholder("ticketTypeId")))));

const insertSeatClaims = reusableRows("insert-seat-claims", sessionSeats, ["sessionId", "seatId", "status", "bookingId", "attendeeId"],
  (on, rows) => on.insert(sessionSeats).values(rows as unknown as (typeof sessionSeats.$inferInsert)[])
    .onConflictDoNothing()
    .returning({ seatId: sessionSeats.seatId }));

/** Inserts seat claims; returns the seats someone else already has. */
async function claimSeats(tx: DbOrTx, p: { sessionId: string; bookingId: string; status: "held" | "booked"; places: { attendeeId: string; seatId: string | null }[] }) {
  const wanted = p.places.filter((x): x is { attendeeId: string; seatId: string } => x.seatId != null)
    .sort((a, b) => a.seatId.localeCompare(b.seatId));
  if (wanted.length === 0) return [];
  const claimed = await insertSeatClaims(tx,
    wanted.map((x) => ({ sessionId: p.sessionId, seatId: x.seatId, status: p.status, bookingId: p.bookingId, attendeeId: x.attendeeId })));
  const got = new Set(claimed.map((c) => c.seatId));
  return wanted.filter((x) => !got.has(x.seatId)).map((x) => x.seatId);
}

/**
 * Seats of a seated session left to sell beside open waiting-list offers: the plan's seats, less those claimed
 * (booked, blocked, or held by a checkout still within its hold, as the availability figures count them), less
 * the places of offers open at `now`. An offer holds places, not seats (its customer chooses them when booking),
 * and a session's capacity may exceed its seats to sell (blocked seats), so the capacity check alone would let a
 * checkout take the seat an offer's customer needs. Null when the session has no seats or no open offer: then
 * the counters' checks are the whole rule, and this costs one index lookup.
 */
const seatsLeftBesideOffersSql = reusableSql<{ sessionId: string; now: string }, { seats_left: number }>("seats-left-beside-offers", sql`
  select ((select count(*) from seats se where se.plan_id = cs.seating_plan_id)
    - (select count(*) from session_seats ss left join bookings b on b.id = ss.booking_id
       where ss.session_id = cs.id and (ss.status <> 'held' or (b.status = 'pending' and b.hold_expires_at > ${value("now", "timestamptz")})))
    - o.places)::int as seats_left
  from course_sessions cs, lateral (
    select coalesce(sum(w.places), 0)::int as places from waitlist_offers w
    where w.session_id = cs.id and w.status = 'open' and w.expires_at > ${value("now", "timestamptz")}
  ) o
  where cs.id = ${value("sessionId", "uuid")} and cs.seating_plan_id is not null and o.places > 0`);

/**
 * Seats left to sell beside open offers (see above). Call it only after taking the session's counters in this
 * transaction: that update holds the session's row lock, which every writer of places and every offer takes, so
 * this statement's fresh snapshot (read committed) sees every seat claimed and every offer made by those that
 * held the lock before, and those after see this one. Negative: the claims just made take seats an offer needs.
 */
export async function seatsLeftBesideOffers(tx: DbOrTx, sessionId: string, now: Date): Promise<number | null> {
  const [row] = await seatsLeftBesideOffersSql(tx, { sessionId, now: now.toISOString() });
  return row ? Number(row.seats_left) : null;
}

/** After the session's counters: the seats just claimed must leave one for each place open offers hold. */
async function offersKeepTheirSeats(tx: DbOrTx, sessionId: string, seated: boolean, now: Date): Promise<HoldOutcome> {
  if (!seated) return { ok: true };
  const left = await seatsLeftBesideOffers(tx, sessionId, now);
  return left != null && left < 0 ? { ok: false, reason: "offers", seatsLeft: left } : { ok: true };
}

/**
 * Holds a pending booking's places: its seats, then its places per type, then the session's, and last checks
 * that open waiting-list offers keep a seat for each place they hold (a booking through an offer has closed its
 * offer before this). A failure leaves partial writes, so callers run this in a savepoint or a transaction they
 * abandon.
 */
export async function holdPlaces(tx: DbOrTx, p: { sessionId: string; bookingId: string; places: PlaceToHold[]; span?: SpanToHold | null; now: Date }): Promise<HoldOutcome> {
  const taken = await claimSeats(tx, { ...p, status: "held" });
  if (taken.length) return { ok: false, reason: "seats", seatIds: taken };
  const full = await takeTypePlaces(tx, p.sessionId, countByType(p.places), "placesHeld");
  if (full) return { ok: false, reason: "quota", ticketTypeId: full };
  if (p.span) {
    const slot = await takeSlotPlaces(tx, p.span, p.places.length, "placesHeld");
    if (slot) return { ok: false, reason: "slot", startsAt: slot };
  }
  if (!(await takeSessionPlaces(tx, p.sessionId, p.places.length, "placesHeld"))) return { ok: false, reason: "capacity" };
  return offersKeepTheirSeats(tx, p.sessionId, p.places.some((x) => x.seatId != null), p.now);
}

/** The places a booking counts: its attendees not cancelled, with type and seat. */
async function activePlaces(tx: DbOrTx, bookingIds: string[]) {
  if (bookingIds.length === 0) return [];
  return activePlacesOf(tx, { bookingIds });
}

const activePlacesOf = reusable("active-places", (tx) => tx.select({
  bookingId: bookingAttendees.bookingId,
  attendeeId: bookingAttendees.id,
  ticketTypeId: bookingAttendees.ticketTypeId,
  seatId: bookingAttendees.seatId,
  sessionId: bookings.sessionId,
  courseId: courseSessions.courseId,
  spanStartsAt: bookings.spanStartsAt,
  spanEndsAt: bookings.spanEndsAt,
  slotMinutes: slotOfferings.slotMinutes,
}).from(bookingAttendees)
  .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
  .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
  .leftJoin(slotOfferings, eq(slotOfferings.courseId, courseSessions.courseId))
  .where(and(anyUuid(bookingAttendees.bookingId, "bookingIds"), isNull(bookingAttendees.cancelledAt))));

function bySession<T extends { sessionId: string }>(rows: T[]) {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(r.sessionId, [...(groups.get(r.sessionId) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Gives back the held places (and seats) of pending bookings that will not be paid, then their code uses and points. */
export async function releaseHeldPlaces(tx: DbOrTx, bookingIds: string[]) {
  const places = await activePlaces(tx, bookingIds);
  if (places.length === 0) {
    await releaseDiscountRedemptions(tx, bookingIds);
    await returnAllBookingPoints(tx, bookingIds);
    return;
  }
  await tx.delete(sessionSeats).where(and(inArray(sessionSeats.bookingId, bookingIds), eq(sessionSeats.status, "held")));
  for (const [sessionId, rows] of bySession(places)) {
    await moveTypePlaces(tx, sessionId, countByType(rows), { held: -1, booked: 0 });
    await moveSlotPlaces(tx, spansOf(rows), { held: -1, booked: 0 });
    await tx.update(courseSessions).set({ placesHeld: sql`${courseSessions.placesHeld} - ${rows.length}` })
      .where(eq(courseSessions.id, sessionId));
  }
  // Discount codes come after the sessions in the lock order, members' rows last.
  await releaseDiscountRedemptions(tx, bookingIds);
  await returnAllBookingPoints(tx, bookingIds);
}

// A payment's last statements, built once (db/reusable.ts).
const bookHeldSeats = reusable("book-held-seats", (tx) => tx.update(sessionSeats).set({ status: "booked", updatedAt: value("updatedAt") })
  .where(and(eq(sessionSeats.bookingId, sql.placeholder("bookingId")), eq(sessionSeats.status, "held"))));
const bookHeldSessionPlaces = reusable("book-held-session-places", (tx) => tx.update(courseSessions).set({
  placesHeld: sql`${courseSessions.placesHeld} - ${value("count", "int")}`,
  placesBooked: sql`${courseSessions.placesBooked} + ${value("count", "int")}`,
}).where(eq(courseSessions.id, sql.placeholder("sessionId"))));

/** A paid booking's held places become booked. */
export async function confirmHeldPlaces(tx: DbOrTx, bookingId: string) {
  const places = await activePlaces(tx, [bookingId]);
  if (places.length === 0) return;
  const sessionId = places[0].sessionId;
  // Only a seated booking has seats to move (a payment's hot path skips the statement otherwise).
  if (places.some((p) => p.seatId)) {
    await bookHeldSeats(tx, { bookingId, ...encodedRow(sessionSeats, { updatedAt: new Date() }) });
  }
  await moveTypePlaces(tx, sessionId, countByType(places), { held: -1, booked: 1 });
  await moveSlotPlaces(tx, spansOf(places), { held: -1, booked: 1 });
  await bookHeldSessionPlaces(tx, { sessionId, count: places.length });
}

/**
 * Books a booking's places directly, when its hold was already released (a late payment): the same seats,
 * types and counts, only if they are all still free. Partial writes on failure: run it in a savepoint.
 */
export async function bookReleasedPlaces(tx: DbOrTx, bookingId: string, quotas: Map<string, number | null>, now = new Date()): Promise<boolean> {
  const places = await activePlaces(tx, [bookingId]);
  if (places.length === 0) return false;
  const sessionId = places[0].sessionId;
  const taken = await claimSeats(tx, { sessionId, bookingId, status: "booked", places });
  if (taken.length) return false;
  const types = countByType(places.map((p) => ({ ...p, quota: quotas.get(p.ticketTypeId) ?? null })));
  if (await takeTypePlaces(tx, sessionId, types, "placesBooked")) return false;
  const [span] = spansOf(places);
  if (span) {
    const [offering] = await tx.select({ capacity: slotOfferings.capacityPerSlot }).from(slotOfferings).where(eq(slotOfferings.courseId, span.courseId));
    if (await takeSlotPlaces(tx, { ...span, capacity: offering.capacity }, places.length, "placesBooked")) return false;
  }
  if (!(await takeSessionPlaces(tx, sessionId, places.length, "placesBooked"))) return false;
  // Places offered from the waiting list since the hold lapsed keep their seats, as against any checkout.
  return (await offersKeepTheirSeats(tx, sessionId, places.some((x) => x.seatId != null), now)).ok;
}

/** Cancels booked places: each attendee marked, their seat freed, their places given back. Returns how many. */
export async function cancelBookedPlaces(tx: DbOrTx, sessionId: string, attendeeIds: string[], now: Date) {
  if (attendeeIds.length === 0) return 0;
  const cancelled = await tx.update(bookingAttendees).set({ cancelledAt: now })
    .where(and(inArray(bookingAttendees.id, attendeeIds), isNull(bookingAttendees.cancelledAt)))
    .returning({ id: bookingAttendees.id, ticketTypeId: bookingAttendees.ticketTypeId, bookingId: bookingAttendees.bookingId });
  if (cancelled.length === 0) return 0;
  await tx.delete(sessionSeats).where(inArray(sessionSeats.attendeeId, cancelled.map((c) => c.id)));
  await voidTickets(tx, { attendeeIds: cancelled.map((c) => c.id), reason: "refunded", now });
  await moveTypePlaces(tx, sessionId, countByType(cancelled), { held: 0, booked: -1 });
  const spanRows = await tx.select({
    bookingId: bookings.id, courseId: courseSessions.courseId, spanStartsAt: bookings.spanStartsAt, spanEndsAt: bookings.spanEndsAt,
    slotMinutes: slotOfferings.slotMinutes,
  }).from(bookingAttendees)
    .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .innerJoin(slotOfferings, eq(slotOfferings.courseId, courseSessions.courseId))
    .where(inArray(bookingAttendees.id, cancelled.map((c) => c.id)));
  await moveSlotPlaces(tx, spansOf(spanRows), { held: 0, booked: -1 });
  await tx.update(courseSessions).set({ placesBooked: sql`${courseSessions.placesBooked} - ${cancelled.length}` })
    .where(eq(courseSessions.id, sessionId));
  // The reward points the cancelled places were paid with come back (members' rows last in the lock order).
  await returnPointsForCancelledPlaces(tx, [...new Set(cancelled.map((c) => c.bookingId))], now);
  return cancelled.length;
}

/**
 * Moves a paid time-slot booking's places from one span to another, in one statement per slot in slot order
 * (slots only in the old span give their places back, slots only in the new one take them within capacity),
 * then the slot days' counters when the day changes. Returns the first new slot that is full. Partial writes
 * on failure: run it in a savepoint or a transaction that is abandoned.
 */
export async function moveBookedSpan(tx: DbOrTx, p: {
  courseId: string; ticketTypeId: string; count: number; capacity: number; slotMinutes: number;
  from: { sessionId: string; startsAt: Date; endsAt: Date };
  to: { sessionId: string; startsAt: Date; endsAt: Date };
}): Promise<{ ok: true } | { ok: false; startsAt: Date }> {
  const before = new Set(spanSlotStarts({ ...p.from, slotMinutes: p.slotMinutes }).map((d) => d.getTime()));
  const after = new Set(spanSlotStarts({ ...p.to, slotMinutes: p.slotMinutes }).map((d) => d.getTime()));
  if (p.count > p.capacity && [...after].some((t) => !before.has(t))) return { ok: false, startsAt: new Date([...after][0]) };
  for (const t of [...new Set([...before, ...after])].sort((a, b) => a - b)) {
    if (before.has(t) && after.has(t)) continue;
    const startsAt = new Date(t);
    if (before.has(t)) {
      await tx.update(offeringSlots).set({ placesBooked: sql`${offeringSlots.placesBooked} - ${p.count}` })
        .where(and(eq(offeringSlots.courseId, p.courseId), eq(offeringSlots.startsAt, startsAt)));
    } else if (await takeSlotPlaces(tx, { courseId: p.courseId, startsAt, endsAt: new Date(t + p.slotMinutes * 60_000), slotMinutes: p.slotMinutes, capacity: p.capacity }, p.count, "placesBooked")) {
      return { ok: false, startsAt };
    }
  }
  if (p.from.sessionId !== p.to.sessionId) {
    // Ticket-type counts follow the places to the new day (a time-slot offering's type has no quota).
    await moveTypePlaces(tx, p.from.sessionId, [{ ticketTypeId: p.ticketTypeId, count: p.count }], { held: 0, booked: -1 });
    await takeTypePlaces(tx, p.to.sessionId, [{ ticketTypeId: p.ticketTypeId, quota: null, count: p.count }], "placesBooked");
    for (const id of [p.from.sessionId, p.to.sessionId].sort()) {
      if (id === p.from.sessionId)
        await tx.update(courseSessions).set({ placesBooked: sql`${courseSessions.placesBooked} - ${p.count}` }).where(eq(courseSessions.id, id));
      else if (!(await takeSessionPlaces(tx, id, p.count, "placesBooked"))) return { ok: false, startsAt: p.to.startsAt };
    }
  }
  return { ok: true };
}

/**
 * Holds places for a waiting-list offer as a checkout's hold does: the type's (when the offer names one), then
 * the session's, each a conditional update the check constraints back, so a freed place is held by one offer
 * only. Callers lock waiting-list rows before these (they come first in the lock order). Partial writes on
 * failure: run it in a savepoint.
 */
export async function holdOfferPlaces(tx: DbOrTx, p: { sessionId: string; ticketTypeId: string | null; quota: number | null; count: number }): Promise<boolean> {
  if (p.ticketTypeId && await takeTypePlaces(tx, p.sessionId, [{ ticketTypeId: p.ticketTypeId, quota: p.quota, count: p.count }], "placesHeld")) return false;
  return takeSessionPlaces(tx, p.sessionId, p.count, "placesHeld");
}

/**
 * After an offer is written and its places held: on a seated session, every open offer (this one included) still
 * has a seat free to sell for each place. Checked under the session's row lock (taken by holdOfferPlaces), as a
 * checkout checks it, so an offer and a checkout racing for the last seat never both get it.
 */
export async function offersHaveSeats(tx: DbOrTx, sessionId: string, now: Date): Promise<boolean> {
  return (await offersKeepTheirSeats(tx, sessionId, true, now)).ok;
}

/** Gives back the places a waiting-list offer held (it lapsed, was withdrawn, or became a booking's hold). */
export async function releaseOfferPlaces(tx: DbOrTx, p: { sessionId: string; ticketTypeId: string | null; count: number }) {
  if (p.ticketTypeId) await moveTypePlaces(tx, p.sessionId, [{ ticketTypeId: p.ticketTypeId, count: p.count }], { held: -1, booked: 0 });
  await tx.update(courseSessions).set({ placesHeld: sql`${courseSessions.placesHeld} - ${p.count}` }).where(eq(courseSessions.id, p.sessionId));
}

/**
 * Adds booked places to a paid booking (attendees added after payment; the difference is paid as a balance):
 * seats, then places per type, then the session's. Partial writes on failure: run it in a savepoint.
 */
export async function bookAddedPlaces(tx: DbOrTx, p: { sessionId: string; bookingId: string; places: PlaceToHold[] }): Promise<HoldOutcome> {
  const taken = await claimSeats(tx, { ...p, status: "booked" });
  if (taken.length) return { ok: false, reason: "seats", seatIds: taken };
  const full = await takeTypePlaces(tx, p.sessionId, countByType(p.places), "placesBooked");
  if (full) return { ok: false, reason: "quota", ticketTypeId: full };
  if (!(await takeSessionPlaces(tx, p.sessionId, p.places.length, "placesBooked"))) return { ok: false, reason: "capacity" };
  return { ok: true };
}

/**
 * Moves a paid booking's unseated places to another session: the old session's type rows give them back and
 * the new one's take them within quota (all type rows in session then type order), then the two sessions'
 * counters in id order, the new one only within capacity; last, as for a hold, open waiting-list offers on a
 * seated new session must keep a seat for each place they hold (the seats were claimed before). Partial writes on
 * failure: run it in a savepoint.
 */
export async function moveBookedPlaces(tx: DbOrTx, p: {
  fromSessionId: string; toSessionId: string; seated: boolean; now: Date;
  from: { ticketTypeId: string }[]; to: { ticketTypeId: string; quota: number | null }[];
}): Promise<HoldOutcome> {
  type Op = { sessionId: string; ticketTypeId: string; run: () => Promise<string | null> };
  const ops: Op[] = [
    ...countByType(p.from).map((t) => ({ sessionId: p.fromSessionId, ticketTypeId: t.ticketTypeId, run: async () => {
      await moveTypePlaces(tx, p.fromSessionId, [t], { held: 0, booked: -1 });
      return null;
    } })),
    ...countByType(p.to).map((t) => ({ sessionId: p.toSessionId, ticketTypeId: t.ticketTypeId, run: () => takeTypePlaces(tx, p.toSessionId, [t], "placesBooked") })),
  ].sort((a, b) => a.sessionId.localeCompare(b.sessionId) || a.ticketTypeId.localeCompare(b.ticketTypeId));
  for (const op of ops) {
    const full = await op.run();
    if (full) return { ok: false, reason: "quota", ticketTypeId: full };
  }
  for (const id of [p.fromSessionId, p.toSessionId].sort()) {
    if (id === p.fromSessionId)
      await tx.update(courseSessions).set({ placesBooked: sql`${courseSessions.placesBooked} - ${p.from.length}` }).where(eq(courseSessions.id, id));
    else if (!(await takeSessionPlaces(tx, id, p.to.length, "placesBooked"))) return { ok: false, reason: "capacity" };
  }
  return offersKeepTheirSeats(tx, p.toSessionId, p.seated, p.now);
}

/** (session, seat) order, as PostgreSQL orders the uuids: the one order every seat claim is taken in. */
const seatKeyOrder = (a: { sessionId: string; seatId: string }, b: { sessionId: string; seatId: string }) =>
  a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.seatId < b.seatId ? -1 : a.seatId > b.seatId ? 1 : 0;

/**
 * Puts paid places in other seats, on their own session or on the session they move to. Every seat involved (the
 * places' old seats and the new ones) is taken in one order, (session, seat): first the claims that exist now are
 * locked (FOR UPDATE, in that order), then, seat by seat in the same order, an old claim is deleted and a new one
 * inserted. So two changes trading seats wait for one another instead of deadlocking (the second sees the first's
 * result), a checkout claiming seats in the same order never closes a circle with them, and the primary key still
 * decides between staff racing for one seat. A new claim is first written as a bare row and given its place only
 * once every old claim is gone, since a place has one claim at a time (session_seats_attendee_key) and places of
 * one booking may swap seats. Returns the seats someone else has; partial writes on failure: run it in a savepoint.
 */
export async function moveBookedSeats(tx: DbOrTx, p: {
  bookingId: string; sessionId: string; places: { attendeeId: string; seatId: string | null }[];
}): Promise<HoldOutcome> {
  if (p.places.length === 0) return { ok: true };
  const old = await tx.select({ sessionId: sessionSeats.sessionId, seatId: sessionSeats.seatId }).from(sessionSeats)
    .where(and(eq(sessionSeats.bookingId, p.bookingId), inArray(sessionSeats.attendeeId, p.places.map((x) => x.attendeeId))));
  type Step = { sessionId: string; seatId: string; drop: boolean; claimFor: string | null };
  const steps = new Map<string, Step>();
  const stepAt = (sessionId: string, seatId: string) => {
    const key = `${sessionId}:${seatId}`;
    const step = steps.get(key) ?? { sessionId, seatId, drop: false, claimFor: null };
    steps.set(key, step);
    return step;
  };
  for (const o of old) stepAt(o.sessionId, o.seatId).drop = true;
  for (const x of p.places) if (x.seatId) stepAt(p.sessionId, x.seatId).claimFor = x.attendeeId;
  const ordered = [...steps.values()].sort(seatKeyOrder);
  if (ordered.length === 0) return { ok: true };

  await tx.select({ seatId: sessionSeats.seatId }).from(sessionSeats)
    .where(or(...ordered.map((s) => and(eq(sessionSeats.sessionId, s.sessionId), eq(sessionSeats.seatId, s.seatId)))))
    .orderBy(asc(sessionSeats.sessionId), asc(sessionSeats.seatId))
    .for("update");

  const taken: string[] = [];
  const claimed: Step[] = [];
  for (const s of ordered) {
    if (s.drop)
      await tx.delete(sessionSeats).where(and(eq(sessionSeats.sessionId, s.sessionId), eq(sessionSeats.seatId, s.seatId), eq(sessionSeats.bookingId, p.bookingId)));
    if (!s.claimFor) continue;
    // A bare row (no place yet), so the seat is this transaction's without naming a place that still has its old seat.
    const got = await tx.insert(sessionSeats)
      .values({ sessionId: s.sessionId, seatId: s.seatId, status: "blocked", bookingId: null, attendeeId: null, note: "seat change in progress" })
      .onConflictDoNothing().returning({ seatId: sessionSeats.seatId });
    if (got.length === 0) taken.push(s.seatId);
    else claimed.push(s);
  }
  if (taken.length) return { ok: false, reason: "seats", seatIds: taken };
  const now = new Date();
  for (const s of claimed)
    await tx.update(sessionSeats).set({ status: "booked", bookingId: p.bookingId, attendeeId: s.claimFor, note: null, updatedAt: now })
      .where(and(eq(sessionSeats.sessionId, s.sessionId), eq(sessionSeats.seatId, s.seatId)));
  for (const x of p.places)
    await tx.update(bookingAttendees).set({ seatId: x.seatId }).where(and(eq(bookingAttendees.id, x.attendeeId), eq(bookingAttendees.bookingId, p.bookingId)));
  return { ok: true };
}

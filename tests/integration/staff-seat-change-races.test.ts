// Staff seat changes and seated moves that cross one another at the same moment (booking X takes seat 1 and gives
// up seat 2 while booking Y does the opposite, chains of changes, two bookings after one free seat, a booking swapping
// its own places while others want them, moves between two nights in opposite directions): every seat involved is
// taken in one order, so none of them deadlocks. Each ends as if the changes ran one after another: a change whose
// seat is someone else's at its turn is a 409 naming the seat with nothing written.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { bookingAttendees, bookings, seats, sessionSeats, ticketTypeInventory, tickets } from "@/db/schema";
import { changeBooking, type ChangeActor } from "@/lib/booking/change-booking";
import { seatLabel } from "@/lib/booking/ticket-rules";
import { AppError } from "@/lib/errors";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { db, sessionCounters } from "../fixtures";
import { clearJobs } from "../finance-fixtures";
import { seatRows } from "../seating-fixtures";
import { changesOf, concert, paidSeats, placesOf, secondNight, type Concert } from "../staff-seat-fixtures";

beforeAll(warmPdfPool);
beforeEach(clearJobs);

const desk: ChangeActor = { kind: "staff", email: "box-office@turnout.test", id: null };

type Op = { name: string; bookingId: string; toSessionId?: string; seats: { attendeeId: string; seatId: string }[] };

/** One night's worth of crossing changes, fired together; `expected` are the outcomes every serial order gives. */
async function crossingChanges() {
  const c = await concert();
  const night = await secondNight(c, 3_500);
  const onNight = { ...c, session: night.session, standard: night.standard, seat: night.seat } as unknown as Concert;
  const book = async (name: string, codes: string[], o: { premium?: boolean; night?: boolean } = {}) => {
    const b = await paidSeats(o.night ? onNight : c, codes, { name, ticketTypeId: o.premium ? c.premium.id : o.night ? night.standard.id : c.standard.id });
    return { b, places: await placesOf(b.id) };
  };
  const one = async (name: string, from: string, to: string, o: { premium?: boolean; night?: boolean; moveTo?: "night" | "concert" } = {}): Promise<Op> => {
    const { b, places } = await book(name, [from], o);
    const target = o.moveTo === "night" ? night.seat(to) : o.moveTo === "concert" ? c.seat(to) : (o.night ? night.seat(to) : c.seat(to));
    const toSessionId = o.moveTo === "night" ? night.session.id : o.moveTo === "concert" ? c.session.id : undefined;
    return { name, bookingId: b.id, toSessionId, seats: [{ attendeeId: places[0].id, seatId: target.id }] };
  };

  const ops: Op[] = [
    // X and Y trade seats: at either's turn the other still sits there, so both are refused.
    await one("X", "E1", "E2"), await one("Y", "E2", "E1"),
    // A chain: Chain3 goes to a free seat; Chain2 follows into its seat only if it went first; Chain1 likewise.
    await one("Chain1", "E5", "E3"), await one("Chain2", "E3", "E4"), await one("Chain3", "E4", "F1"),
    // Two after one free seat: one of them gets it.
    await one("RaceA", "F3", "F2"), await one("RaceB", "F4", "F2"),
    // Moves between the nights in opposite directions, trading seats: both refused.
    await one("MoveOut", "F5", "K1", { moveTo: "night" }), await one("MoveIn", "K1", "F5", { night: true, moveTo: "concert" }),
    // A move into the seat RaceA leaves, which it gets only if RaceA went first.
    await one("MoveAfter", "K2", "F3", { night: true, moveTo: "concert" }),
  ];
  // A booking swapping its own two places while others want those seats: the seats are never free, so the swap
  // stands and each of the others is refused (Premium2 wants Premium1's seat, and so on down the row).
  const pair = await book("Pair", ["B1", "B2"], { premium: true });
  ops.push({ name: "PairSwap", bookingId: pair.b.id, seats: [{ attendeeId: pair.places[0].id, seatId: c.seat("B2").id }, { attendeeId: pair.places[1].id, seatId: c.seat("B1").id }] });
  ops.push(await one("Premium1", "B3", "B1", { premium: true }), await one("Premium2", "B4", "B3", { premium: true }), await one("Premium3", "B5", "B4", { premium: true }));
  return { c, night, ops };
}

const run = (op: Op) => changeBooking(db(), {
  bookingId: op.bookingId, actor: desk, change: op.toSessionId ? { sessionId: op.toSessionId } : {}, seats: op.seats,
});

/** The seat each of the booking's active places holds, and the labels the history names. */
async function seatState(bookingId: string) {
  const places = await db().select({ id: bookingAttendees.id, seatId: bookingAttendees.seatId, sessionId: bookings.sessionId }).from(bookingAttendees)
    .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
    .where(and(eq(bookingAttendees.bookingId, bookingId), isNull(bookingAttendees.cancelledAt)));
  const rows = await db().select().from(seats).where(inArray(seats.id, places.map((p) => p.seatId!)));
  return places.map((p) => ({ ...p, label: seatLabel(rows.find((s) => s.id === p.seatId)!) }));
}

describe("crossing staff seat changes", () => {
  it("never deadlock: each seat held once, counts as they were, each change recorded once with the seats before and after", async () => {
    // Several rounds, so the requests meet in many interleavings.
    for (let round = 0; round < 4; round++) {
      const { c, night, ops } = await crossingChanges();
      const before = new Map<string, Awaited<ReturnType<typeof seatState>>>();
      for (const op of ops) before.set(op.bookingId, await seatState(op.bookingId));

      const outcomes = await Promise.allSettled(ops.map(run));
      const won = new Set<string>();
      outcomes.forEach((o, i) => {
        if (o.status === "fulfilled") { won.add(ops[i].name); return; }
        // No deadlock (nor any other failure): only the clear 409 of a seat someone else has, naming it.
        const err = o.reason as unknown;
        if (!(err instanceof AppError)) throw new Error(`${ops[i].name} failed with ${String(err)}`, { cause: err });
        expect({ op: ops[i].name, code: err.code, status: err.status, message: err.message })
          .toEqual({ op: ops[i].name, code: "seat_unavailable", status: 409, message: expect.stringMatching(/^That seat was just taken \(Stalls, row [A-Z], seat \d\)/) });
        expect(Object.values(err.details.fields as Record<string, string>)).toEqual([expect.stringMatching(/was just taken; choose another seat$/)]);
      });

      // What every order of these changes gives.
      for (const name of ["X", "Y", "MoveOut", "MoveIn", "Premium1", "Premium2", "Premium3"]) expect(won, name).not.toContain(name);
      for (const name of ["Chain3", "PairSwap"]) expect(won, name).toContain(name);
      expect([won.has("RaceA"), won.has("RaceB")].filter(Boolean)).toHaveLength(1);
      if (won.has("Chain2")) expect(won).toContain("Chain3");
      if (won.has("Chain1")) expect(won).toContain("Chain2");
      if (won.has("MoveAfter")) expect(won).toContain("RaceA");

      for (const op of ops) {
        const after = await seatState(op.bookingId);
        const was = before.get(op.bookingId)!;
        const changes = await changesOf(op.bookingId);
        if (!won.has(op.name)) {
          // Refused: nothing written.
          expect(after, op.name).toEqual(was);
          expect(changes, op.name).toEqual([]);
          continue;
        }
        // Done: the places sit where asked, and the history names the seats before and after, once.
        expect(after.map((p) => p.seatId).sort(), op.name).toEqual(op.seats.map((s) => s.seatId).sort());
        expect(after.every((p) => p.sessionId === (op.toSessionId ?? was[0].sessionId))).toBe(true);
        expect(changes, op.name).toHaveLength(1);
        const [change] = changes;
        expect(change.action).toBe(op.toSessionId ? "moved" : "seats_changed");
        const named = (s: unknown) => Object.fromEntries((s as { attendees: { attendeeId: string; seat: string }[] }).attendees.map((a) => [a.attendeeId, a.seat]));
        expect(named(change.before), op.name).toEqual(Object.fromEntries(was.map((p) => [p.id, p.label])));
        expect(named(change.after), op.name).toEqual(Object.fromEntries(after.map((p) => [p.id, p.label])));
        // Their tickets were issued again for the new seats, on the session they are on.
        const issued = await db().select().from(tickets).where(eq(tickets.bookingId, op.bookingId));
        expect(issued.map((t) => [t.sessionId, t.version]), op.name).toEqual(after.map(() => [after[0].sessionId, 2]));
      }

      for (const sessionId of [c.session.id, night.session.id]) {
        // Each seat held by one place at most, each place's seat claimed for it, nothing half-done left behind.
        const claims = await seatRows(sessionId);
        const places = await db().select({ id: bookingAttendees.id, seatId: bookingAttendees.seatId, ticketTypeId: bookingAttendees.ticketTypeId }).from(bookingAttendees)
          .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
          .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, "confirmed"), isNull(bookingAttendees.cancelledAt)));
        expect(claims.every((r) => r.status === "booked")).toBe(true);
        expect(new Set(places.map((p) => p.seatId)).size).toBe(places.length);
        expect(claims.map((r) => [r.seatId, r.attendeeId]).sort()).toEqual(places.map((p) => [p.seatId, p.id]).sort());
        // The counters match the places: the session's and each ticket type's.
        expect(await sessionCounters(sessionId)).toMatchObject({ placesBooked: places.length, placesHeld: 0 });
        const inventory = await db().select().from(ticketTypeInventory).where(eq(ticketTypeInventory.sessionId, sessionId));
        const perType = new Map<string, number>();
        for (const p of places) perType.set(p.ticketTypeId, (perType.get(p.ticketTypeId) ?? 0) + 1);
        expect(Object.fromEntries(inventory.filter((r) => r.placesBooked > 0 || perType.has(r.ticketTypeId)).map((r) => [r.ticketTypeId, [r.placesBooked, r.placesHeld]])))
          .toEqual(Object.fromEntries([...perType].map(([id, n]) => [id, [n, 0]])));
      }
      expect(await db().select().from(sessionSeats).where(eq(sessionSeats.note, "seat change in progress"))).toEqual([]);
    }
  });
});

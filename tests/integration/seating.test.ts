// Reserved seating: a seat is sold at most once per session whatever the concurrency, held with the booking's
// hold and released with it, and every bad choice is refused with a field error naming the attendee.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { pgErrorOf } from "@/db/pg-error";
import { bookingAttendees, sessionSeats, specialRequirements } from "@/db/schema";
import { changeBooking } from "@/lib/booking/change-booking";
import type { AppError } from "@/lib/errors";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { refundBooking } from "@/lib/payments/refund-booking";
import {
  bookingBody, checkoutEvent, createBookingViaApi, db, getBooking, lapseHold, postBooking, postWebhook, rowCounts, sessionCounters, templateByCode,
} from "../fixtures";
import { attachSeatingPlan, blockSeats, createTypedSessionFixture, inventoryOf, seatRows } from "../seating-fixtures";

const STAFF = { id: null, email: "finance@turnout.test", role: "admin" as const };

/** A concert night: VIP row A (5), Premium rows B–C (10), Standard rows D–F (15). */
async function concert(capacity = 30) {
  const fx = await createTypedSessionFixture([
    { name: "Standard", priceAmount: 3_500, seatClass: "Standard" },
    { name: "Premium", priceAmount: 5_500, seatClass: "Premium" },
    { name: "VIP", priceAmount: 9_500, seatClass: "VIP", maxPerBooking: 4 },
  ], { capacity });
  const plan = await attachSeatingPlan(fx.session.id, fx.venue.id, [
    { row: "A", seats: 5, seatClass: "VIP" },
    { row: "B", seats: 5, seatClass: "Premium" }, { row: "C", seats: 5, seatClass: "Premium" },
    { row: "D", seats: 5, seatClass: "Standard", flags: ["wheelchair"] }, { row: "E", seats: 5, seatClass: "Standard" }, { row: "F", seats: 5, seatClass: "Standard" },
  ]);
  const [standard, premium, vip] = fx.types;
  return { ...fx, ...plan, standard, premium, vip };
}

function seated(sessionId: string, places: { ticketTypeId: string; seatId: string; requirements?: { templateId: string }[] }[], i = 0) {
  return bookingBody(sessionId, places.length, {
    contact: { name: `Fan ${i}`, email: `fan${i}@example.com`, phone: "+44 20 7946 0003" },
    attendees: places.map((p, j) => ({ firstName: `Fan${i}`, lastName: `Seat${j + 1}`, ...p })),
  });
}

describe("reserved seating under contention", () => {
  it("sells each of the last 20 seats once to 300 concurrent requests; every loser gets 409", async () => {
    const c = await concert();
    // Ten seats are gone already (house seats), leaving the Standard rows D–F and row C: 20 seats.
    await blockSeats(c.session.id, c.seats.filter((s) => ["A", "B"].includes(s.row)).map((s) => s.id));
    const left = c.seats.filter((s) => !["A", "B"].includes(s.row));
    expect(left).toHaveLength(20);
    const typeFor = (seatClass: string) => (seatClass === "Premium" ? c.premium : c.standard).id;
    // Row D's wheelchair spaces go to attendees who use a wheelchair.
    const wheelchair = await templateByCode("access_wheelchair");
    const needsFor = (seat: (typeof left)[number]) => (seat.flags.includes("wheelchair") ? [{ templateId: wheelchair.id }] : []);

    // Each request wants one or two neighbouring seats, chosen so that requests overlap heavily.
    const requests = Array.from({ length: 300 }, (_, i) => {
      const first = left[(i * 7) % left.length];
      const second = left.find((s) => s.row === first.row && s.sortOrder === first.sortOrder + 1);
      const chosen = i % 3 === 0 && second ? [first, second] : [first];
      return seated(c.session.id, chosen.map((s) => ({ ticketTypeId: typeFor(s.seatClass), seatId: s.id, requirements: needsFor(s) })), i);
    });
    const responses = await Promise.all(requests.map((body) => postBooking(body)));

    const won = responses.flatMap((r, i) => (r.status === 201 ? [requests[i]] : []));
    for (const r of responses) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) {
        expect(r.json.error.code).toBe("seat_unavailable");
        expect(r.json.error.message).toMatch(/Stalls, row [C-F], seat \d/);
        expect(Object.keys(r.json.error.fields)[0]).toMatch(/^attendees\.[01]\.seatId$/);
      }
    }
    const soldSeats = won.flatMap((b) => (b.attendees as unknown as { seatId: string }[]).map((a) => a.seatId));
    expect(new Set(soldSeats).size).toBe(soldSeats.length);
    expect(soldSeats.length).toBeLessThanOrEqual(20);
    expect(won.length).toBeGreaterThan(0);

    // The seat rows, the per-type counts and the session's counters all tell the same story.
    const held = (await seatRows(c.session.id)).filter((r) => r.status === "held");
    expect(held.map((r) => r.seatId).sort()).toEqual([...soldSeats].sort());
    const heldPremium = held.filter((r) => left.find((s) => s.id === r.seatId)!.seatClass === "Premium").length;
    expect((await inventoryOf(c.session.id, c.premium.id)).placesHeld).toBe(heldPremium);
    expect((await inventoryOf(c.session.id, c.standard.id)).placesHeld).toBe(held.length - heldPremium);
    expect(await sessionCounters(c.session.id)).toMatchObject({ placesHeld: held.length, placesBooked: 0 });
    const attendeeSeats = await db().select({ seatId: bookingAttendees.seatId }).from(bookingAttendees)
      .innerJoin(sessionSeats, eq(sessionSeats.attendeeId, bookingAttendees.id));
    expect(attendeeSeats.filter((a) => soldSeats.includes(a.seatId!))).toHaveLength(soldSeats.length);
  });

  it("the database itself refuses a second claim on a seat", async () => {
    const c = await concert();
    const { booking } = await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.vip.id, seatId: c.seats[0].id }]));
    const again = db().insert(sessionSeats).values({ sessionId: c.session.id, seatId: c.seats[0].id, status: "blocked" });
    expect(await again.then(() => null, (err) => pgErrorOf(err))).toEqual({ code: "23505", constraint: "session_seats_pkey" });
    expect(booking.status).toBe("pending");
  });
});

describe("seats follow the booking's hold, payment and refunds", () => {
  it("holds seats during checkout, books them on payment and frees them when a place is refunded", async () => {
    const c = await concert();
    const [a1, a2] = c.seats.filter((s) => s.row === "B");
    const { booking } = await createBookingViaApi(c.session.id, 2, seated(c.session.id, [
      { ticketTypeId: c.premium.id, seatId: a1.id }, { ticketTypeId: c.premium.id, seatId: a2.id },
    ]));
    expect((await seatRows(c.session.id)).map((r) => r.status)).toEqual(["held", "held"]);
    expect(await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).toMatchObject({ status: 200 });
    expect((await seatRows(c.session.id)).map((r) => r.status)).toEqual(["booked", "booked"]);
    expect(await inventoryOf(c.session.id, c.premium.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });

    const attendees = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    const first = attendees.find((a) => a.seatId === a1.id)!;
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [first.id], amount: 5_500, reason: "Cannot come" }, STAFF);
    const rows = await seatRows(c.session.id);
    expect(rows.map((r) => r.seatId)).toEqual([a2.id]);
    expect(await inventoryOf(c.session.id, c.premium.id)).toMatchObject({ placesBooked: 1, placesHeld: 0 });
    expect(await sessionCounters(c.session.id)).toMatchObject({ placesBooked: 1, placesHeld: 0 });

    // The freed seat can be sold again.
    const next = await postBooking(seated(c.session.id, [{ ticketTypeId: c.premium.id, seatId: a1.id }], 99));
    expect(next.status).toBe(201);
  });

  it("a lapsed hold gives its seats and per-type places back, even before the sweeper runs", async () => {
    const c = await concert();
    const seat = c.seats.find((s) => s.row === "A")!;
    const { booking } = await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.vip.id, seatId: seat.id }]));
    await lapseHold(booking.id);

    // Someone else asks for the same seat: the lapsed hold is released and the seat is theirs.
    const res = await postBooking(seated(c.session.id, [{ ticketTypeId: c.vip.id, seatId: seat.id }], 2));
    expect(res.status).toBe(201);
    expect((await getBooking(booking.id))!.status).toBe("expired");
    const rows = await seatRows(c.session.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seatId: seat.id, bookingId: res.json.bookingId, status: "held" });
    expect(await inventoryOf(c.session.id, c.vip.id)).toMatchObject({ placesHeld: 1 });

    // And the sweeper frees what is left when that one lapses too.
    await lapseHold(res.json.bookingId);
    await db().transaction((tx) => releaseExpiredHolds(tx));
    expect(await seatRows(c.session.id)).toHaveLength(0);
    expect(await inventoryOf(c.session.id, c.vip.id)).toMatchObject({ placesHeld: 0 });
    expect(await sessionCounters(c.session.id)).toMatchObject({ placesHeld: 0 });
  });

  it("a late payment keeps its seat when still free and is refunded when someone else took it", async () => {
    const c = await concert();
    const [s1, s2] = c.seats.filter((s) => s.row === "E");
    const kept = await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.standard.id, seatId: s1.id }], 1));
    const lost = await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.standard.id, seatId: s2.id }], 2));
    await lapseHold(kept.booking.id);
    await lapseHold(lost.booking.id);
    await db().transaction((tx) => releaseExpiredHolds(tx));
    expect(await seatRows(c.session.id)).toHaveLength(0);
    // Meanwhile s2 goes to another customer.
    expect((await postBooking(seated(c.session.id, [{ ticketTypeId: c.standard.id, seatId: s2.id }], 3))).status).toBe(201);

    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", kept.booking)));
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", lost.booking)));
    expect((await getBooking(kept.booking.id))!).toMatchObject({ status: "confirmed", statusReason: "late_payment_kept" });
    expect((await getBooking(lost.booking.id))!).toMatchObject({ status: "refunded", statusReason: "late_payment_no_capacity" });
    const rows = await seatRows(c.session.id);
    expect(rows.find((r) => r.seatId === s1.id)).toMatchObject({ status: "booked", bookingId: kept.booking.id });
    expect(rows.find((r) => r.seatId === s2.id)).toMatchObject({ status: "held" });
    expect(await inventoryOf(c.session.id, c.standard.id)).toMatchObject({ placesBooked: 1, placesHeld: 1 });
  });
});

describe("bad seat choices are refused with the attendee's field and nothing written", () => {
  it.each([
    ["no seat at all", (c: Awaited<ReturnType<typeof concert>>) => [{ ticketTypeId: c.vip.id }], "attendees.0.seatId", /Choose a seat/],
    ["a seat of another plan", (c: Awaited<ReturnType<typeof concert>>) => [{ ticketTypeId: c.vip.id, seatId: "9f1b7a52-0000-4000-8000-000000000000" }], "attendees.0.seatId", /not part of this session/],
    ["a seat of the wrong class", (c: Awaited<ReturnType<typeof concert>>) => [{ ticketTypeId: c.vip.id, seatId: c.seats.find((s) => s.row === "F")!.id }], "attendees.0.seatId", /Standard seat; choose a seat for a VIP ticket/],
    ["the same seat twice", (c: Awaited<ReturnType<typeof concert>>) => [{ ticketTypeId: c.vip.id, seatId: c.seats[0].id }, { ticketTypeId: c.vip.id, seatId: c.seats[0].id }], "attendees.1.seatId", /already chosen|chosen twice/],
    ["more VIP tickets than allowed per booking", (c: Awaited<ReturnType<typeof concert>>) => c.seats.filter((s) => s.row === "A").map((s) => ({ ticketTypeId: c.vip.id, seatId: s.id })), "attendees.0.ticketTypeId", /At most 4 VIP tickets per booking/],
  ])("%s", async (_name, places, field, message) => {
    const c = await concert();
    const before = await rowCounts();
    const body = bookingBody(c.session.id, 1, { attendees: places(c).map((p, i) => ({ firstName: "Bad", lastName: `Choice${i}`, ...p })) });
    const res = await postBooking(body);
    expect(res.status).toBe(400);
    expect(res.json.error.fields[field]).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  it("a wheelchair space for an attendee who did not ask for one (the API as the seat map); theirs when they did", async () => {
    const c = await concert();
    const space = c.seats.find((s) => s.flags.includes("wheelchair"))!;
    const before = await rowCounts();
    const res = await postBooking(seated(c.session.id, [{ ticketTypeId: c.standard.id, seatId: space.id }]));
    expect(res.status).toBe(400);
    expect(res.json.error.fields["attendees.0.seatId"]).toBe("Stalls, row D, seat 1 is a wheelchair space, kept for attendees who asked for step-free access or use a wheelchair");
    expect(await rowCounts()).toEqual(before);
    const stepFree = await templateByCode("access_step_free");
    const ok = await postBooking(seated(c.session.id, [{ ticketTypeId: c.standard.id, seatId: space.id, requirements: [{ templateId: stepFree.id }] }], 7));
    expect(ok.status).toBe(201);
  });

  it("a wheelchair space's need cannot be dropped by the customer while the seat stays; staff may", async () => {
    const c = await concert();
    const space = c.seats.find((s) => s.flags.includes("wheelchair"))!;
    const stepFree = await templateByCode("access_step_free");
    const { booking } = await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.standard.id, seatId: space.id, requirements: [{ templateId: stepFree.id }] }], 8));
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    const [place] = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    const dropNeed = { attendees: [{ attendeeId: place.id, firstName: place.firstName, lastName: place.lastName, requirements: [] }] };
    const refused = await changeBooking(db(), { bookingId: booking.id, actor: { kind: "api", email: null }, change: dropNeed }).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: "invalid_request", details: { fields: { "attendees.0.requirements": expect.stringContaining("has a wheelchair space (Stalls, row D, seat 1)") } } });
    expect(await db().select().from(specialRequirements).where(eq(specialRequirements.attendeeId, place.id))).toHaveLength(1);
    await changeBooking(db(), { bookingId: booking.id, actor: { kind: "staff", email: "box.office@turnout.test", id: null }, change: dropNeed });
    expect(await db().select().from(specialRequirements).where(eq(specialRequirements.attendeeId, place.id))).toHaveLength(0);
  });

  it("a blocked seat", async () => {
    const c = await concert();
    await blockSeats(c.session.id, [c.seats[0].id]);
    const before = await rowCounts();
    const res = await postBooking(seated(c.session.id, [{ ticketTypeId: c.vip.id, seatId: c.seats[0].id }]));
    expect(res.status).toBe(400);
    expect(res.json.error.fields["attendees.0.seatId"]).toMatch(/Stalls, row A, seat 1 is not available/);
    expect(await rowCounts()).toEqual(before);
  });

  it("a seat already held by another customer: 409 naming the seat, nothing written", async () => {
    const c = await concert();
    await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.vip.id, seatId: c.seats[1].id }]));
    const before = await rowCounts();
    const res = await postBooking(seated(c.session.id, [{ ticketTypeId: c.vip.id, seatId: c.seats[1].id }], 5));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "seat_unavailable", seats: [{ id: c.seats[1].id, label: "Stalls, row A, seat 2" }] });
    expect(res.json.error.fields["attendees.0.seatId"]).toMatch(/Stalls, row A, seat 2 has just been taken/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("places left on a seated session", () => {
  it("never counts blocked or held seats as available, whatever the capacity says", async () => {
    const { GET } = await import("@/app/api/v1/sessions/[id]/availability/route");
    const { callGet } = await import("../fixtures");
    const c = await concert(100); // capacity above the plan's 30 seats
    await blockSeats(c.session.id, [c.seats[0].id, c.seats[1].id]);
    await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.premium.id, seatId: c.seats[5].id }]));
    const res = await callGet(GET, `/api/v1/sessions/${c.session.id}/availability`, { id: c.session.id });
    // The 70 places beyond the plan's 30 seats and the 2 blocked seats are not for sale, and the figures add up.
    expect(res.json).toMatchObject({ capacity: 100, booked: 0, held: 1, notForSale: 72, available: 27 });
    expect(res.json.ticketTypes.map((t: { name: string }) => t.name)).toEqual(["Standard", "Premium", "VIP"]);
  });

  it("counts each ticket type's places left from the free seats of its class", async () => {
    const { GET } = await import("@/app/api/v1/sessions/[id]/availability/route");
    const { callGet } = await import("../fixtures");
    const c = await concert(100);
    const left = async () => {
      const res = await callGet(GET, `/api/v1/sessions/${c.session.id}/availability`, { id: c.session.id });
      return Object.fromEntries(res.json.ticketTypes.map((t: { name: string; available: number }) => [t.name, t.available]));
    };
    expect(await left()).toEqual({ Standard: 15, Premium: 10, VIP: 5 });
    // Two VIP seats blocked, one Premium seat held by a checkout: each class loses its own.
    await blockSeats(c.session.id, [c.seats[0].id, c.seats[1].id]);
    const hold = await createBookingViaApi(c.session.id, 1, seated(c.session.id, [{ ticketTypeId: c.premium.id, seatId: c.seats[5].id }]));
    expect(await left()).toEqual({ Standard: 15, Premium: 9, VIP: 3 });
    // A lapsed hold gives its seat back at once, as on the seat map.
    await lapseHold(hold.booking.id);
    expect(await left()).toEqual({ Standard: 15, Premium: 10, VIP: 3 });
  });
});

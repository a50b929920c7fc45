// Waiting-list offers on seated sessions whose capacity is above the seats to sell (seats blocked by staff): the
// places an open offer holds keep their seats against every other checkout, one at a time or many at once, and
// against offers made while checkouts run; the offer's customer still books them. Unblocking seats offers the
// places to the waiting list at once; staff can neither block those seats nor move a booking into them. And the same
// rule, already kept by the counters, on a session without seats.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { bookingAttendees, bookings, sessionSeats, waitlistOffers, type WaitlistOffer } from "@/db/schema";
import { getSessionAvailability } from "@/db/queries/catalog";
import { seatsLeftBesideOffers } from "@/db/queries/places";
import { startCheckout } from "@/app/(shop)/book/actions";
import { createBooking } from "@/lib/booking/create-booking";
import { changeBooking, type ChangeActor } from "@/lib/booking/change-booking";
import { blockSessionSeats, unblockSessionSeats } from "@/lib/catalog/seating-plans";
import { env } from "@/lib/env";
import { taskList } from "@/lib/jobs/tasks";
import { joinWaitlist, offerWaitlistPlaces } from "@/lib/self-service/waitlist";
import { OFFER_COOKIE, offerCookieValue } from "@/lib/self-service/offer-cookie";
import { WAITLIST_OFFER_TASK } from "@/lib/self-service/waitlist-queue";
import { bookingRequestSchema } from "@/lib/validations/booking";
import {
  bookingBody, checkoutEvent, createBookingViaApi, createSessionFixture, db, errorOf, getBooking, lapseHold, pendingAttendeeSum, postBooking, postWebhook,
  sessionCounters,
} from "../fixtures";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { clearJobs, jobsFor, uniqueEmail } from "../finance-fixtures";
import { headersModule, staffSession } from "../next-request";
import { attachSeatingPlan, blockSeats } from "../seating-fixtures";
import { concert, paidSeats, placesOf, secondNight } from "../staff-seat-fixtures";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeEach(clearJobs);

/**
 * One row A of `seats` seats and capacity `seats`: `sold` seats paid for, `blocked` seats blocked by staff, so the
 * counters leave `blocked` more places than there are seats to sell.
 */
async function seatedNight(p: { seats: number; sold: number[]; blocked: number[] }) {
  const fx = await createSessionFixture({ capacity: p.seats, priceAmount: 5_000, depositAmount: null });
  const { seats } = await attachSeatingPlan(fx.session.id, fx.venue.id, [{ row: "A", seats: p.seats, seatClass: "Standard" }]);
  const seat = (n: number) => seats[n - 1].id;
  const attendees = p.sold.map((n) => ({ firstName: `Sat${n}`, lastName: "Seated", ticketTypeId: fx.ticketType.id, seatId: seat(n) }));
  const { booking } = await createBookingViaApi(fx.session.id, attendees.length, bookingBody(fx.session.id, attendees.length, { attendees }));
  expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
  await blockSeats(fx.session.id, p.blocked.map(seat));
  return { ...fx, seat };
}

const join = (sessionId: string, places = 1) =>
  joinWaitlist(db(), { sessionId, ticketTypeId: null, email: uniqueEmail("wait"), places, note: null });

const openOffers = (sessionId: string) =>
  db().select().from(waitlistOffers).where(and(eq(waitlistOffers.sessionId, sessionId), eq(waitlistOffers.status, "open")));

/** A booking body for one customer, one attendee per seat. */
function seatedBody(sessionId: string, ticketTypeId: string, seatIds: string[], email = uniqueEmail("buyer")) {
  return bookingBody(sessionId, seatIds.length, {
    contact: { name: "Seat Buyer", email, phone: "+44 20 7946 0003" },
    attendees: seatIds.map((seatId, i) => ({ firstName: `Buyer${i + 1}`, lastName: "Seated", ticketTypeId, seatId })),
  });
}

const parsed = (body: ReturnType<typeof bookingBody>) => bookingRequestSchema(body).parse(body);

/** The offer's customer books through the wizard, carrying the offer's cookie as its email link sets it. */
async function checkoutWithOffer(offer: WaitlistOffer, body: ReturnType<typeof bookingBody>) {
  const jar = await headersModule.cookies();
  jar.set(OFFER_COOKIE, offerCookieValue(offer.id));
  try {
    return await startCheckout(body, randomUUID());
  } finally {
    jar.delete(OFFER_COOKIE);
  }
}

/** Seats of the session claimed (held, booked or blocked), and the seats of its attendees still counted. */
async function seatFacts(sessionId: string) {
  const claims = await db().select().from(sessionSeats).where(eq(sessionSeats.sessionId, sessionId));
  const attendees = await db().select({ seatId: bookingAttendees.seatId, status: bookings.status }).from(bookingAttendees)
    .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
    .where(and(eq(bookings.sessionId, sessionId), inArray(bookings.status, ["pending", "confirmed"]), isNull(bookingAttendees.cancelledAt)));
  return { claims, attendeeSeats: attendees.map((a) => a.seatId) };
}

/** Runs the waiting-list offer jobs due now, and only those (no email or other job of this file's tests), then returns. */
async function runOfferJobs() {
  await runOnce({
    connectionString: env().DATABASE_URL!, taskList: { [WAITLIST_OFFER_TASK]: taskList[WAITLIST_OFFER_TASK] },
    logger: new Logger(() => () => {}), noHandleSignals: true,
  });
}

/** Seats staff had blocked go back on sale, without queuing the offer job (the test offers places itself). */
const unblockQuietly = (sessionId: string, seatIds: string[]) =>
  db().delete(sessionSeats).where(and(eq(sessionSeats.sessionId, sessionId), inArray(sessionSeats.seatId, seatIds), eq(sessionSeats.status, "blocked")));

describe("an open offer on a seated session with blocked seats", () => {
  it("keeps its seat from another customer's seat choice, through the API and the wizard, and writes nothing; its customer books it", async () => {
    // Six seats: A1 and A2 sold, A3–A6 blocked; A5 unblocked later and offered to the first in line.
    const { session, ticketType, seat } = await seatedNight({ seats: 6, sold: [1, 2], blocked: [3, 4, 5, 6] });
    const first = await join(session.id);
    await unblockQuietly(session.id, [seat(5)]);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer).toMatchObject({ entryId: first.id, places: 1 });
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ booked: 2, held: 1, available: 0 });
    const before = { counters: await sessionCounters(session.id), seats: await seatFacts(session.id) };

    const email = uniqueEmail("other");
    const res = await postBooking(seatedBody(session.id, ticketType.id, [seat(5)], email));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: "insufficient_capacity", available: 0, reason: "offered_to_waitlist",
      message: "The seats left on this session are kept for customers offered places from the waiting list.",
    });
    const wizard = await startCheckout(seatedBody(session.id, ticketType.id, [seat(5)], email), randomUUID());
    expect(wizard).toMatchObject({ ok: false, code: "insufficient_capacity", available: 0 });
    expect(await errorOf(createBooking(db(), parsed(seatedBody(session.id, ticketType.id, [seat(5)], email)))))
      .toMatchObject({ code: "insufficient_capacity", status: 409 });
    // Nothing written: no booking for that customer, the same seats claimed, the same counters, the offer still open.
    expect(await db().select().from(bookings).where(eq(bookings.contactEmail, email))).toEqual([]);
    expect({ counters: await sessionCounters(session.id), seats: await seatFacts(session.id) }).toEqual(before);
    expect((await openOffers(session.id)).map((o) => o.id)).toEqual([offer.id]);

    const mine = await checkoutWithOffer(offer, seatedBody(session.id, ticketType.id, [seat(5)]));
    expect(mine).toMatchObject({ ok: true });
    const [used] = await db().select().from(waitlistOffers).where(eq(waitlistOffers.id, offer.id));
    expect(used.status).toBe("accepted");
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2, placesHeld: 1 });
  });

  it("a group larger than the seats left beside the offers is told how many it can book", async () => {
    // Eight seats: A1–A2 sold, A3–A8 blocked. A customer waits for three places; A3–A6 are unblocked and the three
    // places offered to them, so one of the four seats free is left to sell.
    const { session, ticketType, seat } = await seatedNight({ seats: 8, sold: [1, 2], blocked: [3, 4, 5, 6, 7, 8] });
    await join(session.id, 3);
    await unblockQuietly(session.id, [3, 4, 5, 6].map(seat));
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer.places).toBe(3);
    const res = await postBooking(seatedBody(session.id, ticketType.id, [seat(3), seat(4)]));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: "insufficient_capacity", available: 1,
      message: "There are not enough seats left for 2 attendee(s): only 1 can be booked now, the others are kept for customers offered places from the waiting list.",
    });
    expect((await postBooking(seatedBody(session.id, ticketType.id, [seat(6)]))).status).toBe(201);
  });

  it("many checkouts at once take only the seat not offered, never a seat twice; the offered seats stay for their customers", async () => {
    // Twelve seats: A1–A4 sold, A5–A12 blocked. Two customers wait (two places, one place); A5–A8 are unblocked and
    // three of those four places offered to them: one seat is left to sell.
    const { session, ticketType, seat } = await seatedNight({ seats: 12, sold: [1, 2, 3, 4], blocked: [5, 6, 7, 8, 9, 10, 11, 12] });
    const pair = await join(session.id, 2);
    const single = await join(session.id, 1);
    await unblockQuietly(session.id, [5, 6, 7, 8].map(seat));
    const offers = await offerWaitlistPlaces(db(), session.id);
    expect(offers.map((o) => [o.entryId, o.places])).toEqual([[pair.id, 2], [single.id, 1]]);
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ available: 1 });

    const free = [5, 6, 7, 8].map(seat);
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      postBooking(seatedBody(session.id, ticketType.id, [free[i % 4]], `racer${i}.${randomUUID().slice(0, 6)}@example.com`))));
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(["insufficient_capacity", "seat_unavailable"]).toContain(r.json.error.code);
    }
    expect(await openOffers(session.id)).toHaveLength(2);

    // Both customers offered places book the seats left, through their offers.
    const sold = new Set((await seatFacts(session.id)).claims.map((c) => c.seatId));
    const left = free.filter((id) => !sold.has(id));
    expect(left).toHaveLength(3);
    const byEntry = new Map(offers.map((o) => [o.entryId, o]));
    expect(await checkoutWithOffer(byEntry.get(pair.id)!, seatedBody(session.id, ticketType.id, left.slice(0, 2)))).toMatchObject({ ok: true });
    expect(await checkoutWithOffer(byEntry.get(single.id)!, seatedBody(session.id, ticketType.id, left.slice(2)))).toMatchObject({ ok: true });

    // Every seat claimed once, each attendee in a seat of their own, and the counters match the bookings.
    const { claims, attendeeSeats } = await seatFacts(session.id);
    expect(claims).toHaveLength(12);
    expect(new Set(claims.map((c) => c.seatId)).size).toBe(12);
    expect(attendeeSeats).toHaveLength(8);
    expect(new Set(attendeeSeats).size).toBe(8);
    expect(claims.filter((c) => c.status !== "blocked").map((c) => c.seatId).sort()).toEqual([...attendeeSeats].sort());
    const counters = await sessionCounters(session.id);
    expect(counters).toMatchObject({ placesBooked: 4, placesHeld: 4 });
    expect(await pendingAttendeeSum(session.id)).toBe(counters.placesHeld);
    expect(await openOffers(session.id)).toEqual([]);
  });

  it("offers made while checkouts run never promise a seat a checkout took", async () => {
    // Eight seats: A1–A2 sold, A7–A8 blocked; four customers wait for one place each while A3–A6 are blocked too,
    // then A3–A6 go back on sale and checkouts race the offering job for them.
    const { session, ticketType, seat } = await seatedNight({ seats: 8, sold: [1, 2], blocked: [3, 4, 5, 6, 7, 8] });
    for (let i = 0; i < 4; i++) await join(session.id);
    const free = [3, 4, 5, 6].map(seat);
    await unblockQuietly(session.id, free);
    const responses = await Promise.all([
      ...Array.from({ length: 16 }, (_, i) =>
        postBooking(seatedBody(session.id, ticketType.id, [free[i % 4]], `mixed${i}.${randomUUID().slice(0, 6)}@example.com`))),
      offerWaitlistPlaces(db(), session.id), offerWaitlistPlaces(db(), session.id), offerWaitlistPlaces(db(), session.id),
    ]);
    const checkouts = responses.slice(0, 16) as Awaited<ReturnType<typeof postBooking>>[];
    for (const r of checkouts) expect([201, 409]).toContain(r.status);
    const created = checkouts.filter((r) => r.status === 201).length;
    const offers = await openOffers(session.id);
    // Seats sold by checkouts and places offered together never exceed the four seats to sell.
    expect(created + offers.reduce((n, o) => n + o.places, 0)).toBeLessThanOrEqual(4);
    expect(await seatsLeftBesideOffers(db(), session.id, new Date()) ?? 0).toBeGreaterThanOrEqual(0);
    // And each open offer's customer can book a seat.
    const sold = new Set((await seatFacts(session.id)).claims.map((c) => c.seatId));
    const left = free.filter((id) => !sold.has(id));
    for (const [i, offer] of offers.entries())
      expect(await checkoutWithOffer(offer, seatedBody(session.id, ticketType.id, [left[i]]))).toMatchObject({ ok: true });
  });
});

describe("a late payment on a seated session", () => {
  it("does not take back a seat that an offer made after the hold lapsed needs: it is refunded", async () => {
    // Five seats: A1–A2 sold, A5 blocked; one customer holds A3 and another A4, so no seat is left to sell.
    const { session, ticketType, seat } = await seatedNight({ seats: 5, sold: [1, 2], blocked: [5] });
    const late = await createBookingViaApi(session.id, 1, seatedBody(session.id, ticketType.id, [seat(3)]));
    await createBookingViaApi(session.id, 1, seatedBody(session.id, ticketType.id, [seat(4)]));
    const entry = await join(session.id);
    // The first hold lapses and is released: A3 is offered to the customer waiting.
    await lapseHold(late.booking.id);
    await db().transaction((tx) => releaseExpiredHolds(tx));
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer).toMatchObject({ entryId: entry.id, places: 1 });
    // The lapsed checkout's payment arrives: the counters alone would allow it (A5 blocked), the offer's seat does not.
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", late.booking)))).status).toBe(200);
    expect(await getBooking(late.booking.id)).toMatchObject({ status: "refunded", statusReason: "late_payment_no_capacity" });
    expect((await seatFacts(session.id)).claims.map((c) => c.seatId)).not.toContain(seat(3));
    expect(await checkoutWithOffer(offer, seatedBody(session.id, ticketType.id, [seat(3)]))).toMatchObject({ ok: true });
  });
});

describe("an open offer on a session without seats", () => {
  it("keeps its places from many checkouts at once; its customer books them", async () => {
    const { session } = await createSessionFixture({ capacity: 5, placesBooked: 5, priceAmount: 5_000, depositAmount: null });
    await join(session.id, 2);
    await db().execute(sql`update course_sessions set places_booked = 3 where id = ${session.id}`);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer.places).toBe(2);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => postBooking(bookingBody(session.id, 1, {
      contact: { name: `Racer ${i}`, email: `plain${i}.${randomUUID().slice(0, 6)}@example.com`, phone: "+44 20 7946 0002" },
    }))));
    for (const r of responses) {
      expect(r.status).toBe(409);
      expect(r.json.error).toMatchObject({ code: "insufficient_capacity", available: 0 });
    }
    expect(await sessionCounters(session.id)).toEqual({ capacity: 5, placesBooked: 3, placesHeld: 2 });
    expect(await checkoutWithOffer(offer, bookingBody(session.id, 2))).toMatchObject({ ok: true });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 5, placesBooked: 3, placesHeld: 2 });
    expect(await pendingAttendeeSum(session.id)).toBe(2);
  });
});

describe("staff unblocking seats", () => {
  it("queues the waiting-list offer at once, as a cancellation does; the job offers the seat to the first in line", async () => {
    const admin = await staffSession("admin");
    const staff = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    const { session, seat } = await seatedNight({ seats: 4, sold: [1, 2], blocked: [3, 4] });
    const first = await join(session.id);
    await join(session.id);

    // Unblocking a seat that is not blocked changes nothing and queues nothing.
    expect(await unblockSessionSeats(db(), staff, { sessionId: session.id, seatIds: [seat(1)] })).toMatchObject({ unblocked: [], notBlocked: 1 });
    expect(await jobsFor(WAITLIST_OFFER_TASK)).toEqual([]);

    expect(await unblockSessionSeats(db(), staff, { sessionId: session.id, seatIds: [seat(4)] })).toMatchObject({ unblocked: ["Stalls A4"] });
    expect((await jobsFor(WAITLIST_OFFER_TASK)).map((j) => [j.key, j.payload])).toEqual([[`waitlist-offer:${session.id}`, { sessionId: session.id }]]);
    expect(await openOffers(session.id)).toEqual([]);

    await runOfferJobs();
    expect((await openOffers(session.id)).map((o) => [o.entryId, o.places])).toEqual([[first.id, 1]]);
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ booked: 2, held: 1, available: 0 });
  });
});

describe("staff beside an open offer on a seated session", () => {
  const desk: ChangeActor = { kind: "staff", email: "box-office@turnout.test", id: null };

  it("cannot block the seat the offer needs: one request for too many blocks nothing, six blocks at once leave it, and its customer books it", async () => {
    const admin = await staffSession("admin");
    const staff = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    // Eight seats: A1–A2 sold, A3–A8 blocked. One customer waits; A3–A8 go back on sale and one place is offered to
    // them, so five of the six free seats can be blocked or sold.
    const { session, ticketType, seat } = await seatedNight({ seats: 8, sold: [1, 2], blocked: [3, 4, 5, 6, 7, 8] });
    await join(session.id);
    const free = [3, 4, 5, 6, 7, 8].map(seat);
    await unblockQuietly(session.id, free);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer.places).toBe(1);

    const before = { counters: await sessionCounters(session.id), seats: await seatFacts(session.id) };
    expect(await errorOf(blockSessionSeats(db(), staff, { sessionId: session.id, seatIds: free, note: "House seats" }))).toMatchObject({
      code: "conflict", status: 409,
      message: "Only 5 of the 6 free seats chosen can be blocked: the others are kept for customers offered places from the waiting list until those offers are taken up or lapse.",
      details: { reason: "offered_to_waitlist", blockable: 5, fields: { seatIds: expect.stringMatching(/^Only 5 of the 6/) } },
    });
    expect({ counters: await sessionCounters(session.id), seats: await seatFacts(session.id) }).toEqual(before);

    // Six blocks of one seat each at once: five are blocked, the sixth is refused, whichever comes last.
    const results = await Promise.allSettled(free.map((id) => blockSessionSeats(db(), staff, { sessionId: session.id, seatIds: [id] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toMatchObject({
      code: "conflict", message: "These seats are kept for customers offered places from the waiting list: none of them can be blocked until those offers are taken up or lapse.",
    });
    const claimed = new Set((await seatFacts(session.id)).claims.map((c) => c.seatId));
    const left = free.filter((id) => !claimed.has(id));
    expect(left).toHaveLength(1);
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ available: 0 });

    expect(await checkoutWithOffer(offer, seatedBody(session.id, ticketType.id, left))).toMatchObject({ ok: true });
    expect(await openOffers(session.id)).toEqual([]);
  });

  it("cannot move a booking from another night into the seat the offer needs, and writes nothing; a seat beyond it is fine", async () => {
    const c = await concert();
    const night = await secondNight(c, 3_500); // capacity 20, eight seats: K1–K6 Standard, L1–L2 VIP
    await blockSeats(night.session.id, night.seats.map((s) => s.id));
    const waiting = await join(night.session.id);
    await unblockQuietly(night.session.id, [night.seat("K6").id]);
    const [offer] = await offerWaitlistPlaces(db(), night.session.id);
    expect(offer).toMatchObject({ entryId: waiting.id, places: 1 });
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    const state = async () => ({
      night: { counters: await sessionCounters(night.session.id), seats: await seatFacts(night.session.id) },
      old: { counters: await sessionCounters(c.session.id), seats: await seatFacts(c.session.id) },
      places: await placesOf(b.id), booking: await getBooking(b.id),
    });
    const before = await state();
    const moveTo = (code: string) => changeBooking(db(), { bookingId: b.id, actor: desk, change: { sessionId: night.session.id }, seats: [{ attendeeId: ann.id, seatId: night.seat(code).id }] });

    expect(await errorOf(moveTo("K6"))).toMatchObject({
      code: "insufficient_capacity", status: 409, details: { reason: "offered_to_waitlist" },
      message: "The seats left on that session are kept for customers offered places from the waiting list.",
    });
    expect(await state()).toEqual(before);
    expect((await openOffers(night.session.id)).map((o) => o.id)).toEqual([offer.id]);

    // With K5 back on sale too, the booking moves there and the offer keeps K6.
    await unblockQuietly(night.session.id, [night.seat("K5").id]);
    await moveTo("K5");
    expect((await placesOf(b.id))[0].seatId).toBe(night.seat("K5").id);
    expect((await openOffers(night.session.id)).map((o) => o.id)).toEqual([offer.id]);
    expect(await checkoutWithOffer(offer, seatedBody(night.session.id, night.standard.id, [night.seat("K6").id]))).toMatchObject({ ok: true });
  });
});

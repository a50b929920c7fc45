// The waiting list: joining, fair offers of freed places under concurrency, lapsed offers passing on, booking
// through an offer, leaving, and staff reordering and offering by hand.
import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { courseSessions, sessionSeats, waitlistEntries, waitlistOffers } from "@/db/schema";
import { getSessionAvailability, getSessionListing } from "@/db/queries/catalog";
import { createBooking } from "@/lib/booking/create-booking";
import { bookingRequestSchema } from "@/lib/validations/booking";
import {
  joinWaitlist, lapseExpiredOffers, leaveWaitlist, moveWaitlistEntry, offerPlacesByHand, offerWaitlistPlaces, sweepWaitlists,
} from "@/lib/self-service/waitlist";
import { waitlistSessionFacts } from "@/lib/self-service/waitlist-pages";
import JoinWaitlistPage from "@/app/(shop)/waitlist/join/page";
import { bookingBody, checkoutEvent, createBookingViaApi, createSessionFixture, db, errorOf, getBooking, lapseHold, postWebhook, sessionCounters } from "../fixtures";
import { cancelUnpaidBooking } from "@/lib/booking/open-checkout";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { clearJobs, jobsFor, uniqueEmail } from "../finance-fixtures";
import { staffSession } from "../next-request";
import { attachSeatingPlan, blockSeats, createTypedSessionFixture } from "../seating-fixtures";
import { cancelSession } from "@/lib/catalog/sessions";

beforeEach(clearJobs);

async function fullSession(capacity: number) {
  return createSessionFixture({ capacity, placesBooked: capacity, priceAmount: 5_000, depositAmount: null });
}

const join = (sessionId: string, places = 1, email = uniqueEmail("wait")) =>
  joinWaitlist(db(), { sessionId, ticketTypeId: null, email, places, note: null });

const openOffers = (sessionId: string) => db().select().from(waitlistOffers).where(and(eq(waitlistOffers.sessionId, sessionId), eq(waitlistOffers.status, "open")));

/** The join page as a customer gets it: the places field's hint, and the field itself. */
async function joinPage(sessionId: string) {
  const html = renderToStaticMarkup(await JoinWaitlistPage({ searchParams: Promise.resolve({ session: sessionId }) }));
  return { hint: html.match(/<p id="places-hint"[^>]*>([^<]*)<\/p>/)?.[1], input: html.match(/<input[^>]* id="places"[^>]*>/)?.[0] ?? "" };
}

async function freePlaces(sessionId: string, n: number) {
  const [s] = await db().select().from(courseSessions).where(eq(courseSessions.id, sessionId));
  await db().update(courseSessions).set({ placesBooked: s.placesBooked - n }).where(eq(courseSessions.id, sessionId));
}

describe("joining", () => {
  it("a full session takes a request once per email; a session with room, or a second request, is refused and writes nothing", async () => {
    const { session } = await fullSession(2);
    const email = uniqueEmail("twice");
    const entry = await join(session.id, 2, email);
    expect(entry).toMatchObject({ status: "waiting", places: 2 });
    expect((await jobsFor("email.send")).map((j) => j.key)).toEqual([`email:waitlist-joined:${entry.id}`]);
    await expect(join(session.id, 1, email.toUpperCase())).rejects.toMatchObject({ code: "conflict", status: 409 });
    const open = await createSessionFixture({ capacity: 5 });
    await expect(join(open.session.id, 2)).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await db().select().from(waitlistEntries).where(inArray(waitlistEntries.sessionId, [session.id, open.session.id]))).toHaveLength(1);
  });

  it("the join page asks for no more places than the session could ever offer, and a request for more is refused saying the most", async () => {
    const { session } = await fullSession(4);
    const page = await joinPage(session.id);
    expect(page.hint).toBe("From 1 to 4");
    expect(page.input).toMatch(/ max="4"/);
    expect(page.input).toMatch(/ aria-describedby="places-hint"/);
    expect(await errorOf(join(session.id, 5))).toMatchObject({
      code: "invalid_request", message: "This session has 4 places in all: ask for 4 or fewer.",
      details: { fields: { places: "This session has 4 places in all: ask for 4 or fewer" } },
    });
    expect(await db().select().from(waitlistEntries).where(eq(waitlistEntries.sessionId, session.id))).toEqual([]);
    expect(await join(session.id, 4)).toMatchObject({ status: "waiting", places: 4 });

    // One place in all: the hint and the refusal say so in the singular.
    const one = await fullSession(1);
    expect((await joinPage(one.session.id)).hint).toBe("Only 1 place: this session has no more");
    expect(await errorOf(join(one.session.id, 2))).toMatchObject({ details: { fields: { places: "This session has 1 place in all: ask for 1" } } });

    // A large session: the form's own limit.
    const big = await fullSession(40);
    const bigPage = await joinPage(big.session.id);
    expect(bigPage.hint).toBe("From 1 to 12");
    expect(bigPage.input).toMatch(/ max="12"/);
  });

  it("with one ticket type on sale, its quota is the most places to ask for; a type chosen with a smaller quota is named", async () => {
    const fx = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000, quota: 3 }, { name: "Crew", priceAmount: 0, visible: false }], { capacity: 10 });
    await createBookingViaApi(fx.session.id, 3, bookingBody(fx.session.id, 3, { attendees: [0, 1, 2].map((i) => ({ firstName: "Ada", lastName: `Q${i}`, ticketTypeId: fx.types[0].id })) }));
    expect((await joinPage(fx.session.id)).hint).toBe("From 1 to 3");
    expect(await errorOf(join(fx.session.id, 4))).toMatchObject({ details: { fields: { places: "This session has 3 places in all: ask for 3 or fewer" } } });
    // The places the hidden type could still sell are not for this customer: joining is not refused for them.
    // Saved for the one type on sale it was counted against, so that an offer holds that type's places.
    expect(await join(fx.session.id, 3)).toMatchObject({ status: "waiting", places: 3, ticketTypeId: fx.types[0].id });
    // Only a visible type of this session can be waited for: not the hidden one, nor another session's.
    const other = await createTypedSessionFixture([{ name: "Other", priceAmount: 1_000 }], { capacity: 2 });
    for (const ticketTypeId of [fx.types[1].id, other.types[0].id])
      expect(await errorOf(joinWaitlist(db(), { sessionId: fx.session.id, ticketTypeId, email: uniqueEmail("typed"), places: 1, note: null })))
        .toMatchObject({ details: { fields: { ticketTypeId: "Choose a ticket type of this session" } } });

    const two = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000, quota: 2 }, { name: "Child", priceAmount: 1_000 }], { capacity: 6, placesBooked: 6 });
    expect((await joinPage(two.session.id)).hint).toBe("From 1 to 6");
    const chosen = joinWaitlist(db(), { sessionId: two.session.id, ticketTypeId: two.types[0].id, email: uniqueEmail("type"), places: 3, note: null });
    expect(await errorOf(chosen)).toMatchObject({
      details: { fields: { places: "Adult has 2 places on this session in all: ask for 2 or fewer, or choose another ticket type" } },
    });
  });

  it("asks for no more places than the ticket type sells to one booking: an offer is booked as one", async () => {
    const only = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000, maxPerBooking: 4 }], { capacity: 10, placesBooked: 10 });
    expect((await joinPage(only.session.id)).hint).toBe("From 1 to 4");
    expect(await errorOf(join(only.session.id, 5))).toMatchObject({
      code: "invalid_request", details: { most: 4, fields: { places: "Adult tickets are sold at most 4 to a booking: ask for 4 or fewer" } },
    });
    expect(await join(only.session.id, 4)).toMatchObject({ status: "waiting", places: 4, ticketTypeId: only.types[0].id });

    const two = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000 }, { name: "Family", priceAmount: 5_000, maxPerBooking: 2 }], { capacity: 10, placesBooked: 10 });
    expect((await joinPage(two.session.id)).hint).toBe("From 1 to 10");
    const family = joinWaitlist(db(), { sessionId: two.session.id, ticketTypeId: two.types[1].id, email: uniqueEmail("family"), places: 3, note: null });
    expect(await errorOf(family)).toMatchObject({
      details: { fields: { places: "Family tickets are sold at most 2 to a booking: ask for 2 or fewer, or choose another ticket type" } },
    });
  });

  it("a request the places free now would fit says how many are free and to book them", async () => {
    const { session } = await createSessionFixture({ capacity: 5, placesBooked: 3 });
    expect(await errorOf(join(session.id, 2))).toMatchObject({
      code: "conflict", message: "2 places are free on this session now: book them instead. Join the waiting list only if you need more than 2.",
      details: { reason: "places_available", fields: { places: "2 places are free now: book them instead, or ask for more than 2 if you need more" } },
    });
    await freePlaces(session.id, -1);
    expect(await errorOf(join(session.id, 1))).toMatchObject({
      details: { fields: { places: "1 place is free now: book it instead, or ask for more than 1 if you need more" } },
    });
  });
});

describe("offers", () => {
  it("10 places freed at once for 30 waiting: 10 offers to the first 10, no place offered twice, even with concurrent runs", async () => {
    const { session } = await fullSession(10);
    const entries = [];
    for (let i = 0; i < 30; i++) entries.push(await join(session.id));
    await freePlaces(session.id, 10);
    await Promise.all([
      ...Array.from({ length: 6 }, () => offerWaitlistPlaces(db(), session.id)),
      sweepWaitlists(db()), sweepWaitlists(db()),
    ]);
    const offers = await openOffers(session.id);
    expect(offers).toHaveLength(10);
    expect(new Set(offers.map((o) => o.entryId)).size).toBe(10);
    expect(offers.map((o) => o.entryId).sort()).toEqual(entries.slice(0, 10).map((e) => e.id).sort());
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 0, placesHeld: 10 });
    const statuses = await db().select({ id: waitlistEntries.id, status: waitlistEntries.status }).from(waitlistEntries).where(eq(waitlistEntries.sessionId, session.id));
    expect(statuses.filter((s) => s.status === "offered")).toHaveLength(10);
    expect(statuses.filter((s) => s.status === "waiting")).toHaveLength(20);
    expect(await jobsFor("email.send")).toEqual(expect.arrayContaining(offers.map((o) => expect.objectContaining({ key: `email:waitlist-offer:${o.id}` }))));
  });

  it("the first request that fits is served: a larger one ahead keeps its turn", async () => {
    const { session } = await fullSession(3);
    const big = await join(session.id, 3);
    const small = await join(session.id, 1);
    await freePlaces(session.id, 1);
    // Before the offer, the freed place is for sale to anyone; once offered, it is held for the customer offered it.
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ held: 0, available: 1 });
    const offers = await offerWaitlistPlaces(db(), session.id);
    expect(offers.map((o) => o.entryId)).toEqual([small.id]);
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ booked: 2, held: 1, available: 0 });
    expect((await getSessionListing(db(), session.id))?.available).toBe(0);
    const [bigNow] = await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, big.id));
    expect(bigNow.status).toBe("waiting");
  });

  it("an offer that lapses gives its places to the next in line", async () => {
    const { session } = await fullSession(1);
    const first = await join(session.id);
    const second = await join(session.id);
    await freePlaces(session.id, 1);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer.entryId).toBe(first.id);
    expect(await lapseExpiredOffers(db(), new Date())).toHaveLength(0);
    const later = new Date(offer.expiresAt.getTime() + 1_000);
    const lapsed = await lapseExpiredOffers(db(), later);
    expect(lapsed.filter((o) => o.sessionId === session.id).map((o) => o.id)).toEqual([offer.id]);
    const [next] = await openOffers(session.id);
    expect(next.entryId).toBe(second.id);
    const [firstNow] = await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, first.id));
    expect(firstNow.status).toBe("lapsed");
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0, placesHeld: 1 });
  });

  it("a booking through an offer takes its held places; the offer cannot be used twice", async () => {
    const { session } = await fullSession(2);
    const entry = await join(session.id, 2);
    await freePlaces(session.id, 2);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    // Nobody else can book the held places.
    const input = bookingRequestSchema(bookingBody(session.id, 2)).parse(bookingBody(session.id, 2));
    await expect(createBooking(db(), input)).rejects.toMatchObject({ code: "insufficient_capacity" });
    const booking = await createBooking(db(), input, { waitlistOfferId: offer.id, idempotencyKey: randomUUID() });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0, placesHeld: 2 });
    const [used] = await db().select().from(waitlistOffers).where(eq(waitlistOffers.id, offer.id));
    expect(used).toMatchObject({ status: "accepted", bookingId: booking.bookingId });
    const [e] = await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, entry.id));
    expect(e.status).toBe("booked");
    await expect(createBooking(db(), input, { waitlistOfferId: offer.id })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a checkout through an offer that ends unpaid gives the places back to the offer while it lasts, not to everyone", async () => {
    const { session } = await fullSession(3);
    const entry = await join(session.id, 2);
    await join(session.id, 2); // next in line
    await freePlaces(session.id, 2);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    const input = bookingRequestSchema(bookingBody(session.id, 2)).parse(bookingBody(session.id, 2));
    const ended = [
      // The checkout lapses (the sweep, here of this session only: other files share the database), is given up
      // (the provider's expired event), or replaced.
      async (bookingId: string) => {
        await lapseHold(bookingId);
        await db().transaction((tx) => releaseExpiredHolds(tx, { sessionId: session.id }));
      },
      async (bookingId: string) =>
        expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.expired", (await getBooking(bookingId))!)))).status).toBe(200),
      async (bookingId: string) => cancelUnpaidBooking(db(), bookingId, "replaced_by_customer"),
    ];
    for (const end of ended) {
      const booking = await createBooking(db(), input, { waitlistOfferId: offer.id, idempotencyKey: randomUUID() });
      await end(booking.bookingId);
      const [again] = await db().select().from(waitlistOffers).where(eq(waitlistOffers.id, offer.id));
      expect(again).toMatchObject({ status: "open", bookingId: null, places: 2 });
      const [e] = await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, entry.id));
      expect(e.status).toBe("offered");
      // Still held for this customer: nobody else can book them, nor is the next in line offered them.
      expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 1, placesHeld: 2 });
      await expect(createBooking(db(), input)).rejects.toMatchObject({ code: "insufficient_capacity" });
      expect(await openOffers(session.id)).toHaveLength(1);
    }
    // Paid at last through the same offer.
    const booking = await createBooking(db(), input, { waitlistOfferId: offer.id, idempotencyKey: randomUUID() });
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", (await getBooking(booking.bookingId))!)))).status).toBe(200);
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 3, placesHeld: 0 });
  });

  it("a checkout through an offer that ends after the offer's time lets the places go on to the next in line", async () => {
    const { session } = await fullSession(2);
    await join(session.id, 2);
    const second = await join(session.id, 2);
    await freePlaces(session.id, 2);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    const input = bookingRequestSchema(bookingBody(session.id, 2)).parse(bookingBody(session.id, 2));
    const booking = await createBooking(db(), input, { waitlistOfferId: offer.id, idempotencyKey: randomUUID() });
    await lapseHold(booking.bookingId);
    // The sweep after the offer's time, for this session only.
    const later = new Date(offer.expiresAt.getTime() + 1_000);
    await db().transaction((tx) => releaseExpiredHolds(tx, { sessionId: session.id, now: later }));
    await offerWaitlistPlaces(db(), session.id, later);
    const [next] = await openOffers(session.id);
    expect(next.entryId).toBe(second.id);
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0, placesHeld: 2 });
  });

  it("leaving withdraws an open offer and passes the places on; leaving twice is refused", async () => {
    const { session } = await fullSession(1);
    const first = await join(session.id);
    const second = await join(session.id);
    await freePlaces(session.id, 1);
    await offerWaitlistPlaces(db(), session.id);
    await leaveWaitlist(db(), first.id, null);
    await expect(leaveWaitlist(db(), first.id, null)).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0 });
    expect((await jobsFor("waitlist.offer")).map((j) => j.key)).toEqual([`waitlist-offer:${session.id}`]);
    await offerWaitlistPlaces(db(), session.id);
    expect((await openOffers(session.id)).map((o) => o.entryId)).toEqual([second.id]);
  });

  it("staff reorder the list and offer places by hand, only when they are free", async () => {
    const admin = await staffSession("admin");
    const { session } = await fullSession(1);
    const first = await join(session.id);
    const second = await join(session.id);
    await moveWaitlistEntry(db(), admin, second.id, "up");
    await expect(offerPlacesByHand(db(), admin, second.id)).rejects.toMatchObject({ code: "insufficient_capacity", status: 409 });
    await freePlaces(session.id, 1);
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer.entryId).toBe(second.id);
    await freePlaces(session.id, 0);
    await expect(offerPlacesByHand(db(), admin, first.id)).rejects.toMatchObject({ status: 409 });
  });

  it("a session cancelled by staff withdraws its open offers and closes its list", async () => {
    const admin = await staffSession("admin");
    const { session } = await fullSession(2);
    const first = await join(session.id);
    const second = await join(session.id);
    await freePlaces(session.id, 1);
    await offerWaitlistPlaces(db(), session.id);
    await cancelSession(db(), { ...admin, name: admin.name, role: "admin" }, { id: session.id, reason: "Trainer ill" });
    expect(await openOffers(session.id)).toEqual([]);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0 });
    const rows = await db().select().from(waitlistEntries).where(inArray(waitlistEntries.id, [first.id, second.id]));
    expect(rows.map((r) => r.status)).toEqual(["left", "left"]);
  });
});

describe("a seated session with seats blocked by staff", () => {
  /** Four seats A1–A4 and capacity 4: A1 and A2 sold, A3 and A4 blocked, so two places by the counters and no seat to sell. */
  async function blockedNight() {
    const fx = await createSessionFixture({ capacity: 4, priceAmount: 5_000, depositAmount: null });
    const { seats } = await attachSeatingPlan(fx.session.id, fx.venue.id, [{ row: "A", seats: 4, seatClass: "Standard" }]);
    const seat = (n: number) => seats[n - 1].id;
    const attendees = [1, 2].map((n) => ({ firstName: `Sat${n}`, lastName: "Seated", ticketTypeId: fx.ticketType.id, seatId: seat(n) }));
    const { booking } = await createBookingViaApi(fx.session.id, 2, bookingBody(fx.session.id, 2, { attendees }));
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    await blockSeats(fx.session.id, [seat(3), seat(4)]);
    expect(await sessionCounters(fx.session.id)).toMatchObject({ capacity: 4, placesBooked: 2, placesHeld: 0 });
    return { ...fx, seat };
  }

  const unblock = (sessionId: string, seatId: string) =>
    db().delete(sessionSeats).where(and(eq(sessionSeats.sessionId, sessionId), eq(sessionSeats.seatId, seatId), eq(sessionSeats.status, "blocked")));

  it("counts the places left of a session's one type on sale: its quota, not the session's capacity", async () => {
    const fx = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000, quota: 2 }, { name: "Crew", priceAmount: 0, visible: false }], { capacity: 10 });
    await createBookingViaApi(fx.session.id, 2, bookingBody(fx.session.id, 2, { attendees: [0, 1].map((i) => ({ firstName: "Ada", lastName: `Q${i}`, ticketTypeId: fx.types[0].id })) }));
    expect(await waitlistSessionFacts(db(), fx.session.id)).toMatchObject({ left: 0, severalTypes: false });
    // A hidden type is not offered on the join form either.
    expect((await waitlistSessionFacts(db(), fx.session.id))?.ticketTypes).toEqual([{ id: fx.types[0].id, name: "Adult" }]);
    const two = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000, quota: 2 }, { name: "Child", priceAmount: 1_000 }], { capacity: 10 });
    expect(await waitlistSessionFacts(db(), two.session.id)).toMatchObject({ left: 10, severalTypes: true });
  });

  it("takes a request to join: the places the counters leave have no seat to sell", async () => {
    const { session } = await blockedNight();
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ available: 0 });
    expect((await waitlistSessionFacts(db(), session.id))?.left).toBe(0);
    const entry = await join(session.id, 1);
    expect(entry).toMatchObject({ status: "waiting", places: 1 });
    // With a seat unblocked there is a place to book now, and joining is refused as for any session with room.
    const { session: other, seat } = await blockedNight();
    await unblock(other.id, seat(4));
    expect(await errorOf(join(other.id, 1))).toMatchObject({ code: "conflict", details: { reason: "places_available" } });
  });

  it("offers only places with a seat free to sell, by turn or by hand, and never the same seat twice", async () => {
    const admin = await staffSession("admin");
    const { session, ticketType, seat } = await blockedNight();
    const first = await join(session.id);
    const second = await join(session.id);
    const third = await join(session.id);

    expect(await offerWaitlistPlaces(db(), session.id)).toEqual([]);
    await sweepWaitlists(db());
    expect(await errorOf(offerPlacesByHand(db(), admin, third.id))).toMatchObject({ code: "insufficient_capacity", details: { available: 0 } });
    expect(await openOffers(session.id)).toEqual([]);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0 });

    // Staff unblock one seat: one place to offer, to the first in line. Its customer will need that seat, so later
    // runs, by turn or by hand, offer nothing more while the other seat stays blocked.
    await unblock(session.id, seat(4));
    const [offer] = await offerWaitlistPlaces(db(), session.id);
    expect(offer).toMatchObject({ entryId: first.id, places: 1 });
    await offerWaitlistPlaces(db(), session.id);
    await sweepWaitlists(db());
    expect(await errorOf(offerPlacesByHand(db(), admin, second.id))).toMatchObject({ code: "insufficient_capacity", details: { available: 0 } });
    expect((await openOffers(session.id)).map((o) => o.entryId)).toEqual([first.id]);
    expect(await getSessionAvailability(db(), session.id)).toMatchObject({ booked: 2, held: 1, available: 0 });

    // The place offered can be booked, in the seat kept for it.
    const body = bookingBody(session.id, 1, { attendees: [{ firstName: "Wait", lastName: "Listed", ticketTypeId: ticketType.id, seatId: seat(4) }] });
    const booked = await createBooking(db(), bookingRequestSchema(body).parse(body), { waitlistOfferId: offer.id, idempotencyKey: randomUUID() });
    expect(booked.bookingId).toEqual(expect.any(String));
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2, placesHeld: 1 });
  });
});

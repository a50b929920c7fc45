// Staff change a seated booking's seats, or move it with new seats to another seated session of the course: the
// customer's seat rules (class, wheelchair spaces, blocked seats), one transaction that writes nothing on a refusal,
// a seat sold once when ten staff race for it, tickets reissued, history, dashboard, webhook and email.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  auditLogs, creditNotes, outboundEvents, sessionSeats, ticketRevokedSecrets, ticketTypes, tickets,
  webhookDeliveries, type Booking,
} from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { amountOwed } from "@/lib/booking/balance";
import { changeBooking, type ChangeActor } from "@/lib/booking/change-booking";
import { seatChangeOptions } from "@/lib/booking/seat-change";
import { composeEmails } from "@/lib/email/compose";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { subscribeLive, type LiveEvent } from "@/lib/requirements/live";
import { createWebhookEndpoint, setWebhookEndpointEnabled } from "@/lib/webhooks/endpoints";
import { bookingBody, callGet, checkoutEvent, createBookingViaApi, db, errorOf, getBooking, postWebhook, rowCounts, sessionCounters } from "../fixtures";
import { clearJobs, eventually } from "../finance-fixtures";
import { actAs, pageText, staffSession } from "../next-request";
import { blockSeats, inventoryOf, seatRows } from "../seating-fixtures";
import { changesOf, concert, paidSeats, placesOf, secondNight } from "../staff-seat-fixtures";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

beforeAll(warmPdfPool);
beforeEach(clearJobs);

const desk: ChangeActor = { kind: "staff", email: "box-office@turnout.test", id: null };

async function apiAvailable(sessionId: string) {
  const { GET } = await import("@/app/api/v1/sessions/[id]/availability/route");
  return (await callGet(GET, `/api/v1/sessions/${sessionId}/availability`, { id: sessionId })).json.available as number;
}

const ticketsOfBooking = (bookingId: string) => db().select().from(tickets).where(eq(tickets.bookingId, bookingId));

/** Everything a refused change could have written. */
async function snapshot(b: Booking, sessionId: string) {
  return {
    counts: await rowCounts(),
    seats: (await seatRows(sessionId)).map(({ updatedAt: _u, ...r }) => r).sort((x, y) => x.seatId.localeCompare(y.seatId)),
    places: await placesOf(b.id),
    tickets: await ticketsOfBooking(b.id),
    changes: await changesOf(b.id),
    booking: await getBooking(b.id),
  };
}

describe("staff change a seated booking's seats", () => {
  it("moves one place to a free seat: the old seat goes back on sale, its ticket is reissued, the change is recorded and announced", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1", "E2"]);
    const [ann, bo] = await placesOf(b.id);
    const ticketsBefore = await ticketsOfBooking(b.id);
    const admin = await staffSession("admin");
    const hook = await createWebhookEndpoint(db(), { id: null, email: "test:staff-seats" },
      { url: "https://hooks.example/staff-seats", description: null, events: ["booking.changed"], receivesHealthData: false });
    const events: LiveEvent[] = [];
    const stop = await subscribeLive((e) => events.push(e));
    try {
      const result = await changeBooking(db(), {
        bookingId: b.id, actor: { kind: "staff", email: admin.email, id: admin.id }, change: {},
        seats: [{ attendeeId: ann.id, seatId: c.seat("F3").id }, { attendeeId: bo.id, seatId: "" }],
      });
      expect(result).toMatchObject({ refunded: 0, amountOwed: 0, checkoutUrl: null, priceChange: 0, changeIds: [expect.any(String)] });

      // The seat claims and places: Ann in F3, E1 free again, Bo unchanged; the counters do not move.
      const [annAfter, boAfter] = await placesOf(b.id);
      expect(annAfter.seatId).toBe(c.seat("F3").id);
      expect(boAfter.seatId).toBe(c.seat("E2").id);
      const claims = await seatRows(c.session.id);
      expect(claims.filter((r) => r.bookingId === b.id).map((r) => [r.seatId, r.attendeeId, r.status]).sort())
        .toEqual([[c.seat("F3").id, ann.id, "booked"], [c.seat("E2").id, bo.id, "booked"]].sort());
      expect(claims.some((r) => r.seatId === c.seat("E1").id)).toBe(false);
      expect(await sessionCounters(c.session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
      expect(await inventoryOf(c.session.id, c.standard.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });

      // Ann's ticket has a new code (the old one answers "revoked"); Bo's is as it was.
      const ticketsAfter = await ticketsOfBooking(b.id);
      const annTicket = ticketsAfter.find((t) => t.attendeeId === ann.id)!;
      const annOld = ticketsBefore.find((t) => t.attendeeId === ann.id)!;
      expect(annTicket).toMatchObject({ version: 2, sessionId: c.session.id });
      expect(annTicket.secretHash).not.toBe(annOld.secretHash);
      const [revoked] = await db().select().from(ticketRevokedSecrets).where(eq(ticketRevokedSecrets.ticketId, annTicket.id));
      expect(revoked).toMatchObject({ secretHash: annOld.secretHash, version: 1, revokedBy: admin.id });
      expect(ticketsAfter.find((t) => t.attendeeId === bo.id)).toEqual(ticketsBefore.find((t) => t.attendeeId === bo.id));

      // History (who, when, before and after), audit, webhook, dashboard, and the booker's email with the tickets.
      const [change] = await changesOf(b.id);
      expect(change).toMatchObject({
        action: "seats_changed", actorKind: "staff", actorEmail: admin.email,
        before: { attendees: [{ attendeeId: ann.id, firstName: "Sam1", lastName: "Seated", seat: "Stalls, row E, seat 1" }] },
        after: { attendees: [{ attendeeId: ann.id, firstName: "Sam1", lastName: "Seated", seat: "Stalls, row F, seat 3" }] },
      });
      const [audit] = await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, b.id), eq(auditLogs.action, "booking.seats_changed")));
      expect(audit).toMatchObject({ actorId: admin.id, actorEmail: admin.email });
      const [event] = await db().select({ type: outboundEvents.type, data: outboundEvents.data }).from(webhookDeliveries)
        .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
        .where(and(eq(webhookDeliveries.endpointId, hook.id), sql`${outboundEvents.data}->>'bookingId' = ${b.id}`));
      expect(event).toMatchObject({ type: "booking.changed", data: { bookingId: b.id, changes: ["seats_changed"] } });
      await eventually(async () => expect(events).toContainEqual({ type: "requirements-changed", sessionId: c.session.id }), 10_000);
      const [mail] = await composeEmails(db(), { kind: "booking-changed", changeId: change.id });
      expect(mail).toMatchObject({ to: b.contactEmail, subject: `Your booking ${b.reference} has changed` });
      const props = mail.body.props as { changes: string[]; attendees: string[] };
      expect(props.changes).toEqual(["Seats were changed"]);
      expect(props.attendees).toEqual(["Sam1 Seated · Standard · Stalls, row F, seat 3", "Sam2 Seated · Standard · Stalls, row E, seat 2"]);
      expect(mail.attachments.map((a) => a.filename)).toContain(`tickets-${b.reference}.pdf`);
    } finally {
      stop();
      await setWebhookEndpointEnabled(db(), { id: null, email: "test:staff-seats" }, hook.id, false);
    }
  });

  it("swaps two places of one booking", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1", "E2"]);
    const [ann, bo] = await placesOf(b.id);
    await changeBooking(db(), { bookingId: b.id, actor: desk, change: {}, seats: [{ attendeeId: ann.id, seatId: c.seat("E2").id }, { attendeeId: bo.id, seatId: c.seat("E1").id }] });
    expect((await placesOf(b.id)).map((a) => a.seatId)).toEqual([c.seat("E2").id, c.seat("E1").id]);
  });

  it("refuses a taken, blocked, wrong-class or wheelchair seat, and one not on the plan, writing nothing", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1"]);
    await paidSeats(c, ["E3"], { name: "Other" });
    await blockSeats(c.session.id, [c.seat("E4").id]);
    const [ann] = await placesOf(b.id);
    const before = await snapshot(b, c.session.id);
    const attempt = (seatId: string) => errorOf(changeBooking(db(), { bookingId: b.id, actor: desk, change: {}, seats: [{ attendeeId: ann.id, seatId }] }));

    expect(await attempt(c.seat("E3").id)).toMatchObject({
      code: "seat_unavailable", status: 409, message: expect.stringMatching(/^That seat was just taken/),
      details: { fields: { "seats.0.seatId": "Stalls, row E, seat 3 was just taken; choose another seat" } },
    });
    expect(await attempt(c.seat("E4").id)).toMatchObject({ code: "invalid_request", details: { fields: { "seats.0.seatId": expect.stringMatching(/not for sale/) } } });
    expect(await attempt(c.seat("A1").id)).toMatchObject({
      code: "invalid_request", details: { fields: { "seats.0.seatId": "Stalls, row A, seat 1 is a VIP seat; choose a seat for a Standard ticket" } },
    });
    expect(await attempt(c.seat("D1").id)).toMatchObject({ code: "invalid_request", details: { fields: { "seats.0.seatId": expect.stringMatching(/is a wheelchair space/) } } });
    expect(await attempt(c.vip.id)).toMatchObject({ code: "invalid_request", details: { fields: { "seats.0.seatId": "That seat is not part of this session's seating plan" } } });
    expect(await attempt(c.seat("E1").id)).toMatchObject({ code: "invalid_request", details: { fields: { "seats.0.seatId": expect.stringMatching(/already sits in Stalls, row E, seat 1/) } } });
    expect(await snapshot(b, c.session.id)).toEqual(before);
  });

  it("gives a wheelchair space to an attendee who asked for one", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1"], { needs: { 0: "access_wheelchair" } });
    const [ann] = await placesOf(b.id);
    await changeBooking(db(), { bookingId: b.id, actor: desk, change: {}, seats: [{ attendeeId: ann.id, seatId: c.seat("D1").id }] });
    expect((await placesOf(b.id))[0].seatId).toBe(c.seat("D1").id);
  });

  it("sells a seat once when ten staff requests for it arrive at once: one wins, nine are told it was taken", async () => {
    const c = await concert();
    const codes = ["E1", "E2", "E3", "E4", "E5", "F1", "F2", "F3", "F4", "F5"];
    const bookings = [];
    for (const [i, code] of codes.entries()) bookings.push(await paidSeats(c, [code], { name: `Racer${i}` }));
    const places = await Promise.all(bookings.map(async (b) => (await placesOf(b.id))[0]));
    const target = c.seat("D3").id;
    const outcomes = await Promise.allSettled(bookings.map((b, i) =>
      changeBooking(db(), { bookingId: b.id, actor: desk, change: {}, seats: [{ attendeeId: places[i].id, seatId: target }] })));

    const won = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [i] : []));
    expect(won).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "seat_unavailable", message: expect.stringMatching(/^That seat was just taken/) });
    }
    const claims = await seatRows(c.session.id);
    expect(claims.filter((r) => r.seatId === target)).toEqual([expect.objectContaining({ bookingId: bookings[won[0]].id, status: "booked" })]);
    // The nine others keep their seats and have no change recorded.
    for (const [i, b] of bookings.entries()) {
      const seatId = (await placesOf(b.id))[0].seatId;
      expect(seatId).toBe(i === won[0] ? target : c.seat(codes[i]).id);
      expect(claims.filter((r) => r.attendeeId === places[i].id).map((r) => r.seatId)).toEqual([seatId]);
      expect(await changesOf(b.id)).toHaveLength(i === won[0] ? 1 : 0);
    }
    expect(await sessionCounters(c.session.id)).toMatchObject({ placesBooked: 10, placesHeld: 0 });
  });
});

describe("staff move a seated booking to another seated session", () => {
  it("moves both places into chosen seats; a dearer night is owed through the balance checkout", async () => {
    const c = await concert();
    const night = await secondNight(c, 4_500);
    const b = await paidSeats(c, ["E1", "E2"]);
    const [ann, bo] = await placesOf(b.id);
    const result = await changeBooking(db(), {
      bookingId: b.id, actor: desk, change: { sessionId: night.session.id },
      seats: [{ attendeeId: ann.id, seatId: night.seat("K4").id }, { attendeeId: bo.id, seatId: night.seat("K5").id }],
    });
    expect(result).toMatchObject({ amountOwed: 2_000, refunded: 0, priceChange: 2_000, checkoutUrl: expect.any(String) });
    const after = (await getBooking(b.id))!;
    expect(after.sessionId).toBe(night.session.id);
    expect(amountOwed(after)).toBe(2_000);
    expect((await placesOf(b.id)).map((a) => [a.seatId, a.ticketTypeId, a.unitAmount]))
      .toEqual([[night.seat("K4").id, night.standard.id, 4_500], [night.seat("K5").id, night.standard.id, 4_500]]);
    expect((await seatRows(c.session.id)).filter((r) => r.bookingId === b.id)).toEqual([]);
    expect((await seatRows(night.session.id)).filter((r) => r.bookingId === b.id).map((r) => r.seatId).sort())
      .toEqual([night.seat("K4").id, night.seat("K5").id].sort());
    expect(await sessionCounters(c.session.id)).toMatchObject({ placesBooked: 0 });
    expect(await sessionCounters(night.session.id)).toMatchObject({ placesBooked: 2 });
    expect(await inventoryOf(night.session.id, night.standard.id)).toMatchObject({ placesBooked: 2 });
    expect((await ticketsOfBooking(b.id)).map((t) => [t.sessionId, t.version])).toEqual([[night.session.id, 2], [night.session.id, 2]]);
    const [change] = await changesOf(b.id);
    expect(change).toMatchObject({
      action: "moved", actorKind: "staff",
      before: { sessionId: c.session.id, attendees: [expect.objectContaining({ seat: "Stalls, row E, seat 1" }), expect.objectContaining({ seat: "Stalls, row E, seat 2" })] },
      after: { sessionId: night.session.id, difference: 2_000, attendees: [expect.objectContaining({ seat: "Stalls, row K, seat 4" }), expect.objectContaining({ seat: "Stalls, row K, seat 5" })] },
    });
  });

  it("a cheaper night refunds the difference with a credit note", async () => {
    const c = await concert();
    const night = await secondNight(c, 2_500);
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    const result = await changeBooking(db(), { bookingId: b.id, actor: desk, change: { sessionId: night.session.id }, seats: [{ attendeeId: ann.id, seatId: night.seat("K1").id }] });
    expect(result).toMatchObject({ refunded: 1_000, priceChange: -1_000, creditNoteNumber: expect.stringMatching(/^CN-/), amountOwed: 0 });
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.number, result.creditNoteNumber!));
    expect(note).toMatchObject({ refundAmount: 1_000 });
  });

  it("needs a suitable seat for every place on the new night, and writes nothing otherwise", async () => {
    const c = await concert();
    const night = await secondNight(c, 3_500);
    const b = await paidSeats(c, ["E1", "E2"]);
    const [ann, bo] = await placesOf(b.id);
    const before = { old: await snapshot(b, c.session.id), night: await seatRows(night.session.id), counters: await sessionCounters(night.session.id) };
    const move = (seats: { attendeeId: string; seatId: string }[]) => errorOf(changeBooking(db(), { bookingId: b.id, actor: desk, change: { sessionId: night.session.id }, seats }));
    expect(await move([{ attendeeId: ann.id, seatId: night.seat("K1").id }, { attendeeId: bo.id, seatId: "" }]))
      .toMatchObject({ code: "invalid_request", details: { fields: { "seats.1.seatId": "Choose a seat on the new session for Sam2 Seated" } } });
    expect(await move([{ attendeeId: ann.id, seatId: night.seat("K1").id }, { attendeeId: bo.id, seatId: night.seat("L1").id }]))
      .toMatchObject({ code: "invalid_request", details: { fields: { "seats.1.seatId": expect.stringMatching(/is a VIP seat/) } } });
    // A seat of the old night's plan is not on the new one.
    expect(await move([{ attendeeId: ann.id, seatId: night.seat("K1").id }, { attendeeId: bo.id, seatId: c.seat("E5").id }]))
      .toMatchObject({ code: "invalid_request", details: { fields: { "seats.1.seatId": "That seat is not part of this session's seating plan" } } });
    expect(await snapshot(b, c.session.id)).toEqual(before.old);
    expect(await seatRows(night.session.id)).toEqual(before.night);
    expect(await sessionCounters(night.session.id)).toEqual(before.counters);
  });

  it("a night without room reports the places left as the availability API counts them, blocked seats out", async () => {
    const c = await concert();
    const night = await secondNight(c, 3_500); // capacity 20, eight seats
    // One Standard ticket on sale there, and it is sold (K4); K1–K3 are blocked, so four seats are free to sell.
    await db().update(ticketTypes).set({ quota: 1 }).where(eq(ticketTypes.id, night.standard.id));
    const sold = await createBookingViaApi(night.session.id, 1, bookingBody(night.session.id, 1, {
      attendees: [{ firstName: "Kim", lastName: "Early", ticketTypeId: night.standard.id, seatId: night.seat("K4").id }],
    }));
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", sold.booking)))).status).toBe(200);
    await blockSeats(night.session.id, [night.seat("K1").id, night.seat("K2").id, night.seat("K3").id]);
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    const before = { seats: await seatRows(night.session.id), counters: await sessionCounters(night.session.id) };

    const refused = await errorOf(changeBooking(db(), { bookingId: b.id, actor: desk, change: { sessionId: night.session.id }, seats: [{ attendeeId: ann.id, seatId: night.seat("K5").id }] }));
    // Not the 19 the counters leave: K5, K6, L1 and L2 are the seats to sell (K5 counts although this refused move had claimed it).
    expect(refused).toMatchObject({ code: "insufficient_capacity", details: { available: 4, ticketTypeId: night.standard.id } });
    expect(await apiAvailable(night.session.id)).toBe(4);
    expect(await seatRows(night.session.id)).toEqual(before.seats);
    expect(await sessionCounters(night.session.id)).toEqual(before.counters);
  });

  it("customers are still sent to staff for a seated booking", async () => {
    const c = await concert();
    const night = await secondNight(c, 3_500);
    const b = await paidSeats(c, ["E1"]);
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: { kind: "booker", email: b.contactEmail }, change: { sessionId: night.session.id } })))
      .toMatchObject({ code: "change_not_allowed", message: "Bookings with reserved seats are moved, and seats changed, by staff: contact us." });
    const [ann] = await placesOf(b.id);
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: { kind: "booker", email: b.contactEmail }, change: {}, seats: [{ attendeeId: ann.id, seatId: c.seat("E2").id }] })))
      .toMatchObject({ code: "forbidden" });
  });
});

describe("the staff action", () => {
  it("answers field errors for bad input, 403 to door staff, and changes the seat for admin", async () => {
    const { changeBookingSeatsAction } = await import("@/app/admin/bookings/actions");
    const c = await concert();
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);

    actAs(await staffSession("door"));
    expect(await changeBookingSeatsAction({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F1").id }] }))
      .toMatchObject({ ok: false, code: "forbidden" });

    actAs(await staffSession("admin"));
    expect(await changeBookingSeatsAction({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: "" }] }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { seats: "Choose a new seat for at least one place" } });
    expect(await changeBookingSeatsAction({ bookingId: b.id, sessionId: "tomorrow", seats: [{ attendeeId: ann.id, seatId: "F1" }] }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { sessionId: "Choose a session", "seats.0.seatId": "Choose a seat from the list" } });
    expect(await changeBookingSeatsAction({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: c.standard.id, seatId: c.seat("F1").id }] }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { "seats.0.attendeeId": "This place is not on the booking" } });
    expect(await changeBookingSeatsAction({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F1").id }] }))
      .toMatchObject({ ok: true, data: { moved: false } });
    expect((await placesOf(b.id))[0].seatId).toBe(c.seat("F1").id);
    expect(await db().select().from(sessionSeats).where(and(eq(sessionSeats.sessionId, c.session.id), inArray(sessionSeats.seatId, [c.seat("E1").id])))).toEqual([]);
  });
});

describe("places left as staff see them", () => {
  it("the seat picker's other sessions count blocked seats out, as the availability API does", async () => {
    const c = await concert();
    const night = await secondNight(c, 3_500); // capacity 20, eight seats
    await blockSeats(night.session.id, [night.seat("K1").id, night.seat("K2").id]);
    const b = await paidSeats(c, ["E1"]);
    const options = (await seatChangeOptions(db(), (await getBookingDetail(db(), b.id))!))!;
    const other = options.sessions.find((s) => s.id === night.session.id)!;
    expect(await apiAvailable(night.session.id)).toBe(6);
    expect(other.left).toBe(6);
  });

  it("the session page shows the places left the availability API answers, blocked seats not for sale", async () => {
    const c = await concert();
    await blockSeats(c.session.id, [c.seat("A1").id, c.seat("A2").id, c.seat("A3").id]);
    await paidSeats(c, ["E1", "E2"]);
    expect(await apiAvailable(c.session.id)).toBe(20); // 25 seats, 3 blocked, 2 sold
    actAs(await staffSession("admin"), `/admin/sessions/${c.session.id}`);
    const { default: SessionAdminPage } = await import("@/app/admin/sessions/[id]/page");
    const text = pageText(await SessionAdminPage({ params: Promise.resolve({ id: c.session.id }) }));
    expect(text).toContain("2 booked, 0 held");
    expect(text).toContain("20 places left to book");
  });
});

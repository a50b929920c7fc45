// Lapsed holds give their places back: through maintenance, through a new booking that needs them, and in
// the availability the API reports even before either runs.
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { paymentLogs } from "@/db/schema";
import { GET as getAvailability } from "@/app/api/v1/sessions/[id]/availability/route";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { runMaintenance } from "@/lib/maintenance";
import { paymentProvider, setPaymentProviderForTests } from "@/lib/payments/provider";
import {
  bookingBody, callGet, createBookingViaApi, createSessionFixture, db, getBooking, lapseHold, pendingAttendeeSum,
  postBooking, sessionCounters,
} from "../fixtures";

/** The session's counts, leaving out the per-type breakdown (its one default type mirrors them). */
const availability = (sessionId: string) =>
  callGet(getAvailability, `/api/v1/sessions/${sessionId}/availability`, { id: sessionId })
    .then((r) => { const { ticketTypes: _types, ...counts } = r.json; return counts; });

describe("releasing lapsed holds", () => {
  it("expires the booking and frees its places when maintenance runs", async () => {
    const { session } = await createSessionFixture({ capacity: 5 });
    const { booking } = await createBookingViaApi(session.id, 3);
    expect(await availability(session.id)).toMatchObject({ held: 3, available: 2 });

    await lapseHold(booking.id);
    const result = await runMaintenance(db());
    expect(result.released).toBeGreaterThanOrEqual(1);

    expect(await getBooking(booking.id)).toMatchObject({
      status: "expired", statusReason: "hold_expired", releasedAt: expect.any(Date),
    });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 5, placesBooked: 0, placesHeld: 0 });
    expect(await availability(session.id)).toEqual({ sessionId: session.id, capacity: 5, booked: 0, held: 0, notForSale: 0, available: 5 });
    const logs = await db().select().from(paymentLogs).where(eq(paymentLogs.bookingId, booking.id));
    expect(logs.map((l) => l.type).sort()).toEqual(["hold_created", "hold_expired"]);
    // Staff read the log on the booking's page: plain words, not placeholders.
    expect(logs.map((l) => l.message).sort()).toEqual([`Hold expired; 3 places released`, expect.stringMatching(/^Holding 3 places for \d+ minutes$/)]);
  });

  it("leaves holds that have not lapsed alone", async () => {
    const { session } = await createSessionFixture({ capacity: 5 });
    const { booking } = await createBookingViaApi(session.id, 2);
    await runMaintenance(db());
    expect(await getBooking(booking.id)).toMatchObject({ status: "pending" });
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 2 });
  });

  it("closes the provider checkout of each booking it expires", async () => {
    const { session } = await createSessionFixture({ capacity: 5 });
    const { booking } = await createBookingViaApi(session.id, 1);
    await lapseHold(booking.id);
    const real = paymentProvider();
    const expireCheckout = vi.fn(async () => {});
    setPaymentProviderForTests({ name: real.name, createCheckout: real.createCheckout, refund: real.refund, expireCheckout });
    try {
      await runMaintenance(db());
    } finally {
      setPaymentProviderForTests(undefined);
    }
    expect(expireCheckout).toHaveBeenCalledWith(booking.checkoutSessionId);
  });

  it("scopes releaseExpiredHolds to one session when asked", async () => {
    const a = await createSessionFixture({ capacity: 5 });
    const b = await createSessionFixture({ capacity: 5 });
    const inA = await createBookingViaApi(a.session.id, 1);
    const inB = await createBookingViaApi(b.session.id, 1);
    await lapseHold(inA.booking.id);
    await lapseHold(inB.booking.id);

    const released = await db().transaction((tx) => releaseExpiredHolds(tx, { sessionId: a.session.id }));
    expect(released.map((r) => r.id)).toEqual([inA.booking.id]);
    expect(await getBooking(inB.booking.id)).toMatchObject({ status: "pending" });
    expect(await sessionCounters(b.session.id)).toMatchObject({ placesHeld: 1 });
    await runMaintenance(db());
  });

  it("releases each lapsed hold exactly once when sweepers run concurrently", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const made = [];
    for (let i = 0; i < 6; i++) made.push((await createBookingViaApi(session.id, 1)).booking);
    for (const b of made) await lapseHold(b.id);

    await Promise.all(Array.from({ length: 5 }, () => runMaintenance(db())));

    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 0, placesHeld: 0 });
    for (const b of made) {
      expect(await getBooking(b.id)).toMatchObject({ status: "expired" });
      const expiries = await db().select().from(paymentLogs).where(eq(paymentLogs.bookingId, b.id));
      expect(expiries.filter((l) => l.type === "hold_expired")).toHaveLength(1);
    }
  });
});

describe("lapsed holds before maintenance runs", () => {
  it("no longer count in the availability the API reports", async () => {
    const { session } = await createSessionFixture({ capacity: 5, placesBooked: 1 });
    const { booking } = await createBookingViaApi(session.id, 3);
    await lapseHold(booking.id);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 3 });
    expect(await availability(session.id)).toEqual({ sessionId: session.id, capacity: 5, booked: 1, held: 0, notForSale: 0, available: 4 });
    await runMaintenance(db());
  });

  it("are released by a new booking that needs their places", async () => {
    const { session } = await createSessionFixture({ capacity: 4 });
    const { booking: walkedAway } = await createBookingViaApi(session.id, 4);
    const blocked = await postBooking(bookingBody(session.id, 1));
    expect(blocked.status).toBe(409);

    await lapseHold(walkedAway.id);
    const res = await postBooking(bookingBody(session.id, 4));
    expect(res.status).toBe(201);

    expect(await getBooking(walkedAway.id)).toMatchObject({ status: "expired", statusReason: "hold_expired" });
    expect(await getBooking(res.json.bookingId)).toMatchObject({ status: "pending", attendeeCount: 4 });
    const counters = await sessionCounters(session.id);
    expect(counters).toEqual({ capacity: 4, placesBooked: 0, placesHeld: 4 });
    expect(await pendingAttendeeSum(session.id)).toBe(4);
  });
});

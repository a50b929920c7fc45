// Ticket types: quotas enforced by the database under concurrency, sale windows and limits checked with a
// field error per attendee, holds released per type, and each place invoiced at its type's price.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { bookingAttendees, ticketTypeInventory, ticketTypes } from "@/db/schema";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { pgErrorOf } from "@/db/pg-error";
import {
  bookingBody, checkoutEvent, createBookingViaApi, createSessionFixture, db, lapseHold, postBooking, postWebhook, rowCounts, sessionCounters,
} from "../fixtures";
import { invoiceOf } from "../finance-fixtures";
import { attendeesPerType, createTypedSessionFixture, inventoryOf } from "../seating-fixtures";

const DAY = 86_400_000;

function typed(sessionId: string, typeIds: string[], i = 0) {
  return bookingBody(sessionId, typeIds.length, {
    contact: { name: `Buyer ${i}`, email: `buyer${i}@example.com`, phone: "+44 20 7946 0004" },
    attendees: typeIds.map((ticketTypeId, j) => ({ firstName: `Buyer${i}`, lastName: `Guest${j + 1}`, ticketTypeId })),
  });
}

describe("quotas under contention", () => {
  it("200 concurrent bookings across two small quotas: no quota exceeded, counts match the places", async () => {
    const fx = await createTypedSessionFixture([
      { name: "Adult", priceAmount: 2_000, quota: 15 },
      { name: "Child", priceAmount: 1_000, quota: 10 },
    ], { capacity: 100 });
    const [adult, child] = fx.types;
    const requests = Array.from({ length: 200 }, (_, i) => {
      const ids = i % 5 === 0 ? [adult.id, child.id] : i % 2 === 0 ? [adult.id] : [child.id, child.id];
      return typed(fx.session.id, ids, i);
    });
    const responses = await Promise.all(requests.map((b) => postBooking(b)));
    for (const r of responses) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) expect(r.json.error.code).toBe("insufficient_capacity");
    }
    const perType = await attendeesPerType(fx.session.id, "pending");
    expect(perType[adult.id] ?? 0).toBeLessThanOrEqual(15);
    expect(perType[child.id] ?? 0).toBeLessThanOrEqual(10);
    // Demand far exceeds supply, so both quotas are used up exactly (all single-type requests for adults fit one by one).
    expect(perType[adult.id]).toBe(15);
    expect((await inventoryOf(fx.session.id, adult.id)).placesHeld).toBe(perType[adult.id]);
    expect((await inventoryOf(fx.session.id, child.id)).placesHeld).toBe(perType[child.id] ?? 0);
    const counters = await sessionCounters(fx.session.id);
    expect(counters.placesHeld).toBe((perType[adult.id] ?? 0) + (perType[child.id] ?? 0));
  });

  it("the session's capacity still caps the total across types", async () => {
    const fx = await createTypedSessionFixture([
      { name: "Adult", priceAmount: 2_000, quota: 10 },
      { name: "Child", priceAmount: 1_000, quota: 10 },
    ], { capacity: 12 });
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => postBooking(typed(fx.session.id, [fx.types[i % 2].id], i))));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(12);
    expect(await sessionCounters(fx.session.id)).toMatchObject({ placesHeld: 12, capacity: 12 });
  });

  it("the database refuses places beyond a quota even without the code's check", async () => {
    const fx = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000, quota: 2 }]);
    const write = db().insert(ticketTypeInventory).values({ sessionId: fx.session.id, ticketTypeId: fx.types[0].id, quota: 2, placesHeld: 3 });
    expect(await write.then(() => null, (err) => pgErrorOf(err)?.constraint)).toBe("ticket_type_inventory_within_quota");
  });

  it("names the type and how many are left when its quota is short", async () => {
    const fx = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000 }, { name: "Child", priceAmount: 1_000, quota: 2 }]);
    const [adult, child] = fx.types;
    await createBookingViaApi(fx.session.id, 1, typed(fx.session.id, [child.id]));
    const before = await rowCounts();
    const res = await postBooking(typed(fx.session.id, [adult.id, child.id, child.id], 7));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "insufficient_capacity", available: 1, ticketTypeId: child.id });
    expect(res.json.error.fields["attendees.1.ticketTypeId"]).toBe("Only 1 Child ticket is left");
    expect(await rowCounts()).toEqual(before);
  });
});

describe("holds per type", () => {
  it("a lapsed hold gives back its places of each type", async () => {
    const fx = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000, quota: 3 }, { name: "Child", priceAmount: 1_000, quota: 3 }]);
    const [adult, child] = fx.types;
    const { booking } = await createBookingViaApi(fx.session.id, 3, typed(fx.session.id, [adult.id, adult.id, child.id]));
    expect(await inventoryOf(fx.session.id, adult.id)).toMatchObject({ placesHeld: 2 });
    await lapseHold(booking.id);
    await db().transaction((tx) => releaseExpiredHolds(tx));
    expect(await inventoryOf(fx.session.id, adult.id)).toMatchObject({ placesHeld: 0, placesBooked: 0 });
    expect(await inventoryOf(fx.session.id, child.id)).toMatchObject({ placesHeld: 0, placesBooked: 0 });
    expect(await sessionCounters(fx.session.id)).toMatchObject({ placesHeld: 0 });
    // The whole quota is on sale again.
    expect((await postBooking(typed(fx.session.id, [adult.id, adult.id, adult.id], 2))).status).toBe(201);
  });
});

describe("sale windows, visibility and per-booking limits", () => {
  const cases: [string, Parameters<typeof createTypedSessionFixture>[0][number], number, RegExp][] = [
    ["not on sale yet", { name: "Early", priceAmount: 1_000, onSaleFrom: new Date(Date.now() + DAY) }, 1, /Early tickets are not on sale yet/],
    ["no longer on sale", { name: "Early", priceAmount: 1_000, onSaleUntil: new Date(Date.now() - DAY) }, 1, /Early tickets are no longer on sale/],
    ["retired", { name: "Old", priceAmount: 1_000, retiredAt: new Date() }, 1, /Old tickets are no longer sold/],
    ["hidden", { name: "Secret", priceAmount: 1_000, visible: false }, 1, /not sold for this session/],
    ["above its maximum per booking", { name: "Pair", priceAmount: 1_000, maxPerBooking: 2 }, 3, /At most 2 Pair tickets per booking/],
    ["below its minimum per booking", { name: "Group", priceAmount: 1_000, minPerBooking: 4 }, 2, /At least 4 Group tickets per booking/],
  ];
  it.each(cases)("refuses a type %s, naming the attendee, writing nothing", async (_name, spec, count, message) => {
    const fx = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000 }, spec]);
    const before = await rowCounts();
    const res = await postBooking(typed(fx.session.id, Array.from({ length: count }, () => fx.types[1].id)));
    expect(res.status).toBe(400);
    expect(res.json.error.fields["attendees.0.ticketTypeId"]).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a type of another course and asks for a type when the session sells several", async () => {
    const fx = await createTypedSessionFixture([{ name: "Adult", priceAmount: 2_000 }, { name: "Child", priceAmount: 1_000 }]);
    const other = await createSessionFixture();
    const res = await postBooking(typed(fx.session.id, [other.ticketType.id]));
    expect(res.status).toBe(400);
    expect(res.json.error.fields["attendees.0.ticketTypeId"]).toMatch(/not sold for this session/);
    const untyped = await postBooking(bookingBody(fx.session.id, 2));
    expect(untyped.status).toBe(400);
    expect(untyped.json.error.fields).toMatchObject({ "attendees.0.ticketTypeId": "Choose a ticket type", "attendees.1.ticketTypeId": "Choose a ticket type" });
  });
});

describe("prices per type", () => {
  it("charges each place at its type's price and invoices one line per type and price", async () => {
    const fx = await createTypedSessionFixture([
      { name: "Adult", priceAmount: 2_000, depositAmount: 500 },
      { name: "Concession", priceAmount: 1_200 },
    ], { startsInDays: 40 });
    const [adult, concession] = fx.types;
    const { created, booking } = await createBookingViaApi(fx.session.id, 3, typed(fx.session.id, [adult.id, concession.id, adult.id]));
    expect(created).toMatchObject({ totalAmount: 5_200, amountDue: 5_200 });
    expect(booking.unitAmount).toBeNull();
    const places = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    expect(places.map((p) => [p.position, p.unitAmount]).sort()).toEqual([[1, 2_000], [2, 1_200], [3, 2_000]]);

    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const invoice = (await invoiceOf(booking.id))!;
    expect(invoice.totalAmount).toBe(5_200);
    expect(invoice.lines.map((l) => [l.description, l.quantity, l.unitAmount, l.amount])).toEqual([
      [`${fx.course.title} — Adult`, 2, 2_000, 4_000],
      [`${fx.course.title} — Concession`, 1, 1_200, 1_200],
    ]);
    expect(await inventoryOf(fx.session.id, adult.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });

    // A later price change does not touch places already sold.
    await db().update(ticketTypes).set({ priceAmount: 9_999 }).where(eq(ticketTypes.id, adult.id));
    const after = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    expect(after.filter((p) => p.ticketTypeId === adult.id).every((p) => p.unitAmount === 2_000)).toBe(true);
  });

  it("a deposit covers types with one and charges the others in full", async () => {
    const fx = await createTypedSessionFixture([
      { name: "Adult", priceAmount: 2_000, depositAmount: 500 },
      { name: "Concession", priceAmount: 1_200 },
    ], { startsInDays: 40 });
    const body = { ...typed(fx.session.id, [fx.types[0].id, fx.types[1].id]), paymentOption: "deposit" };
    const { created } = await createBookingViaApi(fx.session.id, 2, body);
    expect(created).toMatchObject({ totalAmount: 3_200, amountDue: 1_700 });
  });

  it("a course with its one default type books and invoices as before", async () => {
    const fx = await createSessionFixture({ priceAmount: 12_000 });
    const { created, booking } = await createBookingViaApi(fx.session.id, 2);
    expect(created.totalAmount).toBe(24_000);
    expect(booking.unitAmount).toBe(12_000);
    const places = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    expect(places.every((p) => p.ticketTypeId === fx.ticketType.id && p.unitAmount === 12_000)).toBe(true);
  });
});

describe("checkout lines for mixed prices", () => {
  it("asks the provider for whole minor units when the places' prices do not divide evenly", async () => {
    const { paymentProvider, setPaymentProviderForTests } = await import("@/lib/payments/provider");
    const real = paymentProvider();
    const seen: { unitAmount: number; quantity: number }[][] = [];
    setPaymentProviderForTests({ ...real, createCheckout: (req) => { seen.push(req.lines); return real.createCheckout(req); } });
    try {
      const fx = await createTypedSessionFixture([
        { name: "Adult", priceAmount: 2_000, quota: 10 },
        { name: "Concession", priceAmount: 1_499, quota: 10 },
      ], { capacity: 20 });
      const even = await postBooking(typed(fx.session.id, [fx.types[0].id, fx.types[0].id], 1));
      const mixed = await postBooking(typed(fx.session.id, [fx.types[0].id, fx.types[1].id], 2));
      expect([even.status, mixed.status]).toEqual([201, 201]);
      expect(seen[0]).toEqual([expect.objectContaining({ unitAmount: 2_000, quantity: 2 })]);
      expect(seen[1]).toEqual([expect.objectContaining({ unitAmount: 3_499, quantity: 1 })]);
      for (const line of seen.flat()) expect(Number.isInteger(line.unitAmount)).toBe(true);
    } finally {
      setPaymentProviderForTests(undefined);
    }
  });
});

// Booking spans of time slots: availability, prices, every bad span refused with nothing written, slot
// capacity held by the database under 200 concurrent overlapping bookings, payment and release of holds.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { updateSession } from "@/lib/catalog/sessions";
import { resetEnvForTests } from "@/lib/env";
import { calendarDayText } from "@/lib/slots/span";
import { invoiceOf } from "../finance-fixtures";
import { checkoutEvent, db, getBooking, lapseHold, postWebhook, rowCounts, sessionCounters } from "../fixtures";
import {
  at, bookingsOfCourse, closeDay, createSlotOfferingFixture, futureDate, getAvailability, placesBySlot, postSlotBooking, slotDayOf, slotRows,
} from "../slot-fixtures";

describe("GET /api/v1/availability/{offeringId}", () => {
  it("lists the day's slots with their rate and free places, and a closed day with its reason", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 6 });
    const date = futureDate(venue.timeZone);
    const res = await getAvailability(course.id, date);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      offeringId: course.id, date, timeZone: "Europe/London", reason: null,
      openingHours: [{ open: "07:00", close: "19:00" }],
      pricing: { standardRateAmount: 800, peakRateAmount: 1200, currency: "GBP" },
    });
    expect(res.json.slots).toHaveLength(12);
    expect(res.json.slots[0]).toEqual({
      start: new Date(at(date, "07:00")).toISOString(), end: new Date(at(date, "08:00")).toISOString(),
      localStart: "07:00", localEnd: "08:00", available: 6, rateAmount: 1200, peak: true,
    });
    expect(res.json.slots.filter((s: { peak: boolean }) => s.peak).map((s: { localStart: string }) => s.localStart)).toEqual(["07:00", "08:00", "16:00", "17:00"]);

    const booked = await postSlotBooking(course.id, at(date, "09:00"), at(date, "11:00"), 2);
    expect(booked.status).toBe(201);
    const after = await getAvailability(course.id, date);
    expect(after.json.slots.map((s: { available: number }) => s.available)).toEqual([6, 6, 4, 4, 6, 6, 6, 6, 6, 6, 6, 6]);

    const closed = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    await closeDay(venue.id, closed, "Public holiday");
    const none = await getAvailability(course.id, closed);
    // A sentence the wizard shows as it is: the staff's reason, said to be a closure.
    expect(none.json).toMatchObject({ reason: "Closed on this date: Public holiday", openingHours: [], slots: [] });
  });

  it("answers 404 for an unknown offering and 400 for a bad date", async () => {
    const { course } = await createSlotOfferingFixture();
    expect((await getAvailability("00000000-0000-4000-8000-000000000000", "2030-01-01")).status).toBe(404);
    const bad = await getAvailability(course.id, "2030-02-30");
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({ date: "Give a date as YYYY-MM-DD" });
  });
});

describe("GET /api/v1/availability/{offeringId} through the public listing cache", () => {
  it("lets free places lag for the cache period, says so to shared caches, and booking still checks the database", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 2 });
    const date = futureDate(venue.timeZone);
    const tenOClock = async () => {
      const res = await getAvailability(course.id, date);
      return res.json.slots.find((s: { localStart: string }) => s.localStart === "10:00").available;
    };
    process.env.CATALOGUE_CACHE_SECONDS = "60";
    resetEnvForTests();
    try {
      const first = await getAvailability(course.id, date);
      expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=60");
      expect(await tenOClock()).toBe(2);
      expect((await postSlotBooking(course.id, at(date, "10:00"), at(date, "11:00"), 2)).status).toBe(201);
      // Within the period: the answer read before the booking.
      expect(await tenOClock()).toBe(2);
      // The booking step reads the slots in the database: 10:00 is full.
      const refused = await postSlotBooking(course.id, at(date, "09:00"), at(date, "11:00"), 1);
      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({ code: "insufficient_capacity", available: 0 });
    } finally {
      process.env.CATALOGUE_CACHE_SECONDS = "0";
      resetEnvForTests();
    }
    const live = await getAvailability(course.id, date);
    expect(live.headers.get("cache-control")).toBe("no-store");
    expect(await tenOClock()).toBe(0);
  });
});

describe("POST /api/v1/bookings with offeringId, startsAt and endsAt", () => {
  it("books two children 09:00–17:00: one place per child in every slot, priced slot by slot", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const res = await postSlotBooking(course.id, at(date, "09:00"), at(date, "17:00"), 2);
    expect(res.status).toBe(201);
    // 7 standard hours at £8 and 16:00–17:00 at the £12 peak rate, per child.
    expect(res.json).toMatchObject({ totalAmount: 2 * (7 * 800 + 1200), amountDue: 2 * 6800, currency: "GBP", status: "pending" });
    const booking = (await getBooking(res.json.bookingId))!;
    expect(booking.spanStartsAt!.toISOString()).toBe(new Date(at(date, "09:00")).toISOString());
    expect(booking.spanPrice).toEqual({ slotMinutes: 60, lines: [
      { kind: "standard", slots: 7, rateAmount: 800, ranges: ["09:00–16:00"] },
      { kind: "peak", slots: 1, rateAmount: 1200, ranges: ["16:00–17:00"] },
    ] });
    const slots = await slotRows(course.id);
    expect(slots.map((s) => [s.startsAt.toISOString(), s.placesHeld])).toEqual(
      Array.from({ length: 8 }, (_, i) => [new Date(at(date, `${String(9 + i).padStart(2, "0")}:00`)).toISOString(), 2]));
    const day = (await slotDayOf(course.id, date))!;
    expect(day.id).toBe(booking.sessionId);
    expect(day.capacity).toBe(10 * 12);
    expect(await sessionCounters(day.id)).toMatchObject({ placesHeld: 2, placesBooked: 0 });

    // Paid: held places become booked, slot by slot.
    const paid = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    expect(paid.status).toBe(200);
    expect((await getBooking(booking.id))!.status).toBe("confirmed");
    expect((await slotRows(course.id)).every((s) => s.placesBooked === 2 && s.placesHeld === 0)).toBe(true);
    expect(await sessionCounters(day.id)).toMatchObject({ placesHeld: 0, placesBooked: 2 });

    // The invoice shows how the price was made up: standard and peak hours on lines of their own.
    const invoice = (await invoiceOf(booking.id))!;
    expect(invoice.totalAmount).toBe(13_600);
    expect(invoice.supplyDate.toISOString()).toBe(new Date(at(date, "09:00")).toISOString());
    expect(invoice.lines.map(({ description, quantity, unitAmount, amount }) => ({ description, quantity, unitAmount, amount }))).toEqual([
      { description: `${course.title} — Standard hours 09:00–16:00`, quantity: 14, unitAmount: 800, amount: 11_200 },
      { description: `${course.title} — Peak hours 16:00–17:00`, quantity: 2, unitAmount: 1200, amount: 2400 },
    ]);
    expect(invoice.lines[0].detail).toMatch(/^7 × 1 h × 2 people · .*09:00.*17:00.* · for Attendee1 Tester, Attendee2 Tester$/);
  });

  it("gives a lapsed hold's slots back, and a session id of a slot day is refused", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 3 });
    const date = futureDate(venue.timeZone);
    const first = await postSlotBooking(course.id, at(date, "10:00"), at(date, "12:00"), 3);
    expect(first.status).toBe(201);
    // The slots are full, but a lapsed hold is released and its places taken by the next booking.
    await lapseHold(first.json.bookingId);
    const second = await postSlotBooking(course.id, at(date, "11:00"), at(date, "13:00"), 3);
    expect(second.status).toBe(201);
    expect((await getBooking(first.json.bookingId))!.status).toBe("expired");
    expect((await slotRows(course.id)).map((s) => s.placesHeld)).toEqual([0, 3, 3]);
    await lapseHold(second.json.bookingId);
    await db().transaction((tx) => releaseExpiredHolds(tx));
    expect((await slotRows(course.id)).map((s) => s.placesHeld)).toEqual([0, 0, 0]);

    const day = (await slotDayOf(course.id, date))!;
    const direct = await import("../fixtures").then((f) => f.postBooking(f.bookingBody(day.id, 1)));
    expect(direct.status).toBe(400);
    expect(direct.json.error.fields).toEqual({ sessionId: "Book this offering with offeringId, startsAt and endsAt" });
  });

  it("refuses every bad span with 400 and field errors, and writes nothing", async () => {
    const { course, venue } = await createSlotOfferingFixture({ minSpanMinutes: 120, maxSpanMinutes: 480, bookAheadDays: 60 });
    const date = futureDate(venue.timeZone);
    const closed = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    const short = DateTime.fromISO(date).plus({ days: 2 }).toISODate()!;
    await closeDay(venue.id, closed, "Staff training day");
    await closeDay(venue.id, short, "Closing early", { opensAt: 9 * 60, closesAt: 13 * 60 });
    const past = DateTime.now().setZone(venue.timeZone).minus({ days: 1 }).toISODate()!;
    const far = DateTime.now().setZone(venue.timeZone).plus({ days: 70 }).toISODate()!;
    const before = await rowCounts();
    const cases: [string, string, string, Record<string, string>][] = [
      [date, "05:00", "08:00", { startsAt: `Open 07:00–19:00 on ${date}` }],
      [date, "17:00", "20:00", { endsAt: `Open 07:00–19:00 on ${date}` }],
      [closed, "09:00", "12:00", { startsAt: `Closed on ${calendarDayText(closed)}: Staff training day` }],
      [date, "09:30", "12:00", { startsAt: "Start at the beginning of a 60-minute slot" }],
      [date, "09:00", "11:45", { endsAt: "End at the end of a 60-minute slot" }],
      [date, "09:00", "10:00", { endsAt: "Book at least 2 hours" }],
      [date, "07:00", "17:00", { endsAt: "Book at most 8 hours" }],
      [date, "12:00", "10:00", { endsAt: "The end time must be after the start time" }],
      [past, "09:00", "12:00", { startsAt: "That time is in the past" }],
      [far, "09:00", "12:00", { startsAt: expect.stringMatching(/^Bookings open 60 days ahead/) as unknown as string }],
      [short, "09:00", "15:00", { endsAt: `Open 09:00–13:00 on ${short}` }],
    ];
    for (const [day, from, to, fields] of cases) {
      const res = await postSlotBooking(course.id, at(day, from), at(day, to), 2);
      expect(res.status, `${day} ${from}–${to}`).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
      expect(res.json.error.fields).toEqual(fields);
    }
    // The day picker says which date is the last that can be booked.
    const lastDate = DateTime.now().setZone(venue.timeZone).plus({ days: 60 }).toISODate()!;
    expect((await getAvailability(course.id, far)).json.reason)
      .toBe(`Bookings open 60 days ahead: the last date you can book now is ${calendarDayText(lastDate)}`);
    const malformed = await postSlotBooking(course.id, "tomorrow at nine", at(date, "12:00"), 1);
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.json.error.fields)).toEqual(["startsAt"]);
    const unknown = await postSlotBooking("00000000-0000-4000-8000-000000000000", at(date, "09:00"), at(date, "12:00"), 1);
    expect(unknown.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    expect(await slotDayOf(course.id, date)).toBeNull();
    expect(await slotRows(course.id)).toEqual([]);
  });

  it("answers 409 naming the full slot and writes nothing", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 4 });
    const date = futureDate(venue.timeZone);
    expect((await postSlotBooking(course.id, at(date, "12:00"), at(date, "13:00"), 3)).status).toBe(201);
    const before = await rowCounts();
    const slotsBefore = await slotRows(course.id);
    const res = await postSlotBooking(course.id, at(date, "10:00"), at(date, "14:00"), 2);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: "insufficient_capacity", available: 1,
      slot: { startsAt: new Date(at(date, "12:00")).toISOString(), localStart: "12:00", localEnd: "13:00", date },
      message: `The 12:00–13:00 slot on ${calendarDayText(date)} has only 1 place left for 2 people.`,
    });
    expect(await rowCounts()).toEqual(before);
    expect(await slotRows(course.id)).toEqual(slotsBefore);
  });
});

describe("200 concurrent bookings of overlapping spans, 10 places per slot", () => {
  it("never fills a slot above capacity, and each booking takes all its slots or none", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 10 });
    const date = futureDate(venue.timeZone, 4);
    // Deterministic spread: starts 07:00–16:00, 1 to 4 hours, 1 or 2 people; about 600 places asked for 120.
    const requests = Array.from({ length: 200 }, (_, i) => {
      const start = 7 + ((i * 7) % 10);
      const hours = 1 + ((i * 3) % 4);
      const end = Math.min(19, start + hours);
      return { from: `${String(start).padStart(2, "0")}:00`, to: `${String(end).padStart(2, "0")}:00`, people: 1 + (i % 2) };
    });
    const responses = await Promise.all(requests.map((r, i) =>
      postSlotBooking(course.id, at(date, r.from), at(date, r.to), r.people, {
        contact: { name: `Parent ${i}`, email: `parent${i}@example.com`, phone: "+44 20 7946 0003" },
      })));

    for (const r of responses) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) {
        expect(r.json.error.code).toBe("insufficient_capacity");
        expect(r.json.error.slot.startsAt).toEqual(expect.any(String));
      }
    }
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(10);
    expect(responses.filter((r) => r.status === 409).length).toBeGreaterThan(50);

    const slots = await slotRows(course.id);
    for (const s of slots) expect(s.placesBooked + s.placesHeld).toBeLessThanOrEqual(10);
    // Every slot's held count is exactly the places of the pending bookings whose span covers it: no booking
    // holds part of its span, and no refused booking left anything behind.
    const held = await placesBySlot(course.id, "pending");
    for (const s of slots) expect(s.placesHeld, s.startsAt.toISOString()).toBe(held.get(s.startsAt.getTime()) ?? 0);
    const rows = await bookingsOfCourse(course.id);
    expect(rows).toHaveLength(created.length);
    expect(new Set(rows.map((r) => r.booking.id))).toEqual(new Set(created.map((r) => r.json.bookingId)));
    // A refused request asked for a slot that had too few places once the winners held theirs.
    const left = new Map(slots.map((s) => [s.startsAt.getTime(), 10 - s.placesHeld]));
    responses.forEach((r, i) => {
      if (r.status !== 409) return;
      const { from, to, people } = requests[i];
      const starts = Array.from({ length: Number(to.slice(0, 2)) - Number(from.slice(0, 2)) }, (_, k) =>
        new Date(at(date, `${String(Number(from.slice(0, 2)) + k).padStart(2, "0")}:00`)).getTime());
      expect(starts.some((t) => (left.get(t) ?? 10) < people)).toBe(true);
    });
    const day = (await slotDayOf(course.id, date))!;
    const counters = await sessionCounters(day.id);
    expect(counters.placesHeld).toBe(rows.reduce((n, r) => n + r.booking.attendeeCount, 0));
  }, 120_000);
});

describe("a slot day on the staff session page", () => {
  it("cannot be edited as a session: its hours and places per slot are the offering's", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 6 });
    const date = futureDate(venue.timeZone);
    expect((await postSlotBooking(course.id, at(date, "10:00"), at(date, "12:00"), 2)).status).toBe(201);
    const day = (await slotDayOf(course.id, date))!;
    const staff = { id: randomUUID(), email: "desk@turnout.example", name: null, role: "admin" as const };
    await expect(updateSession(db(), staff, day.id, {
      courseId: course.id, venueId: venue.id, startsAt: `${date}T07:00`, endsAt: `${date}T19:00`, capacity: 20, checkOutRequired: false,
    })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("set on the offering") });
    expect(await sessionCounters(day.id)).toEqual({ capacity: day.capacity, placesBooked: 0, placesHeld: 2 });
  });
});

// Staff manage time-slot offerings: bad input gets field errors and writes nothing; an offering made here is
// bookable at its hours and peak rates; a slot length, hours or a closure that would strand bookings still to
// come is refused, naming them; questions keep their meaning once answered.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import {
  auditLogs, bookingAnswers, courseQuestions, courseSessions, courses, peakWindows, slotOfferings, ticketTypes, venueClosures,
  venueOpeningHours, venues,
} from "@/db/schema";
import { GET as locationsRoute } from "@/app/api/v1/locations/route";
import { addClosures, removeClosure, saveOpeningHours } from "@/app/admin/locations/actions";
import {
  addPeakWindow, archiveQuestion, createQuestion, createSlotOffering, removePeakWindow, updateQuestion, updateSlotOffering,
} from "@/app/admin/offerings/actions";
import { checkoutEvent, callGet, db, getBooking, postWebhook } from "../fixtures";
import { staffCookie } from "../finance-fixtures";
import { manifest, ticketsOf } from "../check-in-fixtures";
import { calendarDayText } from "@/lib/slots/span";
import { actAs, staffSession } from "../next-request";
import { at, createSlotOfferingFixture, futureDate, getAvailability, postSlotBooking, slotDayOf, slotRows } from "../slot-fixtures";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeEach(async () => {
  actAs(await staffSession("admin"));
});

async function newVenue() {
  const tag = randomUUID().slice(0, 8);
  const [venue] = await db().insert(venues).values({
    slug: `admin-slots-${tag}`, name: `Admin Slots ${tag}`, addressLine1: "1 Yard Lane", city: "Leeds", postalCode: "LS1 1AA",
    country: "GB", timeZone: "Europe/London",
  }).returning();
  return venue;
}

const offeringInput = (venueId: string, o: Record<string, unknown> = {}) => ({
  venueId, title: "Climbing Wall", slug: `climbing-${randomUUID().slice(0, 8)}`, summary: "Climb by the hour.", description: "Ropes and bouldering.",
  category: "Sport", currency: "GBP", slotMinutes: "60", capacityPerSlot: "12", standardRate: "9.50", peakRate: "12",
  minSpanMinutes: "60", maxSpanMinutes: "240", bookAheadDays: "60", latestMinutesBeforeStart: "0", minAgeYears: "", maxAgeYears: "", ...o,
});

const editInput = (courseId: string, o: Record<string, unknown> = {}) => {
  const { venueId: _v, ...rest } = offeringInput("", o);
  return { ...rest, id: courseId, slug: (o.slug as string) ?? `climbing-${randomUUID().slice(0, 8)}` };
};

const week = (venueId: string, hours: string, o: Record<string, string> = {}) => ({
  venueId, monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: hours, sunday: hours, ...o,
});

async function counts() {
  const [row] = await db().execute<Record<string, number>>(sql`select
    (select count(*) from courses)::int as courses, (select count(*) from slot_offerings)::int as offerings,
    (select count(*) from venue_opening_hours)::int as hours, (select count(*) from venue_closures)::int as closures,
    (select count(*) from peak_windows)::int as peaks, (select count(*) from course_questions)::int as questions,
    (select count(*) from audit_logs)::int as audit`);
  return { ...row };
}

async function paidSpan(courseId: string, date: string, from: string, to: string, people = 1) {
  const res = await postSlotBooking(courseId, at(date, from), at(date, to), people);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const booking = (await getBooking(res.json.bookingId))!;
  expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
  return (await getBooking(booking.id))!;
}

describe("creating an offering", () => {
  it("refuses bad settings with a message per field and writes nothing", async () => {
    const venue = await newVenue();
    const before = await counts();
    const result = await createSlotOffering(offeringInput(venue.id, {
      slotMinutes: "50", capacityPerSlot: "0", standardRate: "-1", peakRate: "lots", bookAheadDays: "1000", minAgeYears: "8", maxAgeYears: "4",
    }));
    expect(result).toMatchObject({ ok: false, code: "invalid_request" });
    if (result.ok) throw new Error("accepted");
    expect(result.fields).toMatchObject({
      slotMinutes: "Choose a slot length that divides a day, such as 15, 30 or 60 minutes",
      capacityPerSlot: "Places per slot must be at least 1",
      bookAheadDays: "Days ahead must be at most 730",
    });
    // Rates and cross-field rules are checked once every field has its own shape.
    const second = await createSlotOffering(offeringInput(venue.id, { standardRate: "-1", peakRate: "lots", minSpanMinutes: "90", maxSpanMinutes: "30", minAgeYears: "8", maxAgeYears: "4" }));
    if (second.ok) throw new Error("accepted");
    expect(second.fields).toEqual({
      standardRate: "Standard rate cannot be negative",
      peakRate: "Enter peak rate such as 8 or 8.50",
      minSpanMinutes: "The shortest booking must be a whole number of 60-minute slots",
      maxSpanMinutes: "The longest booking must be a whole number of 60-minute slots",
      maxAgeYears: "The oldest age cannot be below the youngest",
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses an archived location and a web address already taken", async () => {
    const venue = await newVenue();
    await db().update(venues).set({ archivedAt: new Date() }).where(eq(venues.id, venue.id));
    expect(await createSlotOffering(offeringInput(venue.id))).toMatchObject({ ok: false, fields: { venueId: "Choose a location that is in use" } });
    const open = await newVenue();
    const first = await createSlotOffering(offeringInput(open.id, { slug: `taken-${venue.slug}` }));
    expect(first.ok).toBe(true);
    expect(await createSlotOffering(offeringInput(open.id, { slug: `taken-${venue.slug}` })))
      .toMatchObject({ ok: false, fields: { slug: "Another course or offering already uses this web address" } });
  });

  it("makes an offering customers can book at its hours, with peak slots at the peak rate, listed with its location", async () => {
    const venue = await newVenue();
    const created = await createSlotOffering(offeringInput(venue.id));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const courseId = created.data.id;
    const [course] = await db().select().from(courses).where(eq(courses.id, courseId));
    expect(course).toMatchObject({ kind: "time_slots", priceAmount: 950, currency: "GBP", status: "active" });
    const [offering] = await db().select().from(slotOfferings).where(eq(slotOfferings.courseId, courseId));
    expect(offering).toMatchObject({ venueId: venue.id, slotMinutes: 60, capacityPerSlot: 12, standardRateAmount: 950, peakRateAmount: 1200, maxSpanMinutes: 240, minAgeYears: null });
    expect(await db().select().from(ticketTypes).where(eq(ticketTypes.courseId, courseId))).toHaveLength(1);

    // Weekdays 09:00–12:00 and 13:00–18:00, Saturday mornings, closed on Sundays.
    const hours = await saveOpeningHours(week(venue.id, "09:00–12:00, 13:00-18:00", { saturday: "09:00-13:00", sunday: "" }));
    expect(hours).toEqual({ ok: true, data: { ranges: 11 } });
    expect(await addPeakWindow({ courseId, weekdays: ["1", "2", "3", "4", "5"], start: "16:00", end: "18:00" })).toMatchObject({ ok: true });

    const wednesday = futureDate(venue.timeZone, 3);
    const day = await getAvailability(courseId, wednesday);
    expect(day.status).toBe(200);
    expect(day.json.openingHours).toEqual([{ open: "09:00", close: "12:00" }, { open: "13:00", close: "18:00" }]);
    expect(day.json.slots.map((s: { rateAmount: number; peak: boolean }) => [s.rateAmount, s.peak])).toEqual([
      [950, false], [950, false], [950, false], [950, false], [950, false], [950, false], [1200, true], [1200, true],
    ]);
    const sunday = await getAvailability(courseId, futureDate(venue.timeZone, 7));
    expect(sunday.json.slots).toEqual([]);

    const listed = await callGet(locationsRoute, "/api/v1/locations", {});
    const location = listed.json.locations.find((l: { id: string }) => l.id === venue.id);
    expect(location.offerings).toEqual([{ id: courseId, slug: course.slug, title: "Climbing Wall" }]);
    expect(location.openingHours).toContainEqual({ weekday: 6, open: "09:00", close: "13:00" });

    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, courseId));
    expect(audit.map((a) => a.action).sort()).toEqual(["peak_window.create", "slot_offering.create"]);
  });

  it("refuses opening hours it cannot read, naming the day", async () => {
    const venue = await newVenue();
    const before = await counts();
    const result = await saveOpeningHours(week(venue.id, "09:00-17:00", { tuesday: "9 till 5", wednesday: "12:00-10:00", thursday: "09:00-13:00, 12:00-17:00" }));
    if (result.ok) throw new Error("accepted");
    expect(result.fields).toEqual({
      tuesday: "Write each range as 09:00–17:00, separated by commas (“9 till 5” is not one)",
      wednesday: "12:00-10:00: the closing time must be after the opening time",
      thursday: "The ranges of a day must not overlap",
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a peak window without weekdays or ending before it starts, and removes one", async () => {
    const { course } = await createSlotOfferingFixture();
    const bad = await addPeakWindow({ courseId: course.id, weekdays: [], start: "18:00", end: "16:00" });
    if (bad.ok) throw new Error("accepted");
    expect(bad.fields).toEqual({ weekdays: "Choose at least one weekday", end: "The end must be after the start" });
    const [peak] = await db().select().from(peakWindows).where(eq(peakWindows.courseId, course.id)).limit(1);
    expect(await removePeakWindow({ id: peak.id })).toEqual({ ok: true, data: null });
    expect(await db().select().from(peakWindows).where(eq(peakWindows.courseId, course.id))).toHaveLength(1);
  });
});

describe("changing an offering with bookings still to come", () => {
  it("refuses a new slot length while a booking holds slots, naming it, and allows it once none is to come", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const booking = await paidSpan(course.id, date, "10:00", "12:00");
    const before = await counts();
    const [offeringBefore] = await db().select().from(slotOfferings).where(eq(slotOfferings.courseId, course.id));

    const result = await updateSlotOffering(editInput(course.id, { slotMinutes: "30", minSpanMinutes: "60", maxSpanMinutes: "600", standardRate: "8", peakRate: "12" }));
    expect(result).toMatchObject({ ok: false, code: "invalid_request" });
    if (result.ok) throw new Error("accepted");
    expect(result.fields!.slotMinutes).toBe(
      `The slot length cannot change while 1 booking still to come hold 60-minute slots: ${booking.reference} (${date} 10:00–12:00). Move or refund them first.`);
    expect(await counts()).toEqual(before);
    expect((await db().select().from(slotOfferings).where(eq(slotOfferings.courseId, course.id)))[0]).toEqual(offeringBefore);

    // Other settings change freely: the booking keeps its price and slots.
    const rates = await updateSlotOffering(editInput(course.id, { slotMinutes: "60", standardRate: "10", peakRate: "15", maxSpanMinutes: "600" }));
    expect(rates).toMatchObject({ ok: true });
    expect((await getBooking(booking.id))!.totalAmount).toBe(booking.totalAmount);

    await db().execute(sql`update bookings set status = 'cancelled' where id = ${booking.id}`);
    expect(await updateSlotOffering(editInput(course.id, { slotMinutes: "30", standardRate: "5", peakRate: "7.50", maxSpanMinutes: "600" }))).toMatchObject({ ok: true });
    const [after] = await db().select().from(slotOfferings).where(eq(slotOfferings.courseId, course.id));
    expect(after).toMatchObject({ slotMinutes: 30, standardRateAmount: 500, peakRateAmount: 750 });
  });

  it("never sets places per slot below a coming slot's places taken, and carries a new capacity to the slot rows", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 10 });
    const date = futureDate(venue.timeZone);
    await paidSpan(course.id, date, "10:00", "12:00", 3);
    const low = await updateSlotOffering(editInput(course.id, { capacityPerSlot: "2", standardRate: "8", peakRate: "12", maxSpanMinutes: "600" }));
    if (low.ok) throw new Error("accepted");
    expect(low.fields!.capacityPerSlot).toBe(`At least 3 places per slot: the ${date} 10:00 slot has that many booked or in checkout (2 slots above 2).`);
    expect(await updateSlotOffering(editInput(course.id, { capacityPerSlot: "4", standardRate: "8", peakRate: "12", maxSpanMinutes: "600" }))).toMatchObject({ ok: true });
    expect((await slotRows(course.id)).map((r) => r.capacity)).toEqual([4, 4]);
    // The database enforces the new figure: a second group of two no longer fits.
    const res = await postSlotBooking(course.id, at(date, "11:00"), at(date, "12:00"), 2);
    expect(res.status).toBe(409);
  });
});

describe("closures and hours with bookings still to come", () => {
  it("refuses to close a day with a booking on it, naming the booking, and closes other days", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const booking = await paidSpan(course.id, date, "09:00", "17:00", 2);
    const before = await counts();

    const refused = await addClosures({ venueId: venue.id, fromDate: date, toDate: "", reason: "Boiler repair", opensAt: "", closesAt: "" });
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    if (refused.ok) throw new Error("accepted");
    expect(refused.message).toBe(`Closing would leave 1 booking outside opening time: ${booking.reference} (${date} 09:00–17:00). Move or refund them first.`);
    expect(refused.fields).toEqual({ fromDate: refused.message });
    // A range that includes the day is refused as a whole.
    const nextWeek = futureDate(venue.timeZone, 3, 3);
    expect(await addClosures({ venueId: venue.id, fromDate: date, toDate: nextWeek, reason: "Works", opensAt: "", closesAt: "" })).toMatchObject({ ok: false, code: "conflict" });
    // Shorter hours that cut into the booking are refused too; hours that still hold it are fine.
    expect(await addClosures({ venueId: venue.id, fromDate: date, toDate: "", reason: "Staff training", opensAt: "12:00", closesAt: "19:00" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await counts()).toEqual(before);
    expect(await addClosures({ venueId: venue.id, fromDate: date, toDate: "", reason: "Early finish", opensAt: "08:00", closesAt: "17:00" }))
      .toEqual({ ok: true, data: { days: 1 } });

    // The booking still stands, the day shows the shorter hours, and a free day closes.
    expect((await getBooking(booking.id))!.status).toBe("confirmed");
    const day = await getAvailability(course.id, date);
    expect(day.json.openingHours).toEqual([{ open: "08:00", close: "17:00" }]);
    const other = futureDate(venue.timeZone, 4);
    expect(await addClosures({ venueId: venue.id, fromDate: other, toDate: other, reason: "Bank holiday", opensAt: "", closesAt: "" })).toEqual({ ok: true, data: { days: 1 } });
    const closed = await getAvailability(course.id, other);
    expect(closed.json.slots).toEqual([]);
    expect(JSON.stringify(closed.json)).toContain("Bank holiday");

    // Reopening the shortened day is checked against the usual hours (07:00–19:00 hold the booking).
    const [shortened] = await db().select().from(venueClosures).where(and(eq(venueClosures.venueId, venue.id), eq(venueClosures.localDate, date)));
    expect(await removeClosure({ id: shortened.id })).toEqual({ ok: true, data: null });
  });

  it("refuses to close a day while a checkout holds places on it", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone, 2);
    const res = await postSlotBooking(course.id, at(date, "10:00"), at(date, "11:00"), 1);
    expect(res.status).toBe(201);
    const result = await addClosures({ venueId: venue.id, fromDate: date, toDate: "", reason: "Closed", opensAt: "", closesAt: "" });
    expect(result).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining(res.json.reference) });
  });

  it("refuses weekly hours that leave a booking outside, and accepts hours that keep it", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone, 3);
    const booking = await paidSpan(course.id, date, "16:00", "18:00");
    const before = await db().select().from(venueOpeningHours).where(eq(venueOpeningHours.venueId, venue.id));
    const refused = await saveOpeningHours(week(venue.id, "07:00-19:00", { wednesday: "08:00-17:00" }));
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    if (refused.ok) throw new Error("accepted");
    expect(refused.message).toContain(`${booking.reference} (${date} 16:00–18:00)`);
    expect(await db().select().from(venueOpeningHours).where(eq(venueOpeningHours.venueId, venue.id))).toEqual(before);
    // Two touching ranges are one stretch: a booking across 12:00 still fits.
    expect(await saveOpeningHours(week(venue.id, "07:00-19:00", { wednesday: "08:00-12:00, 12:00-18:00" }))).toEqual({ ok: true, data: { ranges: 8 } });
  });

  it("rejects a closure whose last day is before its first, or in the past", async () => {
    const venue = await newVenue();
    const blank = await addClosures({ venueId: venue.id, fromDate: "2031-02-30", toDate: "", reason: " ", opensAt: "", closesAt: "" });
    if (blank.ok) throw new Error("accepted");
    expect(blank.fields).toEqual({ fromDate: "Enter the first day as a date", reason: "Reason is required" });
    const bad = await addClosures({ venueId: venue.id, fromDate: "2031-05-02", toDate: "2031-05-01", reason: "Works", opensAt: "10:00", closesAt: "" });
    if (bad.ok) throw new Error("accepted");
    expect(bad.fields).toEqual({
      toDate: "The last day cannot be before the first",
      closesAt: "Enter the closing time as HH:MM, or leave both times empty to close all day",
    });
    expect(await addClosures({ venueId: venue.id, fromDate: "2020-01-01", toDate: "", reason: "Old", opensAt: "", closesAt: "" }))
      .toMatchObject({ ok: false, fields: { fromDate: "Those days are in the past" } });
  });
});

describe("check-out at the door", () => {
  async function scanAtDoor(body: Record<string, unknown>) {
    const { cookie } = await staffCookie("door");
    const { POST } = await import("@/app/api/admin/check-in/scan/route");
    const res = await POST(new Request("http://localhost:3000/api/admin/check-in/scan", {
      method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ deviceId: "Front desk", ...body }),
    }), { params: Promise.resolve({}) });
    return { status: res.status, json: await res.json() };
  }

  it("carries the offering's check-out to each day it books: a child is checked out to whoever collected them", async () => {
    const venue = await newVenue();
    await saveOpeningHours(week(venue.id, "08:00-18:00"));
    const created = await createSlotOffering(offeringInput(venue.id, { checkOutRequired: true }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const courseId = created.data.id;
    const [offering] = await db().select().from(slotOfferings).where(eq(slotOfferings.courseId, courseId));
    expect(offering.checkOutRequired).toBe(true);

    // Who may collect is shown at the door; the emergency contact and the booking's photo consent are not, the
    // pick-up day is (a booking's own answer shown with each of its attendees).
    const question = async (label: string, scope: string, kind: string, atDoor: boolean, sortOrder: string) => {
      const q = await createQuestion({ courseId, label, kind, scope, options: "", required: true, sensitive: "on", atDoor, sortOrder });
      if (!q.ok) throw new Error(JSON.stringify(q));
      return q.data.id;
    };
    const collect = await question("Who may collect this child?", "per_attendee", "short_text", true, "1");
    const contact = await question("Emergency contact", "per_attendee", "short_text", false, "2");
    const photos = await question("Photos allowed?", "per_booking", "yes_no", false, "3");
    const pickUp = await question("Usual pick-up date", "per_booking", "date", true, "0");
    const [stored] = await db().select().from(courseQuestions).where(eq(courseQuestions.id, collect));
    expect(stored.atDoor).toBe(true);

    const date = futureDate(venue.timeZone, 3);
    const res = await postSlotBooking(courseId, at(date, "09:00"), at(date, "11:00"), 2, {
      answers: {
        booking: { [photos]: false, [pickUp]: date },
        attendees: [{ [collect]: "Dana Doe, Sam Doe", [contact]: "Lee 07700 900123" }, { [collect]: "Dana Doe", [contact]: "Lee 07700 900123" }],
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const pending = (await getBooking(res.json.bookingId))!;
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", pending)))).status).toBe(200);
    const day = (await slotDayOf(courseId, date))!;
    expect(day.checkOutRequired).toBe(true);
    const [first, second] = await ticketsOf(pending.id);
    const pickUpText = `Usual pick-up date: ${calendarDayText(date)}`;

    // Offline the door has the same notes, from the session's list.
    const list = await manifest(day.id, (await staffCookie("door")).cookie);
    expect(list.status).toBe(200);
    const notes = Object.fromEntries(list.json.tickets.map((t: { id: string; doorNotes: string[] }) => [t.id, t.doorNotes]));
    expect(notes[first.id]).toEqual([pickUpText, "Who may collect this child?: Dana Doe, Sam Doe"]);
    expect(notes[second.id]).toEqual([pickUpText, "Who may collect this child?: Dana Doe"]);

    const arrived = await scanAtDoor({ sessionId: day.id, ticketId: first.id, method: "manual" });
    expect(arrived.status).toBe(201);
    expect(arrived.json.outcome.ticket.doorNotes).toEqual([pickUpText, "Who may collect this child?: Dana Doe, Sam Doe"]);
    const out = await scanAtDoor({ sessionId: day.id, ticketId: first.id, action: "check_out", collectedBy: "Sam Doe" });
    expect(out.status).toBe(200);
    expect(out.json.outcome).toMatchObject({ result: "checked_out", checkIn: { collectedBy: "Sam Doe" } });
  });

  it("switched off, leaves days already begun asking for it; switched on, reaches every day not yet over", async () => {
    const venue = await newVenue();
    await saveOpeningHours(week(venue.id, "08:00-18:00"));
    const created = await createSlotOffering(offeringInput(venue.id, { checkOutRequired: true }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const courseId = created.data.id;
    const [soon, later, past] = [futureDate(venue.timeZone, 2), futureDate(venue.timeZone, 4), futureDate(venue.timeZone, 5)];
    for (const date of [soon, later, past]) await paidSpan(courseId, date, "09:00", "10:00");
    // One day under way (begun an hour ago, over in an hour), one over: as the clock will find them.
    const now = Date.now();
    const dayOf = async (date: string) => (await slotDayOf(courseId, date))!;
    await db().update(courseSessions).set({ startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 3_600_000) }).where(eq(courseSessions.id, (await dayOf(soon)).id));
    await db().update(courseSessions).set({ startsAt: new Date(now - 7_200_000), endsAt: new Date(now - 3_600_000) }).where(eq(courseSessions.id, (await dayOf(past)).id));

    expect(await updateSlotOffering(editInput(courseId, { checkOutRequired: false }))).toMatchObject({ ok: true });
    expect([(await dayOf(soon)).checkOutRequired, (await dayOf(later)).checkOutRequired, (await dayOf(past)).checkOutRequired]).toEqual([true, false, true]);

    await db().update(courseSessions).set({ checkOutRequired: false }).where(eq(courseSessions.id, (await dayOf(soon)).id));
    await db().update(courseSessions).set({ checkOutRequired: false }).where(eq(courseSessions.id, (await dayOf(past)).id));
    expect(await updateSlotOffering(editInput(courseId, { checkOutRequired: true }))).toMatchObject({ ok: true });
    expect([(await dayOf(soon)).checkOutRequired, (await dayOf(later)).checkOutRequired, (await dayOf(past)).checkOutRequired]).toEqual([true, true, false]);
    const [offering] = await db().select().from(slotOfferings).where(eq(slotOfferings.courseId, courseId));
    expect(offering.checkOutRequired).toBe(true);
  });

  it("refuses a check-out setting that is not on or off, and writes nothing", async () => {
    const venue = await newVenue();
    const before = await counts();
    const result = await createSlotOffering(offeringInput(venue.id, { checkOutRequired: "perhaps" }));
    expect(result).toMatchObject({ ok: false, code: "invalid_request", fields: { checkOutRequired: "Check-out must be on or off" } });
    expect(await counts()).toEqual(before);
  });
});

describe("questions", () => {
  it("needs two answers to choose from, and keeps a question's kind once answered", async () => {
    const { course } = await createSlotOfferingFixture();
    const noOptions = await createQuestion({ courseId: course.id, label: "Which session?", kind: "single_choice", scope: "per_booking", options: "Morning", required: true, sensitive: false, sortOrder: "1" });
    if (noOptions.ok) throw new Error("accepted");
    expect(noOptions.fields).toEqual({ options: "Give at least two answers to choose from, one per line" });

    const created = await createQuestion({ courseId: course.id, label: "Emergency contact", help: "Name and phone", kind: "short_text", scope: "per_attendee", options: "ignored", required: "on", sensitive: "on", sortOrder: "2" });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const [q] = await db().select().from(courseQuestions).where(eq(courseQuestions.id, created.data.id));
    expect(q).toMatchObject({ label: "Emergency contact", help: "Name and phone", kind: "short_text", required: true, sensitive: true, options: [] });

    // Not yet answered: anything may change.
    expect(await updateQuestion({ id: q.id, label: "Emergency contact", kind: "long_text", scope: "per_attendee", options: "", required: true, sensitive: true, sortOrder: "2" })).toMatchObject({ ok: true });

    const date = futureDate("Europe/London");
    const res = await postSlotBooking(course.id, at(date, "10:00"), at(date, "11:00"), 1, { answers: { attendees: [{ [q.id]: "Sam, 07700 900123" }] } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(await db().select().from(bookingAnswers).where(eq(bookingAnswers.questionId, q.id))).toHaveLength(1);

    const changed = await updateQuestion({ id: q.id, label: "Emergency contact", kind: "number", scope: "per_attendee", options: "", required: true, sensitive: true, sortOrder: "2" });
    expect(changed).toMatchObject({ ok: false, fields: { kind: expect.stringContaining("People have answered this question") } });
    // The wording may change; the answer keeps the label it was given under.
    expect(await updateQuestion({ id: q.id, label: "Who to call in an emergency", kind: "long_text", scope: "per_attendee", options: "", required: false, sensitive: true, sortOrder: "2" })).toMatchObject({ ok: true });
    const [answer] = await db().select().from(bookingAnswers).where(eq(bookingAnswers.questionId, q.id));
    expect(answer.label).toBe("Emergency contact");

    expect(await archiveQuestion({ id: q.id })).toEqual({ ok: true, data: null });
    const [archived] = await db().select().from(courseQuestions).where(eq(courseQuestions.id, q.id));
    expect(archived.archivedAt).not.toBeNull();
  });
});

describe("who may manage offerings", () => {
  it("refuses finance staff and writes nothing", async () => {
    actAs(await staffSession("finance"));
    const venue = await newVenue();
    const before = await counts();
    expect(await createSlotOffering(offeringInput(venue.id))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await addClosures({ venueId: venue.id, fromDate: "2031-01-01", toDate: "", reason: "x", opensAt: "", closesAt: "" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await counts()).toEqual(before);
  });
});

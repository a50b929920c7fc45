// Integration-test helpers for time-slot offerings: a location with opening hours, an offering at it, and
// bookings of spans through the real API.
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import {
  bookings, courseSessions, courses, offeringSlots, peakWindows, slotOfferings, venueClosures, venueOpeningHours, venues,
} from "@/db/schema";
import { insertDefaultTicketType } from "@/db/queries/ticket-types";
import { GET as availabilityRoute } from "@/app/api/v1/availability/[offeringId]/route";
import { bookingBody, callGet, db, postBooking } from "./fixtures";

export type SlotOfferingOptions = {
  timeZone?: string;
  capacityPerSlot?: number;
  standardRateAmount?: number;
  peakRateAmount?: number;
  opensAt?: number;
  closesAt?: number;
  minSpanMinutes?: number;
  maxSpanMinutes?: number;
  bookAheadDays?: number;
  latestMinutesBeforeStart?: number;
  minAgeYears?: number | null;
  maxAgeYears?: number | null;
};

/** A location open every day (07:00–19:00 by default), an offering at it with peaks 07–09 and 16–18 on weekdays. */
export async function createSlotOfferingFixture(o: SlotOfferingOptions = {}) {
  const tag = randomUUID().slice(0, 8);
  const [venue] = await db().insert(venues).values({
    slug: `test-location-${tag}`, name: `Test Location ${tag}`, addressLine1: "2 Test Street", city: "London",
    postalCode: "E1 6AN", country: "GB", timeZone: o.timeZone ?? "Europe/London",
  }).returning();
  const standardRateAmount = o.standardRateAmount ?? 800;
  const [course] = await db().insert(courses).values({
    slug: `test-slots-${tag}`, title: `Test Slots ${tag}`, summary: "Slots made by a test.", description: "Made by tests/slot-fixtures.ts.",
    category: "Testing", kind: "time_slots", priceAmount: standardRateAmount, depositAmount: null, currency: "GBP",
  }).returning();
  const ticketType = await insertDefaultTicketType(db(), course);
  const [offering] = await db().insert(slotOfferings).values({
    courseId: course.id, venueId: venue.id, slotMinutes: 60, capacityPerSlot: o.capacityPerSlot ?? 10,
    standardRateAmount, peakRateAmount: o.peakRateAmount ?? 1200,
    minSpanMinutes: o.minSpanMinutes ?? 60, maxSpanMinutes: o.maxSpanMinutes ?? 600,
    bookAheadDays: o.bookAheadDays ?? 90, latestMinutesBeforeStart: o.latestMinutesBeforeStart ?? 60,
    minAgeYears: o.minAgeYears ?? null, maxAgeYears: o.maxAgeYears ?? null,
  }).returning();
  await db().insert(venueOpeningHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    venueId: venue.id, weekday, opensAt: o.opensAt ?? 7 * 60, closesAt: o.closesAt ?? 19 * 60,
  })));
  await db().insert(peakWindows).values([
    { courseId: course.id, weekdays: [1, 2, 3, 4, 5], startsAt: 7 * 60, endsAt: 9 * 60 },
    { courseId: course.id, weekdays: [1, 2, 3, 4, 5], startsAt: 16 * 60, endsAt: 18 * 60 },
  ]);
  return { venue, course, offering, ticketType };
}

/** A local date `weeksAhead` weeks from now on the given ISO weekday (3: Wednesday). */
export function futureDate(timeZone: string, weekday = 3, weeksAhead = 2): string {
  const today = DateTime.now().setZone(timeZone).startOf("day");
  return today.plus({ weeks: weeksAhead }).set({ weekday: weekday as 1 }).toISODate()!;
}

/** The ISO instant with offset of a local time on a date: what a client sends. */
export function at(date: string, hhmm: string, timeZone = "Europe/London"): string {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone: timeZone }).toISO({ suppressMilliseconds: true })!;
}

export function slotBookingBody(offeringId: string, startsAt: string, endsAt: string, attendeeCount = 1, overrides: Record<string, unknown> = {}) {
  const { sessionId: _s, ...body } = bookingBody("", attendeeCount);
  return { ...body, offeringId, startsAt, endsAt, ...overrides };
}

export function postSlotBooking(offeringId: string, startsAt: string, endsAt: string, attendeeCount = 1, overrides: Record<string, unknown> = {}) {
  return postBooking(slotBookingBody(offeringId, startsAt, endsAt, attendeeCount, overrides));
}

export function getAvailability(offeringId: string, date: string) {
  return callGet(availabilityRoute, `/api/v1/availability/${offeringId}?date=${date}`, { offeringId });
}

export async function closeDay(venueId: string, localDate: string, reason: string, hours?: { opensAt: number; closesAt: number }) {
  await db().insert(venueClosures).values({ venueId, localDate, reason, opensAt: hours?.opensAt ?? null, closesAt: hours?.closesAt ?? null });
}

export async function slotRows(courseId: string) {
  return db().select().from(offeringSlots).where(eq(offeringSlots.courseId, courseId)).orderBy(asc(offeringSlots.startsAt));
}

export async function slotDayOf(courseId: string, date: string) {
  const [row] = await db().select().from(courseSessions).where(and(eq(courseSessions.courseId, courseId), eq(courseSessions.slotDate, date)));
  return row ?? null;
}

/** Per slot start: the places that bookings of each status occupy, from the bookings themselves. */
export async function placesBySlot(courseId: string, status: "pending" | "confirmed") {
  const rows = await db().execute<{ starts_at: string; places: number }>(sql`
    select s.starts_at, coalesce(sum(b.attendee_count), 0)::int as places
    from offering_slots s
    left join course_sessions d on d.course_id = s.course_id
    left join bookings b on b.session_id = d.id and b.status = ${status}
      and b.span_starts_at <= s.starts_at and b.span_ends_at > s.starts_at
    where s.course_id = ${courseId}
    group by s.starts_at order by s.starts_at`);
  return new Map([...rows].map((r) => [new Date(r.starts_at).getTime(), r.places]));
}

export async function bookingsOfCourse(courseId: string) {
  return db().select({ booking: bookings }).from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .where(eq(courseSessions.courseId, courseId));
}

// Reads and writes of time-slot offerings: their rules, the lazily created slot day, and places per slot.
import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  bookingAttendees, bookings, courseSessions, courses, offeringSlots, peakWindows, slotOfferings, venueClosures, venueOpeningHours, venues,
} from "@/db/schema";

/** An active or archived time-slot offering with its location, weekly hours and peak windows. */
export async function getSlotOffering(db: DbOrTx, courseId: string) {
  const [head] = await db.select({ course: courses, offering: slotOfferings, venue: venues })
    .from(slotOfferings)
    .innerJoin(courses, eq(courses.id, slotOfferings.courseId))
    .innerJoin(venues, eq(venues.id, slotOfferings.venueId))
    .where(and(eq(slotOfferings.courseId, courseId), eq(courses.kind, "time_slots")));
  if (!head) return null;
  const [weeklyHours, peaks] = await Promise.all([
    db.select().from(venueOpeningHours).where(eq(venueOpeningHours.venueId, head.venue.id))
      .orderBy(asc(venueOpeningHours.weekday), asc(venueOpeningHours.opensAt)),
    db.select().from(peakWindows).where(eq(peakWindows.courseId, courseId)).orderBy(asc(peakWindows.startsAt)),
  ]);
  return { ...head, weeklyHours, peakWindows: peaks };
}

/**
 * Key-share locks on an offering's row and its location's, taken by a booking before it reads the rules: staff
 * changing the slot length, the hours or the closures lock these rows for update, so they wait for checkouts in
 * progress (and see their places), and a checkout that starts after them reads the new rules.
 */
export async function shareLockSlotRules(tx: DbOrTx, courseId: string) {
  const [row] = await tx.select({ venueId: slotOfferings.venueId }).from(slotOfferings)
    .where(eq(slotOfferings.courseId, courseId)).for("key share");
  if (row) await tx.select({ id: venues.id }).from(venues).where(eq(venues.id, row.venueId)).for("key share");
}

export type LoadedSlotOffering = NonNullable<Awaited<ReturnType<typeof getSlotOffering>>>;

/** Closures of a location between two local dates (inclusive). */
export async function venueClosuresBetween(db: DbOrTx, venueId: string, from: string, to: string) {
  return db.select().from(venueClosures)
    .where(and(eq(venueClosures.venueId, venueId), gte(venueClosures.localDate, from), sql`${venueClosures.localDate} <= ${to}`))
    .orderBy(asc(venueClosures.localDate));
}

/**
 * The slot day of an offering for a local date, created on first use. Concurrent first bookings of the same
 * day meet on the unique index: one inserts, the others wait for it and then read its row. The row is not
 * locked here; the booking takes its places last, in the fixed order.
 */
export async function ensureSlotDay(tx: DbOrTx, p: {
  courseId: string; venueId: string; date: string; startsAt: Date; endsAt: Date; capacity: number; checkOutRequired: boolean;
}) {
  const [created] = await tx.insert(courseSessions)
    .values({ courseId: p.courseId, venueId: p.venueId, slotDate: p.date, startsAt: p.startsAt, endsAt: p.endsAt, capacity: p.capacity, checkOutRequired: p.checkOutRequired })
    .onConflictDoNothing({ target: [courseSessions.courseId, courseSessions.slotDate], where: sql`${courseSessions.slotDate} is not null` })
    .returning();
  if (created) return created;
  const [existing] = await tx.select().from(courseSessions)
    .where(and(eq(courseSessions.courseId, p.courseId), eq(courseSessions.slotDate, p.date)));
  // Opening hours or capacity grew since the day was created: its counter must still never cap the slots.
  if (existing.capacity < p.capacity) {
    const [grown] = await tx.update(courseSessions).set({ capacity: sql`greatest(${courseSessions.capacity}, ${p.capacity})` })
      .where(eq(courseSessions.id, existing.id)).returning();
    return grown;
  }
  return existing;
}

/**
 * Places taken per slot start (ms) between two instants: booked from the counters, held only by checkouts
 * still within their hold (a lapsed hold is released before its places are refused to anyone).
 */
export async function slotOccupancy(db: DbOrTx, courseId: string, from: Date, to: Date, now = new Date()) {
  const [rows, pending] = await Promise.all([
    db.select({ startsAt: offeringSlots.startsAt, booked: offeringSlots.placesBooked }).from(offeringSlots)
      .where(and(eq(offeringSlots.courseId, courseId), gte(offeringSlots.startsAt, from), lt(offeringSlots.startsAt, to))),
    db.select({ spanStartsAt: bookings.spanStartsAt, spanEndsAt: bookings.spanEndsAt, places: sql<number>`count(${bookingAttendees.id})::int` })
      .from(bookings)
      .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
      .innerJoin(bookingAttendees, and(eq(bookingAttendees.bookingId, bookings.id), isNull(bookingAttendees.cancelledAt)))
      .where(and(
        eq(courseSessions.courseId, courseId), eq(bookings.status, "pending"), gt(bookings.holdExpiresAt, now),
        lt(bookings.spanStartsAt, to), gt(bookings.spanEndsAt, from),
      ))
      .groupBy(bookings.id),
  ]);
  const booked = new Map(rows.map((r) => [r.startsAt.getTime(), r.booked]));
  /** Places booked or held in the slot starting at `start`. */
  return (start: Date) => (booked.get(start.getTime()) ?? 0) +
    pending.reduce((n, b) => (b.spanStartsAt! <= start && b.spanEndsAt! > start ? n + b.places : n), 0);
}

/** Locations that host time-slot offerings, with their opening hours. */
export async function listLocations(db: DbOrTx, ids?: string[]) {
  const rows = await db.selectDistinct({ venue: venues }).from(venues)
    .innerJoin(slotOfferings, eq(slotOfferings.venueId, venues.id))
    .innerJoin(courses, and(eq(courses.id, slotOfferings.courseId), eq(courses.status, "active")))
    .where(and(isNull(venues.archivedAt), ids ? inArray(venues.id, ids) : undefined))
    .orderBy(asc(venues.name));
  const venueIds = rows.map((r) => r.venue.id);
  if (venueIds.length === 0) return [];
  const [hours, offerings] = await Promise.all([
    db.select().from(venueOpeningHours).where(inArray(venueOpeningHours.venueId, venueIds))
      .orderBy(asc(venueOpeningHours.weekday), asc(venueOpeningHours.opensAt)),
    db.select({ venueId: slotOfferings.venueId, id: courses.id, slug: courses.slug, title: courses.title })
      .from(slotOfferings).innerJoin(courses, eq(courses.id, slotOfferings.courseId))
      .where(and(inArray(slotOfferings.venueId, venueIds), eq(courses.status, "active"))).orderBy(asc(courses.title)),
  ]);
  return rows.map(({ venue }) => ({
    venue,
    openingHours: hours.filter((h) => h.venueId === venue.id),
    offerings: offerings.filter((o) => o.venueId === venue.id),
  }));
}

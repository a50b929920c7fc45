// Time-slot offerings as admins run them: the offering (a course of kind time_slots and its slot settings), its
// peak windows, and its location's opening hours and closures.
//
// Nothing here moves a booking. A change that would leave a booking's slots out of line (a new slot length) or
// outside the opening hours (new hours, a closure) is refused, naming the bookings, until staff have moved or
// refunded them. Bookings take a key-share lock on the offering and the location (lib/booking/slot-booking.ts),
// and these changes lock them for update first, so a checkout in progress either finishes before the check or
// sees the new rules.
import { and, asc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import {
  bookings, courseSessions, courses, offeringSlots, peakWindows, slotOfferings, venueClosures, venueOpeningHours, venues,
  type SlotOffering, type Venue,
} from "@/db/schema";
import { insertDefaultTicketType } from "@/db/queries/ticket-types";
import type { Staff } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { localDate, localMinuteInstant, minuteLabel } from "@/lib/slots/schedule";
import { fieldError } from "@/lib/validations/field-error";
import type {
  ClosureValues, MinuteRange, OpeningHoursValues, PeakWindowValues, SlotOfferingValues, UpdateSlotOfferingValues,
} from "@/lib/validations/slot-offerings";

function slugTaken(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === "courses_slug_key";
}

async function lockOffering(tx: Tx, courseId: string): Promise<SlotOffering> {
  const [row] = await tx.select().from(slotOfferings).where(eq(slotOfferings.courseId, courseId)).for("update");
  if (!row) throw new AppError("not_found", {}, "That offering does not exist.");
  return row;
}

async function lockVenue(tx: Tx, id: string): Promise<Venue> {
  const [row] = await tx.select().from(venues).where(eq(venues.id, id)).for("update");
  if (!row) throw new AppError("not_found", {}, "That location does not exist.");
  return row;
}

/** A booking still to come (or under way) that holds or has bought places in slots. */
export type UpcomingSpan = { reference: string; status: string; courseId: string; startsAt: Date; endsAt: Date; attendeeCount: number };

/** Pending and confirmed bookings whose span has not ended, of one offering or of every offering at a location. */
async function upcomingSpans(tx: Tx, where: { courseId: string } | { venueId: string }, now: Date): Promise<UpcomingSpan[]> {
  const rows = await tx.select({
    reference: bookings.reference, status: bookings.status, courseId: courseSessions.courseId,
    startsAt: bookings.spanStartsAt, endsAt: bookings.spanEndsAt, attendeeCount: bookings.attendeeCount,
  }).from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .innerJoin(slotOfferings, eq(slotOfferings.courseId, courseSessions.courseId))
    .where(and(
      "courseId" in where ? eq(slotOfferings.courseId, where.courseId) : eq(slotOfferings.venueId, where.venueId),
      inArray(bookings.status, ["pending", "confirmed"]), gt(bookings.spanEndsAt, now),
    ))
    .orderBy(asc(bookings.spanStartsAt), asc(bookings.reference));
  return rows.map((r) => ({ ...r, startsAt: r.startsAt!, endsAt: r.endsAt! }));
}

/** "TRN-ABC123 (2026-12-09 09:00–17:00)", up to `max` of them and how many more. */
function listBookings(spans: UpcomingSpan[], timeZone: string, max = 5): string {
  const shown = spans.slice(0, max).map((s) => {
    const d = localDate(s.startsAt, timeZone);
    const t = (x: Date) => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(x);
    return `${s.reference} (${d} ${t(s.startsAt)}–${t(s.endsAt)})`;
  });
  return shown.join(", ") + (spans.length > max ? ` and ${spans.length - max} more` : "");
}

// ---- Offerings ----

export async function createSlotOffering(db: Db, staff: Staff, v: SlotOfferingValues) {
  try {
    return await db.transaction(async (tx) => {
      const [venue] = await tx.select().from(venues).where(eq(venues.id, v.venueId)).for("key share");
      if (!venue || venue.archivedAt) throw fieldError("venueId", "Choose a location that is in use");
      const [course] = await tx.insert(courses).values({
        slug: v.slug, title: v.title, summary: v.summary, description: v.description, category: v.category, currency: v.currency,
        kind: "time_slots", priceAmount: v.standardRateAmount, depositAmount: null,
      }).returning();
      await insertDefaultTicketType(tx, course);
      const [offering] = await tx.insert(slotOfferings).values({ courseId: course.id, ...offeringColumns(v), venueId: venue.id }).returning();
      await recordAudit(tx, staff, { action: "slot_offering.create", entityType: "course", entityId: course.id, after: { course, offering } });
      return { course, offering };
    });
  } catch (err) {
    if (slugTaken(err)) throw fieldError("slug", "Another course or offering already uses this web address");
    throw err;
  }
}

function offeringColumns(v: SlotOfferingValues | UpdateSlotOfferingValues) {
  return {
    slotMinutes: v.slotMinutes, capacityPerSlot: v.capacityPerSlot, standardRateAmount: v.standardRateAmount, peakRateAmount: v.peakRateAmount,
    minSpanMinutes: v.minSpanMinutes, maxSpanMinutes: v.maxSpanMinutes, bookAheadDays: v.bookAheadDays,
    latestMinutesBeforeStart: v.latestMinutesBeforeStart, minAgeYears: v.minAgeYears, maxAgeYears: v.maxAgeYears,
    checkOutRequired: v.checkOutRequired,
  };
}

/**
 * Saves the offering's settings. New rates and limits apply to bookings made from now on (bookings keep their
 * price). Refused: a new slot length while bookings still to come hold slots of the old length (their slots
 * would no longer line up), and fewer places per slot than a coming slot already has taken.
 */
export async function updateSlotOffering(db: Db, staff: Staff, v: UpdateSlotOfferingValues, now = new Date()) {
  try {
    return await db.transaction(async (tx) => {
      const before = await lockOffering(tx, v.id);
      const [courseBefore] = await tx.select().from(courses).where(eq(courses.id, v.id)).for("update");
      const [venue] = await tx.select().from(venues).where(eq(venues.id, before.venueId));

      if (v.slotMinutes !== before.slotMinutes) {
        const upcoming = await upcomingSpans(tx, { courseId: v.id }, now);
        if (upcoming.length > 0)
          throw fieldError("slotMinutes",
            `The slot length cannot change while ${upcoming.length} booking${upcoming.length === 1 ? "" : "s"} still to come hold ${before.slotMinutes}-minute slots: ${listBookings(upcoming, venue.timeZone)}. Move or refund them first.`);
      }
      if (courseBefore.currency !== v.currency) {
        const [sold] = await tx.select({ n: sql<number>`count(*)::int` }).from(bookings)
          .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId)).where(eq(courseSessions.courseId, v.id));
        if (sold.n > 0) throw fieldError("currency", "The currency cannot change once the offering has bookings");
      }
      if (v.capacityPerSlot !== before.capacityPerSlot) {
        // Coming slot rows carry their capacity for the database's check: lock them in slot order (the order
        // every booking takes them in), then give them the new capacity, never below what is taken.
        const rows = await tx.select().from(offeringSlots)
          .where(and(eq(offeringSlots.courseId, v.id), gt(offeringSlots.startsAt, now)))
          .orderBy(asc(offeringSlots.startsAt)).for("update");
        const over = rows.filter((r) => r.placesBooked + r.placesHeld > v.capacityPerSlot);
        if (over.length > 0) {
          const worst = over.reduce((a, r) => (r.placesBooked + r.placesHeld > a.placesBooked + a.placesHeld ? r : a));
          const when = `${localDate(worst.startsAt, venue.timeZone)} ${new Intl.DateTimeFormat("en-GB", { timeZone: venue.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(worst.startsAt)}`;
          throw fieldError("capacityPerSlot",
            `At least ${worst.placesBooked + worst.placesHeld} places per slot: the ${when} slot has that many booked or in checkout (${over.length} slot${over.length === 1 ? "" : "s"} above ${v.capacityPerSlot}).`);
        }
        if (rows.length > 0)
          await tx.update(offeringSlots).set({ capacity: v.capacityPerSlot })
            .where(and(eq(offeringSlots.courseId, v.id), gt(offeringSlots.startsAt, now)));
      }
      const [course] = await tx.update(courses).set({
        slug: v.slug, title: v.title, summary: v.summary, description: v.description, category: v.category, currency: v.currency,
        priceAmount: v.standardRateAmount, updatedAt: now,
      }).where(eq(courses.id, v.id)).returning();
      const [after] = await tx.update(slotOfferings).set({ ...offeringColumns(v), updatedAt: now })
        .where(eq(slotOfferings.courseId, v.id)).returning();
      if (v.checkOutRequired !== before.checkOutRequired) await applyCheckOut(tx, v.id, v.checkOutRequired, now);
      await recordAudit(tx, staff, {
        action: "slot_offering.update", entityType: "course", entityId: v.id,
        before: { course: courseBefore, offering: before }, after: { course, offering: after },
      });
      return after;
    });
  } catch (err) {
    if (slugTaken(err)) throw fieldError("slug", "Another course or offering already uses this web address");
    throw err;
  }
}

/**
 * Check-out switched on applies to every day of the offering not yet over, today's included; switched off, to
 * the days not yet begun, so that attendees checked in today can still be checked out to whoever collects them.
 */
async function applyCheckOut(tx: Tx, courseId: string, on: boolean, now: Date) {
  await tx.update(courseSessions).set({ checkOutRequired: on })
    .where(and(eq(courseSessions.courseId, courseId), isNotNull(courseSessions.slotDate), on ? gt(courseSessions.endsAt, now) : gt(courseSessions.startsAt, now)));
}

// ---- Peak windows ----

export async function addPeakWindow(db: Db, staff: Staff, v: PeakWindowValues) {
  return db.transaction(async (tx) => {
    await lockOffering(tx, v.courseId);
    const [row] = await tx.insert(peakWindows).values({ courseId: v.courseId, weekdays: v.weekdays, startsAt: v.startsAt, endsAt: v.endsAt }).returning();
    await recordAudit(tx, staff, { action: "peak_window.create", entityType: "course", entityId: v.courseId, after: row });
    return row;
  });
}

export async function removePeakWindow(db: Db, staff: Staff, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(peakWindows).where(eq(peakWindows.id, id));
    if (!row) throw new AppError("not_found", {}, "That peak window does not exist.");
    await lockOffering(tx, row.courseId);
    await tx.delete(peakWindows).where(eq(peakWindows.id, id));
    await recordAudit(tx, staff, { action: "peak_window.delete", entityType: "course", entityId: row.courseId, before: row });
    return null;
  });
}

// ---- Opening hours and closures ----

/** The opening ranges of a location on a local date under the given week and closures. */
function rangesOn(date: string, week: { weekday: number; opensAt: number; closesAt: number }[],
  closures: Map<string, { opensAt: number | null; closesAt: number | null }>): MinuteRange[] {
  const closure = closures.get(date);
  if (closure) return closure.opensAt == null ? [] : [{ opensAt: closure.opensAt, closesAt: closure.closesAt! }];
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
  return week.filter((h) => h.weekday === weekday).sort((a, b) => a.opensAt - b.opensAt);
}

/** Whether a span fits inside one stretch of opening (touching ranges join, as lib/slots/schedule.ts does). */
function fits(span: UpcomingSpan, date: string, ranges: MinuteRange[], timeZone: string): boolean {
  const stretches: MinuteRange[] = [];
  for (const r of ranges) {
    const last = stretches[stretches.length - 1];
    if (last && last.closesAt === r.opensAt) last.closesAt = r.closesAt;
    else stretches.push({ ...r });
  }
  return stretches.some((r) =>
    localMinuteInstant(date, r.opensAt, timeZone) <= span.startsAt && localMinuteInstant(date, r.closesAt, timeZone) >= span.endsAt);
}

/** Bookings still to come that the location's new week and closures would leave outside its opening hours. */
async function spansLeftOutside(tx: Tx, venue: Venue, week: { weekday: number; opensAt: number; closesAt: number }[],
  closures: Map<string, { opensAt: number | null; closesAt: number | null }>, now: Date) {
  const upcoming = await upcomingSpans(tx, { venueId: venue.id }, now);
  return upcoming.filter((s) => {
    const date = localDate(s.startsAt, venue.timeZone);
    return !fits(s, date, rangesOn(date, week, closures), venue.timeZone);
  });
}

async function closuresOf(tx: Tx, venueId: string) {
  const rows = await tx.select().from(venueClosures).where(eq(venueClosures.venueId, venueId));
  return new Map(rows.map((c) => [c.localDate, { opensAt: c.opensAt, closesAt: c.closesAt }]));
}

/**
 * Replaces the location's weekly opening hours. Refused, naming them, when bookings still to come would fall
 * outside the new hours: they keep their times until staff move or refund them.
 */
export async function setOpeningHours(db: Db, staff: Staff, v: OpeningHoursValues, now = new Date()) {
  return db.transaction(async (tx) => {
    const venue = await lockVenue(tx, v.venueId);
    const before = await tx.select().from(venueOpeningHours).where(eq(venueOpeningHours.venueId, venue.id))
      .orderBy(asc(venueOpeningHours.weekday), asc(venueOpeningHours.opensAt));
    const outside = await spansLeftOutside(tx, venue, v.hours, await closuresOf(tx, venue.id), now);
    if (outside.length > 0)
      throw new AppError("conflict", { bookings: outside.map((s) => s.reference) },
        `These hours would leave ${outside.length} booking${outside.length === 1 ? "" : "s"} still to come outside opening time: ${listBookings(outside, venue.timeZone)}. Move or refund them first, or keep those hours.`);
    await tx.delete(venueOpeningHours).where(eq(venueOpeningHours.venueId, venue.id));
    if (v.hours.length > 0) await tx.insert(venueOpeningHours).values(v.hours.map((h) => ({ venueId: venue.id, ...h })));
    await recordAudit(tx, staff, {
      action: "venue.opening_hours", entityType: "venue", entityId: venue.id,
      before: before.map(({ weekday, opensAt, closesAt }) => ({ weekday, open: minuteLabel(opensAt), close: minuteLabel(closesAt) })),
      after: v.hours.map(({ weekday, opensAt, closesAt }) => ({ weekday, open: minuteLabel(opensAt), close: minuteLabel(closesAt) })),
    });
    return { ranges: v.hours.length };
  });
}

/**
 * Closes the location on each date (or opens it shorter hours). Refused, naming them, when bookings still to
 * come on those dates would fall outside: a closure never silently drops a booking. A date already closed gets
 * the new closure in its place.
 */
export async function addClosures(db: Db, staff: Staff, v: ClosureValues, now = new Date()) {
  return db.transaction(async (tx) => {
    const venue = await lockVenue(tx, v.venueId);
    const today = localDate(now, venue.timeZone);
    if (v.dates[v.dates.length - 1] < today) throw fieldError("fromDate", "Those days are in the past");
    const closures = await closuresOf(tx, venue.id);
    for (const d of v.dates) closures.set(d, { opensAt: v.hours?.opensAt ?? null, closesAt: v.hours?.closesAt ?? null });
    const week = await tx.select().from(venueOpeningHours).where(eq(venueOpeningHours.venueId, venue.id));
    const dates = new Set(v.dates);
    const outside = (await spansLeftOutside(tx, venue, week, closures, now))
      .filter((s) => dates.has(localDate(s.startsAt, venue.timeZone)));
    if (outside.length > 0) {
      const message = `${v.hours ? "Those hours" : "Closing"} would leave ${outside.length} booking${outside.length === 1 ? "" : "s"} outside opening time: ${listBookings(outside, venue.timeZone)}. Move or refund them first.`;
      throw new AppError("conflict", { bookings: outside.map((s) => s.reference), fields: { fromDate: message } }, message);
    }
    const rows = await tx.insert(venueClosures)
      .values(v.dates.map((localDate) => ({ venueId: venue.id, localDate, reason: v.reason, opensAt: v.hours?.opensAt ?? null, closesAt: v.hours?.closesAt ?? null })))
      .onConflictDoUpdate({
        target: [venueClosures.venueId, venueClosures.localDate],
        set: { reason: sql`excluded.reason`, opensAt: sql`excluded.opens_at_minute`, closesAt: sql`excluded.closes_at_minute` },
      })
      .returning();
    await recordAudit(tx, staff, {
      action: "venue.closure_add", entityType: "venue", entityId: venue.id,
      after: { dates: v.dates, reason: v.reason, hours: v.hours && { open: minuteLabel(v.hours.opensAt), close: minuteLabel(v.hours.closesAt) } },
    });
    return { days: rows.length };
  });
}

/** Opens a closed day again (its weekday's hours apply): no booking can be left outside by that. */
export async function removeClosure(db: Db, staff: Staff, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(venueClosures).where(eq(venueClosures.id, id));
    if (!row) throw new AppError("not_found", {}, "That closure does not exist.");
    const venue = await lockVenue(tx, row.venueId);
    // A shortened day may hold bookings the weekday's hours would not: check as for any change of hours.
    const closures = await closuresOf(tx, venue.id);
    closures.delete(row.localDate);
    const week = await tx.select().from(venueOpeningHours).where(eq(venueOpeningHours.venueId, venue.id));
    const outside = (await spansLeftOutside(tx, venue, week, closures, new Date()))
      .filter((s) => localDate(s.startsAt, venue.timeZone) === row.localDate);
    if (outside.length > 0)
      throw new AppError("conflict", { bookings: outside.map((s) => s.reference) },
        `The usual hours of that day would leave ${listBookings(outside, venue.timeZone)} outside opening time.`);
    await tx.delete(venueClosures).where(eq(venueClosures.id, id));
    await recordAudit(tx, staff, { action: "venue.closure_remove", entityType: "venue", entityId: venue.id, before: row });
    return null;
  });
}

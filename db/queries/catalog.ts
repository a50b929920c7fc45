// Reads of the public catalogue: courses, sessions with live availability, requirement templates.
import { and, asc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { courseSessions, courses, requirementTemplates, venues } from "@/db/schema";

/** Places open waiting-list offers still hold: an offer holds places, not seats, so its customer chooses seats when booking. */
const openOfferPlaces = sql`coalesce((
  select sum(o.places) from waitlist_offers o
  where o.session_id = "course_sessions"."id" and o.status = 'open' and o.expires_at > now()
), 0)`;

/**
 * Places held by checkouts still within their hold, and by waiting-list offers still open (lib/self-service/
 * waitlist.ts holds their places for the customer offered them); lapsed holds no longer count even before the
 * sweeper runs.
 */
// The outer column is written qualified by hand: Drizzle renders ${courseSessions.id} as a bare "id" in a
// single-table select, which inside this subquery would mean b.id.
const activeHeld = sql<number>`(coalesce((
  select sum(b.attendee_count) from bookings b
  where b.session_id = "course_sessions"."id" and b.status = 'pending' and b.hold_expires_at > now()
), 0) + ${openOfferPlaces})::int`;

/**
 * Seats of the session's plan free to sell (null without reserved seating): those nobody holds, books or blocks,
 * less one for each place an open waiting-list offer holds, as its customer will need a seat. The seats
 * `exceptBookingId` claims count as free: a change reports the places left as others would see them.
 */
function seatsFreeSql(exceptBookingId: string | null) {
  const except = exceptBookingId ? sql` and ss.booking_id is distinct from ${exceptBookingId}::uuid` : sql``;
  return sql<number | null>`case when "course_sessions"."seating_plan_id" is null then null else ((
    select count(*) from seats se where se.plan_id = "course_sessions"."seating_plan_id" and not exists (
      select 1 from session_seats ss left join bookings b on b.id = ss.booking_id
      where ss.session_id = "course_sessions"."id" and ss.seat_id = se.id${except}
        and (ss.status <> 'held' or (b.status = 'pending' and b.hold_expires_at > now())))
  ) - ${openOfferPlaces})::int end`;
}

const seatsFree = seatsFreeSql(null);

/** Places left: the session's capacity less places sold and held, and never more than its free seats. */
function placesLeft(r: { capacity: number; booked: number; held: number; seatsFree?: number | null }) {
  const byCapacity = Math.max(0, r.capacity - r.booked - r.held);
  return r.seatsFree == null ? byCapacity : Math.max(0, Math.min(byCapacity, r.seatsFree));
}

const sessionColumns = {
  id: courseSessions.id,
  courseId: courseSessions.courseId,
  startsAt: courseSessions.startsAt,
  endsAt: courseSessions.endsAt,
  capacity: courseSessions.capacity,
  booked: courseSessions.placesBooked,
  held: activeHeld,
  seatsFree,
  status: courseSessions.status,
  seatingPlanId: courseSessions.seatingPlanId,
  venue: {
    id: venues.id,
    name: venues.name,
    city: venues.city,
    addressLine1: venues.addressLine1,
    postalCode: venues.postalCode,
    timeZone: venues.timeZone,
  },
  course: {
    id: courses.id,
    slug: courses.slug,
    title: courses.title,
    category: courses.category,
    priceAmount: courses.priceAmount,
    depositAmount: courses.depositAmount,
    currency: courses.currency,
  },
};

export type SessionListing = Awaited<ReturnType<typeof listUpcomingSessions>>[number];

export async function listUpcomingSessions(
  db: DbOrTx,
  /** `fromDay`/`toDay` (YYYY-MM-DD) are calendar days where each session takes place, in its venue's time zone. */
  filter: { courseId?: string; category?: string; fromDay?: string; toDay?: string } = {},
) {
  const where: SQL[] = [
    eq(courseSessions.status, "scheduled"),
    eq(courses.status, "active"),
    gt(courseSessions.startsAt, sql`now()`),
    // Slot days of time-slot offerings are booked by span, not listed as sessions.
    isNull(courseSessions.slotDate),
  ];
  if (filter.courseId) where.push(eq(courseSessions.courseId, filter.courseId));
  if (filter.category) where.push(eq(courses.category, filter.category));
  const localDay = sql`(${courseSessions.startsAt} at time zone ${venues.timeZone})::date`;
  if (filter.fromDay) where.push(sql`${localDay} >= ${filter.fromDay}::date`);
  if (filter.toDay) where.push(sql`${localDay} <= ${filter.toDay}::date`);
  const rows = await db
    .select(sessionColumns)
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(and(...where))
    .orderBy(asc(courseSessions.startsAt));
  return rows.map((r) => ({ ...r, available: placesLeft(r) }));
}

export async function getSessionListing(db: DbOrTx, sessionId: string) {
  const [row] = await db
    .select(sessionColumns)
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(courseSessions.id, sessionId));
  return row ? { ...row, available: placesLeft(row) } : null;
}

/** A session's places left; `exceptBookingId`'s seat claims count as free (see seatsFreeSql). */
export async function getSessionAvailability(db: DbOrTx, sessionId: string, o: { exceptBookingId?: string } = {}) {
  const [row] = await db
    .select({ capacity: courseSessions.capacity, booked: courseSessions.placesBooked, held: activeHeld, seatsFree: o.exceptBookingId ? seatsFreeSql(o.exceptBookingId) : seatsFree })
    .from(courseSessions)
    .where(eq(courseSessions.id, sessionId));
  if (!row) return null;
  const { seatsFree: _free, ...counts } = row;
  const available = placesLeft(row);
  // Neither booked, held nor for sale: blocked seats, and on a seated session capacity beyond its plan's seats.
  // So capacity = booked + held + notForSale + available, as an integrator adding them up expects.
  return { sessionId, ...counts, notForSale: Math.max(0, row.capacity - row.booked - row.held - available), available };
}

export async function listActiveCourses(db: DbOrTx) {
  return db.select().from(courses).where(eq(courses.status, "active")).orderBy(asc(courses.title));
}

export async function getCourseBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select().from(courses).where(and(eq(courses.slug, slug), eq(courses.status, "active")));
  return row ?? null;
}

/**
 * The categories the session listing can be filtered by: those with an upcoming session listed there (a
 * time-slot offering's category, or one with no dates ahead, would only ever find nothing).
 */
export async function listCategories(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ category: courses.category }).from(courses)
    .innerJoin(courseSessions, eq(courseSessions.courseId, courses.id))
    .where(and(
      eq(courses.status, "active"), eq(courses.kind, "sessions"),
      eq(courseSessions.status, "scheduled"), gt(courseSessions.startsAt, sql`now()`), isNull(courseSessions.slotDate),
    ))
    .orderBy(asc(courses.category));
  return rows.map((r) => r.category);
}

export async function listRequirementTemplates(db: DbOrTx) {
  return db.select().from(requirementTemplates).where(eq(requirementTemplates.active, true))
    .orderBy(asc(requirementTemplates.sortOrder), asc(requirementTemplates.label));
}

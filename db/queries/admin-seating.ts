// Reads behind the staff seating pages: a venue's plans, one plan with its seats and the sessions using it,
// and each seat of a session with its state, the booking holding it and the note of a block.
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bookings, courseSessions, courses, seatingPlans, seats, sessionSeats, venues, type SeatFlag } from "@/db/schema";
import type { SeatState } from "./seating";

export async function venueSeatingPlans(db: DbOrTx, venueId: string) {
  return db.select({
    plan: seatingPlans,
    // Table-qualified by hand: Drizzle leaves columns unqualified in a single-table select.
    seats: sql<number>`(select count(*) from seats s where s.plan_id = seating_plans.id)::int`,
    sessions: sql<number>`(select count(*) from course_sessions cs where cs.seating_plan_id = seating_plans.id)::int`,
  }).from(seatingPlans).where(eq(seatingPlans.venueId, venueId))
    .orderBy(sql`${seatingPlans.archivedAt} is not null`, asc(seatingPlans.name));
}

export async function seatingPlanForStaff(db: DbOrTx, planId: string) {
  const [plan] = await db.select({ plan: seatingPlans, venue: venues }).from(seatingPlans)
    .innerJoin(venues, eq(venues.id, seatingPlans.venueId)).where(eq(seatingPlans.id, planId));
  if (!plan) return null;
  const [planSeatRows, sessions] = await Promise.all([
    db.select().from(seats).where(eq(seats.planId, planId)).orderBy(asc(seats.sortOrder)),
    db.select({
      id: courseSessions.id, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt, status: courseSessions.status,
      courseTitle: courses.title,
      bookings: sql<number>`(select count(*) from bookings b where b.session_id = course_sessions.id)::int`,
    }).from(courseSessions).innerJoin(courses, eq(courses.id, courseSessions.courseId))
      .where(eq(courseSessions.seatingPlanId, planId)).orderBy(asc(courseSessions.startsAt)),
  ]);
  return { ...plan, seats: planSeatRows.map((s) => ({ ...s, flags: s.flags as SeatFlag[] })), sessions };
}

export type StaffSessionSeat = {
  id: string; section: string; row: string; number: string; seatClass: string; x: number; y: number; flags: SeatFlag[];
  sortOrder: number; state: SeatState; bookingReference: string | null; note: string | null;
};

/**
 * Every seat of the session's plan with its state as a customer would see it (a lapsed hold is available),
 * the reference of the booking holding or owning it, and a block's note. Null without a plan.
 */
export async function sessionSeatsForStaff(db: DbOrTx, sessionId: string): Promise<{ planId: string; planName: string; seats: StaffSessionSeat[] } | null> {
  const [session] = await db.select({ planId: courseSessions.seatingPlanId, planName: seatingPlans.name })
    .from(courseSessions).innerJoin(seatingPlans, eq(seatingPlans.id, courseSessions.seatingPlanId))
    .where(eq(courseSessions.id, sessionId));
  if (!session?.planId) return null;
  const rows = await db.select({
    id: seats.id, section: seats.section, row: seats.row, number: seats.number, seatClass: seats.seatClass,
    x: seats.x, y: seats.y, flags: seats.flags, sortOrder: seats.sortOrder,
    state: sql<SeatState>`case
      when ${sessionSeats.status} is null then 'available'
      when ${sessionSeats.status} = 'held' and (${bookings.status} <> 'pending' or ${bookings.holdExpiresAt} <= now()) then 'available'
      else ${sessionSeats.status}::text end`,
    bookingReference: bookings.reference,
    note: sessionSeats.note,
  }).from(seats)
    .leftJoin(sessionSeats, and(eq(sessionSeats.seatId, seats.id), eq(sessionSeats.sessionId, sessionId)))
    .leftJoin(bookings, eq(bookings.id, sessionSeats.bookingId))
    .where(eq(seats.planId, session.planId))
    .orderBy(asc(seats.sortOrder));
  return {
    planId: session.planId, planName: session.planName,
    seats: rows.map((r) => ({ ...r, flags: r.flags as SeatFlag[], bookingReference: r.state === "available" ? null : r.bookingReference })),
  };
}

/** How many seats of the session are claimed (held, booked or blocked): a plan can change only at zero. */
export async function sessionSeatClaims(db: DbOrTx, sessionId: string) {
  const [{ n }] = await db.select({ n: count() }).from(sessionSeats).where(eq(sessionSeats.sessionId, sessionId));
  return n;
}

// Reads behind the staff seating pages: a venue's plans, one plan with its seats and the sessions using it,
// and each seat of a session with its state, the booking holding it and the note of a block.
import { asc, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { courseSessions, courses, seatingPlans, seats, sessionSeats, venues, type SeatFlag } from "@/db/schema";
import { sessionSeatStates, type OwnedSessionSeat } from "./seating";

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

export type StaffSessionSeat = OwnedSessionSeat;

/** Every seat of the session's plan with its state, its booking's reference and a block's note. */
export const sessionSeatsForStaff = sessionSeatStates;

/** How many seats of the session are claimed (held, booked or blocked): a plan can change only at zero. */
export async function sessionSeatClaims(db: DbOrTx, sessionId: string) {
  const [{ n }] = await db.select({ n: count() }).from(sessionSeats).where(eq(sessionSeats.sessionId, sessionId));
  return n;
}

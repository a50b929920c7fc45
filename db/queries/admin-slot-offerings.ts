// Reads behind the staff pages of time-slot offerings and their locations.
import { and, asc, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  bookingAnswers, bookings, courseQuestions, courseSessions, courses, slotOfferings, venueClosures, venueOpeningHours, venues,
} from "@/db/schema";

export async function listSlotOfferingsForAdmin(db: DbOrTx) {
  return db.select({ course: courses, offering: slotOfferings, venue: venues }).from(slotOfferings)
    .innerJoin(courses, eq(courses.id, slotOfferings.courseId))
    .innerJoin(venues, eq(venues.id, slotOfferings.venueId))
    .orderBy(asc(courses.status), asc(venues.name), asc(courses.title));
}

/** Venues that can host a new offering. */
export async function venuesInUse(db: DbOrTx) {
  return db.select({ id: venues.id, name: venues.name, city: venues.city, timeZone: venues.timeZone }).from(venues)
    .where(isNull(venues.archivedAt)).orderBy(asc(venues.name));
}

/** A course's questions, archived ones last, with how many answers each has. */
export async function questionsForAdmin(db: DbOrTx, courseId: string) {
  // "course_questions"."id" by hand: Drizzle's bare "id" here would mean booking_answers.id.
  const answers = sql<number>`(select count(*) from ${bookingAnswers} ba where ba.question_id = "course_questions"."id")::int`;
  return db.select({ question: courseQuestions, answers }).from(courseQuestions)
    .where(eq(courseQuestions.courseId, courseId))
    .orderBy(sql`${courseQuestions.archivedAt} is not null`, asc(courseQuestions.sortOrder), asc(courseQuestions.createdAt));
}

/** Pending and confirmed bookings of an offering whose span has not ended. */
export async function upcomingSlotBookingCount(db: DbOrTx, courseId: string, now = new Date()) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .where(and(eq(courseSessions.courseId, courseId), inArray(bookings.status, ["pending", "confirmed"]), gt(bookings.spanEndsAt, now)));
  return row.n;
}

/** A location's weekly hours, its closures from `fromDate` on, and the offerings there. */
export async function locationForAdmin(db: DbOrTx, venueId: string, fromDate: string) {
  const [venue] = await db.select().from(venues).where(eq(venues.id, venueId));
  if (!venue) return null;
  const [hours, closures, offerings] = await Promise.all([
    db.select().from(venueOpeningHours).where(eq(venueOpeningHours.venueId, venueId))
      .orderBy(asc(venueOpeningHours.weekday), asc(venueOpeningHours.opensAt)),
    db.select().from(venueClosures).where(and(eq(venueClosures.venueId, venueId), gte(venueClosures.localDate, fromDate)))
      .orderBy(asc(venueClosures.localDate)),
    db.select({ id: courses.id, title: courses.title, status: courses.status }).from(slotOfferings)
      .innerJoin(courses, eq(courses.id, slotOfferings.courseId)).where(eq(slotOfferings.venueId, venueId)).orderBy(asc(courses.title)),
  ]);
  return { venue, hours, closures, offerings };
}

export async function questionForAdmin(db: DbOrTx, id: string) {
  const [row] = await db.select({ question: courseQuestions, course: { id: courses.id, title: courses.title, kind: courses.kind } })
    .from(courseQuestions).innerJoin(courses, eq(courses.id, courseQuestions.courseId)).where(eq(courseQuestions.id, id));
  if (!row) return null;
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(bookingAnswers).where(eq(bookingAnswers.questionId, id));
  return { ...row, answers: n.n };
}

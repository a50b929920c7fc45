// Reads and writes of custom questions and the answers given to them.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { anyUuid, reusable } from "@/db/reusable";
import { bookingAnswers, bookingAttendees, bookings, courseQuestions } from "@/db/schema";

/** A course's questions still asked, in the order staff set. */
export async function listCourseQuestions(db: DbOrTx, courseId: string) {
  return questionsOfCourse(db, { courseId });
}

/** The questions still asked by each of these courses, in the order staff set (the public catalogue's list). */
export async function listQuestionsOfCourses(db: DbOrTx, courseIds: string[]) {
  if (courseIds.length === 0) return [];
  return db.select().from(courseQuestions)
    .where(and(inArray(courseQuestions.courseId, courseIds), isNull(courseQuestions.archivedAt)))
    .orderBy(asc(courseQuestions.courseId), asc(courseQuestions.sortOrder), asc(courseQuestions.createdAt));
}

const questionsOfCourse = reusable("course-questions", (db) => db.select().from(courseQuestions)
  .where(and(eq(courseQuestions.courseId, sql.placeholder("courseId")), isNull(courseQuestions.archivedAt)))
  .orderBy(asc(courseQuestions.sortOrder), asc(courseQuestions.createdAt)));

// Read by every confirmation email, built once (db/reusable.ts).
const answersOf = reusable("booking-answers", (db) => db.select({ answer: bookingAnswers, kind: courseQuestions.kind }).from(bookingAnswers)
  .innerJoin(courseQuestions, eq(courseQuestions.id, bookingAnswers.questionId))
  .where(anyUuid(bookingAnswers.bookingId, "bookingIds"))
  .orderBy(asc(courseQuestions.sortOrder), asc(courseQuestions.createdAt)));

/** Answers of bookings, oldest question first; `includeSensitive` false leaves out what only admins may see. */
export async function answersOfBookings(db: DbOrTx, bookingIds: string[], { includeSensitive }: { includeSensitive: boolean }) {
  if (bookingIds.length === 0) return [];
  const rows = await answersOf(db, { bookingIds });
  // With the question's kind, so that a date is shown as one.
  return rows.map((r) => ({ ...r.answer, kind: r.kind })).filter((a) => includeSensitive || !a.sensitive);
}

/** Everyone booked (or holding places) on a session or slot day, with their booking's span and all answers. */
export async function sessionAnswerSheet(db: DbOrTx, sessionId: string) {
  const people = await db.select({
    bookingId: bookings.id, reference: bookings.reference, spanStartsAt: bookings.spanStartsAt, spanEndsAt: bookings.spanEndsAt,
    attendeeId: bookingAttendees.id, firstName: bookingAttendees.firstName, lastName: bookingAttendees.lastName, position: bookingAttendees.position,
  }).from(bookingAttendees)
    .innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
    .where(and(eq(bookings.sessionId, sessionId), inArray(bookings.status, ["pending", "confirmed"]), isNull(bookingAttendees.cancelledAt)))
    .orderBy(asc(bookings.spanStartsAt), asc(bookings.reference), asc(bookingAttendees.position));
  const answers = await answersOfBookings(db, [...new Set(people.map((p) => p.bookingId))], { includeSensitive: true });
  return { people, answers };
}

/**
 * Answers of confirmed bookings on the given sessions (or slot days), with who gave them and the booking's span:
 * what the requirements dashboard shows. `includeSensitive` false leaves out what only admins may see.
 */
export async function answersForSessions(db: DbOrTx, sessionIds: string[], { includeSensitive }: { includeSensitive: boolean }) {
  if (sessionIds.length === 0) return [];
  const rows = await db.select({
    sessionId: bookings.sessionId, bookingId: bookings.id, reference: bookings.reference,
    spanStartsAt: bookings.spanStartsAt, spanEndsAt: bookings.spanEndsAt,
    attendeeId: bookingAnswers.attendeeId, firstName: bookingAttendees.firstName, lastName: bookingAttendees.lastName,
    position: bookingAttendees.position, cancelledAt: bookingAttendees.cancelledAt,
    label: bookingAnswers.label, value: bookingAnswers.value, sensitive: bookingAnswers.sensitive, kind: courseQuestions.kind,
  }).from(bookingAnswers)
    .innerJoin(bookings, eq(bookings.id, bookingAnswers.bookingId))
    .innerJoin(courseQuestions, eq(courseQuestions.id, bookingAnswers.questionId))
    .leftJoin(bookingAttendees, eq(bookingAttendees.id, bookingAnswers.attendeeId))
    .where(and(inArray(bookings.sessionId, sessionIds), eq(bookings.status, "confirmed")))
    .orderBy(asc(bookings.spanStartsAt), asc(bookings.reference), asc(bookingAttendees.position), asc(courseQuestions.sortOrder), asc(courseQuestions.createdAt));
  // A cancelled place's answers no longer concern the session.
  return rows.filter((r) => (includeSensitive || !r.sensitive) && !r.cancelledAt);
}

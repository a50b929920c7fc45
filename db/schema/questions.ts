// Questions staff ask per course or offering (per attendee or once per booking), and the answers given.
import { relations, sql } from "drizzle-orm";
import {
  boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid,
} from "drizzle-orm/pg-core";
import { courses } from "./catalog";
import { bookingAttendees, bookings } from "./bookings";

export const questionKind = pgEnum("question_kind", [
  "short_text", "long_text", "number", "date", "single_choice", "multiple_choice", "yes_no",
  // A date of birth: the attendee's age on the booked day is checked against the offering's allowed ages.
  "date_of_birth",
  // A telephone number (an emergency contact's, say), checked as one.
  "phone",
]);
export const questionScope = pgEnum("question_scope", ["per_attendee", "per_booking"]);

export const courseQuestions = pgTable("course_questions", {
  id: uuid("id").primaryKey().defaultRandom(),
  courseId: uuid("course_id").notNull().references(() => courses.id),
  kind: questionKind("kind").notNull(),
  scope: questionScope("scope").notNull(),
  label: text("label").notNull(),
  help: text("help"),
  required: boolean("required").notNull().default(false),
  // Shown only to admins: never in emails to other attendees, erased with the person.
  sensitive: boolean("sensitive").notNull().default(false),
  // Shown to door staff with the attendee's ticket, on line and in the offline list (who may collect a child).
  atDoor: boolean("at_door").notNull().default(false),
  options: jsonb("options").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  sortOrder: integer("sort_order").notNull().default(0),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("course_questions_label_present", sql`length(trim(${t.label})) > 0`),
  check("course_questions_choices_have_options", sql`${t.kind} not in ('single_choice', 'multiple_choice') or jsonb_array_length(${t.options}) >= 2`),
  index("course_questions_course_idx").on(t.courseId, t.sortOrder),
]);

/** One answer per question, per attendee (or per booking when attendee_id is null). */
export const bookingAnswers = pgTable("booking_answers", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  attendeeId: uuid("attendee_id").references(() => bookingAttendees.id, { onDelete: "cascade" }),
  questionId: uuid("question_id").notNull().references(() => courseQuestions.id),
  // Copied from the question when answered, so later edits do not rewrite what was asked.
  label: text("label").notNull(),
  sensitive: boolean("sensitive").notNull(),
  value: jsonb("value").$type<string | number | boolean | string[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique("booking_answers_one_per_question_key").on(t.bookingId, t.attendeeId, t.questionId).nullsNotDistinct(),
  index("booking_answers_question_idx").on(t.questionId),
]);

export const courseQuestionsRelations = relations(courseQuestions, ({ one }) => ({
  course: one(courses, { fields: [courseQuestions.courseId], references: [courses.id] }),
}));
export const bookingAnswersRelations = relations(bookingAnswers, ({ one }) => ({
  booking: one(bookings, { fields: [bookingAnswers.bookingId], references: [bookings.id] }),
  attendee: one(bookingAttendees, { fields: [bookingAnswers.attendeeId], references: [bookingAttendees.id] }),
  question: one(courseQuestions, { fields: [bookingAnswers.questionId], references: [courseQuestions.id] }),
}));

export type CourseQuestion = typeof courseQuestions.$inferSelect;
export type BookingAnswer = typeof bookingAnswers.$inferSelect;
export type QuestionKind = (typeof questionKind.enumValues)[number];

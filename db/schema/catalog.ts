// Catalogue: venues and their seating plans, courses, their scheduled sessions, and the requirement templates
// attendees pick from.
import { relations, sql } from "drizzle-orm";
import {
  boolean, check, date, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";

export const courseStatus = pgEnum("course_status", ["active", "archived"]);
export const sessionStatus = pgEnum("session_status", ["scheduled", "cancelled"]);
// sessions: scheduled sessions with fixed times; time_slots: the customer picks a date and a span of slots.
export const courseKind = pgEnum("course_kind", ["sessions", "time_slots"]);
export const requirementPriority = pgEnum("requirement_priority", ["critical", "high", "standard"]);
export const requirementCategory = pgEnum("requirement_category", [
  "allergy", "dietary", "access", "hearing", "visual", "medical", "other",
]);

export const venues = pgTable("venues", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull(),
  name: text("name").notNull(),
  addressLine1: text("address_line1").notNull(),
  addressLine2: text("address_line2"),
  city: text("city").notNull(),
  postalCode: text("postal_code").notNull(),
  country: text("country").notNull(),
  timeZone: text("time_zone").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
}, (t) => [
  uniqueIndex("venues_slug_key").on(t.slug),
  check("venues_country_iso", sql`${t.country} ~ '^[A-Z]{2}$'`),
]);

/** Flags a seat can carry; shown on the map and used to offer wheelchair spaces to those who need them. */
export const SEAT_FLAGS = ["wheelchair", "companion", "restricted_view"] as const;
export type SeatFlag = (typeof SEAT_FLAGS)[number];

export const seatingPlans = pgTable("seating_plans", {
  id: uuid("id").primaryKey().defaultRandom(),
  venueId: uuid("venue_id").notNull().references(() => venues.id),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
}, (t) => [
  uniqueIndex("seating_plans_venue_name_key").on(t.venueId, t.name),
  check("seating_plans_name_present", sql`length(trim(${t.name})) > 0`),
]);

export const seats = pgTable("seats", {
  id: uuid("id").primaryKey().defaultRandom(),
  planId: uuid("plan_id").notNull().references(() => seatingPlans.id, { onDelete: "cascade" }),
  section: text("section").notNull(),
  row: text("row").notNull(),
  number: text("number").notNull(),
  seatClass: text("seat_class").notNull(),
  x: real("x").notNull(),
  y: real("y").notNull(),
  flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
  // Reading order for lists and "best available": section, row, then seat.
  sortOrder: integer("sort_order").notNull(),
}, (t) => [
  uniqueIndex("seats_plan_position_key").on(t.planId, t.section, t.row, t.number),
  index("seats_plan_order_idx").on(t.planId, t.sortOrder),
  check("seats_flags_known", sql`${t.flags} <@ array['wheelchair','companion','restricted_view']::text[]`),
]);

/** Cancelled at least `hoursBefore` hours before the start: `refundPercent` of what was paid comes back. */
export type CancellationBand = { hoursBefore: number; refundPercent: number };

export const courses = pgTable("courses", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull(),
  title: text("title").notNull(),
  summary: text("summary").notNull(),
  description: text("description").notNull(),
  category: text("category").notNull(),
  kind: courseKind("kind").notNull().default("sessions"),
  priceAmount: integer("price_amount").notNull(),
  depositAmount: integer("deposit_amount"),
  currency: text("currency").notNull(),
  status: courseStatus("status").notNull().default("active"),
  // Cancellation policy (also of a time-slot offering, which is a course): refund bands by time before the
  // start, most generous first (see lib/self-service/cancellation-policy.ts), whether a deposit comes back,
  // and a fee kept per cancellation. The database function cancellation_bands_valid checks the bands.
  cancellationBands: jsonb("cancellation_bands").$type<CancellationBand[]>().notNull()
    .default(sql`'[{"hoursBefore":336,"refundPercent":100},{"hoursBefore":48,"refundPercent":50}]'::jsonb`),
  cancellationDepositRefundable: boolean("cancellation_deposit_refundable").notNull().default(false),
  cancellationFeeAmount: integer("cancellation_fee_amount").notNull().default(0),
  // Customers may change their bookings (attendees, needs, session) until this many hours before the start.
  changeCutoffHours: integer("change_cutoff_hours").notNull().default(48),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("courses_slug_key").on(t.slug),
  check("courses_cancellation_bands_valid", sql`cancellation_bands_valid(${t.cancellationBands})`),
  check("courses_cancellation_fee_range", sql`${t.cancellationFeeAmount} between 0 and 100000000`),
  check("courses_change_cutoff_range", sql`${t.changeCutoffHours} between 0 and 8760`),
  check("courses_price_nonnegative", sql`${t.priceAmount} >= 0`),
  check("courses_deposit_below_price",
    sql`${t.depositAmount} is null or (${t.depositAmount} > 0 and ${t.depositAmount} < ${t.priceAmount})`),
  check("courses_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  index("courses_category_idx").on(t.category),
]);

export const courseSessions = pgTable("course_sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  courseId: uuid("course_id").notNull().references(() => courses.id),
  venueId: uuid("venue_id").notNull().references(() => venues.id),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  capacity: integer("capacity").notNull(),
  // Places of confirmed bookings, and places held by pending bookings during checkout.
  placesBooked: integer("places_booked").notNull().default(0),
  placesHeld: integer("places_held").notNull().default(0),
  status: sessionStatus("status").notNull().default("scheduled"),
  // Reserved seating: customers pick seats of this plan; null sells unnumbered places.
  seatingPlanId: uuid("seating_plan_id").references(() => seatingPlans.id),
  // Door staff also record who collected each attendee and when (childcare pick-up).
  checkOutRequired: boolean("check_out_required").notNull().default(false),
  // Time-slot offerings: the local date this "slot day" stands for. Created on first booking of that day;
  // its capacity never caps the day (slots do, in offering_slots).
  slotDate: date("slot_date", { mode: "string" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("course_sessions_ends_after_starts", sql`${t.endsAt} > ${t.startsAt}`),
  check("course_sessions_capacity_positive", sql`${t.capacity} > 0`),
  check("course_sessions_places_nonnegative", sql`${t.placesBooked} >= 0 and ${t.placesHeld} >= 0`),
  check("course_sessions_places_within_capacity", sql`${t.placesBooked} + ${t.placesHeld} <= ${t.capacity}`),
  index("course_sessions_course_starts_idx").on(t.courseId, t.startsAt),
  index("course_sessions_starts_idx").on(t.startsAt),
  uniqueIndex("course_sessions_slot_day_key").on(t.courseId, t.slotDate).where(sql`${t.slotDate} is not null`),
]);

export const requirementTemplates = pgTable("requirement_templates", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull(),
  category: requirementCategory("category").notNull(),
  label: text("label").notNull(),
  hint: text("hint"),
  priority: requirementPriority("priority").notNull(),
  // Preparation tasks this need generates for the session's checklist.
  checklistItems: jsonb("checklist_items").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  detailsRequired: boolean("details_required").notNull().default(false),
  // Venue features (see lib/requirements/venue-features.ts) an attendee with this need relies on.
  venueFeatures: jsonb("venue_features").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
}, (t) => [uniqueIndex("requirement_templates_code_key").on(t.code)]);

export const venuesRelations = relations(venues, ({ many }) => ({ sessions: many(courseSessions) }));
export const coursesRelations = relations(courses, ({ many }) => ({ sessions: many(courseSessions) }));
export const courseSessionsRelations = relations(courseSessions, ({ one }) => ({
  course: one(courses, { fields: [courseSessions.courseId], references: [courses.id] }),
  venue: one(venues, { fields: [courseSessions.venueId], references: [venues.id] }),
  seatingPlan: one(seatingPlans, { fields: [courseSessions.seatingPlanId], references: [seatingPlans.id] }),
}));

export const seatingPlansRelations = relations(seatingPlans, ({ one, many }) => ({
  venue: one(venues, { fields: [seatingPlans.venueId], references: [venues.id] }),
  seats: many(seats),
}));
export const seatsRelations = relations(seats, ({ one }) => ({
  plan: one(seatingPlans, { fields: [seats.planId], references: [seatingPlans.id] }),
}));

export type SeatingPlan = typeof seatingPlans.$inferSelect;
export type Seat = typeof seats.$inferSelect;
export type Venue = typeof venues.$inferSelect;
export type Course = typeof courses.$inferSelect;
export type CourseSession = typeof courseSessions.$inferSelect;
export type RequirementTemplate = typeof requirementTemplates.$inferSelect;
export type RequirementPriority = (typeof requirementPriority.enumValues)[number];
export type RequirementCategory = (typeof requirementCategory.enumValues)[number];

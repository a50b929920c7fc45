// Offerings booked by time slot (a childcare centre, a climbing wall, a meeting room): a course of kind
// "time_slots" whose settings live here, its location's opening hours and closures, its peak windows, and
// the places taken in each slot.
import { relations, sql } from "drizzle-orm";
import {
  boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { courses, venues } from "./catalog";

/** Minutes since local midnight: 0 (00:00) to 1440 (24:00). */
const minuteOfDay = (name: string) => integer(name);

export const slotOfferings = pgTable("slot_offerings", {
  courseId: uuid("course_id").primaryKey().references(() => courses.id),
  venueId: uuid("venue_id").notNull().references(() => venues.id),
  slotMinutes: integer("slot_minutes").notNull(),
  capacityPerSlot: integer("capacity_per_slot").notNull(),
  // Per attendee and slot, in the course's currency.
  standardRateAmount: integer("standard_rate_amount").notNull(),
  peakRateAmount: integer("peak_rate_amount").notNull(),
  minSpanMinutes: integer("min_span_minutes").notNull(),
  maxSpanMinutes: integer("max_span_minutes").notNull(),
  // The last local date one can book is today + this many days.
  bookAheadDays: integer("book_ahead_days").notNull(),
  // A span must start at least this long after the booking is made.
  latestMinutesBeforeStart: integer("latest_minutes_before_start").notNull().default(0),
  // Allowed ages of attendees on the booked day (whole years), when the offering asks for a date of birth.
  minAgeYears: integer("min_age_years"),
  maxAgeYears: integer("max_age_years"),
  // Door staff check each attendee out and record who collected them (a childcare centre): copied to each slot day.
  checkOutRequired: boolean("check_out_required").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("slot_offerings_slot_minutes_range", sql`${t.slotMinutes} between 5 and 720 and 1440 % ${t.slotMinutes} = 0`),
  check("slot_offerings_capacity_positive", sql`${t.capacityPerSlot} between 1 and 10000`),
  check("slot_offerings_rates_nonnegative", sql`${t.standardRateAmount} >= 0 and ${t.peakRateAmount} >= 0`),
  check("slot_offerings_span_range", sql`${t.minSpanMinutes} >= ${t.slotMinutes} and ${t.maxSpanMinutes} >= ${t.minSpanMinutes}
    and ${t.minSpanMinutes} % ${t.slotMinutes} = 0 and ${t.maxSpanMinutes} % ${t.slotMinutes} = 0`),
  check("slot_offerings_book_ahead_range", sql`${t.bookAheadDays} between 0 and 730`),
  check("slot_offerings_latest_nonnegative", sql`${t.latestMinutesBeforeStart} >= 0`),
  check("slot_offerings_age_range", sql`(${t.minAgeYears} is null or ${t.minAgeYears} >= 0) and (${t.maxAgeYears} is null or ${t.maxAgeYears} >= 0)
    and (${t.minAgeYears} is null or ${t.maxAgeYears} is null or ${t.minAgeYears} <= ${t.maxAgeYears})`),
  index("slot_offerings_venue_idx").on(t.venueId),
]);

/** When a location opens, per ISO weekday (1 Monday … 7 Sunday); several ranges a day allowed. */
export const venueOpeningHours = pgTable("venue_opening_hours", {
  id: uuid("id").primaryKey().defaultRandom(),
  venueId: uuid("venue_id").notNull().references(() => venues.id, { onDelete: "cascade" }),
  weekday: integer("weekday").notNull(),
  opensAt: minuteOfDay("opens_at_minute").notNull(),
  closesAt: minuteOfDay("closes_at_minute").notNull(),
}, (t) => [
  check("venue_opening_hours_weekday_range", sql`${t.weekday} between 1 and 7`),
  check("venue_opening_hours_times", sql`${t.opensAt} >= 0 and ${t.closesAt} <= 1440 and ${t.opensAt} < ${t.closesAt}`),
  index("venue_opening_hours_venue_idx").on(t.venueId, t.weekday),
]);

/**
 * A local date a location is closed (public holiday, one-off closure) or opens shorter hours: with opensAt and
 * closesAt set, those replace the day's opening hours.
 */
export const venueClosures = pgTable("venue_closures", {
  id: uuid("id").primaryKey().defaultRandom(),
  venueId: uuid("venue_id").notNull().references(() => venues.id, { onDelete: "cascade" }),
  localDate: date("local_date", { mode: "string" }).notNull(),
  opensAt: minuteOfDay("opens_at_minute"),
  closesAt: minuteOfDay("closes_at_minute"),
  reason: text("reason").notNull(),
}, (t) => [
  uniqueIndex("venue_closures_venue_date_key").on(t.venueId, t.localDate),
  check("venue_closures_shortened_times", sql`(${t.opensAt} is null and ${t.closesAt} is null)
    or (${t.opensAt} >= 0 and ${t.closesAt} <= 1440 and ${t.opensAt} < ${t.closesAt})`),
  check("venue_closures_reason_present", sql`length(trim(${t.reason})) > 0`),
]);

/** Hours charged at the peak rate, on the given ISO weekdays, in the location's local time. */
export const peakWindows = pgTable("peak_windows", {
  id: uuid("id").primaryKey().defaultRandom(),
  courseId: uuid("course_id").notNull().references(() => slotOfferings.courseId, { onDelete: "cascade" }),
  weekdays: integer("weekdays").array().notNull(),
  startsAt: minuteOfDay("starts_at_minute").notNull(),
  endsAt: minuteOfDay("ends_at_minute").notNull(),
}, (t) => [
  check("peak_windows_weekdays_known", sql`cardinality(${t.weekdays}) > 0 and ${t.weekdays} <@ array[1,2,3,4,5,6,7]`),
  check("peak_windows_times", sql`${t.startsAt} >= 0 and ${t.endsAt} <= 1440 and ${t.startsAt} < ${t.endsAt}`),
  index("peak_windows_course_idx").on(t.courseId),
]);

/**
 * Places taken in one slot of an offering, with the capacity copied in so the database enforces it. Rows
 * appear on first use (INSERT ... ON CONFLICT), never ahead of time for every future day.
 */
export const offeringSlots = pgTable("offering_slots", {
  courseId: uuid("course_id").notNull().references(() => slotOfferings.courseId),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  capacity: integer("capacity").notNull(),
  placesBooked: integer("places_booked").notNull().default(0),
  placesHeld: integer("places_held").notNull().default(0),
}, (t) => [
  primaryKey({ name: "offering_slots_pkey", columns: [t.courseId, t.startsAt] }),
  check("offering_slots_places_nonnegative", sql`${t.placesBooked} >= 0 and ${t.placesHeld} >= 0`),
  check("offering_slots_within_capacity", sql`${t.placesBooked} + ${t.placesHeld} <= ${t.capacity}`),
]);

export const slotOfferingsRelations = relations(slotOfferings, ({ one, many }) => ({
  course: one(courses, { fields: [slotOfferings.courseId], references: [courses.id] }),
  venue: one(venues, { fields: [slotOfferings.venueId], references: [venues.id] }),
  peakWindows: many(peakWindows),
}));
export const peakWindowsRelations = relations(peakWindows, ({ one }) => ({
  offering: one(slotOfferings, { fields: [peakWindows.courseId], references: [slotOfferings.courseId] }),
}));

export type SlotOffering = typeof slotOfferings.$inferSelect;
export type VenueOpeningHours = typeof venueOpeningHours.$inferSelect;
export type VenueClosure = typeof venueClosures.$inferSelect;
export type PeakWindow = typeof peakWindows.$inferSelect;
export type OfferingSlot = typeof offeringSlots.$inferSelect;

// Discounts: codes customers type in, automatic rules (group bands, early bird), each code's redemptions,
// and what every discount took off each place of a booking.
import { relations, sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { courses } from "./catalog";
import { ticketTypes } from "./tickets";
import { bookingAttendees, bookings } from "./bookings";
import { users } from "./auth";

export const discountKind = pgEnum("discount_kind", ["percent", "fixed"]);
export const discountPer = pgEnum("discount_per", ["attendee", "booking"]);
export const discountRuleKind = pgEnum("discount_rule_kind", ["group", "early_bird"]);
// "member": a member price below the list price; "points": reward points spent on the booking (a price reduction).
export const discountSource = pgEnum("discount_source", ["code", "group", "early_bird", "member", "points"]);

/**
 * A discount code. `usesCount` counts live redemptions (pending and paid bookings); the check constraint
 * keeps it within `maxUses`, so a conditional increment in the booking transaction is the only way to use one.
 */
export const discountCodes = pgTable("discount_codes", {
  id: uuid("id").primaryKey().defaultRandom(),
  // Stored upper case; customers may type it in any case.
  code: text("code").notNull(),
  description: text("description"),
  kind: discountKind("kind").notNull(),
  // Basis points for a percentage, minor units of `currency` for a fixed amount.
  value: integer("value").notNull(),
  per: discountPer("per").notNull().default("booking"),
  currency: text("currency"),
  validFrom: timestamp("valid_from", { withTimezone: true }),
  validUntil: timestamp("valid_until", { withTimezone: true }),
  maxUses: integer("max_uses"),
  usesCount: integer("uses_count").notNull().default(0),
  maxUsesPerEmail: integer("max_uses_per_email"),
  minAttendees: integer("min_attendees").notNull().default(1),
  // A presale code: ticket types hidden from the public can be booked with it.
  revealsHiddenTicketTypes: boolean("reveals_hidden_ticket_types").notNull().default(false),
  // The batch a bulk generation made it in (its CSV export).
  batch: text("batch"),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("discount_codes_code_key").on(t.code),
  index("discount_codes_batch_idx").on(t.batch),
  check("discount_codes_code_shape", sql`${t.code} ~ '^[A-Z0-9][A-Z0-9_-]{2,39}$'`),
  check("discount_codes_value", sql`(${t.kind} = 'percent' and ${t.value} between 1 and 10000) or
    (${t.kind} = 'fixed' and ${t.value} > 0 and ${t.currency} is not null)`),
  check("discount_codes_currency_iso", sql`${t.currency} is null or ${t.currency} ~ '^[A-Z]{3}$'`),
  check("discount_codes_window", sql`${t.validFrom} is null or ${t.validUntil} is null or ${t.validFrom} < ${t.validUntil}`),
  check("discount_codes_uses_within_max", sql`${t.usesCount} >= 0 and (${t.maxUses} is null or ${t.usesCount} <= ${t.maxUses})`),
  check("discount_codes_max_uses_positive", sql`(${t.maxUses} is null or ${t.maxUses} > 0) and (${t.maxUsesPerEmail} is null or ${t.maxUsesPerEmail} > 0)`),
  check("discount_codes_min_attendees_range", sql`${t.minAttendees} between 1 and 12`),
]);

/** What a code covers: chosen courses and/or ticket types; a code with no targets covers everything. */
export const discountCodeTargets = pgTable("discount_code_targets", {
  id: uuid("id").primaryKey().defaultRandom(),
  codeId: uuid("code_id").notNull().references(() => discountCodes.id, { onDelete: "cascade" }),
  courseId: uuid("course_id").references(() => courses.id),
  ticketTypeId: uuid("ticket_type_id").references(() => ticketTypes.id),
}, (t) => [
  check("discount_code_targets_one", sql`(${t.courseId} is null) <> (${t.ticketTypeId} is null)`),
  index("discount_code_targets_code_idx").on(t.codeId),
]);

/** One use of a code by one booking; deleted (and the counter given back) when the booking's hold lapses. */
export const discountRedemptions = pgTable("discount_redemptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  codeId: uuid("code_id").notNull().references(() => discountCodes.id),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  // Lower case, for the per-customer limit.
  email: text("email").notNull(),
  amount: integer("amount").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("discount_redemptions_booking_key").on(t.bookingId),
  index("discount_redemptions_code_email_idx").on(t.codeId, t.email),
  check("discount_redemptions_amount", sql`${t.amount} >= 0`),
]);

/** An automatic discount: a group band (from N attendees) or an early bird (until a date and/or the first N places). */
export const discountRules = pgTable("discount_rules", {
  id: uuid("id").primaryKey().defaultRandom(),
  ruleKind: discountRuleKind("rule_kind").notNull(),
  name: text("name").notNull(),
  // Null: every course (a fixed amount then applies only to courses in its currency).
  courseId: uuid("course_id").references(() => courses.id),
  kind: discountKind("kind").notNull(),
  value: integer("value").notNull(),
  per: discountPer("per").notNull().default("booking"),
  currency: text("currency"),
  minAttendees: integer("min_attendees").notNull().default(1),
  validFrom: timestamp("valid_from", { withTimezone: true }),
  validUntil: timestamp("valid_until", { withTimezone: true }),
  firstPlaces: integer("first_places"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("discount_rules_value", sql`(${t.kind} = 'percent' and ${t.value} between 1 and 10000) or
    (${t.kind} = 'fixed' and ${t.value} > 0 and ${t.currency} is not null)`),
  check("discount_rules_min_attendees_range", sql`${t.minAttendees} between 1 and 12`),
  check("discount_rules_first_places_positive", sql`${t.firstPlaces} is null or ${t.firstPlaces} > 0`),
  check("discount_rules_early_bird_limit", sql`${t.ruleKind} <> 'early_bird' or ${t.validUntil} is not null or ${t.firstPlaces} is not null`),
  check("discount_rules_name_present", sql`length(trim(${t.name})) > 0`),
  index("discount_rules_course_idx").on(t.courseId),
]);

/** What one discount took off one place; a place's discount_amount is the sum of its lines. */
export const bookingDiscountLines = pgTable("booking_discount_lines", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  attendeeId: uuid("attendee_id").notNull().references(() => bookingAttendees.id, { onDelete: "cascade" }),
  source: discountSource("source").notNull(),
  label: text("label").notNull(),
  amount: integer("amount").notNull(),
  discountCodeId: uuid("discount_code_id").references(() => discountCodes.id),
  discountRuleId: uuid("discount_rule_id").references(() => discountRules.id),
}, (t) => [
  check("booking_discount_lines_amount_positive", sql`${t.amount} > 0`),
  index("booking_discount_lines_booking_idx").on(t.bookingId),
  index("booking_discount_lines_attendee_idx").on(t.attendeeId),
]);

export const discountCodesRelations = relations(discountCodes, ({ many }) => ({
  targets: many(discountCodeTargets),
  redemptions: many(discountRedemptions),
}));
export const discountCodeTargetsRelations = relations(discountCodeTargets, ({ one }) => ({
  code: one(discountCodes, { fields: [discountCodeTargets.codeId], references: [discountCodes.id] }),
}));
export const discountRedemptionsRelations = relations(discountRedemptions, ({ one }) => ({
  code: one(discountCodes, { fields: [discountRedemptions.codeId], references: [discountCodes.id] }),
  booking: one(bookings, { fields: [discountRedemptions.bookingId], references: [bookings.id] }),
}));

export type DiscountCode = typeof discountCodes.$inferSelect;
export type DiscountRule = typeof discountRules.$inferSelect;
export type BookingDiscountLine = typeof bookingDiscountLines.$inferSelect;

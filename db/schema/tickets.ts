// Ticket types: what a place costs and how many of each kind a session sells. A course's types are the
// default for its sessions; a session with types of its own offers only those.
import { relations, sql } from "drizzle-orm";
import {
  boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { courseSessions, courses } from "./catalog";

export const ticketTypes = pgTable("ticket_types", {
  id: uuid("id").primaryKey().defaultRandom(),
  courseId: uuid("course_id").notNull().references(() => courses.id),
  // Null: a default of the course for every session without types of its own.
  sessionId: uuid("session_id").references(() => courseSessions.id),
  name: text("name").notNull(),
  description: text("description"),
  priceAmount: integer("price_amount").notNull(),
  depositAmount: integer("deposit_amount"),
  // Places of this type per session; null means only the session's capacity limits it.
  quota: integer("quota"),
  // Seats of this class on a seating plan are sold as this type.
  seatClass: text("seat_class"),
  onSaleFrom: timestamp("on_sale_from", { withTimezone: true }),
  onSaleUntil: timestamp("on_sale_until", { withTimezone: true }),
  minPerBooking: integer("min_per_booking").notNull().default(0),
  maxPerBooking: integer("max_per_booking").notNull().default(12),
  visible: boolean("visible").notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("ticket_types_price_nonnegative", sql`${t.priceAmount} >= 0`),
  check("ticket_types_deposit_below_price",
    sql`${t.depositAmount} is null or (${t.depositAmount} > 0 and ${t.depositAmount} < ${t.priceAmount})`),
  check("ticket_types_quota_positive", sql`${t.quota} is null or ${t.quota} > 0`),
  check("ticket_types_per_booking_range",
    sql`${t.minPerBooking} between 0 and 12 and ${t.maxPerBooking} between 1 and 12 and ${t.minPerBooking} <= ${t.maxPerBooking}`),
  check("ticket_types_sale_window", sql`${t.onSaleFrom} is null or ${t.onSaleUntil} is null or ${t.onSaleFrom} < ${t.onSaleUntil}`),
  check("ticket_types_name_present", sql`length(trim(${t.name})) > 0`),
  index("ticket_types_course_idx").on(t.courseId, t.sortOrder),
  index("ticket_types_session_idx").on(t.sessionId),
  // Two types on sale under one name (a course's defaults, or one session's own) could not be told apart by
  // customers or on tickets: a name is taken once per scope, letter case and spaces aside; retired types free it.
  uniqueIndex("ticket_types_name_per_scope")
    .on(t.courseId, sql`coalesce(${t.sessionId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`lower(trim(${t.name}))`)
    .where(sql`${t.retiredAt} is null`),
]);

/**
 * Places of one type sold in one session, with the type's quota copied in so the database enforces it:
 * booked + held never exceeds the quota. Rows appear on first use (INSERT ... ON CONFLICT).
 */
export const ticketTypeInventory = pgTable("ticket_type_inventory", {
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  ticketTypeId: uuid("ticket_type_id").notNull().references(() => ticketTypes.id),
  quota: integer("quota"),
  placesBooked: integer("places_booked").notNull().default(0),
  placesHeld: integer("places_held").notNull().default(0),
}, (t) => [
  primaryKey({ name: "ticket_type_inventory_pkey", columns: [t.sessionId, t.ticketTypeId] }),
  check("ticket_type_inventory_places_nonnegative", sql`${t.placesBooked} >= 0 and ${t.placesHeld} >= 0`),
  check("ticket_type_inventory_within_quota", sql`${t.quota} is null or ${t.placesBooked} + ${t.placesHeld} <= ${t.quota}`),
  index("ticket_type_inventory_type_idx").on(t.ticketTypeId),
]);

export const ticketTypesRelations = relations(ticketTypes, ({ one }) => ({
  course: one(courses, { fields: [ticketTypes.courseId], references: [courses.id] }),
  session: one(courseSessions, { fields: [ticketTypes.sessionId], references: [courseSessions.id] }),
}));

export type TicketType = typeof ticketTypes.$inferSelect;
export type TicketTypeInventory = typeof ticketTypeInventory.$inferSelect;

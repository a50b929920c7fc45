// Fan-club members, their levels' earn rates, and the reward points ledger (every movement is a row).
import { relations, sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { bookings } from "./bookings";
import { courses } from "./catalog";
import { ticketTypes } from "./tickets";
import { payments, refunds } from "./payments";

export const memberLevel = pgEnum("member_level", ["silver", "gold", "platinum"]);
export const pointsKind = pgEnum("points_kind", ["earn", "reverse", "redeem", "adjust", "expire"]);

/** A customer email that is a member. The member row is also the lock taken before any points are spent. */
export const members = pgTable("members", {
  id: uuid("id").primaryKey().defaultRandom(),
  // Stored lower case; unique case-insensitively through the index on lower(email).
  email: text("email").notNull(),
  name: text("name"),
  level: memberLevel("level").notNull(),
  memberNumber: text("member_number").notNull(),
  validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
  validUntil: timestamp("valid_until", { withTimezone: true }),
  // Set when the member asked (one click in an email) for no more member emails about new sessions.
  notificationsOptedOutAt: timestamp("notifications_opted_out_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("members_email_key").on(sql`lower(${t.email})`),
  uniqueIndex("members_number_key").on(t.memberNumber),
  check("members_validity", sql`${t.validUntil} is null or ${t.validFrom} < ${t.validUntil}`),
  check("members_number_shape", sql`${t.memberNumber} ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'`),
]);

/** Points earned per 1.00 of the booking's currency, per level; set by staff. */
export const membershipLevels = pgTable("membership_levels", {
  level: memberLevel("level").primaryKey(),
  pointsPerUnit: integer("points_per_unit").notNull(),
  // How long earned points stay spendable.
  pointsValidDays: integer("points_valid_days").notNull().default(365),
}, (t) => [
  check("membership_levels_rate", sql`${t.pointsPerUnit} between 0 and 1000`),
  check("membership_levels_valid_days", sql`${t.pointsValidDays} between 1 and 3650`),
]);

/**
 * The points ledger. An earn row belongs to one payment and a reverse row to one refund: the partial unique
 * indexes make a replayed webhook or a retried refund credit or reverse once. An expire row closes one lot (an
 * earn row or positive adjustment past its expires_at) with what it still held, possibly nothing; the unique
 * index on the lot it closes makes that happen once, however many instances run the maintenance pass.
 * (Checks compare kind as text: a new enum value cannot be named in the migration that adds it.)
 */
export const pointsLedger = pgTable("points_ledger", {
  id: uuid("id").primaryKey().defaultRandom(),
  memberId: uuid("member_id").notNull().references(() => members.id, { onDelete: "cascade" }),
  bookingId: uuid("booking_id").references(() => bookings.id),
  paymentId: uuid("payment_id").references(() => payments.id),
  refundId: uuid("refund_id").references(() => refunds.id),
  kind: pointsKind("kind").notNull(),
  points: integer("points").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  // The lot an expire row closes.
  expiresLedgerId: uuid("expires_ledger_id").references((): AnyPgColumn => pointsLedger.id, { onDelete: "cascade" }),
  note: text("note"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("points_ledger_member_idx").on(t.memberId, t.createdAt),
  uniqueIndex("points_ledger_earn_payment_key").on(t.paymentId).where(sql`${t.kind} = 'earn'`),
  uniqueIndex("points_ledger_reverse_refund_key").on(t.refundId).where(sql`${t.kind} = 'reverse'`),
  uniqueIndex("points_ledger_expires_lot_key").on(t.expiresLedgerId),
  check("points_ledger_non_zero", sql`${t.points} <> 0 or ${t.kind}::text = 'expire'`),
  check("points_ledger_expire_lot", sql`(${t.kind}::text = 'expire') = (${t.expiresLedgerId} is not null)`),
  check("points_ledger_sign", sql`(${t.kind} = 'earn' and ${t.points} > 0 and ${t.expiresAt} is not null and ${t.paymentId} is not null)
    or (${t.kind} = 'reverse' and ${t.points} < 0 and ${t.refundId} is not null)
    or (${t.kind} = 'redeem' and ${t.points} < 0)
    or ${t.kind} = 'adjust'
    or (${t.kind}::text = 'expire' and ${t.points} <= 0)`),
]);

/**
 * What a member of one level pays for a place: of a ticket type, or of a course (for places whose type has no
 * member price of its own for that level). A member price only ever lowers a place's price.
 */
export const memberPrices = pgTable("member_prices", {
  id: uuid("id").primaryKey().defaultRandom(),
  courseId: uuid("course_id").references(() => courses.id, { onDelete: "cascade" }),
  ticketTypeId: uuid("ticket_type_id").references(() => ticketTypes.id, { onDelete: "cascade" }),
  level: memberLevel("level").notNull(),
  unitAmount: integer("unit_amount").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("member_prices_one_target", sql`(${t.courseId} is null) <> (${t.ticketTypeId} is null)`),
  check("member_prices_amount", sql`${t.unitAmount} >= 0`),
  uniqueIndex("member_prices_course_level_key").on(t.courseId, t.level).where(sql`${t.courseId} is not null`),
  uniqueIndex("member_prices_type_level_key").on(t.ticketTypeId, t.level).where(sql`${t.ticketTypeId} is not null`),
]);

/**
 * A members-only presale: from `startsAt` until `endsAt` only members (of `levels`, or of any level when it is
 * null) may book the course or the ticket type; outside the window the public may. One window per target.
 */
export const memberPresales = pgTable("member_presales", {
  id: uuid("id").primaryKey().defaultRandom(),
  courseId: uuid("course_id").references(() => courses.id, { onDelete: "cascade" }),
  ticketTypeId: uuid("ticket_type_id").references(() => ticketTypes.id, { onDelete: "cascade" }),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  levels: memberLevel("levels").array(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("member_presales_one_target", sql`(${t.courseId} is null) <> (${t.ticketTypeId} is null)`),
  check("member_presales_window", sql`${t.startsAt} < ${t.endsAt}`),
  check("member_presales_levels_present", sql`${t.levels} is null or cardinality(${t.levels}) > 0`),
  uniqueIndex("member_presales_course_key").on(t.courseId).where(sql`${t.courseId} is not null`),
  uniqueIndex("member_presales_type_key").on(t.ticketTypeId).where(sql`${t.ticketTypeId} is not null`),
]);

export const membersRelations = relations(members, ({ many }) => ({ ledger: many(pointsLedger) }));
export const pointsLedgerRelations = relations(pointsLedger, ({ one }) => ({
  member: one(members, { fields: [pointsLedger.memberId], references: [members.id] }),
}));

export type Member = typeof members.$inferSelect;
export type PointsLedgerRow = typeof pointsLedger.$inferSelect;
export type MemberPrice = typeof memberPrices.$inferSelect;
export type MemberPresale = typeof memberPresales.$inferSelect;
export type MemberLevel = (typeof memberLevel.enumValues)[number];

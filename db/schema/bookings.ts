// Bookings, their attendees and each attendee's special requirements.
import { relations, sql } from "drizzle-orm";
import {
  boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { courseSessions, requirementCategory, requirementPriority, requirementTemplates, seats } from "./catalog";
import { ticketTypes } from "./tickets";
import { users } from "./auth";

/** Per attendee: slots at each rate within the span, with the local times they cover ("09:00–16:00"). */
export type SpanPriceSnapshot = {
  slotMinutes: number;
  lines: { kind: "standard" | "peak"; slots: number; rateAmount: number; ranges: string[] }[];
};

// pending: places held during checkout; confirmed: paid (in full or deposit); expired: hold lapsed unpaid;
// cancelled: abandoned or cancelled; refunded: money returned and places released.
export const bookingStatus = pgEnum("booking_status", ["pending", "confirmed", "expired", "cancelled", "refunded"]);
export const paymentOption = pgEnum("payment_option", ["full", "deposit"]);
export const bookingPaymentStatus = pgEnum("booking_payment_status", [
  "unpaid", "deposit_paid", "paid", "partially_refunded", "refunded",
]);

export const bookings = pgTable("bookings", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull(),
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  status: bookingStatus("status").notNull().default("pending"),
  paymentOption: paymentOption("payment_option").notNull(),
  paymentStatus: bookingPaymentStatus("payment_status").notNull().default("unpaid"),
  attendeeCount: integer("attendee_count").notNull(),
  currency: text("currency").notNull(),
  // The price of every place when they all cost the same; null when ticket types with different prices mix.
  unitAmount: integer("unit_amount"),
  totalAmount: integer("total_amount").notNull(),
  // What the first payment must be: the total, or the deposit for all places.
  amountDueNow: integer("amount_due_now").notNull(),
  amountPaid: integer("amount_paid").notNull().default(0),
  amountRefunded: integer("amount_refunded").notNull().default(0),
  // How much credit notes took off the price (cancelled places, price reductions): what is owed is
  // total - credited - (paid - refunded).
  creditedAmount: integer("credited_amount").notNull().default(0),
  balanceDueAt: timestamp("balance_due_at", { withTimezone: true }),
  holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true }).notNull(),
  contactName: text("contact_name").notNull(),
  contactEmail: text("contact_email").notNull(),
  contactPhone: text("contact_phone").notNull(),
  organisation: text("organisation"),
  billingLine1: text("billing_line1"),
  billingLine2: text("billing_line2"),
  billingCity: text("billing_city"),
  billingPostalCode: text("billing_postal_code"),
  billingCountry: text("billing_country"),
  vatId: text("vat_id"),
  termsAcceptedAt: timestamp("terms_accepted_at", { withTimezone: true }).notNull(),
  paymentProvider: text("payment_provider").notNull(),
  checkoutSessionId: text("checkout_session_id"),
  checkoutUrl: text("checkout_url"),
  // The provider checkout for paying the balance of a deposit, reused until it expires.
  balanceCheckoutSessionId: text("balance_checkout_session_id"),
  balanceCheckoutUrl: text("balance_checkout_url"),
  balanceCheckoutExpiresAt: timestamp("balance_checkout_expires_at", { withTimezone: true }),
  statusReason: text("status_reason"),
  // A time-slot booking's span (its session is the offering's slot day) and how its price was made up.
  spanStartsAt: timestamp("span_starts_at", { withTimezone: true }),
  spanEndsAt: timestamp("span_ends_at", { withTimezone: true }),
  spanPrice: jsonb("span_price").$type<SpanPriceSnapshot>(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  // The calendar event sent with the booking's emails: its SEQUENCE, raised each time its time or place
  // changes (a move, another span, the session rescheduled), and when that last happened (its DTSTAMP; the
  // confirmation's time until then), so calendars replace the event they have instead of keeping both.
  calendarSequence: integer("calendar_sequence").notNull().default(0),
  calendarChangedAt: timestamp("calendar_changed_at", { withTimezone: true }),
  releasedAt: timestamp("released_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("bookings_reference_key").on(t.reference),
  uniqueIndex("bookings_checkout_session_key").on(t.checkoutSessionId),
  uniqueIndex("bookings_balance_checkout_session_key").on(t.balanceCheckoutSessionId),
  check("bookings_attendee_count_range", sql`${t.attendeeCount} between 1 and 12`),
  check("bookings_total_matches_unit", sql`${t.unitAmount} is null or ${t.totalAmount} = ${t.unitAmount} * ${t.attendeeCount}`),
  check("bookings_amount_due_now_range", sql`${t.amountDueNow} between 0 and ${t.totalAmount}`),
  check("bookings_amount_paid_range", sql`${t.amountPaid} between 0 and ${t.totalAmount}`),
  check("bookings_amount_refunded_range", sql`${t.amountRefunded} between 0 and ${t.amountPaid}`),
  check("bookings_credited_amount_range", sql`${t.creditedAmount} between 0 and ${t.totalAmount}`),
  check("bookings_calendar_sequence_range", sql`${t.calendarSequence} >= 0`),
  check("bookings_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  check("bookings_billing_complete", sql`${t.billingLine1} is null or
    (${t.billingCity} is not null and ${t.billingPostalCode} is not null and ${t.billingCountry} is not null)`),
  check("bookings_span_complete", sql`(${t.spanStartsAt} is null) = (${t.spanEndsAt} is null)
    and (${t.spanStartsAt} is null) = (${t.spanPrice} is null) and (${t.spanEndsAt} is null or ${t.spanEndsAt} > ${t.spanStartsAt})`),
  index("bookings_session_status_idx").on(t.sessionId, t.status),
  index("bookings_pending_hold_idx").on(t.holdExpiresAt).where(sql`${t.status} = 'pending'`),
  index("bookings_contact_email_idx").on(sql`lower(${t.contactEmail})`),
  // Sales analytics: bookings paid within a period (lib/analytics). Pending and never-paid ones are left out.
  index("bookings_confirmed_at_idx").on(t.confirmedAt, t.sessionId).where(sql`${t.confirmedAt} is not null`),
]);

export const bookingAttendees = pgTable("booking_attendees", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name").notNull(),
  email: text("email"),
  isBooker: boolean("is_booker").notNull().default(false),
  // What this place was sold as and at: later price changes of the type never rewrite it. unit_amount is
  // what the place costs after discounts (what refunds and credit notes give back); list_amount its list price.
  ticketTypeId: uuid("ticket_type_id").notNull().references(() => ticketTypes.id),
  unitAmount: integer("unit_amount").notNull(),
  discountAmount: integer("discount_amount").notNull().default(0),
  listAmount: integer("list_amount").generatedAlwaysAs(sql`unit_amount + discount_amount`).notNull(),
  depositAmount: integer("deposit_amount"),
  // The seat sold with this place (reserved seating); session_seats holds the live claim on it.
  seatId: uuid("seat_id").references(() => seats.id),
  // Set when staff cancel this place (with a refund and a credit note); the place went back to the session.
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("booking_attendees_booking_position_key").on(t.bookingId, t.position),
  check("booking_attendees_position_range", sql`${t.position} between 1 and 12`),
  check("booking_attendees_discount_nonnegative", sql`${t.discountAmount} >= 0`),
  check("booking_attendees_amounts", sql`${t.unitAmount} >= 0 and (${t.depositAmount} is null or ${t.depositAmount} between 0 and ${t.unitAmount})`),
  index("booking_attendees_ticket_type_idx").on(t.ticketTypeId),
  index("booking_attendees_email_idx").on(sql`lower(${t.email})`),
]);

export const sessionSeatStatus = pgEnum("session_seat_status", ["held", "booked", "blocked"]);

/**
 * A seat taken in one session: held by a checkout, booked by a paid place, or blocked by staff. The primary
 * key makes a seat sold at most once per session, whatever the concurrency; releasing a seat deletes its row.
 */
export const sessionSeats = pgTable("session_seats", {
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  seatId: uuid("seat_id").notNull().references(() => seats.id),
  status: sessionSeatStatus("status").notNull(),
  bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
  attendeeId: uuid("attendee_id").references(() => bookingAttendees.id, { onDelete: "cascade" }),
  note: text("note"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: "session_seats_pkey", columns: [t.sessionId, t.seatId] }),
  uniqueIndex("session_seats_attendee_key").on(t.attendeeId),
  index("session_seats_booking_idx").on(t.bookingId),
  check("session_seats_owner", sql`(${t.status} = 'blocked') = (${t.bookingId} is null) and (${t.bookingId} is null) = (${t.attendeeId} is null)`),
]);

export const specialRequirements = pgTable("special_requirements", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  attendeeId: uuid("attendee_id").notNull().references(() => bookingAttendees.id, { onDelete: "cascade" }),
  templateId: uuid("template_id").notNull().references(() => requirementTemplates.id),
  // Copied from the template when booked, so later template edits do not rewrite history.
  category: requirementCategory("category").notNull(),
  priority: requirementPriority("priority").notNull(),
  label: text("label").notNull(),
  details: text("details"),
  acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
  acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("special_requirements_attendee_template_key").on(t.attendeeId, t.templateId),
  index("special_requirements_booking_idx").on(t.bookingId),
  index("special_requirements_priority_idx").on(t.priority),
]);

// A client's Idempotency-Key, remembered with the booking it created and a hash of the request.
export const idempotencyKeys = pgTable("idempotency_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  scope: text("scope").notNull(),
  key: text("key").notNull(),
  requestHash: text("request_hash").notNull(),
  bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("idempotency_keys_scope_key_key").on(t.scope, t.key)]);

export const bookingsRelations = relations(bookings, ({ one, many }) => ({
  session: one(courseSessions, { fields: [bookings.sessionId], references: [courseSessions.id] }),
  attendees: many(bookingAttendees),
  requirements: many(specialRequirements),
}));
export const bookingAttendeesRelations = relations(bookingAttendees, ({ one, many }) => ({
  booking: one(bookings, { fields: [bookingAttendees.bookingId], references: [bookings.id] }),
  ticketType: one(ticketTypes, { fields: [bookingAttendees.ticketTypeId], references: [ticketTypes.id] }),
  seat: one(seats, { fields: [bookingAttendees.seatId], references: [seats.id] }),
  requirements: many(specialRequirements),
}));
export const specialRequirementsRelations = relations(specialRequirements, ({ one }) => ({
  attendee: one(bookingAttendees, { fields: [specialRequirements.attendeeId], references: [bookingAttendees.id] }),
  booking: one(bookings, { fields: [specialRequirements.bookingId], references: [bookings.id] }),
  template: one(requirementTemplates, { fields: [specialRequirements.templateId], references: [requirementTemplates.id] }),
}));

export type Booking = typeof bookings.$inferSelect;
export type NewBooking = typeof bookings.$inferInsert;
export type BookingAttendee = typeof bookingAttendees.$inferSelect;
export type NewBookingAttendee = typeof bookingAttendees.$inferInsert;
export type SessionSeat = typeof sessionSeats.$inferSelect;
export type SpecialRequirement = typeof specialRequirements.$inferSelect;
export type BookingStatus = (typeof bookingStatus.enumValues)[number];

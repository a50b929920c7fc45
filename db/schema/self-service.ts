// Customer self-service: cancellations a customer made (one row per request, so a repeated request refunds
// once), and the waiting list of a full session with the offers of freed places made from it.
import { relations, sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bookings } from "./bookings";
import { courseSessions } from "./catalog";
import { creditNotes } from "./invoices";
import { refunds } from "./payments";
import { ticketTypes } from "./tickets";
import { users } from "./auth";

export const bookingCancellations = pgTable("booking_cancellations", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id),
  // The client's key for this request (a form token or the API's Idempotency-Key): unique per booking, so two
  // submits of one request cancel and refund once whatever the concurrency.
  idempotencyKey: text("idempotency_key").notNull(),
  requestHash: text("request_hash").notNull(),
  attendeeIds: jsonb("attendee_ids").$type<string[]>().notNull(),
  channel: text("channel").notNull(),
  hoursBeforeStart: integer("hours_before_start").notNull(),
  refundPercent: integer("refund_percent").notNull(),
  paidForPlaces: integer("paid_for_places").notNull(),
  depositKept: integer("deposit_kept").notNull(),
  feeAmount: integer("fee_amount").notNull(),
  refundAmount: integer("refund_amount").notNull(),
  creditAmount: integer("credit_amount").notNull(),
  currency: text("currency").notNull(),
  refundId: uuid("refund_id").references(() => refunds.id),
  creditNoteId: uuid("credit_note_id").references(() => creditNotes.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("booking_cancellations_key").on(t.bookingId, t.idempotencyKey),
  uniqueIndex("booking_cancellations_refund_key").on(t.refundId),
  check("booking_cancellations_channel", sql`${t.channel} in ('page', 'api')`),
  check("booking_cancellations_percent_range", sql`${t.refundPercent} between 0 and 100`),
  check("booking_cancellations_amounts", sql`${t.paidForPlaces} >= 0 and ${t.depositKept} >= 0 and ${t.feeAmount} >= 0
    and ${t.refundAmount} >= 0 and ${t.creditAmount} >= 0 and ${t.refundAmount} + ${t.depositKept} + ${t.feeAmount} <= ${t.paidForPlaces}`),
  check("booking_cancellations_refund_row", sql`(${t.refundAmount} > 0) = (${t.refundId} is not null)`),
  index("booking_cancellations_booking_idx").on(t.bookingId),
]);

// waiting: in the queue; offered: places are held for them now; booked: they booked through an offer;
// left: they took themselves off (or staff did); lapsed: an offer ran out unused, so they lost their turn.
export const waitlistStatus = pgEnum("waitlist_status", ["waiting", "offered", "booked", "left", "lapsed"]);
export const waitlistOfferStatus = pgEnum("waitlist_offer_status", ["open", "accepted", "lapsed", "withdrawn"]);

export const waitlistEntries = pgTable("waitlist_entries", {
  id: uuid("id").primaryKey().defaultRandom(),
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  // A full ticket type the customer waits for; null: any type the session sells.
  ticketTypeId: uuid("ticket_type_id").references(() => ticketTypes.id),
  email: text("email").notNull(),
  places: integer("places").notNull(),
  note: text("note"),
  // Queue order: first come first served; staff reorder by swapping positions.
  position: bigserial("position", { mode: "number" }).notNull(),
  status: waitlistStatus("status").notNull().default("waiting"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // One place in the queue per person and session: joining twice is refused by the database.
  uniqueIndex("waitlist_entries_active_email_key").on(t.sessionId, sql`lower(${t.email})`).where(sql`${t.status} in ('waiting', 'offered')`),
  index("waitlist_entries_queue_idx").on(t.sessionId, t.status, t.position),
  check("waitlist_entries_places_range", sql`${t.places} between 1 and 12`),
  check("waitlist_entries_note_length", sql`${t.note} is null or length(${t.note}) <= 500`),
  check("waitlist_entries_email_shape", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
]);

/**
 * Places held for one waiting customer: counted in the session's (and the ticket type's) places_held like a
 * checkout's hold, so the capacity checks give each freed place to one offer only. Accepting moves them to the
 * booking in its transaction; lapsing or withdrawing gives them back.
 */
export const waitlistOffers = pgTable("waitlist_offers", {
  id: uuid("id").primaryKey().defaultRandom(),
  entryId: uuid("entry_id").notNull().references(() => waitlistEntries.id),
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  ticketTypeId: uuid("ticket_type_id").references(() => ticketTypes.id),
  places: integer("places").notNull(),
  status: waitlistOfferStatus("status").notNull().default("open"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  bookingId: uuid("booking_id").references(() => bookings.id),
  offeredBy: uuid("offered_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp("closed_at", { withTimezone: true }),
}, (t) => [
  uniqueIndex("waitlist_offers_open_entry_key").on(t.entryId).where(sql`${t.status} = 'open'`),
  uniqueIndex("waitlist_offers_booking_key").on(t.bookingId),
  index("waitlist_offers_open_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'open'`),
  index("waitlist_offers_session_idx").on(t.sessionId),
  check("waitlist_offers_places_range", sql`${t.places} between 1 and 12`),
  check("waitlist_offers_accepted_booking", sql`(${t.status} = 'accepted') = (${t.bookingId} is not null)`),
]);

export const waitlistEntriesRelations = relations(waitlistEntries, ({ one, many }) => ({
  session: one(courseSessions, { fields: [waitlistEntries.sessionId], references: [courseSessions.id] }),
  offers: many(waitlistOffers),
}));
export const waitlistOffersRelations = relations(waitlistOffers, ({ one }) => ({
  entry: one(waitlistEntries, { fields: [waitlistOffers.entryId], references: [waitlistEntries.id] }),
}));

export type BookingCancellation = typeof bookingCancellations.$inferSelect;
export type WaitlistEntry = typeof waitlistEntries.$inferSelect;
export type WaitlistOffer = typeof waitlistOffers.$inferSelect;

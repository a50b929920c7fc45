// Customer self-service: one-use sign-in links for "my bookings", the sessions they open, and the history of
// changes customers make to their bookings.
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bookings } from "./bookings";

/** A sign-in link sent to an email address: only the SHA-256 of its token is kept; used once, then spent. */
export const customerSignInTokens = pgTable("customer_sign_in_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull(),
  tokenHash: text("token_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("customer_sign_in_tokens_hash_key").on(t.tokenHash),
  index("customer_sign_in_tokens_expires_idx").on(t.expiresAt),
  check("customer_sign_in_tokens_email_lowercase", sql`${t.email} = lower(${t.email}) and ${t.email} like '%@%'`),
]);

/** A signed-in customer: the cookie carries the token, the row its hash. Signing out deletes the row. */
export const customerSessions = pgTable("customer_sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull(),
  tokenHash: text("token_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("customer_sessions_hash_key").on(t.tokenHash),
  index("customer_sessions_expires_idx").on(t.expiresAt),
  check("customer_sessions_email_lowercase", sql`${t.email} = lower(${t.email}) and ${t.email} like '%@%'`),
]);

/** Every change made to a booking after it was paid: who (booker, attendee, API client or staff), when, before and after. */
export const bookingChanges = pgTable("booking_changes", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  // attendees_updated, attendees_added, moved, seats_changed (staff), session_rescheduled (staff moved the whole
  // session to another time or venue: before and after are its times and venue), places_cancelled (the customer's
  // cancellation or staff's refund that cancelled places: before names the places, after what is left and the refund)
  action: text("action").notNull(),
  actorKind: text("actor_kind").notNull(),
  actorEmail: text("actor_email"),
  before: jsonb("before").notNull(),
  after: jsonb("after").notNull(),
  // Why staff made the change (seat changes and seated moves), for staff only: customers, emails and webhooks never see it.
  reason: text("reason"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("booking_changes_booking_idx").on(t.bookingId, t.createdAt),
  check("booking_changes_reason_length", sql`${t.reason} is null or char_length(${t.reason}) between 1 and 500`),
  check("booking_changes_action_known", sql`${t.action} in ('attendees_updated', 'attendees_added', 'moved', 'seats_changed', 'session_rescheduled', 'places_cancelled')`),
  check("booking_changes_actor_known", sql`${t.actorKind} in ('booker', 'attendee', 'api', 'staff')`),
]);

export type CustomerSession = typeof customerSessions.$inferSelect;
export type BookingChange = typeof bookingChanges.$inferSelect;

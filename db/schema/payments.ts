// Money received and returned, the provider's events, and a log of everything that happened to a payment.
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn, bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { bookings } from "./bookings";
import { users } from "./auth";

export const paymentKind = pgEnum("payment_kind", ["full", "deposit", "balance"]);
export const refundStatus = pgEnum("refund_status", ["pending", "succeeded", "failed"]);

export const payments = pgTable("payments", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id),
  provider: text("provider").notNull(),
  // The provider's PaymentIntent id: one payment row per intent, whichever event reports it first.
  providerPaymentId: text("provider_payment_id").notNull(),
  checkoutSessionId: text("checkout_session_id"),
  kind: paymentKind("kind").notNull(),
  amount: integer("amount").notNull(),
  currency: text("currency").notNull(),
  amountRefunded: integer("amount_refunded").notNull().default(0),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("payments_provider_payment_key").on(t.provider, t.providerPaymentId),
  check("payments_amount_positive", sql`${t.amount} > 0`),
  check("payments_refunded_range", sql`${t.amountRefunded} between 0 and ${t.amount}`),
  check("payments_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  index("payments_booking_idx").on(t.bookingId),
]);

export const refunds = pgTable("refunds", {
  id: uuid("id").primaryKey().defaultRandom(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id),
  paymentId: uuid("payment_id").notNull().references(() => payments.id),
  amount: integer("amount").notNull(),
  currency: text("currency").notNull(),
  reason: text("reason").notNull(),
  // False for money that never counted towards the booking (a duplicate or mismatched payment).
  countsAgainstBooking: boolean("counts_against_booking").notNull().default(true),
  status: refundStatus("status").notNull().default("pending"),
  providerRefundId: text("provider_refund_id"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  // One refund decision can be paid back from several payments (a deposit and its balance): the other
  // parts point to the first, which carries the credit note.
  parentRefundId: uuid("parent_refund_id").references((): AnyPgColumn => refunds.id),
  requestedBy: uuid("requested_by").references(() => users.id),
  // A staff refund decision's idempotency key (on its first part): the same form submitted twice, or a
  // retried request, refunds once. Unique, so even concurrent duplicates cannot both be written.
  idempotencyKey: text("idempotency_key"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
}, (t) => [
  uniqueIndex("refunds_provider_refund_key").on(t.providerRefundId),
  uniqueIndex("refunds_idempotency_key").on(t.idempotencyKey),
  check("refunds_amount_positive", sql`${t.amount} > 0`),
  index("refunds_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
  index("refunds_booking_idx").on(t.bookingId),
  index("refunds_parent_idx").on(t.parentRefundId),
  // Sales analytics: refunds completed within a period.
  index("refunds_completed_at_idx").on(t.completedAt).where(sql`${t.status} = 'succeeded'`),
]);

export const webhookEvents = pgTable("webhook_events", {
  // The provider's event id: a replayed or concurrent duplicate finds its row and does nothing.
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  livemode: integer("livemode").notNull().default(0),
  payload: jsonb("payload").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

export const paymentLogs = pgTable("payment_logs", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  bookingId: uuid("booking_id").references(() => bookings.id),
  paymentId: uuid("payment_id").references(() => payments.id),
  eventId: text("event_id"),
  type: text("type").notNull(),
  message: text("message").notNull(),
  data: jsonb("data").$type<Record<string, unknown>>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("payment_logs_booking_idx").on(t.bookingId, t.createdAt)]);

export const paymentsRelations = relations(payments, ({ one }) => ({
  booking: one(bookings, { fields: [payments.bookingId], references: [bookings.id] }),
}));

export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type PaymentLog = typeof paymentLogs.$inferSelect;

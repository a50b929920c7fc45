// Invoices and credit notes (numbered without gaps per year, frozen at issue with their PDF), and the email outbox.
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn, boolean, check, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { bookings } from "./bookings";
import { payments, refunds } from "./payments";

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const documentKind = pgEnum("document_kind", ["invoice", "credit_note"]);

/** One row per kind and year, locked while a number is taken: numbers never skip or repeat. */
export const documentCounters = pgTable("document_counters", {
  kind: documentKind("kind").notNull(),
  year: integer("year").notNull(),
  lastNumber: integer("last_number").notNull().default(0),
}, (t) => [
  primaryKey({ name: "document_counters_pkey", columns: [t.kind, t.year] }),
  check("document_counters_last_number_nonnegative", sql`${t.lastNumber} >= 0`),
]);

export type PartySnapshot = {
  name: string; organisation?: string | null; addressLines: string[]; vatId?: string | null; email?: string | null;
  bankDetails?: string | null;
};
export type LineSnapshot = {
  description: string; detail?: string; quantity: number; unitAmount: number; amount: number;
  /** The place a credit-note line (or an older per-place invoice line) stands for. */
  attendeeId?: string;
  /** The places an invoice line groups (one line per ticket type and price). */
  attendeeIds?: string[];
  /** A discount taken off the places above it: a negative amount. */
  discount?: boolean;
};
export type PaymentSnapshot = { date: string; description: string; amount: number };

export const invoices = pgTable("invoices", {
  id: uuid("id").primaryKey().defaultRandom(),
  number: text("number").notNull(),
  year: integer("year").notNull(),
  sequence: integer("sequence").notNull(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
  supplyDate: timestamp("supply_date", { withTimezone: true }).notNull(),
  currency: text("currency").notNull(),
  subtotalAmount: integer("subtotal_amount").notNull(),
  taxRateBasisPoints: integer("tax_rate_basis_points").notNull(),
  // Whether the line prices already include the tax (the tax was taken out of them) or it was added on top.
  pricesIncludeTax: boolean("prices_include_tax").notNull().default(true),
  taxAmount: integer("tax_amount").notNull(),
  totalAmount: integer("total_amount").notNull(),
  paidAtIssueAmount: integer("paid_at_issue_amount").notNull(),
  balanceDueAt: timestamp("balance_due_at", { withTimezone: true }),
  seller: jsonb("seller").$type<PartySnapshot>().notNull(),
  buyer: jsonb("buyer").$type<PartySnapshot>().notNull(),
  lines: jsonb("lines").$type<LineSnapshot[]>().notNull(),
  paymentsAtIssue: jsonb("payments_at_issue").$type<PaymentSnapshot[]>().notNull(),
  pdf: bytea("pdf"),
  pdfSha256: text("pdf_sha256"),
  // A supplementary invoice: the booking's price went up after its invoice was issued (a longer span), and
  // this invoice, issued when the extra was paid, bills just that extra. Null on the booking's own invoice.
  supplementsInvoiceId: uuid("supplements_invoice_id").references((): AnyPgColumn => invoices.id),
  // The payment a supplementary invoice was issued for: one invoice per payment.
  paymentId: uuid("payment_id").references(() => payments.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("invoices_number_key").on(t.number),
  uniqueIndex("invoices_year_sequence_key").on(t.year, t.sequence),
  // One booking invoice per booking; supplementary invoices beside it.
  uniqueIndex("invoices_booking_key").on(t.bookingId).where(sql`${t.supplementsInvoiceId} is null`),
  uniqueIndex("invoices_payment_key").on(t.paymentId).where(sql`${t.paymentId} is not null`),
  check("invoices_supplement_paid", sql`(${t.supplementsInvoiceId} is null) = (${t.paymentId} is null)`),
  check("invoices_number_shape", sql`${t.number} ~ '^INV-[0-9]{4}-[0-9]{5}$'`),
  check("invoices_totals", sql`${t.totalAmount} = ${t.subtotalAmount} + ${t.taxAmount} and ${t.subtotalAmount} >= 0 and ${t.taxAmount} >= 0`),
  check("invoices_tax_rate_range", sql`${t.taxRateBasisPoints} between 0 and 10000`),
  index("invoices_issued_idx").on(t.issuedAt),
]);

export const creditNotes = pgTable("credit_notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  number: text("number").notNull(),
  year: integer("year").notNull(),
  sequence: integer("sequence").notNull(),
  invoiceId: uuid("invoice_id").notNull().references(() => invoices.id),
  // Null for a cancellation that refunded nothing but waived what was still owed for the cancelled places.
  refundId: uuid("refund_id").references(() => refunds.id),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
  currency: text("currency").notNull(),
  subtotalAmount: integer("subtotal_amount").notNull(),
  taxAmount: integer("tax_amount").notNull(),
  totalAmount: integer("total_amount").notNull(),
  // Money paid back; the rest of the total (if any) reduced the balance still owed.
  refundAmount: integer("refund_amount").notNull(),
  reason: text("reason").notNull(),
  lines: jsonb("lines").$type<LineSnapshot[]>().notNull(),
  pdf: bytea("pdf"),
  pdfSha256: text("pdf_sha256"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("credit_notes_number_key").on(t.number),
  uniqueIndex("credit_notes_year_sequence_key").on(t.year, t.sequence),
  uniqueIndex("credit_notes_refund_key").on(t.refundId),
  check("credit_notes_number_shape", sql`${t.number} ~ '^CN-[0-9]{4}-[0-9]{5}$'`),
  check("credit_notes_totals", sql`${t.totalAmount} = ${t.subtotalAmount} + ${t.taxAmount} and ${t.totalAmount} > 0`),
  check("credit_notes_refund_within_total", sql`${t.refundAmount} between 0 and ${t.totalAmount}`),
  index("credit_notes_invoice_idx").on(t.invoiceId),
]);

export const emailStatus = pgEnum("email_status", ["queued", "sent", "failed"]);

/**
 * Every email the app sends, keyed by its cause (`booking-confirmed:<bookingId>`): a replay finds the key
 * and sends nothing. Without SMTP_URL this table is also the local outbox browsed in development.
 */
export const emailMessages = pgTable("email_messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  idempotencyKey: text("idempotency_key").notNull(),
  kind: text("kind").notNull(),
  bookingId: uuid("booking_id").references(() => bookings.id),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  html: text("html"),
  text: text("text"),
  attachments: jsonb("attachments").$type<{ filename: string; contentType: string; size: number }[]>(),
  status: emailStatus("status").notNull().default("queued"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  transport: text("transport"),
  providerMessageId: text("provider_message_id"),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("email_messages_idempotency_key").on(t.idempotencyKey),
  index("email_messages_booking_idx").on(t.bookingId),
  index("email_messages_created_idx").on(t.createdAt),
]);

/** The largest attachment whose content the local outbox keeps; a larger one is listed by name and size only. */
export const OUTBOX_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The content of an email's attachments as the local outbox (no SMTP_URL) kept them, so /dev/outbox can offer
 * them: `position` is the attachment's place in email_messages.attachments, which names it. Deleted
 * OUTBOX_ATTACHMENT_RETENTION_DAYS after they were kept, when the person they were sent to is erased, and with
 * the health answers of their booking's session (a booking's PDF lists them).
 */
export const emailAttachments = pgTable("email_attachments", {
  messageId: uuid("message_id").notNull().references(() => emailMessages.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  content: bytea("content").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: "email_attachments_pkey", columns: [t.messageId, t.position] }),
  check("email_attachments_position_nonnegative", sql`${t.position} >= 0`),
  check("email_attachments_content_within_limit", sql`octet_length(${t.content}) <= ${sql.raw(String(OUTBOX_ATTACHMENT_MAX_BYTES))}`),
  index("email_attachments_created_idx").on(t.createdAt),
]);

export const invoicesRelations = relations(invoices, ({ one, many }) => ({
  booking: one(bookings, { fields: [invoices.bookingId], references: [bookings.id] }),
  creditNotes: many(creditNotes),
}));
export const creditNotesRelations = relations(creditNotes, ({ one }) => ({
  invoice: one(invoices, { fields: [creditNotes.invoiceId], references: [invoices.id] }),
  refund: one(refunds, { fields: [creditNotes.refundId], references: [refunds.id] }),
}));

export type Invoice = typeof invoices.$inferSelect;
export type CreditNote = typeof creditNotes.$inferSelect;
export type EmailMessage = typeof emailMessages.$inferSelect;
export type EmailAttachment = typeof emailAttachments.$inferSelect;

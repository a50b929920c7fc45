// Admission: one ticket per paid place, its revoked secrets, check-ins at the door and every scan made.
//
// A ticket's secret is never stored: it is derived as HMAC(APP_SECRET, ticket id, version) whenever the QR
// code is drawn (lib/tickets/secret.ts), and only its SHA-256 is kept to find the ticket from a scan.
// Reissuing bumps the version, so the old secret stops matching; its hash moves to ticket_revoked_secrets
// so a scan of it can be answered "revoked" rather than "unknown".
import { relations, sql } from "drizzle-orm";
import {
  bigserial, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { courseSessions } from "./catalog";
import { bookingAttendees, bookings } from "./bookings";
import { users } from "./auth";

export const ticketVoidReason = pgEnum("ticket_void_reason", ["refunded", "cancelled"]);

export const tickets = pgTable("tickets", {
  id: uuid("id").primaryKey(),
  bookingId: uuid("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  attendeeId: uuid("attendee_id").notNull().references(() => bookingAttendees.id, { onDelete: "cascade" }),
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  version: integer("version").notNull().default(1),
  // SHA-256 (hex) of the current secret.
  secretHash: text("secret_hash").notNull(),
  voidedAt: timestamp("voided_at", { withTimezone: true }),
  voidReason: ticketVoidReason("void_reason"),
  reissuedAt: timestamp("reissued_at", { withTimezone: true }),
  reissuedBy: uuid("reissued_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("tickets_attendee_key").on(t.attendeeId),
  uniqueIndex("tickets_secret_hash_key").on(t.secretHash),
  index("tickets_session_idx").on(t.sessionId),
  index("tickets_booking_idx").on(t.bookingId),
  check("tickets_version_positive", sql`${t.version} >= 1`),
  check("tickets_void_pair", sql`(${t.voidedAt} is null) = (${t.voidReason} is null)`),
  check("tickets_secret_hash_hex", sql`${t.secretHash} ~ '^[0-9a-f]{64}$'`),
]);

/** Secrets that were replaced by a reissue: a scan of one is refused as revoked. */
export const ticketRevokedSecrets = pgTable("ticket_revoked_secrets", {
  secretHash: text("secret_hash").primaryKey(),
  ticketId: uuid("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
  version: integer("version").notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }).notNull().defaultNow(),
  revokedBy: uuid("revoked_by").references(() => users.id),
}, (t) => [index("ticket_revoked_secrets_ticket_idx").on(t.ticketId)]);

/**
 * A ticket let in. At most one check-in per ticket is active (not undone): the partial unique index decides
 * between doors scanning the same ticket at once. An undo keeps the row and frees the ticket.
 */
export const checkIns = pgTable("check_ins", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: uuid("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  deviceId: text("device_id").notNull(),
  staffUserId: uuid("staff_user_id").references(() => users.id),
  // When the door scanned it (the device's clock for a scan queued offline).
  checkedInAt: timestamp("checked_in_at", { withTimezone: true }).notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  undoneAt: timestamp("undone_at", { withTimezone: true }),
  undoneBy: uuid("undone_by").references(() => users.id),
  checkedOutAt: timestamp("checked_out_at", { withTimezone: true }),
  checkedOutBy: uuid("checked_out_by").references(() => users.id),
  checkedOutDeviceId: text("checked_out_device_id"),
  collectedBy: text("collected_by"),
}, (t) => [
  uniqueIndex("check_ins_one_active_per_ticket").on(t.ticketId).where(sql`${t.undoneAt} is null`),
  index("check_ins_session_idx").on(t.sessionId),
  check("check_ins_device_present", sql`length(${t.deviceId}) between 1 and 60`),
  check("check_ins_checked_out_after_in", sql`${t.checkedOutAt} is null or ${t.checkedOutAt} >= ${t.checkedInAt}`),
]);

export const scanAction = pgEnum("scan_action", ["check_in", "check_out", "undo"]);
export const scanMethod = pgEnum("scan_method", ["camera", "manual", "api", "offline"]);
export const scanResult = pgEnum("scan_result", [
  "checked_in", "already_checked_in", "unknown", "malformed", "revoked", "refunded", "cancelled", "wrong_session",
  "checked_out", "not_checked_in", "already_checked_out", "check_out_not_offered", "undone",
]);

/** Every scan at a door, accepted or refused; a client's id makes a replayed (offline) scan count once. */
export const ticketScans = pgTable("ticket_scans", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  clientId: text("client_id"),
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id),
  ticketId: uuid("ticket_id").references(() => tickets.id, { onDelete: "cascade" }),
  checkInId: uuid("check_in_id").references(() => checkIns.id, { onDelete: "cascade" }),
  deviceId: text("device_id").notNull(),
  staffUserId: uuid("staff_user_id").references(() => users.id),
  action: scanAction("action").notNull(),
  method: scanMethod("method").notNull(),
  result: scanResult("result").notNull(),
  scannedAt: timestamp("scanned_at", { withTimezone: true }).notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("ticket_scans_client_key").on(t.clientId),
  index("ticket_scans_session_idx").on(t.sessionId, t.recordedAt),
  index("ticket_scans_ticket_idx").on(t.ticketId),
]);

export const ticketsRelations = relations(tickets, ({ one }) => ({
  booking: one(bookings, { fields: [tickets.bookingId], references: [bookings.id] }),
  attendee: one(bookingAttendees, { fields: [tickets.attendeeId], references: [bookingAttendees.id] }),
  session: one(courseSessions, { fields: [tickets.sessionId], references: [courseSessions.id] }),
}));

export type Ticket = typeof tickets.$inferSelect;
export type CheckIn = typeof checkIns.$inferSelect;
export type TicketScan = typeof ticketScans.$inferSelect;
export type ScanResult = (typeof scanResult.enumValues)[number];
export type ScanAction = (typeof scanAction.enumValues)[number];
export type ScanMethod = (typeof scanMethod.enumValues)[number];

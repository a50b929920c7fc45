// Erasure beyond the person's own rows: the copies of their data kept in history and outboxes (booking change
// snapshots and staff's reasons, audit entries, emails about their bookings sent to others, webhook payloads and
// delivery errors, payment provider events and logs, waiting list entries, sign-in links and sessions, rate-limit
// counters). Each record
// stays, saying what happened, when and by whom; the person's values give way to the tombstone (lib/privacy/redact.ts).
import { eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import { deleteOutboxAttachmentsOf } from "@/db/queries/outbox";
import {
  apiRateLimits, auditLogs, bookingChanges, checkIns, customerSessions, customerSignInTokens, emailMessages, outboundEvents, paymentLogs, pointsLedger,
  refunds, sessionSeats, waitlistEntries, webhookDeliveries, webhookDeliveryAttempts, webhookEvents,
} from "@/db/schema";
import { normaliseEmail } from "./person";
import { REDACTED, jsonMentions, mentions, redactJson, redactText, searchTerms, type PersonTraces } from "./redact";

// Audit entries that mirror a booking_changes row (lib/booking/change-booking.ts).
const CHANGE_ENTRIES = new Set(["booking.attendees_updated", "booking.attendees_added", "booking.moved", "booking.seats_changed"]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Rows whose text (any of `columns`, JSON as its text) may name the person: `like`, then decided exactly in code. */
function mayName(t: PersonTraces, ...columns: (AnyPgColumn | SQL)[]): SQL {
  const patterns = searchTerms(t).map((s) => sql`${`%${escapeLike(s)}%`}`);
  if (patterns.length === 0) return sql`false`;
  const text = sql.join(columns.map((c) => sql`coalesce(${c}::text, '')`), sql` || ' ' || `);
  return sql`lower(${text}) like any(array[${sql.join(patterns, sql`, `)}]::text[])`;
}

const theirAddress = (column: AnyPgColumn, t: PersonTraces) =>
  sql`lower(${column}) in (${sql.join([...t.emails].map((e) => sql`${e}`), sql`, `)})`;

const redactMaybe = (text: string | null, t: PersonTraces) => (text === null ? null : redactText(text, t));
const ownAddress = (email: string | null, t: PersonTraces) => (email !== null && t.emails.has(normaliseEmail(email)) ? t.tombstone.email : email);

export type HistoryScope = {
  /** Every booking the person made or holds a place in. */
  bookingIds: string[];
  /** The bookings they made: staff's reasons for changes to these are about them. */
  contactBookingIds: string[];
};

/** Redacts every copy of the person's data in history; returns how many records of each kind were rewritten. */
export async function redactPersonHistory(tx: Tx, t: PersonTraces, scope: HistoryScope) {
  const theirBooking = new Set(scope.contactBookingIds);
  const bookingIds = scope.bookingIds;

  // The booking's history: snapshots of their places, their addresses as actor, and staff's free-text reasons
  // about a change to their booking or their place (a reason may name them in any way, so it goes whole).
  let changes = 0;
  const changeRows = bookingIds.length ? await tx.select().from(bookingChanges).where(inArray(bookingChanges.bookingId, bookingIds)) : [];
  for (const c of changeRows) {
    const before = redactJson(c.before, t);
    const after = redactJson(c.after, t);
    const touched = jsonMentions(c.before, t) || jsonMentions(c.after, t);
    const reason = c.reason !== null && (theirBooking.has(c.bookingId) || touched || mentions(c.reason, t)) ? REDACTED : c.reason;
    const actorEmail = ownAddress(c.actorEmail, t);
    if (!touched && reason === c.reason && actorEmail === c.actorEmail) continue;
    await tx.update(bookingChanges).set({ before, after, reason, actorEmail }).where(eq(bookingChanges.id, c.id));
    changes++;
  }

  // The audit log: entries about their bookings, their places, by them, or naming them anywhere.
  let audit = 0;
  const auditRows = await tx.select().from(auditLogs).where(or(
    bookingIds.length ? sql`${auditLogs.entityType} = 'booking' and ${inArray(auditLogs.entityId, bookingIds)}` : sql`false`,
    t.attendeeIds.size ? inArray(auditLogs.entityId, [...t.attendeeIds]) : sql`false`,
    theirAddress(auditLogs.actorEmail, t),
    mayName(t, auditLogs.before, auditLogs.after),
  ));
  for (const a of auditRows) {
    const actorEmail = ownAddress(a.actorEmail, t);
    const touched = jsonMentions(a.before, t) || jsonMentions(a.after, t);
    let after = redactJson(a.after, t);
    // A staff change's entry carries the change's reason: it goes as it goes from the history.
    if (a.entityType === "booking" && CHANGE_ENTRIES.has(a.action) && isRecord(after) && typeof after.reason === "string"
      && (theirBooking.has(a.entityId ?? "") || touched || mentions(after.reason, t))) after = { ...after, reason: REDACTED };
    if (!touched && JSON.stringify(after) === JSON.stringify(a.after) && actorEmail === a.actorEmail) continue;
    await tx.update(auditLogs).set({ before: redactJson(a.before, t), after, actorEmail }).where(eq(auditLogs.id, a.id));
    audit++;
  }

  // Emails: to any address they went by, the body goes (as erase.ts does for their current one); to others about
  // their bookings (the other booker's confirmation, staff's notices), their names and details are replaced.
  let emails = 0;
  const mailRows = await tx.select().from(emailMessages).where(or(
    bookingIds.length ? inArray(emailMessages.bookingId, bookingIds) : sql`false`,
    theirAddress(emailMessages.toAddress, t),
    mayName(t, emailMessages.subject, emailMessages.text, emailMessages.html, emailMessages.lastError, emailMessages.attachments),
  ));
  for (const m of mailRows) {
    const toThem = t.emails.has(normaliseEmail(m.toAddress));
    const next = toThem
      ? { toAddress: t.tombstone.email, subject: REDACTED, html: null, text: null, lastError: redactMaybe(m.lastError, t), attachments: redactJson(m.attachments, t) }
      : { subject: redactText(m.subject, t), html: redactMaybe(m.html, t), text: redactMaybe(m.text, t), lastError: redactMaybe(m.lastError, t), attachments: redactJson(m.attachments, t) };
    if (JSON.stringify({ ...m, ...next }) === JSON.stringify(m)) continue;
    await tx.update(emailMessages).set(next).where(eq(emailMessages.id, m.id));
    emails++;
  }
  // The documents the local outbox kept of those emails (invoices, confirmations, tickets) list the person and
  // cannot be redacted inside: they go, whoever the email was sent to.
  const outboxAttachments = await deleteOutboxAttachmentsOf(tx, mailRows.map((m) => m.id));

  // The webhook outbox: each event's payload (and its health data copy) as it will be, or was, delivered.
  let webhookEventsRedacted = 0;
  const eventRows = await tx.select().from(outboundEvents).where(or(
    bookingIds.length ? inArray(sql`${outboundEvents.data}->>'bookingId'`, bookingIds) : sql`false`,
    mayName(t, outboundEvents.data, outboundEvents.healthData),
  ));
  for (const e of eventRows) {
    if (!jsonMentions(e.data, t) && !jsonMentions(e.healthData, t)) continue;
    await tx.update(outboundEvents).set({ data: redactJson(e.data, t), healthData: redactJson(e.healthData, t) }).where(eq(outboundEvents.id, e.id));
    webhookEventsRedacted++;
  }
  // A receiver's answer may echo what it was sent.
  for (const d of await tx.select({ id: webhookDeliveries.id, lastError: webhookDeliveries.lastError }).from(webhookDeliveries).where(mayName(t, webhookDeliveries.lastError)))
    await tx.update(webhookDeliveries).set({ lastError: redactMaybe(d.lastError, t) }).where(eq(webhookDeliveries.id, d.id));
  for (const d of await tx.select({ id: webhookDeliveryAttempts.id, error: webhookDeliveryAttempts.error }).from(webhookDeliveryAttempts).where(mayName(t, webhookDeliveryAttempts.error)))
    await tx.update(webhookDeliveryAttempts).set({ error: redactMaybe(d.error, t) }).where(eq(webhookDeliveryAttempts.id, d.id));

  // The payment provider's events (its checkout holds the customer's details) and the payment log.
  let paymentRecords = 0;
  for (const e of await tx.select({ id: webhookEvents.id, payload: webhookEvents.payload }).from(webhookEvents).where(mayName(t, webhookEvents.payload))) {
    if (!jsonMentions(e.payload, t)) continue;
    await tx.update(webhookEvents).set({ payload: redactJson(e.payload, t) }).where(eq(webhookEvents.id, e.id));
    paymentRecords++;
  }
  for (const l of await tx.select().from(paymentLogs).where(mayName(t, paymentLogs.message, paymentLogs.data))) {
    if (!mentions(l.message, t) && !jsonMentions(l.data, t)) continue;
    await tx.update(paymentLogs).set({ message: redactText(l.message, t), data: redactJson(l.data, t) }).where(eq(paymentLogs.id, l.id));
    paymentRecords++;
  }

  // Free text staff wrote elsewhere that names them: refund reasons, seat notes, who collected a ticket, points notes.
  for (const r of await tx.select({ id: refunds.id, reason: refunds.reason }).from(refunds).where(mayName(t, refunds.reason)))
    if (mentions(r.reason, t)) await tx.update(refunds).set({ reason: redactText(r.reason, t) }).where(eq(refunds.id, r.id));
  await tx.update(sessionSeats).set({ note: REDACTED }).where(mayName(t, sessionSeats.note));
  await tx.update(checkIns).set({ collectedBy: REDACTED }).where(mayName(t, checkIns.collectedBy));
  await tx.update(pointsLedger).set({ note: REDACTED }).where(mayName(t, pointsLedger.note));

  // The waiting list keeps its places in the queue under the tombstone; sign-in links and sessions simply go.
  const waiting = await tx.update(waitlistEntries)
    .set({ email: t.tombstone.email, note: sql`case when ${waitlistEntries.note} is null then null else ${REDACTED} end` })
    .where(theirAddress(waitlistEntries.email, t)).returning({ id: waitlistEntries.id });
  await tx.delete(customerSignInTokens).where(theirAddress(customerSignInTokens.email, t));
  await tx.delete(customerSessions).where(theirAddress(customerSessions.email, t));
  // Rate-limit counters kept per address (holds, code guesses; "<rule>:<address>"): they would lapse within their window.
  await tx.delete(apiRateLimits).where(sql`lower(split_part(${apiRateLimits.key}, ':', 2)) in (${sql.join([...t.emails].map((e) => sql`${e}`), sql`, `)})`);

  return { historyEntries: changes, auditEntries: audit, emailsAboutThem: emails, outboxAttachments, webhookEvents: webhookEventsRedacted, paymentRecords, waitlistEntries: waiting.length };
}

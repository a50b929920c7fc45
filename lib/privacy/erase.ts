// Erasure: a person's personal fields replaced by a tombstone ("Erased person #12"), their requirement answers
// deleted and the bodies of emails to them dropped, and every copy kept in history (booking changes, audit
// entries, emails about them, webhook payloads: lib/privacy/redact-history.ts) redacted the same way, in one
// transaction. Invoices and credit notes keep what tax law requires (their frozen buyer, lines and amounts) and
// are never renumbered or altered. Cannot be undone.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import {
  bookingAnswers, bookingAttendees, bookingChanges, bookings, courseQuestions, discountRedemptions, emailMessages, members, personErasures, specialRequirements,
} from "@/db/schema";
import { deleteOutboxAttachmentsOf } from "@/db/queries/outbox";
import { bookingIdsOfPerson } from "@/db/queries/privacy";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { emailHash, normaliseEmail, tombstoneEmail, tombstoneName } from "./person";
import { earlierTraces, redactText, type PersonTraces } from "./redact";
import { redactPersonHistory } from "./redact-history";

/** `removed`: the person's own rows erased; `redacted`: records elsewhere that held a copy of their data. */
export type ErasureResult = { number: number; tombstone: string; removed: Record<string, number>; redacted: Record<string, number> };

export async function erasePerson(db: Db, actor: AuditActor, p: { email: string; reason: string }, now = new Date()): Promise<ErasureResult> {
  const email = normaliseEmail(p.email);
  const reason = p.reason.trim();
  if (!reason) throw new AppError("invalid_request", { fields: { reason: "Give the reason for the erasure" } });
  return db.transaction(async (tx) => {
    // One erasure of an address at a time: a double submit waits, then finds nothing left to erase.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`erase:${email}`}))`);
    const ids = await bookingIdsOfPerson(tx, email);
    const held = ids.asContact.length + ids.asAttendeeOnly.length;
    const mails = await tx.select({ id: emailMessages.id }).from(emailMessages).where(sql`lower(${emailMessages.toAddress}) = ${email}`);
    const memberships = await tx.select({ id: members.id }).from(members).where(sql`lower(${members.email}) = ${email}`);
    if (held === 0 && mails.length === 0 && memberships.length === 0)
      throw new AppError("not_found", { fields: { email: "Nothing is held under this email address" } }, "Nothing is held under this email address.");

    const [erasure] = await tx.insert(personErasures)
      .values({ emailHash: emailHash(email), reason, erasedBy: actor.id, erasedAt: now, removed: {} })
      .returning({ number: personErasures.number });
    const name = tombstoneName(erasure.number);
    const address = tombstoneEmail(erasure.number);

    // Their places: as an attendee by email, and as the booker in their own bookings.
    const places = await tx.select({ id: bookingAttendees.id }).from(bookingAttendees).where(or(
      sql`lower(${bookingAttendees.email}) = ${email}`,
      ids.asContact.length ? and(inArray(bookingAttendees.bookingId, ids.asContact), sql`${bookingAttendees.isBooker}`) : sql`false`,
    ));
    const placeIds = places.map((x) => x.id);
    const traces = await personTraces(tx, { email, number: erasure.number, placeIds, contactBookingIds: ids.asContact, bookingIds: [...ids.asContact, ...ids.asAttendeeOnly] });
    const answers = placeIds.length
      ? await tx.delete(specialRequirements).where(inArray(specialRequirements.attendeeId, placeIds)).returning({ id: specialRequirements.id })
      : [];
    // Answers to the course's own questions: theirs as an attendee, and the booking's own where they booked it.
    const questionAnswers = placeIds.length || ids.asContact.length
      ? await tx.delete(bookingAnswers).where(or(
        placeIds.length ? inArray(bookingAnswers.attendeeId, placeIds) : sql`false`,
        ids.asContact.length ? and(inArray(bookingAnswers.bookingId, ids.asContact), isNull(bookingAnswers.attendeeId)) : sql`false`,
      )).returning({ id: bookingAnswers.id })
      : [];
    if (placeIds.length)
      await tx.update(bookingAttendees).set({ firstName: "Erased", lastName: `person #${erasure.number}`, email: null })
        .where(inArray(bookingAttendees.id, placeIds));
    const contacts = ids.asContact.length
      ? await tx.update(bookings).set({
        contactName: name, contactEmail: address, contactPhone: "", organisation: null,
        billingLine1: null, billingLine2: null, billingCity: null, billingPostalCode: null, billingCountry: null, vatId: null, updatedAt: now,
      }).where(inArray(bookings.id, ids.asContact)).returning({ id: bookings.id })
      : [];
    // A membership keeps its number and points ledger (bookkeeping), under the tombstone, with no more emails.
    if (memberships.length)
      await tx.update(members).set({ email: address, name, notificationsOptedOutAt: now }).where(inArray(members.id, memberships.map((m) => m.id)));
    // Discount code uses keep counting towards the code, under the tombstone address.
    await tx.update(discountRedemptions).set({ email: address }).where(eq(discountRedemptions.email, email));
    const emails = mails.length
      ? await tx.update(emailMessages).set({ toAddress: address, subject: "(erased)", html: null, text: null })
        .where(inArray(emailMessages.id, mails.map((m) => m.id))).returning({ id: emailMessages.id })
      : [];
    // What the local outbox kept of the emails to them (invoices, booking PDFs) goes with their bodies; the
    // history's redaction takes the documents of every other email about them.
    await deleteOutboxAttachmentsOf(tx, mails.map((m) => m.id));
    const redacted = await redactPersonHistory(tx, traces, { bookingIds: [...ids.asContact, ...ids.asAttendeeOnly], contactBookingIds: ids.asContact });
    const removed = {
      bookingsAsContact: contacts.length, places: placeIds.length, requirementAnswers: answers.length, questionAnswers: questionAnswers.length,
      memberships: memberships.length, emailBodies: emails.length,
    };
    // Staff's reason for the erasure is kept (why it was done), without the person's name should it give it.
    const keptReason = redactText(reason, traces);
    await tx.update(personErasures).set({ reason: keptReason, removed: { ...removed, ...redacted } }).where(sql`${personErasures.number} = ${erasure.number}`);
    await recordAudit(tx, actor, {
      action: "person.erase", entityType: "person", entityId: emailHash(email),
      after: { tombstone: name, reason: keptReason, ...removed, redacted, bookingIds: ids.asContact },
    });
    return { number: erasure.number, tombstone: name, removed, redacted };
  });
}

/**
 * Everything that identifies the person in text, read before their rows are erased: the names on their places and
 * bookings (and those their places carried earlier, from the booking's history), addresses, phone, organisation,
 * billing lines, VAT id, their needs' details and their answers.
 */
async function personTraces(tx: Tx, p: { email: string; number: number; placeIds: string[]; contactBookingIds: string[]; bookingIds: string[] }): Promise<PersonTraces> {
  const emails = new Set([p.email]);
  const names: string[] = [];
  const values: string[] = [];
  const places = p.placeIds.length
    ? await tx.select({ firstName: bookingAttendees.firstName, lastName: bookingAttendees.lastName, email: bookingAttendees.email })
      .from(bookingAttendees).where(inArray(bookingAttendees.id, p.placeIds))
    : [];
  for (const a of places) {
    names.push(`${a.firstName} ${a.lastName}`);
    if (a.email) emails.add(normaliseEmail(a.email));
  }
  const contacts = p.contactBookingIds.length ? await tx.select().from(bookings).where(inArray(bookings.id, p.contactBookingIds)) : [];
  for (const b of contacts) {
    names.push(b.contactName);
    values.push(...[b.organisation, b.contactPhone, b.billingLine1, b.billingLine2, b.billingPostalCode, b.vatId].filter((v): v is string => Boolean(v)));
    // A phone number is written with and without its spaces.
    if (b.contactPhone.replace(/\s+/g, "") !== b.contactPhone) values.push(b.contactPhone.replace(/\s+/g, ""));
  }
  // What they wrote about themselves: their needs' details and their answers in their own words (kept in staff's
  // emails about the booking). Choices, numbers and dates are common to many people: replaced only in their snapshots.
  if (p.placeIds.length) {
    const needs = await tx.select({ details: specialRequirements.details }).from(specialRequirements).where(inArray(specialRequirements.attendeeId, p.placeIds));
    for (const n of needs) if (n.details) values.push(n.details);
  }
  if (p.placeIds.length || p.contactBookingIds.length) {
    const answers = await tx.select({ value: bookingAnswers.value }).from(bookingAnswers)
      .innerJoin(courseQuestions, eq(courseQuestions.id, bookingAnswers.questionId))
      .where(and(inArray(courseQuestions.kind, ["short_text", "long_text", "phone"]), or(
        p.placeIds.length ? inArray(bookingAnswers.attendeeId, p.placeIds) : sql`false`,
        p.contactBookingIds.length ? and(inArray(bookingAnswers.bookingId, p.contactBookingIds), isNull(bookingAnswers.attendeeId)) : sql`false`,
      )));
    for (const a of answers) values.push(...[a.value].flat().filter((v): v is string => typeof v === "string"));
  }
  const memberNames = await tx.select({ name: members.name }).from(members).where(sql`lower(${members.email}) = ${p.email}`);
  for (const m of memberNames) if (m.name) names.push(m.name);
  const attendeeIds = new Set(p.placeIds);
  if (p.bookingIds.length) {
    const history = await tx.select({ before: bookingChanges.before, after: bookingChanges.after }).from(bookingChanges)
      .where(inArray(bookingChanges.bookingId, p.bookingIds));
    for (const h of history) {
      const earlier = earlierTraces([h.before, h.after], { attendeeIds, emails, names });
      names.push(...earlier.names);
      values.push(...earlier.values);
      for (const e of earlier.emails) emails.add(e);
    }
  }
  const number = p.number;
  return {
    attendeeIds, emails, names: [...new Set(names)], values: [...new Set(values)],
    tombstone: { name: tombstoneName(number), firstName: "Erased", lastName: `person #${number}`, email: tombstoneEmail(number) },
  };
}

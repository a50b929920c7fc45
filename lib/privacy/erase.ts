// Erasure: a person's personal fields replaced by a tombstone ("Erased person #12"), their requirement answers
// deleted and the bodies of emails to them dropped, in one transaction. Invoices and credit notes keep what tax
// law requires (their frozen buyer, lines and amounts) and are never renumbered or altered. Cannot be undone.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { bookingAnswers, bookingAttendees, bookings, discountRedemptions, emailMessages, members, personErasures, specialRequirements } from "@/db/schema";
import { deleteOutboxAttachmentsOf } from "@/db/queries/outbox";
import { bookingIdsOfPerson } from "@/db/queries/privacy";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { emailHash, normaliseEmail, tombstoneEmail, tombstoneName } from "./person";

export type ErasureResult = { number: number; tombstone: string; removed: Record<string, number> };

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
    // The attachments the local outbox kept of those emails (invoices, booking PDFs) go with their bodies.
    await deleteOutboxAttachmentsOf(tx, mails.map((m) => m.id));
    const removed = {
      bookingsAsContact: contacts.length, places: placeIds.length, requirementAnswers: answers.length, questionAnswers: questionAnswers.length,
      memberships: memberships.length, emailBodies: emails.length,
    };
    await tx.update(personErasures).set({ removed }).where(sql`${personErasures.number} = ${erasure.number}`);
    await recordAudit(tx, actor, {
      action: "person.erase", entityType: "person", entityId: emailHash(email),
      after: { tombstone: name, reason, ...removed, bookingIds: ids.asContact },
    });
    return { number: erasure.number, tombstone: name, removed };
  });
}


// Erasure reaches every copy of the person's data: the booking's change history (snapshots and staff's reasons),
// the audit log, emails about them sent to others, queued and sent emails, webhook payloads, the payment
// provider's events. Afterwards no table holds their name, address or phone (invoices and credit notes aside,
// which keep what tax law requires), and the history still says what changed, when and by whom.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { auditLogs, bookingAttendees, courseSessions, emailAttachments, emailMessages, outboundEvents, webhookDeliveries } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Staff } from "@/lib/auth/session";
import { bookingHistory, changeBooking } from "@/lib/booking/change-booking";
import { instantToLocal, updateSession } from "@/lib/catalog/sessions";
import { queueEmail } from "@/lib/email/jobs";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { erasePerson } from "@/lib/privacy/erase";
import { REDACTED } from "@/lib/privacy/redact";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { checkoutEvent, createBookingViaApi, db, getBooking, postWebhook, templateByCode } from "../fixtures";
import { clearJobs, jobsFor, runJobs, staffCookie, uniqueEmail, withEnv } from "../finance-fixtures";
import { changesOf, concert, placesOf, type Concert } from "../staff-seat-fixtures";

vi.setConfig({ testTimeout: 120_000 });
beforeAll(warmPdfPool);
beforeEach(clearJobs);

let restoreEnv: () => void;
beforeAll(() => { restoreEnv = withEnv({ ADMIN_ALERT_EMAILS: "desk@turnout.test", SMTP_URL: undefined }); });
afterAll(() => restoreEnv());

const DAY_MS = 86_400_000;
// Letters only (names are checked as names), unique to the run so no other test's rows can match.
const surname = () => `Quill${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;

/** Every row of every table (ours and the job queue's) whose text contains `needle`, by table. */
async function tablesHolding(needle: string, leaveOut: string[]) {
  const tables = await db().execute<{ schema: string; name: string }>(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema in ('public', 'graphile_worker') and table_type = 'BASE TABLE'`);
  const found: Record<string, number> = {};
  for (const t of tables) {
    if (leaveOut.includes(t.name)) continue;
    const ident = sql.raw(`"${t.schema}"."${t.name}"`);
    const [{ n }] = await db().execute<{ n: number }>(sql`select count(*)::int as n from ${ident} x where position(lower(${needle}) in lower(x::text)) > 0`);
    if (n > 0) found[`${t.schema}.${t.name}`] = n;
  }
  return found;
}

async function seatedBooking(c: Concert, p: { contact: { name: string; email: string; phone: string }; line1: string; attendees: Record<string, unknown>[] }) {
  const { booking } = await createBookingViaApi(c.session.id, p.attendees.length, {
    contact: p.contact, billing: { line1: p.line1, city: "York", postalCode: "YO1 7HH", country: "GB" },
    attendees: p.attendees.map((a) => ({ ticketTypeId: c.standard.id, requirements: [], ...a })),
  });
  const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
  expect(res.status).toBe(200);
  return (await getBooking(booking.id))!;
}

describe("erasing a person", () => {
  it("redacts their history, audit entries, emails and webhook payloads; the history still lists what changed", async () => {
    const { user } = await staffCookie("admin");
    const admin: Staff = { id: user.id, email: user.email, name: null, role: "admin" };
    const c = await concert();
    const endpoint = await createWebhookEndpoint(db(), admin, {
      url: "http://127.0.0.1:9/hook", description: null, events: ["booking.created", "booking.confirmed", "booking.changed"], receivesHealthData: true,
    });

    const last = surname();
    const name = `Robin ${last}`;
    const email = uniqueEmail("robin");
    // Every value searched for afterwards is this run's own: other test files write to the same database meanwhile.
    const phone = `+44 20 ${[...randomBytes(4)].map((b) => b % 10).join("")} ${[...randomBytes(4)].map((b) => b % 10).join("")}`;
    const allergen = `Sesame${last.slice(5)}`;
    const street = `7 Hidden Mews ${last}`;
    const allergy = await templateByCode("allergy_severe");
    // Robin books for themselves and a colleague, and holds a place in Olive's booking.
    const own = await seatedBooking(c, {
      contact: { name, email, phone }, line1: street,
      attendees: [
        { firstName: "Robin", lastName: last, email, seatId: c.seat("E1").id, requirements: [{ templateId: allergy.id, details: `${allergen}, carries a pen` }] },
        { firstName: "Col", lastName: "League", seatId: c.seat("E2").id },
      ],
    });
    const olive = await seatedBooking(c, {
      contact: { name: "Olive Other", email: uniqueEmail("olive"), phone: "+44 20 7946 0999" }, line1: "2 Open Road",
      attendees: [{ firstName: "Olive", lastName: "Other", seatId: c.seat("F4").id }, { firstName: "Robin", lastName: last, email, seatId: c.seat("F5").id }],
    });
    const [robinPlace, colPlace] = await placesOf(own.id);
    const [olivePlace, robinInOlives] = await placesOf(olive.id);
    await runJobs();

    // The history: the booker changes attendee details, staff change a seat with a reason that names Robin, and
    // staff move the whole session a week later.
    await changeBooking(db(), {
      bookingId: own.id, actor: { kind: "booker", email },
      change: { attendees: [
        { attendeeId: robinPlace.id, firstName: "Robin", lastName: last, email, requirements: [{ templateId: allergy.id, details: `${allergen} and mustard` }] },
        { attendeeId: colPlace.id, firstName: "Colin", lastName: "League", requirements: [] },
      ] },
    });
    const staffReason = `${name} (${phone}) asked for the aisle`;
    await changeBooking(db(), {
      bookingId: own.id, actor: { kind: "staff", email: admin.email, id: admin.id },
      change: {}, seats: [{ attendeeId: robinPlace.id, seatId: c.seat("E5").id }], reason: staffReason,
    });
    await changeBooking(db(), {
      bookingId: olive.id, actor: { kind: "staff", email: admin.email, id: admin.id },
      change: {}, seats: [{ attendeeId: robinInOlives.id, seatId: c.seat("F3").id }], reason: "Wants to sit beside their friend",
    });
    await changeBooking(db(), {
      bookingId: olive.id, actor: { kind: "staff", email: admin.email, id: admin.id },
      change: {}, seats: [{ attendeeId: olivePlace.id, seatId: c.seat("F2").id }], reason: "Olive prefers the end of the row",
    });
    const [session] = await db().select().from(courseSessions).where(eq(courseSessions.id, c.session.id));
    const later = new Date(Math.floor(session.startsAt.getTime() / 60_000) * 60_000 + 7 * DAY_MS);
    await updateSession(db(), admin, c.session.id, {
      courseId: session.courseId, venueId: session.venueId, capacity: session.capacity, checkOutRequired: session.checkOutRequired,
      startsAt: instantToLocal(later, "Europe/London"), endsAt: instantToLocal(new Date(later.getTime() + (session.endsAt.getTime() - session.startsAt.getTime())), "Europe/London"),
    });
    // An audit entry with the booking as staff saw it (contact and billing details).
    await recordAudit(db(), admin, { action: "booking.note", entityType: "booking", entityId: own.id, before: await getBooking(own.id), after: { note: `Called ${name} on ${phone}` } });
    // Sent emails (confirmations, staff notices, changes); one more left queued.
    await runJobs();
    await queueEmail(db(), { kind: "balance-reminder", bookingId: own.id });

    const before = await tablesHolding(email, ["invoices", "credit_notes"]);
    for (const table of ["public.booking_changes", "public.audit_logs", "public.email_messages"])
      expect(Object.keys(before), `${table} should hold Robin's details before the erasure`).toContain(table);
    // Webhook payloads carry the booking's facts by id; its health details go to endpoints allowed them.
    expect(Object.keys(await tablesHolding(allergen, ["invoices", "credit_notes"]))).toContain("public.outbound_events");
    expect(Object.keys(await tablesHolding(name, ["invoices", "credit_notes"]))).toEqual(expect.arrayContaining(["public.booking_changes", "public.email_messages"]));
    expect((await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))).length).toBeGreaterThan(0);

    // The local outbox kept Olive's confirmation documents, which list Robin's place.
    const olivesKept = () => db().select({ id: emailAttachments.messageId }).from(emailAttachments)
      .innerJoin(emailMessages, eq(emailMessages.id, emailAttachments.messageId)).where(eq(emailMessages.bookingId, olive.id));
    expect((await olivesKept()).length).toBeGreaterThan(0);

    const result = await erasePerson(db(), admin, { email, reason: `${name} asked to be forgotten` });
    // Documents cannot be redacted inside: those of every email about them go, whoever it was sent to.
    expect(await olivesKept()).toEqual([]);

    // Nothing is left under their name, address or phone anywhere; invoices keep their frozen buyer by law.
    for (const needle of [email, name, last, phone, allergen, street])
      expect(await tablesHolding(needle, ["invoices", "credit_notes"]), needle).toEqual({});
    // Nor after the queued email has gone out.
    expect(await jobsFor("email.send")).not.toHaveLength(0);
    await runJobs();
    for (const needle of [email, name, phone]) expect(await tablesHolding(needle, ["invoices", "credit_notes"]), needle).toEqual({});

    // The history still lists each change, when and by whom, with the tombstone for Robin.
    const tomb = { firstName: "Erased", lastName: `person #${result.number}` };
    const history = await bookingHistory(db(), own.id, { staffView: true });
    expect(history.map((h) => [h.action, h.actorKind])).toEqual([["attendees_updated", "booker"], ["seats_changed", "staff"], ["session_rescheduled", "staff"]]);
    const [details, seats, moved] = history;
    expect(details.actorEmail).toBe(`erased-${result.number}@erased.invalid`);
    expect(details.before).toMatchObject({ attendees: [
      { attendeeId: robinPlace.id, ...tomb, email: null, requirements: [{ templateId: allergy.id, label: REDACTED, details: REDACTED }] },
      { attendeeId: colPlace.id, firstName: "Col", lastName: "League" },
    ] });
    expect(details.after).toMatchObject({ attendees: [{ attendeeId: robinPlace.id, ...tomb }, { attendeeId: colPlace.id, firstName: "Colin" }] });
    expect(seats).toMatchObject({ actorEmail: admin.email, reason: REDACTED,
      before: { attendees: [{ attendeeId: robinPlace.id, ...tomb, seat: expect.stringContaining("E") }] },
      after: { attendees: [{ attendeeId: robinPlace.id, ...tomb, seat: expect.stringContaining("E") }] } });
    expect((seats.after as { attendees: { seat: string }[] }).attendees[0].seat).toMatch(/5/);
    expect(moved.before).toEqual((await changesOf(own.id))[2].before);
    expect((moved.after as { startsAt: string }).startsAt).toBe(later.toISOString());
    // In Olive's booking only what is Robin's goes: the change of Robin's seat and staff's reason for it (a reason
    // may name them in any way); the change of Olive's own seat keeps its reason.
    const [robinsSeat, olivesSeat] = await changesOf(olive.id);
    expect(robinsSeat).toMatchObject({ reason: REDACTED, before: { attendees: [{ attendeeId: robinInOlives.id, ...tomb }] } });
    expect(olivesSeat).toMatchObject({ reason: "Olive prefers the end of the row", before: { attendees: [{ attendeeId: olivePlace.id, firstName: "Olive", lastName: "Other" }] } });

    // The audit trail keeps its entries, actions and staff, with the contact details erased as on the booking.
    const entries = await db().select().from(auditLogs).where(and(eq(auditLogs.entityType, "booking"), eq(auditLogs.entityId, own.id))).orderBy(asc(auditLogs.id));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["booking.seats_changed", "booking.note"]));
    const note = entries.find((e) => e.action === "booking.note")!;
    expect(note).toMatchObject({ actorEmail: admin.email, before: { id: own.id, reference: own.reference, contactName: result.tombstone, contactPhone: "", billingLine1: null },
      after: { note: `Called ${result.tombstone} on ${REDACTED}` } });
    expect(entries.find((e) => e.action === "booking.seats_changed")!.after).toMatchObject({ reason: REDACTED });

    // Emails about them to others keep their subject and body, with the tombstone in Robin's place.
    const oliveMail = await db().select().from(emailMessages).where(and(eq(emailMessages.bookingId, olive.id), eq(emailMessages.kind, "booking-confirmed")));
    expect(oliveMail.length).toBeGreaterThan(0);
    expect(oliveMail.some((m) => (m.html ?? "").includes("Olive"))).toBe(true);
    // Webhook payloads are kept, without their health details.
    const events = await db().select().from(outboundEvents).where(sql`${outboundEvents.data}->>'bookingId' = ${own.id}`);
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events.map((e) => e.healthData))).not.toContain(allergen);
    expect(result.redacted).toMatchObject({ historyEntries: 3, auditEntries: expect.any(Number), emailsAboutThem: expect.any(Number), webhookEvents: expect.any(Number) });

    // Colleagues are other people: untouched.
    const [col] = await db().select().from(bookingAttendees).where(eq(bookingAttendees.id, colPlace.id));
    expect(col).toMatchObject({ firstName: "Colin", lastName: "League" });
  });
});

// Personal data rights: export everything held about a person, erase them for good (invoices untouched),
// and delete health and access answers a set number of days after the session, once.
import JSZip from "jszip";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { GET as exportRoute } from "@/app/admin/privacy/export/route";
import {
  auditLogs, bookingAnswers, bookingAttendees, bookings, courseQuestions, courseSessions, emailMessages, invoices, members, personErasures, specialRequirements,
} from "@/db/schema";
import { erasePerson } from "@/lib/privacy/erase";
import { emailHash } from "@/lib/privacy/person";
import { purgeExpiredRequirements } from "@/lib/privacy/retention";
import { createSessionFixture, db } from "../fixtures";
import { clearJobs, createPaidBooking, invoiceOf, runJobs, staffCookie, uniqueEmail } from "../finance-fixtures";

const ORIGIN = "http://localhost:3000";
const call = (path: string, cookie?: string) =>
  exportRoute(new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({}) });

beforeEach(clearJobs);
// Each test books and pays for real and renders documents: generous limits for a busy machine.
vi.setConfig({ testTimeout: 120_000 });

/** Sam books for themselves and a colleague, and holds a place in someone else's booking. */
async function person({ sendEmails = true } = {}) {
  const sam = uniqueEmail("sam");
  const { session } = await createSessionFixture({ priceAmount: 12_000, startsInDays: 40 });
  const own = await createPaidBooking(session.id, {
    contact: { name: "Sam Private", email: sam, organisation: "Private Ltd" },
    billing: { line1: "1 Secret Lane", city: "Leeds", postalCode: "LS1 1AA", country: "GB" },
    attendees: [
      { firstName: "Sam", lastName: "Private", email: sam, requirements: [{ code: "allergy_severe", details: "Peanuts" }] },
      { firstName: "Col", lastName: "League", requirements: [{ code: "diet_vegan" }] },
    ],
  });
  await db().update(bookingAttendees).set({ isBooker: true }).where(and(eq(bookingAttendees.bookingId, own.id), eq(bookingAttendees.position, 1)));
  const other = await createPaidBooking(session.id, {
    contact: { name: "Olive Other", email: uniqueEmail("olive") },
    attendees: [{ firstName: "Olive", lastName: "Other" }, { firstName: "Sam", lastName: "Private", email: sam, requirements: [{ code: "access_wheelchair" }] }],
  });
  if (sendEmails) await runJobs();
  return { sam, session, own, other };
}

describe("export", () => {
  it("gives staff one ZIP with everything held about the person, audited; others' details stay out", async () => {
    const p = await person();
    expect((await call(`/admin/privacy/export?email=${encodeURIComponent(p.sam)}`)).status).toBe(401);
    const { cookie: financeCookie } = await staffCookie("finance");
    expect((await call(`/admin/privacy/export?email=${encodeURIComponent(p.sam)}`, financeCookie)).status).toBe(403);
    const { cookie } = await staffCookie("admin");
    expect((await call("/admin/privacy/export?email=not-an-email", cookie)).status).toBe(400);
    await db().insert(members).values({ email: p.sam, name: "Sam Private", level: "silver", memberNumber: `S${Date.now()}`, validFrom: new Date() });

    const res = await call(`/admin/privacy/export?email=${encodeURIComponent(p.sam.toUpperCase())}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const zip = await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
    const data = JSON.parse(await zip.file("person.json")!.async("string"));
    expect(data.bookings.map((b: { reference: string }) => b.reference)).toEqual([p.own.reference]);
    expect(data.bookings[0].attendees[0].requirements[0]).toMatchObject({ label: "Severe allergy (risk of anaphylaxis)", details: "Peanuts" });
    expect(data.placesInOtherBookings).toHaveLength(1);
    expect(data.memberships).toEqual([expect.objectContaining({ level: "silver", name: "Sam Private", pointsLedger: [] })]);
    expect(data.placesInOtherBookings[0].attendee).toMatchObject({ firstName: "Sam", requirements: [expect.objectContaining({ label: "Wheelchair user" })] });
    expect(JSON.stringify(data.placesInOtherBookings)).not.toContain("Olive");
    const invoice = (await invoiceOf(p.own.id))!;
    expect(data.invoices.map((i: { number: string }) => i.number)).toEqual([invoice.number]);
    expect(data.emails.length).toBeGreaterThanOrEqual(1);
    expect(zip.file(`invoices/${invoice.number}.pdf`)).not.toBeNull();

    const [entry] = await db().select().from(auditLogs).where(and(eq(auditLogs.action, "person.export"), eq(auditLogs.entityId, emailHash(p.sam))));
    expect(entry.after).toMatchObject({ bookings: 1, placesInOtherBookings: 1, invoices: 1 });
    expect(JSON.stringify(entry)).not.toContain(p.sam);
  });
});

describe("erasure", () => {
  it("replaces the person by a tombstone, deletes their answers and email bodies, leaves invoices as issued", async () => {
    const p = await person();
    const invoiceBefore = (await invoiceOf(p.own.id))!;
    const staff = (await staffCookie("admin")).user;

    // Answers to the course's own questions: Sam's, the booking's (Sam booked it), and the colleague's.
    const [question] = await db().insert(courseQuestions).values({ courseId: p.session.courseId, kind: "short_text", scope: "per_attendee", label: "Emergency contact", sensitive: true }).returning();
    const [bookingQuestion] = await db().insert(courseQuestions).values({ courseId: p.session.courseId, kind: "short_text", scope: "per_booking", label: "Who collects?" }).returning();
    const ownPlaces = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, p.own.id)).orderBy(bookingAttendees.position);
    await db().insert(bookingAnswers).values([
      { bookingId: p.own.id, attendeeId: ownPlaces[0].id, questionId: question.id, label: question.label, sensitive: true, value: "Mum, 07700 900000" },
      { bookingId: p.own.id, attendeeId: ownPlaces[1].id, questionId: question.id, label: question.label, sensitive: true, value: "Colleague's partner" },
      { bookingId: p.own.id, attendeeId: null, questionId: bookingQuestion.id, label: bookingQuestion.label, sensitive: false, value: "Sam" },
    ]);

    await db().insert(members).values({ email: p.sam, name: "Sam Private", level: "gold", memberNumber: `M${Date.now()}`, validFrom: new Date() });

    const result = await erasePerson(db(), staff, { email: p.sam, reason: "Customer asked to be forgotten" });
    expect(result.tombstone).toBe(`Erased person #${result.number}`);
    expect(result.removed).toEqual({ bookingsAsContact: 1, places: 2, requirementAnswers: 2, questionAnswers: 2, memberships: 1, emailBodies: expect.any(Number) });
    const leftAnswers = await db().select().from(bookingAnswers).where(eq(bookingAnswers.bookingId, p.own.id));
    expect(leftAnswers.map((a) => [a.attendeeId, a.value])).toEqual([[ownPlaces[1].id, "Colleague's partner"]]);
    const [membership] = await db().select().from(members).where(eq(members.email, `erased-${result.number}@erased.invalid`));
    expect(membership).toMatchObject({ name: result.tombstone, level: "gold", notificationsOptedOutAt: expect.any(Date) });

    const [own] = await db().select().from(bookings).where(eq(bookings.id, p.own.id));
    expect(own).toMatchObject({ contactName: result.tombstone, contactEmail: `erased-${result.number}@erased.invalid`, contactPhone: "",
      organisation: null, billingLine1: null, billingCity: null });
    const places = await db().select().from(bookingAttendees).where(inArray(bookingAttendees.bookingId, [p.own.id, p.other.id]));
    expect(places.filter((a) => a.firstName === "Erased").map((a) => a.lastName)).toEqual([`person #${result.number}`, `person #${result.number}`]);
    expect(places.some((a) => a.email?.startsWith("sam"))).toBe(false);
    // The colleague and the other booker are other people: untouched.
    expect(places.filter((a) => ["Col", "Olive"].includes(a.firstName))).toHaveLength(2);
    const answers = await db().select().from(specialRequirements).where(inArray(specialRequirements.bookingId, [p.own.id, p.other.id]));
    expect(answers.map((r) => r.label)).toEqual(["Vegan"]);
    const mails = await db().select().from(emailMessages).where(sql`lower(${emailMessages.toAddress}) = ${p.sam}`);
    expect(mails).toHaveLength(0);
    const tombMails = await db().select().from(emailMessages).where(eq(emailMessages.toAddress, `erased-${result.number}@erased.invalid`));
    expect(tombMails.every((m) => m.html === null && m.text === null)).toBe(true);

    // The invoice is exactly as issued: same number, buyer, lines, totals and stored PDF.
    const [invoiceAfter] = await db().select().from(invoices).where(eq(invoices.id, invoiceBefore.id));
    expect(invoiceAfter).toEqual(invoiceBefore);

    const [erasure] = await db().select().from(personErasures).where(eq(personErasures.number, result.number));
    expect(erasure).toMatchObject({ emailHash: emailHash(p.sam), reason: "Customer asked to be forgotten", erasedBy: staff.id });
    const [entry] = await db().select().from(auditLogs).where(and(eq(auditLogs.action, "person.erase"), eq(auditLogs.entityId, emailHash(p.sam))));
    expect(entry.after).toMatchObject({ tombstone: result.tombstone, reason: "Customer asked to be forgotten" });
    expect(JSON.stringify(entry)).not.toContain(p.sam);

    // Nothing is left under the address: a second request finds nothing and writes nothing.
    const count = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(personErasures))[0].n;
    const before = await count();
    await expect(erasePerson(db(), staff, { email: p.sam, reason: "Again" })).rejects.toMatchObject({ code: "not_found" });
    expect(await count()).toBe(before);
  });

  it("asks for a reason", async () => {
    const p = await person({ sendEmails: false });
    await expect(erasePerson(db(), { id: null, email: "a@b.c" }, { email: p.sam, reason: "  " })).rejects.toMatchObject({ code: "invalid_request" });
    expect(await db().select().from(personErasures).where(eq(personErasures.emailHash, emailHash(p.sam)))).toHaveLength(0);
  });
});

describe("retention", () => {
  it("deletes answers of sessions that ended more than the retention period ago, once", async () => {
    const old = await person({ sendEmails: false });
    const recent = await person({ sendEmails: false });
    const DAY = 86_400_000;
    const now = new Date();
    const moveTo = (sessionId: string, endedDaysAgo: number) => db().update(courseSessions).set({
      startsAt: new Date(now.getTime() - endedDaysAgo * DAY - 3_600_000), endsAt: new Date(now.getTime() - endedDaysAgo * DAY),
    }).where(eq(courseSessions.id, sessionId));
    await moveTo(old.session.id, 31);
    await moveTo(recent.session.id, 29);

    const first = await purgeExpiredRequirements(db(), { days: 30, now });
    expect(first.requirements).toBeGreaterThanOrEqual(3);
    const left = async (sessionId: string) => (await db().select({ id: specialRequirements.id }).from(specialRequirements)
      .innerJoin(bookings, eq(bookings.id, specialRequirements.bookingId)).where(eq(bookings.sessionId, sessionId))).length;
    expect(await left(old.session.id)).toBe(0);
    expect(await left(recent.session.id)).toBe(3);

    const second = await purgeExpiredRequirements(db(), { days: 30, now });
    expect(second.requirements).toBe(0);
    const entries = await db().select().from(auditLogs).where(eq(auditLogs.action, "privacy.requirements_purged"));
    expect(entries.filter((e) => (e.after as { before: string }).before === first.before)).toHaveLength(1);
  });
});

// Personal data rights: export everything held about a person, erase them for good (invoices untouched),
// and delete health and access answers a set number of days after the session, once.
import JSZip from "jszip";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { GET as exportRoute } from "@/app/admin/privacy/export/route";
import {
  auditLogs, bookingAnswers, bookingAttendees, bookingChanges, bookings, courseQuestions, courseSessions, customerSignInTokens, emailMessages, invoices, members,
  personErasures, specialRequirements, waitlistEntries, waitlistOffers,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { erasePerson } from "@/lib/privacy/erase";
import { collectPersonData } from "@/lib/privacy/export";
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

/** A booking's places in their order. */
const placesOf = async (bookingId: string) => db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, bookingId)).orderBy(bookingAttendees.position);

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
    // Answers to the course's questions: in Sam's booking (Sam's, the colleague's, the booking's) and in Olive's
    // (Sam's place, Olive's place, Olive's booking).
    const [question] = await db().insert(courseQuestions).values({ courseId: p.session.courseId, kind: "short_text", scope: "per_attendee", label: "Emergency contact", sensitive: true }).returning();
    const [bookingQuestion] = await db().insert(courseQuestions).values({ courseId: p.session.courseId, kind: "short_text", scope: "per_booking", label: "Purchase order" }).returning();
    const [ownPlaces, otherPlaces] = [await placesOf(p.own.id), await placesOf(p.other.id)];
    const answer = (bookingId: string, attendeeId: string | null, value: string) => ({
      bookingId, attendeeId, questionId: (attendeeId ? question : bookingQuestion).id, label: (attendeeId ? question : bookingQuestion).label, sensitive: attendeeId !== null, value,
    });
    await db().insert(bookingAnswers).values([
      answer(p.own.id, ownPlaces[0].id, "Mum, 07700 900000"), answer(p.own.id, ownPlaces[1].id, "Colleague's partner"), answer(p.own.id, null, "PO-SAM-1"),
      answer(p.other.id, otherPlaces[1].id, "Dad, 07700 900111"), answer(p.other.id, otherPlaces[0].id, "Olive's brother"), answer(p.other.id, null, "PO-OLIVE-9"),
    ]);

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
    // The answers given: in their own booking all of them, as the booking is; in Olive's, their place's only.
    const asked = (question: string, answer: string, sensitive: boolean) => ({ question, answer, sensitive, givenAt: expect.any(String) });
    expect(data.bookings[0].answers).toEqual([asked("Purchase order", "PO-SAM-1", false)]);
    expect(data.bookings[0].attendees.map((a: { answers: unknown }) => a.answers)).toEqual([
      [asked("Emergency contact", "Mum, 07700 900000", true)], [asked("Emergency contact", "Colleague's partner", true)],
    ]);
    expect(data.placesInOtherBookings[0].attendee.answers).toEqual([asked("Emergency contact", "Dad, 07700 900111", true)]);
    expect(JSON.stringify(data)).not.toContain("PO-OLIVE-9");
    const invoice = (await invoiceOf(p.own.id))!;
    expect(data.invoices.map((i: { number: string }) => i.number)).toEqual([invoice.number]);
    expect(data.emails.length).toBeGreaterThanOrEqual(1);
    expect(zip.file(`invoices/${invoice.number}.pdf`)).not.toBeNull();

    const [entry] = await db().select().from(auditLogs).where(and(eq(auditLogs.action, "person.export"), eq(auditLogs.entityId, emailHash(p.sam))));
    expect(entry.after).toMatchObject({ bookings: 1, placesInOtherBookings: 1, invoices: 1 });
    expect(JSON.stringify(entry)).not.toContain(p.sam);
  });
});

describe("export of history and the waiting list", () => {
  it("holds their bookings' history, their place's history in another's booking, their waiting-list entries and offers; nothing of the others", async () => {
    const p = await person({ sendEmails: false });
    const staff = (await staffCookie("admin")).user;
    const olive = p.other.contactEmail;
    const [samOwn, col] = await placesOf(p.own.id);
    const [olivePlace, samPlace] = await placesOf(p.other.id);
    const snap = (a: typeof samPlace, o: Record<string, unknown> = {}) => ({
      attendeeId: a.id, position: a.position, firstName: a.firstName, lastName: a.lastName, email: a.email, ticketType: "Standard", requirements: [], ...o,
    });
    const seat = (a: typeof samPlace, s: string) => ({ attendeeId: a.id, position: a.position, firstName: a.firstName, lastName: a.lastName, seat: s });
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
    const change = (bookingId: string, minute: number, action: string, actorKind: string, actorEmail: string | null, before: unknown, after: unknown, reason: string | null = null) =>
      ({ bookingId, action, actorKind, actorEmail, before, after, reason, createdAt: at(minute) });
    await db().insert(bookingChanges).values([
      // Their own booking: every change, the colleague's place and staff's reasons included (as the booking itself is).
      change(p.own.id, 1, "attendees_updated", "staff", staff.email, { attendees: [snap(col, { lastName: "Leage" })] }, { attendees: [snap(col)] }, "Typo the booker reported"),
      change(p.own.id, 2, "seats_changed", "staff", staff.email, { attendees: [seat(samOwn, "A1")] }, { attendees: [seat(samOwn, "A2")] }, "Sam asked for the aisle"),
      // Olive's booking: the place was Hana's before Olive gave it to Sam, then Olive corrected Sam's name.
      change(p.other.id, 3, "attendees_updated", "booker", olive,
        { attendees: [snap(samPlace, { firstName: "Hana", lastName: "Handed", email: "hana.handed@example.com" })] }, { attendees: [snap(samPlace, { lastName: "Privat" })] }),
      change(p.other.id, 4, "attendees_updated", "booker", olive, { attendees: [snap(samPlace, { lastName: "Privat" })] }, { attendees: [snap(samPlace)] }),
      change(p.other.id, 5, "attendees_updated", "booker", olive, { attendees: [snap(olivePlace, { lastName: "Otter" })] }, { attendees: [snap(olivePlace)] }),
      change(p.other.id, 6, "seats_changed", "staff", staff.email, { attendees: [seat(olivePlace, "C1"), seat(samPlace, "C2")] },
        { attendees: [seat(olivePlace, "D1"), seat(samPlace, "D2")] }, "Olive's knee: both on the aisle"),
      change(p.other.id, 7, "seats_changed", "staff", staff.email, { attendees: [seat(samPlace, "D2")] }, { attendees: [seat(samPlace, "D3")] }, "Wheelchair space freed for Sam"),
      change(p.other.id, 8, "moved", "booker", olive, { sessionId: p.session.id, startsAt: "2026-02-01T09:00:00.000Z", totalAmount: 31_337 },
        { sessionId: p.session.id, startsAt: "2026-02-08T09:00:00.000Z", totalAmount: 31_337, difference: 0 }, "Olive is away that week"),
      change(p.other.id, 9, "session_rescheduled", "staff", staff.email, { sessionId: p.session.id, startsAt: "2026-02-08T09:00:00.000Z", venueName: "Hall" },
        { sessionId: p.session.id, startsAt: "2026-02-08T10:00:00.000Z", venueName: "Hall" }),
    ]);

    // Sam waits for another session (and was offered places), and waited for this one; Olive waits too.
    const { session: full } = await createSessionFixture({ priceAmount: 9_000, startsInDays: 50 });
    const [waiting, offered] = await db().insert(waitlistEntries).values([
      { sessionId: p.session.id, email: p.sam, places: 1, status: "left", note: "Only Saturdays" },
      { sessionId: full.id, email: p.sam.toUpperCase(), places: 2, status: "offered" },
      { sessionId: full.id, email: olive, places: 1, note: "Olive's own note" },
    ]).returning();
    const expiresAt = new Date(Date.UTC(2027, 0, 1));
    await db().insert(waitlistOffers).values([
      { entryId: offered.id, sessionId: full.id, places: 2, status: "lapsed", createdAt: at(20), expiresAt: at(30), closedAt: at(30) },
      { entryId: offered.id, sessionId: full.id, places: 2, status: "open", createdAt: at(40), expiresAt, offeredBy: staff.id },
    ]);
    await recordAudit(db(), { id: staff.id, email: staff.email }, { action: "waitlist.offer", entityType: "waitlist_entry", entityId: offered.id, after: { places: 2 } });
    await db().insert(customerSignInTokens).values({ email: p.sam, tokenHash: `hash-${p.sam}`, expiresAt });
    // What they did as a customer goes, except about Olive's booking; what a staff account under their address did at work does not.
    await db().insert(auditLogs).values([
      { actorId: null, actorEmail: p.sam, action: "booking.refund", entityType: "booking", entityId: p.own.id, after: { amount: 1 } },
      { actorId: null, actorEmail: p.sam, action: "booking.refund", entityType: "booking", entityId: p.other.id, after: { booker: "Olive Other" } },
      { actorId: staff.id, actorEmail: p.sam, action: "course.update", entityType: "course", entityId: p.session.courseId, after: { note: "Olive's course" } },
    ]);

    const { json } = await collectPersonData(db(), p.sam);
    const data = JSON.parse(JSON.stringify(json));
    type Entry = { action: string; reason: string | null; reasonWithheld?: boolean; actorEmail: string | null; before: Record<string, unknown>; after: Record<string, unknown> };

    const own: Entry[] = data.bookings[0].history;
    expect(own.map((h) => [h.action, h.reason])).toEqual([["attendees_updated", "Typo the booker reported"], ["seats_changed", "Sam asked for the aisle"]]);
    expect(own[0].actorEmail).toBe(staff.email);

    const place: Entry[] = data.placesInOtherBookings[0].history;
    expect(place.map((h) => h.action)).toEqual(["attendees_updated", "attendees_updated", "seats_changed", "seats_changed", "moved", "session_rescheduled"]);
    // The place before it was theirs is Hana's: left out; their own renaming is there, with no booker's address.
    expect(place[0]).toMatchObject({ before: { attendees: [] }, after: { attendees: [{ attendeeId: samPlace.id, lastName: "Privat" }] }, actorEmail: null });
    expect(place[1]).toMatchObject({ before: { attendees: [{ lastName: "Privat" }] }, after: { attendees: [{ lastName: "Private", email: p.sam }] } });
    // A seat change of both places: their seat only, and the reason (about Olive too) withheld; one of theirs alone keeps it.
    expect(place[2]).toMatchObject({ before: { attendees: [{ attendeeId: samPlace.id, seat: "C2" }] }, after: { attendees: [{ seat: "D2" }] }, reason: null, reasonWithheld: true });
    expect(place[2].before.attendees).toHaveLength(1);
    expect(place[3]).toMatchObject({ reason: "Wheelchair space freed for Sam" });
    expect(place[3].reasonWithheld).toBeUndefined();
    // The booking's move moved them too: when, without the booker's amounts or reason.
    expect(place[4]).toMatchObject({ before: { startsAt: "2026-02-01T09:00:00.000Z" }, after: { startsAt: "2026-02-08T09:00:00.000Z" }, reason: null, reasonWithheld: true });
    expect(place[4].after).not.toHaveProperty("totalAmount");
    expect(place[5]).toMatchObject({ after: { startsAt: "2026-02-08T10:00:00.000Z" } });

    expect(data.waitingList.map((w: { id: string }) => w.id)).toEqual([waiting.id, offered.id]);
    expect(data.waitingList[0]).toMatchObject({ status: "left", note: "Only Saturdays", places: 1, offers: [] });
    expect(data.waitingList[1]).toMatchObject({ status: "offered", places: 2, sessionId: full.id });
    expect(data.waitingList[1].offers.map((o: { status: string }) => o.status)).toEqual(["lapsed", "open"]);
    expect(data.waitingList[1].offers[1]).toMatchObject({ places: 2, expiresAt: expiresAt.toISOString(), closedAt: null });
    expect(data.auditEntries.filter((a: { action: string }) => a.action === "waitlist.offer")).toEqual([expect.objectContaining({ entityId: offered.id })]);
    expect(data.auditEntries.filter((a: { actorEmail: string }) => a.actorEmail === p.sam).map((a: { entityId: string }) => a.entityId)).toEqual([p.own.id]);
    expect(data.signInLinks).toEqual([expect.objectContaining({ expiresAt: expiresAt.toISOString(), usedAt: null })]);

    // Nothing of Olive (the booker of the other booking) nor of Hana, who held the place before.
    const text = JSON.stringify(data);
    for (const other of ["Olive", olive, "Otter", "Hana", "hana.handed", "knee", "away that week", "31337", `hash-${p.sam}`]) expect(text).not.toContain(other);
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

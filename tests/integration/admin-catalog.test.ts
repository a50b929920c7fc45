// Running courses: bad input gets field errors and writes nothing; capacity never drops below places sold
// (row lock and check constraint); sessions with bookings are cancelled, not deleted, and bookers are told.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { auditLogs, courseSessions, courses, emailMessages, refunds, venueFeatures, venues } from "@/db/schema";
import { createCourse, updateCourse } from "@/app/admin/courses/actions";
import { cancelSession, createSession, deleteSession, updateSession } from "@/app/admin/sessions/actions";
import { saveVenueAssessment } from "@/app/admin/venues/actions";
import { createRequirementTemplate } from "@/app/admin/requirement-templates/actions";
import { createStaffUser, disableStaffUser, updateStaffUser } from "@/app/admin/users/actions";
import { taskList } from "@/lib/jobs/tasks";
import { SESSION_CANCELLED_TASK } from "@/lib/catalog/sessions";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { paymentProvider, setPaymentProviderForTests } from "@/lib/payments/provider";
import {
  checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postBooking, bookingBody, postWebhook, sessionCounters,
} from "../fixtures";
import { actAs, staffSession, type TestStaff } from "../next-request";
import { runJobs } from "../finance-fixtures";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

let admin: TestStaff;
beforeEach(async () => {
  admin = await staffSession("admin");
  actAs(admin);
});

async function counts() {
  const [row] = await db().execute<{ courses: number; sessions: number; audit: number; venues: number }>(sql`select
    (select count(*) from courses)::int as courses, (select count(*) from course_sessions)::int as sessions,
    (select count(*) from audit_logs)::int as audit, (select count(*) from venues)::int as venues`);
  return { ...row };
}

const auditFor = (entityId: string) => db().select().from(auditLogs).where(eq(auditLogs.entityId, entityId)).orderBy(asc(auditLogs.createdAt));

const course = (o: Record<string, unknown> = {}) => ({
  title: "Manual Handling", slug: `manual-handling-${randomUUID().slice(0, 8)}`, summary: "Lift safely.",
  description: "Half a day of safe lifting.", category: "Health & safety", currency: "GBP", price: "95.00", deposit: "", ...o,
});

/** Local datetime-local text `days` from now at `time`. */
/** The session's times as the form shows them (whole minutes in the fixture venue's London time), set so in the row. */
async function sameTimes(sessionId: string) {
  const [row] = await db().update(courseSessions)
    .set({ startsAt: sql`date_trunc('minute', ${courseSessions.startsAt})`, endsAt: sql`date_trunc('minute', ${courseSessions.endsAt})` })
    .where(eq(courseSessions.id, sessionId)).returning();
  const local = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/London", dateStyle: "short", timeStyle: "short" }).format(d).replace(" ", "T");
  return { startsAt: local(row.startsAt), endsAt: local(row.endsAt) };
}

function localIn(days: number, time: string) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}

describe("courses", () => {
  it("rejects a negative price with a field error and writes nothing", async () => {
    const before = await counts();
    const result = await createCourse(course({ price: "-10" }));
    expect(result).toEqual({ ok: false, code: "invalid_request", message: expect.any(String), fields: { price: "Price cannot be negative" } });
    expect(await counts()).toEqual(before);
  });

  it("rejects a deposit that is not below the price, and a price that is not money", async () => {
    const before = await counts();
    expect(await createCourse(course({ price: "95", deposit: "95" }))).toMatchObject({ fields: { deposit: "The deposit must be less than the price" } });
    expect(await createCourse(course({ price: "12.345" }))).toMatchObject({ fields: { price: "Enter a price such as 285 or 285.00" } });
    expect(await createCourse(course({ title: " ", slug: "Not A Slug", currency: "pounds" }))).toMatchObject({
      fields: { title: "Title is required", slug: expect.stringContaining("lower-case"), currency: expect.any(String) },
    });
    expect(await counts()).toEqual(before);
  });

  it("creates a course in minor units and audits who did it", async () => {
    const result = await createCourse(course({ price: "95.50", deposit: "20" }));
    expect(result.ok).toBe(true);
    const id = (result as { data: { id: string } }).data.id;
    const [row] = await db().select().from(courses).where(eq(courses.id, id));
    expect(row).toMatchObject({ priceAmount: 9550, depositAmount: 2000, currency: "GBP", status: "active" });
    expect(await auditFor(id)).toEqual([expect.objectContaining({
      action: "course.create", actorId: admin.id, actorEmail: admin.email, entityType: "course", before: null,
      after: expect.objectContaining({ priceAmount: 9550, title: "Manual Handling" }),
    })]);
  });

  it("refuses a web address another course uses, on the slug field, and changes nothing", async () => {
    const a = await createCourse(course());
    const b = course();
    const created = await createCourse(b);
    const id = (created as { data: { id: string } }).data.id;
    const [taken] = await db().select().from(courses).where(eq(courses.id, (a as { data: { id: string } }).data.id));
    const result = await updateCourse({ ...b, id, slug: taken.slug, title: "Renamed" });
    expect(result).toMatchObject({ ok: false, fields: { slug: "Another course already uses this web address" } });
    const [after] = await db().select().from(courses).where(eq(courses.id, id));
    expect(after.title).toBe("Manual Handling");
    expect((await auditFor(id)).map((e) => e.action)).toEqual(["course.create"]);
  });
});

describe("sessions", () => {
  it("rejects an end before the start with a field error and writes nothing", async () => {
    const { course: c, venue } = await createSessionFixture();
    const before = await counts();
    const result = await createSession({ courseId: c.id, venueId: venue.id, startsAt: localIn(20, "16:00"), endsAt: localIn(20, "09:00"), capacity: "12" });
    expect(result).toMatchObject({ ok: false, code: "invalid_request", fields: { endsAt: "The end must be after the start" } });
    expect(await counts()).toEqual(before);
  });

  it("rejects a start in the past, a capacity of zero and a missing venue", async () => {
    const { course: c, venue } = await createSessionFixture();
    const before = await counts();
    expect(await createSession({ courseId: c.id, venueId: venue.id, startsAt: localIn(-2, "09:00"), endsAt: localIn(-2, "17:00"), capacity: "10" }))
      .toMatchObject({ fields: { startsAt: "The start must be in the future" } });
    expect(await createSession({ courseId: c.id, venueId: "", startsAt: localIn(5, "09:00"), endsAt: localIn(5, "17:00"), capacity: "0" }))
      .toMatchObject({ fields: { venueId: "Choose a venue", capacity: "Capacity must be at least 1" } });
    expect(await counts()).toEqual(before);
  });

  it("reads the times as the venue's local time", async () => {
    const { course: c } = await createSessionFixture();
    const [ny] = await db().insert(venues).values({
      slug: `ny-${randomUUID().slice(0, 8)}`, name: "Hudson Rooms", addressLine1: "1 West St", city: "New York",
      postalCode: "10004", country: "US", timeZone: "America/New_York",
    }).returning();
    const result = await createSession({ courseId: c.id, venueId: ny.id, startsAt: "2031-07-01T09:30", endsAt: "2031-07-01T17:00", capacity: "8" });
    const id = (result as { data: { id: string } }).data.id;
    const [row] = await db().select().from(courseSessions).where(eq(courseSessions.id, id));
    expect(row.startsAt.toISOString()).toBe("2031-07-01T13:30:00.000Z");
    expect(row.endsAt.toISOString()).toBe("2031-07-01T21:00:00.000Z");
  });

  it("refuses a time the venue's clocks skip (the night they go forward) and writes nothing", async () => {
    const { course: c } = await createSessionFixture();
    const [london] = await db().insert(venues).values({
      slug: `ldn-${randomUUID().slice(0, 8)}`, name: "Thames Rooms", addressLine1: "1 Bank St", city: "London",
      postalCode: "E14 5AB", country: "GB", timeZone: "Europe/London",
    }).returning();
    const before = await counts();
    // 28 March 2032: UK clocks go from 01:00 to 02:00, so 01:30 never happens there.
    expect(await createSession({ courseId: c.id, venueId: london.id, startsAt: "2032-03-28T01:30", endsAt: "2032-03-28T03:00", capacity: "8" }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { startsAt: "There is no 01:30 on 2032-03-28 in Europe/London: the clocks go forward that night. Choose another time" } });
    expect(await counts()).toEqual(before);
    // The hour after the change exists.
    expect(await createSession({ courseId: c.id, venueId: london.id, startsAt: "2032-03-28T02:30", endsAt: "2032-03-28T04:00", capacity: "8" }))
      .toMatchObject({ ok: true });
  });

  it("repeats a session weekly at the same local time across a change of the clocks, all at once", async () => {
    const { course: c } = await createSessionFixture();
    const [london] = await db().insert(venues).values({
      slug: `ldn-${randomUUID().slice(0, 8)}`, name: "Studio Nine", addressLine1: "9 Dance Lane", city: "London",
      postalCode: "E1 6AN", country: "GB", timeZone: "Europe/London",
    }).returning();
    // Tuesdays at 19:00 from 16 March 2032; the UK clocks go forward on 28 March.
    const result = await createSession({
      courseId: c.id, venueId: london.id, startsAt: "2032-03-16T19:00", endsAt: "2032-03-16T20:30", capacity: "16", checkOutRequired: true, repeatWeeks: "3",
    });
    expect(result).toMatchObject({ ok: true, data: { repeats: 3 } });
    const rows = await db().select().from(courseSessions).where(and(eq(courseSessions.courseId, c.id), eq(courseSessions.venueId, london.id)))
      .orderBy(asc(courseSessions.startsAt));
    expect(rows.map((r) => [r.startsAt.toISOString(), r.endsAt.toISOString()])).toEqual([
      ["2032-03-16T19:00:00.000Z", "2032-03-16T20:30:00.000Z"],
      ["2032-03-23T19:00:00.000Z", "2032-03-23T20:30:00.000Z"],
      ["2032-03-30T18:00:00.000Z", "2032-03-30T19:30:00.000Z"],
      ["2032-04-06T18:00:00.000Z", "2032-04-06T19:30:00.000Z"],
    ]);
    expect(rows.every((r) => r.capacity === 16 && r.checkOutRequired && r.status === "scheduled")).toBe(true);
    expect((result as { data: { id: string } }).data.id).toBe(rows[0].id);
    for (const r of rows) expect((await auditFor(r.id)).map((e) => e.action)).toEqual(["session.create"]);
  });

  it("creates no repeat when one of them falls on a time the clocks skip, or too many are asked for", async () => {
    const { course: c } = await createSessionFixture();
    const [london] = await db().insert(venues).values({
      slug: `ldn-${randomUUID().slice(0, 8)}`, name: "Studio Ten", addressLine1: "10 Dance Lane", city: "London",
      postalCode: "E1 6AN", country: "GB", timeZone: "Europe/London",
    }).returning();
    const before = await counts();
    // Sundays at 01:30: the third is 28 March 2032, when 01:30 never happens in London.
    expect(await createSession({ courseId: c.id, venueId: london.id, startsAt: "2032-03-14T01:30", endsAt: "2032-03-14T03:00", capacity: "8", repeatWeeks: "4" }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { startsAt: "There is no 01:30 on 2032-03-28 in Europe/London: the clocks go forward that night. Choose another time" } });
    expect(await createSession({ courseId: c.id, venueId: london.id, startsAt: "2032-05-02T10:00", endsAt: "2032-05-02T11:00", capacity: "8", repeatWeeks: "53" }))
      .toMatchObject({ ok: false, fields: { repeatWeeks: "At most 52 weekly repeats (a year)" } });
    expect(await createSession({ courseId: c.id, venueId: london.id, startsAt: "2032-05-02T10:00", endsAt: "2032-05-02T11:00", capacity: "8", repeatWeeks: "two" }))
      .toMatchObject({ ok: false, fields: { repeatWeeks: "Weekly repeats must be a whole number" } });
    expect(await counts()).toEqual(before);
  });

  it("refuses a capacity below the places sold (booked and held) and leaves the session as it was", async () => {
    const { session, course: c, venue } = await createSessionFixture({ capacity: 10, placesBooked: 5 });
    await createBookingViaApi(session.id, 2); // 2 held in checkout
    // The same time and venue: a move would stop the checkout and give its places back
    // (tests/integration/session-move-checkouts.test.ts).
    const { startsAt, endsAt } = await sameTimes(session.id);
    const before = await counts();
    const result = await updateSession({ id: session.id, courseId: c.id, venueId: venue.id, startsAt, endsAt, capacity: "6" });
    expect(result).toMatchObject({
      ok: false, code: "invalid_request",
      fields: { capacity: "Capacity cannot be below the 7 places already sold (5 booked, 2 held in checkout)" },
    });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 5, placesHeld: 2 });
    expect(await counts()).toEqual(before);

    const ok = await updateSession({ id: session.id, courseId: c.id, venueId: venue.id, startsAt, endsAt, capacity: "7" });
    expect(ok).toMatchObject({ ok: true, data: { checkoutsStopped: 0 } });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 7, placesBooked: 5, placesHeld: 2 });
  });

  it("keeps the rule in the database too: a direct update below sold is refused", async () => {
    const { session } = await createSessionFixture({ capacity: 10, placesBooked: 6 });
    await expect(db().update(courseSessions).set({ capacity: 5 }).where(eq(courseSessions.id, session.id)))
      .rejects.toMatchObject({ cause: expect.objectContaining({ constraint_name: "course_sessions_places_within_capacity" }) });
  });

  it("never oversells when capacity is lowered while a booking is being made", async () => {
    for (let round = 0; round < 5; round++) {
      const { session, course: c, venue } = await createSessionFixture({ capacity: 10, placesBooked: 8 });
      const [update, booking] = await Promise.all([
        updateSession({ id: session.id, courseId: c.id, venueId: venue.id, startsAt: localIn(30, "09:00"), endsAt: localIn(30, "15:00"), capacity: "8" }),
        postBooking(bookingBody(session.id, 2)),
      ]);
      const counters = await sessionCounters(session.id);
      expect(counters.placesBooked + counters.placesHeld).toBeLessThanOrEqual(counters.capacity);
      // Exactly one wins: the smaller capacity, or the booking.
      expect([update.ok, booking.status === 201]).toContain(true);
      expect(update.ok && booking.status === 201).toBe(false);
    }
  });

  it("deletes a session nobody booked, but refuses one with bookings", async () => {
    const { session: empty } = await createSessionFixture();
    expect(await deleteSession({ id: empty.id })).toEqual({ ok: true, data: null });
    expect(await db().select().from(courseSessions).where(eq(courseSessions.id, empty.id))).toEqual([]);
    expect((await auditFor(empty.id)).map((e) => e.action)).toEqual(["session.delete"]);

    const { session: booked } = await createSessionFixture();
    const { booking } = await createBookingViaApi(booked.id, 1);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const result = await deleteSession({ id: booked.id });
    expect(result).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("Cancel it instead") });
    expect(await db().select().from(courseSessions).where(eq(courseSessions.id, booked.id))).toHaveLength(1);
  });

  it("cancels a session: checkouts stop, places are released, each paid booking is refunded in full and its booker gets one email", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const paid = await createBookingViaApi(session.id, 2, { contact: { name: "Ada Booker", email: "ada.booker@example.com", phone: "+44 20 7946 0001" } });
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", paid.booking)));
    const pending = await createBookingViaApi(session.id, 3);
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 2, placesHeld: 3 });

    expect(await cancelSession({ id: session.id, reason: "" })).toMatchObject({ fields: { reason: "Reason is required" } });
    const result = await cancelSession({ id: session.id, reason: "The trainer is ill" });
    expect(result).toEqual({ ok: true, data: { notified: 1, checkoutsCancelled: 1 } });

    const [row] = await db().select().from(courseSessions).where(eq(courseSessions.id, session.id));
    expect(row).toMatchObject({ status: "cancelled", placesBooked: 2, placesHeld: 0 });
    expect(await getBooking(pending.booking.id)).toMatchObject({ status: "cancelled", statusReason: "session_cancelled" });
    expect(await getBooking(paid.booking.id)).toMatchObject({ status: "confirmed" });
    // The session cannot be booked any more.
    expect((await postBooking(bookingBody(session.id, 1))).status).toBe(409);

    const jobs = await db().execute<{ task_identifier: string; key: string; payload: { bookingId: string; reason: string } }>(sql`
      select t.identifier as task_identifier, j.key, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where j.key = ${`session-cancelled:${paid.booking.id}`}`);
    expect([...jobs]).toEqual([{ task_identifier: SESSION_CANCELLED_TASK, key: `session-cancelled:${paid.booking.id}`,
      payload: { bookingId: paid.booking.id, reason: "The trainer is ill", staff: { id: admin.id, email: admin.email }, at: expect.any(String) } }]);

    // The job, run twice (a retry), refunds once and sends one email that says what was refunded.
    const task = taskList[SESSION_CANCELLED_TASK] as (payload: unknown, helpers: unknown) => Promise<void>;
    const helpers = { job: { attempts: 1, max_attempts: 10 } };
    await task(jobs[0].payload, helpers);
    await task(jobs[0].payload, helpers);
    expect(await getBooking(paid.booking.id)).toMatchObject({ status: "refunded", amountRefunded: paid.booking.totalAmount });
    const bookingRefunds = await db().select().from(refunds).where(eq(refunds.bookingId, paid.booking.id));
    expect(bookingRefunds).toEqual([expect.objectContaining({ amount: paid.booking.totalAmount, status: "succeeded", idempotencyKey: `session-cancelled:${paid.booking.id}` })]);
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0, placesHeld: 0 });
    await runJobs();
    // One email about the cancellation and the refund: no separate refund confirmation.
    const mails = (await db().select().from(emailMessages).where(eq(emailMessages.bookingId, paid.booking.id)))
      .filter((m) => ["session-cancelled", "refund-confirmed"].includes(m.kind));
    expect(mails).toEqual([expect.objectContaining({
      kind: "session-cancelled", toAddress: "ada.booker@example.com", status: "sent", transport: "outbox",
      subject: expect.stringContaining(paid.booking.reference), text: expect.stringContaining("The trainer is ill"),
    })]);
    expect(mails[0].text).toMatch(/We have refunded everything you paid, £240\.00, .*credit note CN-\d{4}-\d{5}/s);

    const [audit] = await auditFor(session.id);
    expect(audit).toMatchObject({ action: "session.cancel", actorId: admin.id, before: { status: "scheduled" }, after: { status: "cancelled", bookersNotified: 1 } });
    // A cancelled session cannot be edited.
    expect(await updateSession({ id: session.id, courseId: row.courseId, venueId: row.venueId, startsAt: localIn(30, "09:00"), endsAt: localIn(30, "15:00"), capacity: "10" }))
      .toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("cancelling a session with deposit bookings", () => {
  it("stops asking for the balance: the reminder is withdrawn and an open balance checkout is closed", async () => {
    const { session } = await createSessionFixture({ capacity: 10, startsInDays: 60 });
    const { booking } = await createBookingViaApi(session.id, 1, { paymentOption: "deposit" });
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", paymentStatus: "deposit_paid" });
    const reminderKey = `email:balance-reminder:${booking.id}`;
    const reminders = () => db().execute(sql`select 1 from graphile_worker._private_jobs where key = ${reminderKey}`);
    expect([...await reminders()]).toHaveLength(1);
    const balance = await openBalanceCheckout(db(), booking.id);

    const expired: string[] = [];
    const real = paymentProvider();
    setPaymentProviderForTests({ ...real, expireCheckout: async (id) => { expired.push(id); } });
    try {
      expect(await cancelSession({ id: session.id, reason: "Venue flooded" })).toMatchObject({ ok: true, data: { notified: 1 } });
    } finally {
      setPaymentProviderForTests(undefined);
    }
    expect([...await reminders()]).toEqual([]);
    expect(expired).toEqual([balance.id]);
    // Nor can the customer open a new balance checkout afterwards.
    await expect(openBalanceCheckout(db(), booking.id)).rejects.toThrow(/session has been cancelled/);
  });
});

describe("venues and requirement types", () => {
  it("saves an accessibility assessment with who changed it, and rejects unknown features", async () => {
    const { venue } = await createSessionFixture();
    expect(await saveVenueAssessment({ venueId: venue.id, features: [{ feature: "jacuzzi", status: "yes" }] }))
      .toMatchObject({ ok: false, fields: { "features.0.feature": "Unknown venue feature" } });
    const result = await saveVenueAssessment({ venueId: venue.id, features: [
      { feature: "hearing_loop", status: "no", notes: "Broken since May" }, { feature: "lift", status: "yes", notes: "" },
    ] });
    expect(result).toEqual({ ok: true, data: { changed: 2 } });
    const rows = await db().select().from(venueFeatures).where(eq(venueFeatures.venueId, venue.id));
    expect(rows.map((r) => [r.feature, r.status, r.notes, r.updatedBy]).sort()).toEqual([
      ["hearing_loop", "no", "Broken since May", admin.id], ["lift", "yes", null, admin.id],
    ]);
    // Saving the same answers again changes nothing and logs nothing.
    expect(await saveVenueAssessment({ venueId: venue.id, features: [{ feature: "lift", status: "yes" }] })).toEqual({ ok: true, data: { changed: 0 } });
    expect((await auditFor(venue.id)).map((e) => e.action)).toEqual(["venue.assess"]);
  });

  it("creates a requirement type from the form's text, one task per line", async () => {
    const code = `test_need_${randomUUID().slice(0, 6)}`;
    expect(await createRequirementTemplate({ code: "Bad Code", label: "", category: "x", priority: "urgent", checklistItems: "" }))
      .toMatchObject({ fields: { code: expect.any(String), label: "Label is required", category: "Choose a category", priority: "Choose a priority" } });
    const result = await createRequirementTemplate({
      code, label: "Needs a standing desk", category: "access", priority: "high", detailsRequired: false,
      checklistItems: "Book a standing desk\n\n  Check the room layout  ", venueFeatures: ["step_free_route"], sortOrder: "40",
    });
    expect(result.ok).toBe(true);
    const { requirementTemplates } = await import("@/db/schema");
    const [row] = await db().select().from(requirementTemplates).where(eq(requirementTemplates.code, code));
    expect(row).toMatchObject({ checklistItems: ["Book a standing desk", "Check the room layout"], venueFeatures: ["step_free_route"], sortOrder: 40, active: true });
  });
});

describe("staff accounts", () => {
  it("adds staff, refuses a duplicate address, and keeps at least one active admin", async () => {
    const email = `new-${randomUUID().slice(0, 8)}@turnout.test`;
    const created = await createStaffUser({ email: email.toUpperCase(), name: "", role: "finance" });
    expect(created.ok).toBe(true);
    expect(await createStaffUser({ email, role: "admin" })).toMatchObject({ fields: { email: "A staff account with this email already exists" } });
    expect(await disableStaffUser({ id: admin.id })).toMatchObject({ ok: false, message: "You cannot disable your own account." });

    // Demote every other admin so `admin` is the last one, then try to demote them too.
    const { users } = await import("@/db/schema");
    await db().update(users).set({ disabledAt: new Date() }).where(and(eq(users.role, "admin"), sql`${users.id} <> ${admin.id}`));
    expect(await updateStaffUser({ id: admin.id, role: "finance" })).toMatchObject({ ok: false, message: "At least one active admin must remain." });
    await db().update(users).set({ disabledAt: null }).where(eq(users.role, "admin"));
  });
});

describe("cancelling a session while payments arrive", () => {
  // Both take their locks in one order (the booking rows, then the session), so they never deadlock: run the
  // race many times and every payment and every cancellation goes through.
  it("never deadlocks with the payment webhook, over 50 races", async () => {
    for (let i = 0; i < 50; i++) {
      const { session } = await createSessionFixture({ capacity: 6 });
      const bookingsToPay = await Promise.all([1, 2].map(() => createBookingViaApi(session.id, 2)));
      const [cancelled, ...payments] = await Promise.all([
        cancelSession({ id: session.id, reason: `Race ${i}` }),
        ...bookingsToPay.map((b) => postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", b.booking)))),
      ]);
      expect(cancelled).toMatchObject({ ok: true });
      for (const p of payments) expect(p.status).toBe(200);
      // Each booking ends either cancelled with its late payment refunded, or confirmed and handed to the refund job.
      for (const b of bookingsToPay) {
        const row = (await getBooking(b.booking.id))!;
        expect(["confirmed", "refunded", "cancelled"]).toContain(row.status);
      }
      const counters = await sessionCounters(session.id);
      expect(counters.placesHeld).toBe(0);
    }
  }, 600_000);
});

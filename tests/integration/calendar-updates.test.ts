// The calendar event sent with a booking follows it: staff moving a session to another time or place tell every
// booker and attendee with a new version of the same event; a customer's move sends one too; a cancelled
// booking, place or session sends the event cancelled. Through a real SMTP server; the .ics read with ical.js.
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { and, asc, eq, sql } from "drizzle-orm";
import { bookingAttendees, courseSessions, outboundEvents, venues, type CourseSession } from "@/db/schema";
import { bookingHistory, changeBooking } from "@/lib/booking/change-booking";
import { BookingHistory } from "@/components/customer/booking-history";
import { formatSessionWhen } from "@/lib/format";
import { cancelSession, instantToLocal, updateSession } from "@/lib/catalog/sessions";
import type { Staff } from "@/lib/auth/guard";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { createWebhookEndpoint, setWebhookEndpointEnabled } from "@/lib/webhooks/endpoints";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { bookingAccessToken } from "@/lib/booking/reference";
import { GET as calendarRoute } from "@/app/(shop)/bookings/[reference]/calendar.ics/route";
import { createSessionFixture, db, getBooking } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs, staffCookie, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";

beforeAll(warmPdfPool);

const mail = receiveMailForTests();
beforeEach(clearJobs);

const DAY_MS = 86_400_000;
let admin: Staff;
beforeAll(async () => {
  const { user } = await staffCookie("admin");
  admin = { id: user.id, email: user.email, name: null, role: "admin" };
});

function calendarOf(m: ParsedMail) {
  const files = m.attachments.filter((a) => a.contentType.startsWith("text/calendar"));
  expect(files).toHaveLength(1);
  const calendar = new ICAL.Component(ICAL.parse(files[0].content.toString("utf8")));
  for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return {
    filename: files[0].filename, method: calendar.getFirstPropertyValue("method"), uid: event.uid, sequence: vevent.getFirstPropertyValue("sequence"),
    status: vevent.getFirstPropertyValue("status"), start: event.startDate.toJSDate().toISOString(), location: event.location,
    url: vevent.getFirstPropertyValue("url"), description: event.description,
  };
}

/** A paid booking for the booker and Sam (own address), the confirmation emails sent and read. */
async function bookedWithSam() {
  const made = await createSessionFixture({ depositAmount: null, startsInDays: 40 });
  // Whole minutes, as staff type them.
  const [session] = await db().update(courseSessions)
    .set({ startsAt: sql`date_trunc('minute', ${courseSessions.startsAt})`, endsAt: sql`date_trunc('minute', ${courseSessions.endsAt})` })
    .where(eq(courseSessions.id, made.session.id)).returning();
  const fx = { ...made, session };
  const booker = uniqueEmail("cal-booker");
  const sam = uniqueEmail("cal-sam");
  const booking = await createPaidBooking(fx.session.id, {
    contact: { name: "Pat Booker", email: booker },
    attendees: [{ firstName: "Pat", lastName: "Booker", email: booker }, { firstName: "Sam", lastName: "Lee", email: sam }],
  });
  await runJobs();
  const attendees = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(asc(bookingAttendees.position));
  return { ...fx, booker, sam, booking, attendees, first: { booker: calendarOf(mail.to(booker)[0]), sam: calendarOf(mail.to(sam)[0]) } };
}

const fieldsOf = (s: CourseSession, tz: string, o: { startsAt?: Date; venueId?: string; capacity?: number } = {}) => {
  const startsAt = o.startsAt ?? s.startsAt;
  return {
    courseId: s.courseId, venueId: o.venueId ?? s.venueId, capacity: o.capacity ?? s.capacity, checkOutRequired: s.checkOutRequired,
    startsAt: instantToLocal(startsAt, tz), endsAt: instantToLocal(new Date(startsAt.getTime() + (s.endsAt.getTime() - s.startsAt.getTime())), tz),
  };
};

describe("staff move a session to another time or place", () => {
  it("tells the booker and each attendee with their own address, with a new version of the same calendar event", async () => {
    const f = await bookedWithSam();
    expect(f.first.booker).toMatchObject({ method: "PUBLISH", sequence: 0, uid: `booking-${f.booking.id}@turnout`, start: f.session.startsAt.toISOString() });
    expect(f.first.sam).toMatchObject({ sequence: 0, uid: `attendee-${f.attendees[1].id}@turnout` });
    // The booker's event leads back to the booking's page; an attendee's own event does not (it shows everyone's details).
    expect(f.first.booker.url).toMatch(new RegExp(`/bookings/${f.booking.reference}\\?token=`));
    expect(f.first.booker.description).toContain(String(f.first.booker.url));
    expect(f.first.sam.url).toBeNull();
    expect(f.first.sam.description).not.toContain("token=");
    const endpoint = await createWebhookEndpoint(db(), admin, { url: "http://127.0.0.1:9/hook", description: null, events: ["booking.changed"], receivesHealthData: false });
    try {
      const later = new Date(f.session.startsAt.getTime() + 7 * DAY_MS);
      const saved = await updateSession(db(), admin, f.session.id, fieldsOf(f.session, "Europe/London", { startsAt: later }));
      expect(saved.bookersTold).toBe(1);
      expect(await getBooking(f.booking.id)).toMatchObject({ calendarSequence: 1 });
      await runJobs();

      const [toBooker] = mail.to(f.booker).filter((m) => m.subject?.startsWith("Changed:"));
      expect(toBooker.subject).toContain(f.booking.reference);
      expect(toBooker.text).toContain("New time for your course");
      expect(toBooker.text).toMatch(/Was\s/);
      expect(calendarOf(toBooker)).toMatchObject({ method: "PUBLISH", uid: f.first.booker.uid, sequence: 1, start: later.toISOString() });
      const [toSam] = mail.to(f.sam).filter((m) => m.subject?.startsWith("Changed:"));
      expect(calendarOf(toSam)).toMatchObject({ uid: f.first.sam.uid, sequence: 1, start: later.toISOString() });
      expect(toSam.text).not.toContain(f.booker);

      const events = await db().select({ data: outboundEvents.data }).from(outboundEvents)
        .where(and(eq(outboundEvents.type, "booking.changed"), sql`${outboundEvents.data}->>'bookingId' = ${f.booking.id}`));
      expect(events).toEqual([{ data: expect.objectContaining({ changes: ["session_rescheduled"] }) }]);
    } finally {
      await setWebhookEndpointEnabled(db(), admin, endpoint.id, false);
    }
  });

  it("a new venue is said with the old one; a change of capacity alone tells nobody", async () => {
    const f = await bookedWithSam();
    const sent = mail.to(f.booker).length;
    const quiet = await updateSession(db(), admin, f.session.id, fieldsOf(f.session, "Europe/London", { capacity: f.session.capacity + 2 }));
    expect(quiet.bookersTold).toBe(0);
    await runJobs();
    expect(mail.to(f.booker)).toHaveLength(sent);
    expect(await getBooking(f.booking.id)).toMatchObject({ calendarSequence: 0 });

    const [elsewhere] = await db().insert(venues).values({
      slug: `cal-venue-${randomUUID().slice(0, 8)}`, name: "Quayside Hall", addressLine1: "2 Dock Road", city: "Bristol", postalCode: "BS1 5TY", country: "GB", timeZone: "Europe/London",
    }).returning();
    await updateSession(db(), admin, f.session.id, fieldsOf(f.session, "Europe/London", { venueId: elsewhere.id }));
    await runJobs();
    const [moved] = mail.to(f.booker).filter((m) => m.subject?.startsWith("Changed:"));
    expect(moved.subject).toContain("moves to Quayside Hall");
    expect(moved.text).toContain("New place for your course");
    expect(moved.text).toContain(f.venue.name);
    expect(calendarOf(moved)).toMatchObject({ sequence: 1, start: f.session.startsAt.toISOString(), location: expect.stringContaining("Quayside Hall") });
  });

  it("two moves before the emails go: one email each, of the latest, not two", async () => {
    const f = await bookedWithSam();
    const once = new Date(f.session.startsAt.getTime() + 2 * DAY_MS);
    const twice = new Date(f.session.startsAt.getTime() + 3 * DAY_MS);
    await updateSession(db(), admin, f.session.id, fieldsOf(f.session, "Europe/London", { startsAt: once }));
    await updateSession(db(), admin, f.session.id, fieldsOf(f.session, "Europe/London", { startsAt: twice }));
    await runJobs();
    const changed = mail.to(f.booker).filter((m) => m.subject?.startsWith("Changed:"));
    expect(changed).toHaveLength(1);
    expect(calendarOf(changed[0])).toMatchObject({ sequence: 2, start: twice.toISOString() });
    expect(mail.to(f.sam).filter((m) => m.subject?.startsWith("Changed:"))).toHaveLength(1);
  });
});

describe("a session moved by staff, in each booking's history", () => {
  it("one entry per confirmed booking, from the old time and venue to the new, shown to the customer as the box office's", async () => {
    const f = await bookedWithSam();
    const cancelled = await createPaidBooking(f.session.id, { contact: { name: "Kim Park", email: uniqueEmail("cal-kim") } });
    await cancelBookingByCustomer(db(), { bookingId: cancelled.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    const [elsewhere] = await db().insert(venues).values({
      slug: `cal-venue-${randomUUID().slice(0, 8)}`, name: "Quayside Hall", addressLine1: "2 Dock Road", city: "Bristol", postalCode: "BS1 5TY", country: "GB", timeZone: "Europe/London",
    }).returning();
    const later = new Date(f.session.startsAt.getTime() + 7 * DAY_MS);
    const laterEnd = new Date(f.session.endsAt.getTime() + 7 * DAY_MS);

    const saved = await updateSession(db(), admin, f.session.id, fieldsOf(f.session, "Europe/London", { startsAt: later }));
    expect(saved.bookersTold).toBe(1);
    // Saved again with the same time and venue (capacity alone changes): nothing more in the history.
    await updateSession(db(), admin, f.session.id, fieldsOf(saved, "Europe/London", { capacity: saved.capacity + 1 }));
    await updateSession(db(), admin, f.session.id, fieldsOf(saved, "Europe/London", { venueId: elsewhere.id }));

    const history = await bookingHistory(db(), f.booking.id);
    const was = { sessionId: f.session.id, startsAt: f.session.startsAt.toISOString(), endsAt: f.session.endsAt.toISOString(), venueId: f.venue.id, venueName: f.venue.name, timeZone: "Europe/London" };
    const movedTime = { ...was, startsAt: later.toISOString(), endsAt: laterEnd.toISOString() };
    const movedVenue = { ...movedTime, venueId: elsewhere.id, venueName: "Quayside Hall" };
    expect(history.map(({ action, actorKind, actorEmail, before, after }) => ({ action, actorKind, actorEmail, before, after }))).toEqual([
      { action: "session_rescheduled", actorKind: "staff", actorEmail: admin.email, before: was, after: movedTime },
      { action: "session_rescheduled", actorKind: "staff", actorEmail: admin.email, before: movedTime, after: movedVenue },
    ]);
    // Only its own cancellation: a cancelled booking is not told of the move.
    expect((await bookingHistory(db(), cancelled.id)).map((h) => h.action)).toEqual(["places_cancelled"]);

    const customer = renderToStaticMarkup(createElement(BookingHistory, { history, timeZone: "Europe/London" }));
    const items = customer.split("<li").slice(1);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain("Session moved to another time by the box office");
    expect(items[0]).toContain(`Before: ${formatSessionWhen(f.session.startsAt, f.session.endsAt, "Europe/London")} at ${f.venue.name}`);
    expect(items[0]).toContain(`After: ${formatSessionWhen(later, laterEnd, "Europe/London")} at ${f.venue.name}`);
    expect(items[1]).toContain("Session moved to another venue by the box office");
    expect(items[1]).toContain(`After: ${formatSessionWhen(later, laterEnd, "Europe/London")} at Quayside Hall`);
    expect(customer).not.toContain(admin.email);
    const staff = renderToStaticMarkup(createElement(BookingHistory, { history, timeZone: "Europe/London", staffView: true }));
    expect(staff).toContain(`Session moved to another time by staff (${admin.email})`);
  });
});

describe("a customer's own move", () => {
  it("sends the event again one version later, at the new time", async () => {
    const f = await bookedWithSam();
    const later = new Date(f.session.startsAt.getTime() + 5 * DAY_MS);
    const [other] = await db().execute<{ id: string }>(sql`
      insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${f.course.id}, ${f.venue.id}, ${later.toISOString()}, ${new Date(later.getTime() + 6 * 3_600_000).toISOString()}, 12) returning id`);
    await changeBooking(db(), { bookingId: f.booking.id, actor: { kind: "booker", email: f.booker }, change: { sessionId: other.id } });
    await runJobs();
    const [changed] = mail.to(f.booker).filter((m) => m.subject?.includes("has changed"));
    expect(calendarOf(changed)).toMatchObject({ method: "PUBLISH", uid: f.first.booker.uid, sequence: 1, start: later.toISOString() });
  });
});

describe("cancellations remove the event", () => {
  it("a place cancelled: that attendee's own event is cancelled, the booking's stays", async () => {
    const f = await bookedWithSam();
    await cancelBookingByCustomer(db(), { bookingId: f.booking.id, attendeeIds: [f.attendees[1].id], idempotencyKey: randomUUID(), channel: "page" });
    await runJobs();
    const [toSam] = mail.to(f.sam).filter((m) => m.subject?.includes("is cancelled"));
    expect(calendarOf(toSam)).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: f.first.sam.uid, sequence: 1 });
    const [toBooker] = mail.to(f.booker).filter((m) => m.subject?.startsWith("Cancellation confirmed"));
    expect(toBooker.attachments.filter((a) => a.contentType.startsWith("text/calendar"))).toHaveLength(0);
  });

  it("the whole booking cancelled: the booker's event is cancelled", async () => {
    const f = await bookedWithSam();
    await cancelBookingByCustomer(db(), { bookingId: f.booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    await runJobs();
    const [toBooker] = mail.to(f.booker).filter((m) => m.subject?.startsWith("Cancellation confirmed"));
    expect(calendarOf(toBooker)).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: f.first.booker.uid, sequence: 1, filename: `${f.booking.reference}-cancelled.ics` });
  });

  it("the session cancelled by staff: the booker's event and each attendee's are cancelled; someone cancelled before is not told again", async () => {
    const f = await bookedWithSam();
    const kim = uniqueEmail("cal-kim");
    const withKim = await createPaidBooking(f.session.id, {
      contact: { name: "Kim Park", email: uniqueEmail("cal-booker2") },
      attendees: [{ firstName: "Kim", lastName: "Park", email: kim }, { firstName: "Lou", lastName: "Ray", email: uniqueEmail("cal-lou") }],
    });
    await runJobs();
    const [kimPlace] = await db().select().from(bookingAttendees).where(and(eq(bookingAttendees.bookingId, withKim.id), eq(bookingAttendees.position, 1)));
    await cancelBookingByCustomer(db(), { bookingId: withKim.id, attendeeIds: [kimPlace.id], idempotencyKey: randomUUID(), channel: "page" });
    await runJobs();
    const kimBefore = mail.to(kim).length;

    await cancelSession(db(), admin, { id: f.session.id, reason: "The trainer is ill" });
    await runJobs();
    const [toBooker] = mail.to(f.booker).filter((m) => m.subject?.startsWith("Cancelled:"));
    expect(calendarOf(toBooker)).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: f.first.booker.uid, sequence: 1 });
    const [toSam] = mail.to(f.sam).filter((m) => m.subject?.startsWith("Cancelled:"));
    expect(toSam.text).toContain("The trainer is ill");
    expect(toSam.text).not.toContain(f.booker);
    expect(calendarOf(toSam)).toMatchObject({ method: "CANCEL", uid: f.first.sam.uid, sequence: 1 });
    expect(mail.to(kim)).toHaveLength(kimBefore);

    // A retried job sends nothing twice.
    const { sendSessionCancelledEmail } = await import("@/lib/catalog/session-cancelled-email");
    await sendSessionCancelledEmail(db(), { bookingId: f.booking.id, reason: "The trainer is ill", at: new Date(0) });
    expect(mail.to(f.sam).filter((m) => m.subject?.startsWith("Cancelled:"))).toHaveLength(1);
  });
});

describe("the booking page's calendar file", () => {
  const download = (reference: string, token: string) =>
    calendarRoute(new Request(`http://localhost/bookings/${reference}/calendar.ics?token=${token}`), { params: Promise.resolve({ reference }) });

  it("is the event as last sent, behind the booking's token; cancelled once the booking is", async () => {
    const f = await bookedWithSam();
    await updateSession(db(), admin, f.session.id, fieldsOf(f.session, "Europe/London", { startsAt: new Date(f.session.startsAt.getTime() + DAY_MS) }));
    const res = await download(f.booking.reference, bookingAccessToken(f.booking.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const body = await res.text();
    expect(body).toContain(`UID:booking-${f.booking.id}@turnout`);
    expect(body).toContain("SEQUENCE:1");
    expect((await download(f.booking.reference, "wrong")).status).toBe(404);
    expect((await download(f.booking.reference, bookingAccessToken(randomUUID()))).status).toBe(404);

    await cancelBookingByCustomer(db(), { bookingId: f.booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    const gone = await (await download(f.booking.reference, bookingAccessToken(f.booking.id))).text();
    expect(gone).toContain("METHOD:CANCEL");
    expect(gone).toContain("STATUS:CANCELLED");
    expect(gone).toContain("SEQUENCE:2");
  });
});

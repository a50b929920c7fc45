// Customer changes to paid bookings: the cut-off, attendee details and needs (history, live dashboard, tickets
// re-sent), attendees added (places taken, the difference paid), moves (the difference charged or refunded),
// 20 concurrent moves for one place, and PUT /api/v1/bookings/{reference} with an Idempotency-Key.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import {
  bookingAnswers, checkIns, courseQuestions, bookingAttendees, bookingChanges, courseSessions, courses, creditNotes, emailMessages, idempotencyKeys, invoices, specialRequirements, ticketTypes, tickets,
} from "@/db/schema";
import { PUT as putBookingRoute } from "@/app/api/v1/bookings/[reference]/route";
import { responseSchema } from "@/lib/api/openapi";
import { UNKNOWN_FIELD } from "@/lib/validations/unknown-fields";
import { amountOwed } from "@/lib/booking/balance";
import { changeBooking, type ChangeActor } from "@/lib/booking/change-booking";
import { moveOptions } from "@/lib/customer/my-bookings";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { getBookingDetail } from "@/db/queries/bookings";
import { bookingAccessToken } from "@/lib/booking/reference";
import { AppError } from "@/lib/errors";
import { subscribeLive, type LiveEvent } from "@/lib/requirements/live";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { getSessionAvailability } from "@/db/queries/catalog";
import { createBookingViaApi, createSessionFixture, db, errorOf, getBooking, sessionCounters, templateByCode } from "../fixtures";
import { clearJobs, createPaidBooking, invoiceOf, jobsFor, payBalance, runJobs, setBooking, uniqueEmail } from "../finance-fixtures";
import { actAs, pageText, staffSession } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeAll(warmPdfPool);
beforeEach(clearJobs);

const DAY_MS = 86_400_000;
const booker = (email: string): ChangeActor => ({ kind: "booker", email });

/** Another session of the same course; with `priceAmount`, it sells its own Standard type at that price. */
async function siblingSession(f: Awaited<ReturnType<typeof createSessionFixture>>, o: { inDays: number; capacity?: number; placesBooked?: number; priceAmount?: number }) {
  const startsAt = new Date(Date.now() + o.inDays * DAY_MS);
  const [session] = await db().insert(courseSessions).values({
    courseId: f.course.id, venueId: f.venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
    capacity: o.capacity ?? 12, placesBooked: o.placesBooked ?? 0,
  }).returning();
  if (o.priceAmount !== undefined)
    await db().insert(ticketTypes).values({ courseId: f.course.id, sessionId: session.id, name: "Standard", priceAmount: o.priceAmount, depositAmount: null });
  return session;
}

const attendeesOf = (bookingId: string) => db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, bookingId)).orderBy(asc(bookingAttendees.position));
const supplementsOf = (bookingId: string) => db().select().from(invoices)
  .where(and(eq(invoices.bookingId, bookingId), isNotNull(invoices.supplementsInvoiceId))).orderBy(asc(invoices.sequence));
const historyOf = (bookingId: string) => db().select().from(bookingChanges).where(eq(bookingChanges.bookingId, bookingId)).orderBy(asc(bookingChanges.createdAt));

describe("changing attendees", () => {
  it("updates names, emails and needs, records the history, tells the dashboard and re-sends the tickets", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const email = uniqueEmail("booker");
    const food = await templateByCode("allergy_food");
    const b = await createPaidBooking(f.session.id, { contact: { email }, attendees: [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }] });
    const [ann, bo] = await attendeesOf(b.id);
    const wheelchair = await templateByCode("access_wheelchair");
    const events: LiveEvent[] = [];
    const stop = await subscribeLive((e) => events.push(e));
    try {
      const result = await changeBooking(db(), {
        bookingId: b.id, actor: booker(email),
        change: { attendees: [
          { attendeeId: ann.id, firstName: "Anne", lastName: "One", email: "anne@example.com", requirements: [{ templateId: wheelchair.id, details: "Own chair" }] },
          { attendeeId: bo.id, firstName: "Bo", lastName: "Two", requirements: [{ templateId: food.id, details: "Peanuts" }] },
        ] },
      });
      expect(result).toMatchObject({ replayed: false, refunded: 0, amountOwed: 0, checkoutUrl: null });
      const [anne] = await attendeesOf(b.id);
      expect(anne).toMatchObject({ firstName: "Anne", email: "anne@example.com" });
      const needs = await db().select().from(specialRequirements).where(eq(specialRequirements.attendeeId, ann.id));
      expect(needs.map((n) => [n.label, n.details])).toEqual([[wheelchair.label, "Own chair"]]);

      const history = await historyOf(b.id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ action: "attendees_updated", actorKind: "booker", actorEmail: email });
      const before = history[0].before as { attendees: { firstName: string; requirements: unknown[] }[] };
      const after = history[0].after as { attendees: { firstName: string; requirements: { details: string }[] }[] };
      expect(before.attendees[0]).toMatchObject({ firstName: "Ann", requirements: [] });
      expect(after.attendees[0]).toMatchObject({ firstName: "Anne", requirements: [{ details: "Own chair" }] });

      // The dashboard hears of it once the transaction commits (a deadline for a busy machine, not a delay).
      const deadline = Date.now() + 60_000;
      while (!events.some((e) => e.type === "requirements-changed" && e.sessionId === f.session.id) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(events.some((e) => e.type === "requirements-changed" && e.sessionId === f.session.id)).toBe(true);
    } finally {
      stop();
    }

    // The tickets go out again: to the booker (all) and to the attendee whose email was given (their own).
    const jobs = await jobsFor("email.send");
    expect(jobs.map((j) => (j.payload as { kind: string }).kind)).toContain("booking-changed");
    await runJobs();
    const sent = await db().select().from(emailMessages).where(and(eq(emailMessages.bookingId, b.id), eq(emailMessages.kind, "booking-changed")));
    expect(sent.map((m) => m.toAddress).sort()).toEqual(["anne@example.com", email].sort());
  });

  it("lets an attendee change only their own place, and never add or move", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const mine = uniqueEmail("attendee");
    const b = await createPaidBooking(f.session.id, { attendees: [{ firstName: "Me", lastName: "Self", email: mine }, { firstName: "You", lastName: "Other" }] });
    const [me, you] = await attendeesOf(b.id);
    const actor: ChangeActor = { kind: "attendee", email: mine.toUpperCase() };
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor, change: { attendees: [{ attendeeId: you.id, firstName: "X", lastName: "Y", requirements: [] }] } })))
      .toMatchObject({ code: "forbidden", status: 403 });
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor, change: { addAttendees: [{ firstName: "New", lastName: "One", requirements: [] }] } })))
      .toMatchObject({ code: "forbidden", status: 403 });
    await changeBooking(db(), { bookingId: b.id, actor, change: { attendees: [{ attendeeId: me.id, firstName: "Me", lastName: "Changed", email: mine, requirements: [] }] } });
    expect((await attendeesOf(b.id)).map((a) => a.lastName)).toEqual(["Changed", "Other"]);
    expect((await historyOf(b.id))[0]).toMatchObject({ actorKind: "attendee" });
  });

  it("refuses every change after the course's cut-off and writes nothing", async () => {
    const f = await createSessionFixture({ depositAmount: null, startsInDays: 3 });
    await db().update(courses).set({ changeCutoffHours: 96 }).where(eq(courses.id, f.course.id));
    const other = await siblingSession(f, { inDays: 20 });
    const email = uniqueEmail("late");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    const [a] = await attendeesOf(b.id);
    for (const change of [
      { attendees: [{ attendeeId: a.id, firstName: "Too", lastName: "Late", requirements: [] }] },
      { addAttendees: [{ firstName: "Too", lastName: "Late", requirements: [] }] },
      { sessionId: other.id },
    ]) {
      expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: booker(email), change }))).toMatchObject({ code: "change_not_allowed", status: 409 });
    }
    expect((await attendeesOf(b.id)).map((x) => x.firstName)).toEqual(["Alex"]);
    expect(await historyOf(b.id)).toHaveLength(0);
    expect(await sessionCounters(other.id)).toMatchObject({ placesBooked: 0 });
    // With a shorter cut-off the same change is allowed.
    await db().update(courses).set({ changeCutoffHours: 48 }).where(eq(courses.id, f.course.id));
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { attendees: [{ attendeeId: a.id, firstName: "In", lastName: "Time", requirements: [] }] } });
    expect(await historyOf(b.id)).toHaveLength(1);
  });
});

describe("changing answers to custom questions", () => {
  it("replaces an attendee's answers after checking them like the wizard does", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const [size] = await db().insert(courseQuestions).values({
      courseId: f.course.id, kind: "single_choice", scope: "per_attendee", label: "T-shirt size", options: ["S", "M", "L"],
    }).returning();
    const email = uniqueEmail("answers");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    const [a] = await attendeesOf(b.id);
    const change = (value: string) => changeBooking(db(), {
      bookingId: b.id, actor: booker(email),
      change: { attendees: [{ attendeeId: a.id, firstName: a.firstName, lastName: a.lastName, requirements: [], answers: { [size.id]: value } }] },
    });
    const bad = await errorOf(change("XL"));
    expect(bad).toMatchObject({ code: "invalid_request", status: 400 });
    expect(Object.keys((bad.details as { fields: Record<string, string> }).fields)).toEqual([`attendees.0.answers.${size.id}`]);
    expect(await db().select().from(bookingAnswers).where(eq(bookingAnswers.bookingId, b.id))).toHaveLength(0);

    await change("M");
    const rows = await db().select().from(bookingAnswers).where(eq(bookingAnswers.bookingId, b.id));
    expect(rows.map((r) => [r.attendeeId, r.label, r.value])).toEqual([[a.id, "T-shirt size", "M"]]);
    const [history] = await historyOf(b.id);
    expect(history.after).toMatchObject({ attendees: [{ answers: { [size.id]: "M" } }] });
    expect(history.before).toMatchObject({ attendees: [{ answers: {} }] });
  });
});

describe("adding attendees", () => {
  it("takes the places at once, asks for the difference at the checkout, and tickets the new place once paid", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000, capacity: 3 });
    const email = uniqueEmail("grow");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    const result = await changeBooking(db(), {
      bookingId: b.id, actor: booker(email), change: { addAttendees: [{ firstName: "New", lastName: "Person", email: "new@example.com", requirements: [] }] },
    });
    expect(result.amountOwed).toBe(10_000);
    expect(result.checkoutUrl).toMatch(/^http/);
    expect(await sessionCounters(f.session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
    const after = (await getBooking(b.id))!;
    expect(after).toMatchObject({ attendeeCount: 2, totalAmount: 20_000, amountPaid: 10_000 });
    expect((await historyOf(b.id))[0]).toMatchObject({ action: "attendees_added" });
    // Owed like a deposit's balance: part-paid, due the usual days before the session, with its reminder.
    const dueAt = new Date(f.session.startsAt.getTime() - 14 * DAY_MS);
    expect(after).toMatchObject({ paymentStatus: "deposit_paid", balanceDueAt: dueAt });
    const reminder = async () => (await jobsFor("email.send")).filter((j) => j.key === `email:balance-reminder:${b.id}`);
    expect((await reminder()).map((j) => j.run_at)).toEqual([new Date(dueAt.getTime() - 7 * DAY_MS)]);

    // More than the session has left: 409, nothing written.
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [
      { firstName: "A", lastName: "A", requirements: [] }, { firstName: "B", lastName: "B", requirements: [] },
    ] } }))).toMatchObject({ code: "insufficient_capacity", status: 409, details: { available: 1 } });
    expect(await attendeesOf(b.id)).toHaveLength(2);
    expect(await sessionCounters(f.session.id)).toMatchObject({ placesBooked: 2 });

    expect((await payBalance(b.id, 10_000)).status).toBe(200);
    const paid = (await getBooking(b.id))!;
    expect(amountOwed(paid)).toBe(0);
    expect(paid.paymentStatus).toBe("paid");
    expect(await reminder()).toEqual([]);
    expect(await db().select().from(tickets).where(eq(tickets.bookingId, b.id))).toHaveLength(2);
    // The difference is billed as the place it pays for, beside the first invoice.
    const added = (await attendeesOf(b.id)).find((a) => a.firstName === "New")!;
    const [extra] = await supplementsOf(b.id);
    expect(extra.totalAmount).toBe(10_000);
    expect(extra.lines).toEqual([expect.objectContaining({ quantity: 1, unitAmount: 10_000, amount: 10_000, attendeeIds: [added.id] })]);
    expect(extra.lines[0].description).toContain(`additional place (booking ${b.reference})`);
    expect(extra.lines[0].detail).toContain("for New Person");
  });

  it("bills places added of two ticket types at one price on a line per type, named", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000, capacity: 6 });
    const email = uniqueEmail("two-types");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    // A second type at the same price, on sale since the booking was made.
    const [concession] = await db().insert(ticketTypes).values({ courseId: f.course.id, name: "Concession", priceAmount: 10_000, sortOrder: 1 }).returning();
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [
      { firstName: "Cara", lastName: "Cheap", ticketTypeId: concession.id, requirements: [] },
      { firstName: "Stan", lastName: "Dard", ticketTypeId: f.ticketType.id, requirements: [] },
    ] } });
    expect((await payBalance(b.id, 20_000)).status).toBe(200);
    const [extra] = await supplementsOf(b.id);
    expect(extra.lines.map((l) => [l.description, l.quantity, l.amount])).toEqual(expect.arrayContaining([
      [`${f.course.title} — additional Concession place (booking ${b.reference})`, 1, 10_000],
      [`${f.course.title} — additional Standard place (booking ${b.reference})`, 1, 10_000],
    ]));
    expect(extra.lines).toHaveLength(2);
  });

  it("a place added: its attendee hears of it, with their ticket, once it is paid; the booker gets every ticket with the receipt", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000 });
    const email = uniqueEmail("tickets-later");
    const newcomer = uniqueEmail("newcomer");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    await runJobs();
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [{ firstName: "Nia", lastName: "New", email: newcomer, requirements: [] }] } });
    await runJobs();
    const mailsTo = (to: string) => db().select().from(emailMessages).where(and(eq(emailMessages.bookingId, b.id), eq(emailMessages.toAddress, to)));
    expect(await mailsTo(newcomer)).toEqual([]);
    const [changed] = (await mailsTo(email)).filter((m) => m.kind === "booking-changed");
    expect(changed.text).toContain("Tickets for places not yet paid for are sent once they are paid.");
    expect(changed.text).toMatch(/£100\.00, due by /);

    expect((await payBalance(b.id, 10_000)).status).toBe(200);
    await runJobs();
    const [place] = await mailsTo(newcomer);
    expect(place).toMatchObject({ kind: "attendee-place", status: "sent" });
    expect(place.attachments!.map((a) => a.filename)).toContain(`ticket-${b.reference}-2.pdf`);
    const [receipt] = (await mailsTo(email)).filter((m) => m.kind === "balance-receipt");
    expect(receipt.attachments!.map((a) => a.filename)).toContain(`tickets-${b.reference}.pdf`);
    expect(receipt.text).toContain("The tickets attached now include Nia New");
  });

  it("a checkout hold that ran out does not keep the place: it is released, and what is left is counted as the availability API does", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000, capacity: 2 });
    const email = uniqueEmail("lapsed-hold");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    const { booking: lapsed } = await createBookingViaApi(f.session.id, 1);
    await setBooking(lapsed.id, { holdExpiresAt: new Date(Date.now() - 60_000) });
    expect(await sessionCounters(f.session.id)).toMatchObject({ placesBooked: 1, placesHeld: 1 });
    expect(await getSessionAvailability(db(), f.session.id)).toMatchObject({ available: 1 });
    const place = (firstName: string) => ({ firstName, lastName: "Added", requirements: [] });

    // Two more do not fit; the answer names the one place left, not the none the counters show, and writes nothing.
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [place("A"), place("B")] } })))
      .toMatchObject({ code: "insufficient_capacity", details: { available: 1 } });
    expect(await getBooking(lapsed.id)).toMatchObject({ status: "pending" });
    expect(await attendeesOf(b.id)).toHaveLength(1);

    // One more fits: the lapsed hold gives its place back.
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [place("C")] } });
    expect(await getBooking(lapsed.id)).toMatchObject({ status: "expired", statusReason: "hold_expired" });
    expect(await sessionCounters(f.session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
    expect(await attendeesOf(b.id)).toHaveLength(2);
  });

  it("a place added days before the start, past the usual balance date: due at the start, no reminder left to send", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000, startsInDays: 4 });
    const email = uniqueEmail("late-add");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [{ firstName: "Late", lastName: "Comer", requirements: [] }] } });
    expect(await getBooking(b.id)).toMatchObject({ paymentStatus: "deposit_paid", balanceDueAt: f.session.startsAt });
    expect((await jobsFor("email.send")).filter((j) => j.key === `email:balance-reminder:${b.id}`)).toEqual([]);
  });
});

describe("how a part-paid booking reads to staff", () => {
  async function staffPages(reference: string) {
    actAs(await staffSession("finance"), `/admin/bookings/${reference}`);
    const { default: BookingAdminPage } = await import("@/app/admin/bookings/[reference]/page");
    const { default: BookingsAdminPage } = await import("@/app/admin/bookings/page");
    return {
      booking: pageText(await BookingAdminPage({ params: Promise.resolve({ reference }) })),
      list: pageText(await BookingsAdminPage({ searchParams: Promise.resolve({ q: reference }) })),
    };
  }

  it("a booking paid in full with a place added is part paid, not a deposit: its balance and date are shown", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000 });
    const email = uniqueEmail("part-paid");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [{ firstName: "Extra", lastName: "Place", requirements: [] }] } });
    // The stored status is unchanged: part paid, the rest due later, as a deposit's balance.
    expect(await getBooking(b.id)).toMatchObject({ paymentStatus: "deposit_paid", paymentOption: "full" });
    const pages = await staffPages(b.reference);
    expect(pages.booking).toContain("Confirmed · Part paid");
    expect(pages.booking).toContain("Due at booking (the full price then)");
    expect(pages.booking).toContain("Still owed");
    expect(pages.booking).toContain("Balance due by");
    expect(pages.list).toContain("Part paid");
    for (const text of Object.values(pages)) expect(text).not.toContain("Deposit paid");
    expect(pages.booking).not.toContain("(in full)");

    // Paid off, it reads as any booking paid in full.
    expect((await payBalance(b.id, 10_000)).status).toBe(200);
    expect((await staffPages(b.reference)).booking).toContain("Confirmed · Paid in full");
  });

  async function financePages(b: { id: string; reference: string }, status?: string) {
    actAs(await staffSession("finance"), "/admin/finance");
    const { default: InvoicesPage } = await import("@/app/admin/finance/page");
    const { default: InvoicePage } = await import("@/app/admin/finance/invoices/[number]/page");
    const invoice = (await invoiceOf(b.id))!;
    return {
      list: pageText(await InvoicesPage({ searchParams: Promise.resolve({ q: b.reference, status }) })),
      invoice: pageText(await InvoicePage({ params: Promise.resolve({ number: invoice.number }) })),
    };
  }

  it("the finance desk reads it 'Part paid' too, on the invoice list and the invoice, and finds it as deposit or part paid", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000 });
    const email = uniqueEmail("part-paid-finance");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [{ firstName: "Extra", lastName: "Place", requirements: [] }] } });
    const pages = await financePages(b);
    for (const text of Object.values(pages)) {
      expect(text).toContain("Part paid");
      expect(text).not.toContain("Deposit paid");
    }
    // The status filter's deposit_paid finds it, and says so.
    const { FinanceFilterForm } = await import("@/components/finance/filter-form");
    const form = pageText(FinanceFilterForm({ action: "/admin/finance", filter: {}, withStatus: true, errors: {}, courses: [] }));
    expect(form).toContain("Deposit or part paid");
    expect(form).not.toContain("Deposit paid");
    expect((await financePages(b, "deposit_paid")).list).toContain(b.reference);
  });

  it("a deposit booking still reads 'Deposit paid', also with a place added before its balance", async () => {
    const f = await createSessionFixture({ depositAmount: 3_000, priceAmount: 10_000 });
    const email = uniqueEmail("deposit");
    const b = await createPaidBooking(f.session.id, { contact: { email }, paymentOption: "deposit" });
    expect((await staffPages(b.reference)).booking).toContain("Confirmed · Deposit paid");
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { addAttendees: [{ firstName: "Extra", lastName: "Place", requirements: [] }] } });
    const pages = await staffPages(b.reference);
    expect(pages.booking).toContain("Confirmed · Deposit paid");
    expect(pages.booking).toContain("Due at booking (deposit)");
    expect(pages.list).toContain("Deposit paid");
    const finance = await financePages(b);
    expect(finance.list).toContain("Deposit paid");
    expect(finance.invoice).toContain("Deposit paid");
    expect(finance.invoice).not.toContain("Part paid");
  });
});

describe("moving a booking", () => {
  it("to a dearer session: places and tickets move, the difference is charged at the checkout", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000 });
    const dearer = await siblingSession(f, { inDays: 40, priceAmount: 13_000 });
    const email = uniqueEmail("up");
    const b = await createPaidBooking(f.session.id, { contact: { email }, attendees: [{ firstName: "A", lastName: "One" }, { firstName: "B", lastName: "Two" }] });
    const [before] = await db().select().from(tickets).where(eq(tickets.bookingId, b.id));
    const result = await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { sessionId: dearer.id } });
    expect(result).toMatchObject({ amountOwed: 6_000, refunded: 0 });
    expect(result.checkoutUrl).toMatch(/^http/);
    expect(await sessionCounters(f.session.id)).toMatchObject({ placesBooked: 0 });
    expect(await sessionCounters(dearer.id)).toMatchObject({ placesBooked: 2 });
    const moved = (await getBooking(b.id))!;
    expect(moved).toMatchObject({ sessionId: dearer.id, totalAmount: 26_000 });
    const ticketRows = await db().select().from(tickets).where(eq(tickets.bookingId, b.id));
    expect(ticketRows.every((t) => t.sessionId === dearer.id)).toBe(true);
    expect(ticketRows.find((t) => t.id === before.id)!.version).toBe(before.version + 1);
    const history = await historyOf(b.id);
    expect(history[0]).toMatchObject({ action: "moved", before: { sessionId: f.session.id }, after: { sessionId: dearer.id, difference: 6_000 } });
    expect((await payBalance(b.id, 6_000)).status).toBe(200);
    expect(amountOwed((await getBooking(b.id))!)).toBe(0);
    const [extra] = await supplementsOf(b.id);
    expect(extra.lines).toEqual([expect.objectContaining({ quantity: 2, unitAmount: 3_000, amount: 6_000 })]);
    expect(extra.lines[0].description).toContain("price difference");
  });

  it("to a cheaper session: the difference is refunded with a credit note", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000 });
    const cheaper = await siblingSession(f, { inDays: 40, priceAmount: 7_500 });
    const email = uniqueEmail("down");
    const b = await createPaidBooking(f.session.id, { contact: { email }, attendees: [{ firstName: "A", lastName: "One" }, { firstName: "B", lastName: "Two" }] });
    const result = await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { sessionId: cheaper.id } });
    expect(result).toMatchObject({ refunded: 5_000, amountOwed: 0, checkoutUrl: null });
    expect(result.creditNoteNumber).toMatch(/^CN-/);
    const [cn] = await db().select().from(creditNotes).where(eq(creditNotes.number, result.creditNoteNumber!));
    expect(cn).toMatchObject({ totalAmount: 5_000, refundAmount: 5_000 });
    const after = (await getBooking(b.id))!;
    expect(after).toMatchObject({ sessionId: cheaper.id, amountRefunded: 5_000, creditedAmount: 5_000 });
    expect(amountOwed(after)).toBe(0);
    expect(await sessionCounters(cheaper.id)).toMatchObject({ placesBooked: 2 });
  });

  it("offers the course's other sessions open for changes, saying which have room", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const roomy = await siblingSession(f, { inDays: 40 });
    const full = await siblingSession(f, { inDays: 50, capacity: 4, placesBooked: 4 });
    await siblingSession(f, { inDays: 1 }); // inside the cut-off
    const b = await createPaidBooking(f.session.id);
    const options = await moveOptions(db(), (await getBookingDetail(db(), b.id))!, 48);
    expect(options.map((o) => [o.id, o.fits, o.left])).toEqual([[roomy.id, true, 12], [full.id, false, 0]]);
  });

  it("refuses a full, past or other course's session, writing nothing", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const full = await siblingSession(f, { inDays: 40, capacity: 4, placesBooked: 4 });
    const past = await siblingSession(f, { inDays: -2 });
    const elsewhere = await createSessionFixture({ depositAmount: null });
    const email = uniqueEmail("nowhere");
    const b = await createPaidBooking(f.session.id, { contact: { email } });
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { sessionId: full.id } }))).toMatchObject({ code: "insufficient_capacity", status: 409 });
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { sessionId: past.id } }))).toMatchObject({ code: "session_not_bookable", status: 409 });
    expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { sessionId: elsewhere.session.id } }))).toMatchObject({ code: "invalid_request", status: 400 });
    expect((await getBooking(b.id))!.sessionId).toBe(f.session.id);
    expect(await sessionCounters(f.session.id)).toMatchObject({ placesBooked: 1 });
    expect(await sessionCounters(full.id)).toMatchObject({ placesBooked: 4 });
    expect(await historyOf(b.id)).toHaveLength(0);
  });

  it("refuses to move someone already checked in, writing nothing; once the check-in is undone it moves", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const later = await siblingSession(f, { inDays: 40 });
    const email = uniqueEmail("arrived");
    const b = await createPaidBooking(f.session.id, { contact: { email }, attendees: [{ firstName: "Ari", lastName: "Vedin" }, { firstName: "Bo", lastName: "Home" }] });
    const [ticket] = await db().select().from(tickets).innerJoin(bookingAttendees, eq(bookingAttendees.id, tickets.attendeeId))
      .where(and(eq(tickets.bookingId, b.id), eq(bookingAttendees.firstName, "Ari")));
    const [arrived] = await db().insert(checkIns).values({ ticketId: ticket.tickets.id, sessionId: f.session.id, deviceId: "Door 1", checkedInAt: new Date() }).returning();
    for (const actor of [booker(email), { kind: "staff" as const, email: "box.office@turnout.test", id: null }]) {
      expect(await errorOf(changeBooking(db(), { bookingId: b.id, actor, change: { sessionId: later.id } }))).toMatchObject({
        code: "change_not_allowed", status: 409,
        message: "Ari Vedin is already checked in at this session: undo the check-in at the door before moving the booking.",
      });
    }
    expect((await getBooking(b.id))!.sessionId).toBe(f.session.id);
    expect(await historyOf(b.id)).toHaveLength(0);
    await db().update(checkIns).set({ undoneAt: new Date() }).where(eq(checkIns.id, arrived.id));
    await changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { sessionId: later.id } });
    expect((await getBooking(b.id))!.sessionId).toBe(later.id);
  });

  it("20 concurrent moves into a session with one place left: exactly one succeeds", async () => {
    const f = await createSessionFixture({ depositAmount: null, capacity: 30 });
    const target = await siblingSession(f, { inDays: 40, capacity: 5, placesBooked: 4 });
    const email = uniqueEmail("crowd");
    const booked = [];
    for (let i = 0; i < 20; i++) booked.push(await createPaidBooking(f.session.id, { contact: { email } }));
    const results = await Promise.allSettled(booked.map((b) => changeBooking(db(), { bookingId: b.id, actor: booker(email), change: { sessionId: target.id } })));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("insufficient_capacity");
    expect(await sessionCounters(target.id)).toMatchObject({ placesBooked: 5 });
    expect(await sessionCounters(f.session.id)).toMatchObject({ placesBooked: 19 });
    const moved = await db().select().from(bookingChanges).where(inArray(bookingChanges.bookingId, booked.map((b) => b.id)));
    expect(moved).toHaveLength(1);
  });
});

describe("PUT /api/v1/bookings/{reference}", () => {
  const put = async (reference: string, body: unknown, headers: Record<string, string>) => {
    const res = await putBookingRoute(new Request(`http://localhost:3000/api/v1/bookings/${reference}`, {
      method: "PUT", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body),
    }), { params: Promise.resolve({ reference }) });
    return { status: res.status, headers: res.headers, json: await res.json() };
  };

  it("changes attendees by position with the access token; an Idempotency-Key makes retries change nothing more", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const b = await createPaidBooking(f.session.id, { attendees: [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }] });
    const auth = { authorization: `Bearer ${bookingAccessToken(b.id)}` };
    const body = { attendees: [{ position: 2, firstName: "Bob", lastName: "Two", requirements: [] }] };
    const key = randomUUID();

    const answers = await Promise.all(Array.from({ length: 5 }, () => put(b.reference, body, { ...auth, "idempotency-key": key })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(4);
    expect(answers[0].json.booking.attendees.map((a: { firstName: string }) => a.firstName)).toEqual(["Ann", "Bob"]);
    expect(await historyOf(b.id)).toHaveLength(1);
    expect((await historyOf(b.id))[0]).toMatchObject({ actorKind: "api" });
    expect(await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(1);

    // The same key for another body is a conflict; nothing changes.
    const reused = await put(b.reference, { attendees: [{ position: 1, firstName: "Zed", lastName: "One", requirements: [] }] }, { ...auth, "idempotency-key": key });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    expect((await attendeesOf(b.id))[0].firstName).toBe("Ann");
  });

  it("answers 404 without the token, 400 with field errors for bad input, and 409 after the cut-off", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const b = await createPaidBooking(f.session.id);
    const body = { attendees: [{ position: 1, firstName: "New", lastName: "Name", requirements: [] }] };
    expect((await put(b.reference, body, { authorization: "Bearer wrong" })).status).toBe(404);
    expect((await put(b.reference, body, {})).status).toBe(404);
    const auth = { authorization: `Bearer ${bookingAccessToken(b.id)}` };
    const bad = await put(b.reference, { attendees: [{ position: 1, firstName: "", lastName: "Name", requirements: [] }] }, auth);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields["attendees.0.firstName"]).toBeDefined();
    const unknown = await put(b.reference, { attendees: [{ position: 7, firstName: "A", lastName: "B", requirements: [] }] }, auth);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields["attendees.0.position"]).toBeDefined();
    expect((await put(b.reference, {}, auth)).status).toBe(400);
    // A misspelt field of an attendee is named, not dropped (the change would otherwise clear that attendee's email).
    const misspelt = await put(b.reference, { attendees: [{ position: 1, firstName: "New", lastName: "Name", requirements: [], emial: "new@example.com" }] }, auth);
    expect(misspelt.status).toBe(400);
    expect(misspelt.json.error.fields).toEqual({ "attendees.0.emial": UNKNOWN_FIELD });
    expect(responseSchema("/api/v1/bookings/{reference}", "PUT", 400)!.safeParse(misspelt.json).success).toBe(true);

    await db().update(courses).set({ changeCutoffHours: 24 * 40 }).where(eq(courses.id, f.course.id));
    const late = await put(b.reference, body, auth);
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("change_not_allowed");
    expect((await attendeesOf(b.id))[0].firstName).toBe("Alex");
  });

  it("answers 409 for a cancelled booking, whose places have all gone, not a 400 about positions", async () => {
    const f = await createSessionFixture({ depositAmount: null });
    const b = await createPaidBooking(f.session.id);
    const auth = { authorization: `Bearer ${bookingAccessToken(b.id)}` };
    await cancelBookingByCustomer(db(), { bookingId: b.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "api" });
    const res = await put(b.reference, { attendees: [{ position: 1, firstName: "New", lastName: "Name", requirements: [] }] }, auth);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "change_not_allowed", message: "This booking has been cancelled." });
    // Only the cancellation itself is in the history: the refused change added nothing.
    expect((await historyOf(b.id)).map((h) => h.action)).toEqual(["places_cancelled"]);
  });

  it("moves the booking and reports the difference to pay", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 10_000 });
    const dearer = await siblingSession(f, { inDays: 40, priceAmount: 12_000 });
    const b = await createPaidBooking(f.session.id);
    const res = await put(b.reference, { sessionId: dearer.id }, { authorization: `Bearer ${bookingAccessToken(b.id)}`, "idempotency-key": randomUUID() });
    expect(res.status).toBe(200);
    expect(res.json.change).toMatchObject({ replayed: false, amountOwed: 2_000, refunded: 0 });
    expect(res.json.booking.session.id).toBe(dearer.id);
    // The answer is exactly what the OpenAPI document says (strict schemas: no undocumented field).
    const parsed = responseSchema("/api/v1/bookings/{reference}", "PUT", 200)!.safeParse(res.json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    const error = await put(b.reference, { sessionId: f.session.id, extra: 1 }, { authorization: `Bearer ${bookingAccessToken(b.id)}` });
    expect(error.status).toBe(400);
    expect(responseSchema("/api/v1/bookings/{reference}", "PUT", 400)!.safeParse(error.json).success).toBe(true);
  });
});

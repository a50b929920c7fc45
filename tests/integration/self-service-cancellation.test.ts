// Customer cancellations under the course's policy: exact refunds per band, fee and deposit rule, credit notes,
// places back, and one refund whatever the number of submits; staff session cancellation still refunds everyone once.
import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { composeBookingCancelled } from "@/lib/self-service/emails";
import { auditLogs, bookingAttendees, bookingCancellations, bookingChanges, checkIns, courses, creditNotes, invoices, refunds, tickets } from "@/db/schema";
import { cancelSession } from "@/app/admin/sessions/actions";
import { taskList } from "@/lib/jobs/tasks";
import { cancelBookingByCustomer, previewCancellation } from "@/lib/self-service/cancel-booking";
import { bookingHistory, changeBooking } from "@/lib/booking/change-booking";
import { BookingHistory } from "@/components/customer/booking-history";
import { refundBooking } from "@/lib/payments/refund-booking";
import { formatMoney } from "@/lib/format";
import CancelBookingPage from "@/app/(shop)/bookings/[reference]/cancel/page";
import { bookingAccessToken } from "@/lib/booking/reference";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postWebhook, rowCounts, sessionCounters } from "../fixtures";
import { createDiscountCode } from "../discount-fixtures";
import { clearJobs, createPaidBooking, jobsFor, staffCookie } from "../finance-fixtures";
import { actAs, staffSession } from "../next-request";
import { SESSION_CANCELLED_TASK } from "@/lib/catalog/sessions";
import { amountOwed } from "@/lib/booking/balance";
import { accountingCsv, exportSelection } from "@/lib/invoices/exports";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));
// The booking page's client parts ask for the router, which only a browser-side app provides.
vi.mock("next/navigation", (original) => import("../next-request").then((m) => m.navigationModule(original)));

beforeEach(clearJobs);

const two = [{ firstName: "Ann", lastName: "One", email: "ann.one@example.com" }, { firstName: "Bo", lastName: "Two" }];

async function paidBooking(o: { startsInDays: number; depositAmount?: number | null; paymentOption?: "full" | "deposit"; policy?: Partial<typeof courses.$inferInsert> }) {
  const fixture = await createSessionFixture({ capacity: 6, priceAmount: 12_000, depositAmount: o.depositAmount ?? null, startsInDays: o.startsInDays });
  if (o.policy) await db().update(courses).set(o.policy).where(eq(courses.id, fixture.course.id));
  const booking = await createPaidBooking(fixture.session.id, { attendees: two, paymentOption: o.paymentOption });
  const attendees = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(bookingAttendees.position);
  return { ...fixture, booking, attendees };
}

const cancelledEntriesOf = (bookingId: string) => db().select().from(bookingChanges)
  .where(and(eq(bookingChanges.bookingId, bookingId), eq(bookingChanges.action, "places_cancelled")));

async function bookingPageText(reference: string, bookingId: string) {
  const { default: BookingPage } = await import("@/app/(shop)/bookings/[reference]/page");
  const element = await BookingPage({ params: Promise.resolve({ reference }), searchParams: Promise.resolve({ token: bookingAccessToken(bookingId) }) });
  return renderToStaticMarkup(element);
}

const refundsOf = (bookingId: string) => db().select().from(refunds).where(eq(refunds.bookingId, bookingId));
const creditNotesOf = (bookingId: string) => db().select({ number: creditNotes.number, totalAmount: creditNotes.totalAmount, refundAmount: creditNotes.refundAmount, refundId: creditNotes.refundId, lines: creditNotes.lines })
  .from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(eq(invoices.bookingId, bookingId));

describe("customer cancellation under the default policy", () => {
  it("at least 14 days before: the cancelled attendee's price comes back in full, with a credit note and the place back", async () => {
    const { booking, attendees, session } = await paidBooking({ startsInDays: 30 });
    const preview = await previewCancellation(db(), booking.id, [attendees[0].id]);
    expect(preview.quote).toMatchObject({ refundPercent: 100, refundAmount: 12_000, feeAmount: 0, depositKept: 0 });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[0].id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ refundAmount: 12_000, creditAmount: 12_000, refundPercent: 100 });
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({ amount: 12_000, status: "succeeded" })]);
    expect(await creditNotesOf(booking.id)).toEqual([expect.objectContaining({ number: result.creditNoteNumber, totalAmount: 12_000, refundAmount: 12_000 })]);
    // The credit note goes with the refund's email, not this one as well.
    const [toBooker] = await composeBookingCancelled(db(), result.cancellation.id);
    expect(toBooker.attachments.filter((a) => a.contentType === "application/pdf")).toEqual([]);
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", amountRefunded: 12_000, creditedAmount: 12_000, paymentStatus: "partially_refunded" });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 1, placesHeld: 0 });
    const [audit] = await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, booking.id), eq(auditLogs.action, "booking.customer_cancel")));
    expect(audit.after).toMatchObject({ refund: 12_000, cancelledAttendeeIds: [attendees[0].id] });
    // Booker, the attendee with an email, and staff are told; the waiting list is offered the place.
    expect((await jobsFor("email.send")).map((j) => j.key).sort()).toEqual(expect.arrayContaining([
      `email:booking-cancelled:${result.cancellation.id}`, `email:admin-booking-cancelled:${result.cancellation.id}`]));
    expect((await jobsFor("waitlist.offer")).map((j) => j.key)).toEqual([`waitlist-offer:${session.id}`]);
  });

  it("between 48 hours and 14 days: half of the price, the rest kept on the credit note", async () => {
    const { booking, attendees, session } = await paidBooking({ startsInDays: 5 });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ refundPercent: 50, refundAmount: 6_000, creditAmount: 6_000 });
    const [cn] = await creditNotesOf(booking.id);
    expect(cn).toMatchObject({ totalAmount: 6_000, refundAmount: 6_000 });
    expect(cn.lines.map((l) => l.amount)).toEqual([12_000, -6_000]);
    expect(await getBooking(booking.id)).toMatchObject({ amountRefunded: 6_000, creditedAmount: 6_000 });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 1 });
  });

  it("under 48 hours: the whole booking is cancelled, the places go back, nothing is refunded and no credit note is issued", async () => {
    const { booking, session } = await paidBooking({ startsInDays: 1 });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ refundPercent: 0, refundAmount: 0, creditAmount: 0, refundId: null, creditNoteId: null });
    expect(await refundsOf(booking.id)).toEqual([]);
    expect(await creditNotesOf(booking.id)).toEqual([]);
    expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", statusReason: "cancelled_by_customer", amountRefunded: 0 });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0, placesHeld: 0 });
  });
});

describe("places already checked in", () => {
  it("are not cancelled online, naming who arrived; the others are, and an undone check-in no longer counts", async () => {
    const { booking, attendees, session } = await paidBooking({ startsInDays: 30 });
    const door = await staffCookie("door");
    const { POST } = await import("@/app/api/admin/check-in/scan/route");
    const [ann] = await db().select().from(tickets).where(eq(tickets.attendeeId, attendees[0].id));
    const scanned = await POST(new Request("http://localhost:3000/api/admin/check-in/scan", {
      method: "POST", headers: { "content-type": "application/json", cookie: door.cookie },
      body: JSON.stringify({ sessionId: session.id, ticketId: ann.id, method: "manual", deviceId: "Front door" }),
    }), { params: Promise.resolve({}) });
    expect(scanned.status).toBe(201);

    const before = await rowCounts();
    const refused = cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    await expect(refused).rejects.toMatchObject({
      code: "conflict", details: { reason: "checked_in", fields: { attendeeIds: "Ann One has already been checked in at the door, so that place can no longer be cancelled online. Please contact us." } },
    });
    await expect(previewCancellation(db(), booking.id, [attendees[0].id])).rejects.toMatchObject({ details: { reason: "checked_in" } });
    expect(await rowCounts()).toEqual(before);
    // The cancel page offers Bo alone, and says why not Ann.
    const page = renderToStaticMarkup(await CancelBookingPage({ params: Promise.resolve({ reference: booking.reference }), searchParams: Promise.resolve({ token: bookingAccessToken(booking.id) }) }));
    expect(page).toContain(`value="${attendees[1].id}"`);
    expect(page).not.toContain(`value="${attendees[0].id}"`);
    expect(page.replace(/<[^>]+>/g, "")).toContain("Already checked in at the door, so not cancelled online: Ann One.");
    expect(page.replace(/<[^>]+>/g, "")).toContain("Cancelling every place not yet checked in now refunds");

    // Bo, not yet arrived, can still be cancelled.
    const bo = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: randomUUID(), channel: "page" });
    expect(bo.cancellation.attendeeIds).toEqual([attendees[1].id]);
    // A check-in undone (let in by mistake) does not hold the place.
    await db().update(checkIns).set({ undoneAt: new Date() }).where(eq(checkIns.ticketId, ann.id));
    expect((await previewCancellation(db(), booking.id, [attendees[0].id])).attendeeIds).toEqual([attendees[0].id]);
  });
});

describe("fees and deposits", () => {
  it("a fee is taken from the refund", async () => {
    const { booking, attendees } = await paidBooking({ startsInDays: 30, policy: { cancellationFeeAmount: 1_500 } });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[0].id], idempotencyKey: randomUUID(), channel: "api" });
    expect(result.cancellation).toMatchObject({ refundAmount: 10_500, feeAmount: 1_500, creditAmount: 10_500 });
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({ amount: 10_500 })]);
  });

  it("a kept deposit is not refunded, and the unpaid balance of the cancelled places is credited without a refund", async () => {
    const { booking } = await paidBooking({ startsInDays: 60, depositAmount: 3_000, paymentOption: "deposit" });
    expect(booking).toMatchObject({ amountPaid: 6_000, totalAmount: 24_000 });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ refundPercent: 100, depositKept: 6_000, refundAmount: 0, creditAmount: 18_000, refundId: null });
    expect(await refundsOf(booking.id)).toEqual([]);
    const [note] = await creditNotesOf(booking.id);
    expect(note).toMatchObject({ totalAmount: 18_000, refundAmount: 0, refundId: null });
    expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", creditedAmount: 18_000, amountRefunded: 0 });
    // No refund, so no refund email: the credit note comes with the cancellation's own email.
    const [toBooker] = await composeBookingCancelled(db(), result.cancellation.id);
    expect(toBooker.attachments.map((a) => [a.filename, a.contentType])).toContainEqual([`${note.number}.pdf`, "application/pdf"]);
  });

  it("one place of a deposit booking: its kept deposit stays invoiced, so the place that stays still owes its own balance", async () => {
    const { booking, attendees } = await paidBooking({ startsInDays: 60, depositAmount: 3_000, paymentOption: "deposit" });
    const preview = await previewCancellation(db(), booking.id, [attendees[1].id]);
    expect(preview.quote).toMatchObject({ placesValue: 12_000, paidForPlaces: 3_000, depositKept: 3_000, refundAmount: 0 });
    // The place's price less the deposit kept for it: the other place's deposit does not pay for it.
    expect(preview.credit).toBe(9_000);
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ depositKept: 3_000, refundAmount: 0, creditAmount: 9_000 });
    const after = (await getBooking(booking.id))!;
    expect(after).toMatchObject({ status: "confirmed", creditedAmount: 9_000, amountPaid: 6_000 });
    expect(amountOwed(after)).toBe(12_000 - 3_000);
    // Its credit note refunds nothing, and finance still sees it in the list and the accounting export.
    const today = new Date().toISOString().slice(0, 10);
    const selection = await exportSelection(db(), { q: booking.reference, from: today, to: today }, { now: new Date(), reminderDays: 7, timeZone: "UTC" });
    expect(selection.creditNotes).toEqual([expect.objectContaining({ totalAmount: 9_000, refundAmount: 0, refundStatus: null })]);
    const csvLine = accountingCsv(selection, { timeZone: "UTC" }).split("\r\n").find((l) => l.startsWith("credit_note,"));
    expect(csvLine).toContain("No refund");
  });

  it("one place of a deposit booking with a refundable deposit: the deposit comes back and the whole price is credited", async () => {
    const { booking, attendees } = await paidBooking({ startsInDays: 60, depositAmount: 3_000, paymentOption: "deposit", policy: { cancellationDepositRefundable: true } });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[0].id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ depositKept: 0, refundAmount: 3_000, creditAmount: 12_000 });
    expect(amountOwed((await getBooking(booking.id))!)).toBe(12_000 - 3_000);
  });

  it("a refundable deposit comes back under the band", async () => {
    const { booking } = await paidBooking({ startsInDays: 60, depositAmount: 3_000, paymentOption: "deposit", policy: { cancellationDepositRefundable: true } });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ depositKept: 0, refundAmount: 6_000, creditAmount: 24_000 });
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({ amount: 6_000, status: "succeeded" })]);
  });

  it("the database refuses bands out of order or percentages out of range", async () => {
    const { course } = await createSessionFixture();
    await expect(db().update(courses).set({ cancellationBands: [{ hoursBefore: 48, refundPercent: 50 }, { hoursBefore: 336, refundPercent: 100 }] }).where(eq(courses.id, course.id)))
      .rejects.toMatchObject({ cause: expect.objectContaining({ constraint_name: "courses_cancellation_bands_valid" }) });
    await expect(db().update(courses).set({ cancellationBands: [{ hoursBefore: 48, refundPercent: 101 }] }).where(eq(courses.id, course.id)))
      .rejects.toMatchObject({ cause: expect.objectContaining({ constraint_name: "courses_cancellation_bands_valid" }) });
  });
});

describe("cancelling in steps, and places added later", () => {
  it("cancelling one place and then the other refunds what cancelling both at once would: the kept half is not paid out again", async () => {
    const { booking, attendees } = await paidBooking({ startsInDays: 5 }); // 50 % band, 2 × 12,000 paid
    const cancel = (id: string) => cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [id], idempotencyKey: randomUUID(), channel: "page" });
    expect((await cancel(attendees[0].id)).cancellation).toMatchObject({ refundAmount: 6_000 });
    expect((await previewCancellation(db(), booking.id, [attendees[1].id])).quote).toMatchObject({ cancelsEverything: true, paidForPlaces: 12_000, refundAmount: 6_000 });
    expect((await cancel(attendees[1].id)).cancellation).toMatchObject({ refundAmount: 6_000 });
    const after = (await getBooking(booking.id))!;
    expect(after).toMatchObject({ amountRefunded: 12_000 });
    // What was kept (half of each place) stays invoiced: nothing owed, nothing over.
    expect(after.totalAmount - after.creditedAmount).toBe(12_000);
  });

  it("a non-refundable deposit stays kept when the places go one by one", async () => {
    const { booking, attendees } = await paidBooking({ startsInDays: 60, depositAmount: 3_000, paymentOption: "deposit" });
    for (const a of attendees) {
      const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [a.id], idempotencyKey: randomUUID(), channel: "page" });
      expect(result.cancellation).toMatchObject({ depositKept: 3_000, refundAmount: 0 });
    }
    expect(await refundsOf(booking.id)).toEqual([]);
    const after = (await getBooking(booking.id))!;
    expect(after.totalAmount - after.creditedAmount).toBe(6_000);
  });

  it("cancelling a place added later and not paid for refunds nothing and leaves the place paid for still paid", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 9_500, capacity: 4, startsInDays: 30 });
    const email = `added.${randomUUID().slice(0, 8)}@example.com`;
    const booking = await createPaidBooking(f.session.id, { contact: { email }, attendees: [{ firstName: "Ike", lastName: "First" }] });
    await changeBooking(db(), { bookingId: booking.id, actor: { kind: "booker", email }, change: { addAttendees: [{ firstName: "Jo", lastName: "Added", requirements: [] }] } });
    const [, jo] = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(bookingAttendees.position);
    const preview = await previewCancellation(db(), booking.id, [jo.id]);
    expect(preview.quote).toMatchObject({ placesValue: 9_500, paidForPlaces: 0, refundAmount: 0 });
    await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [jo.id], idempotencyKey: randomUUID(), channel: "page" });
    expect(await refundsOf(booking.id)).toEqual([]);
    expect(amountOwed((await getBooking(booking.id))!)).toBe(0);
  });
});

/** The cancel page's text as a customer reads it: the choice of places, or (with attendees) what comes back. */
async function cancelPageText(bookingId: string, reference: string, attendee: string[] = []) {
  const tree = await CancelBookingPage({ params: Promise.resolve({ reference }), searchParams: Promise.resolve({ token: bookingAccessToken(bookingId), attendee }) });
  return renderToStaticMarkup(tree).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").replace(/ ([.,;:])/g, "$1");
}

describe("the cancel page shows what the cancellation refunds", () => {
  it("a discounted booking with a fee: each place at what was paid after the discount, and the refund, credit and provider refunds the preview gave", async () => {
    const f = await createSessionFixture({ capacity: 6, priceAmount: 12_000, depositAmount: null, startsInDays: 5 }); // 50 % band
    await db().update(courses).set({ cancellationFeeAmount: 500 }).where(eq(courses.id, f.course.id));
    const code = await createDiscountCode(); // 10 % off each place
    const { booking: held } = await createBookingViaApi(f.session.id, 2, { discountCode: code.code, attendees: two });
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", held)))).status).toBe(200);
    const booking = (await getBooking(held.id))!;
    const attendees = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(bookingAttendees.position);
    expect(attendees.map((a) => [a.unitAmount, a.discountAmount])).toEqual([[10_800, 1_200], [10_800, 1_200]]);

    // Choosing: each place at what was paid for it (not the list price), and what cancelling everything refunds.
    const choose = await cancelPageText(booking.id, booking.reference);
    expect(choose).toContain("Ann One · paid £108.00, after £12.00 off");
    expect(choose).toContain("Bo Two · paid £108.00, after £12.00 off");
    expect(choose).not.toContain("£120.00");
    const whole = await previewCancellation(db(), booking.id, []);
    expect(whole.quote).toMatchObject({ paidForPlaces: 21_600, refundPercent: 50, feeAmount: 500, refundAmount: 10_300 });
    expect(choose).toContain("Cancelling now, at least 2 days before the start, refunds 50% of what you paid for the places you cancel, less a cancellation fee of £5.00.");
    expect(choose).toContain("Cancelling the whole booking now refunds £103.00.");

    // One place: floor(10,800 × 50 %) − 500 = 4,900, shown and then refunded and credited exactly so.
    const preview = await previewCancellation(db(), booking.id, [attendees[1].id]);
    expect(preview.quote).toMatchObject({ paidForPlaces: 10_800, refundAmount: 4_900 });
    const shown = await cancelPageText(booking.id, booking.reference, [attendees[1].id]);
    expect(shown).toContain("Bo Two: paid £108.00, after £12.00 off");
    expect(shown).toContain("Paid for this place £108.00");
    expect(shown).toContain("Cancellation fee −£5.00");
    expect(shown).toContain("Refund to your card £49.00");
    expect(shown).toContain(`We will issue a credit note of £${(preview.credit / 100).toFixed(2)}`);
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ paidForPlaces: 10_800, feeAmount: 500, refundAmount: 4_900, creditAmount: preview.credit });
    expect((await refundsOf(booking.id)).map((r) => ({ paymentId: r.paymentId, amount: r.amount }))).toEqual(preview.parts);
  });

  it("a deposit booking: each place at the deposit paid, of its price, and nothing back while the deposit is kept", async () => {
    const { booking, attendees } = await paidBooking({ startsInDays: 60, depositAmount: 3_000, paymentOption: "deposit" });
    const choose = await cancelPageText(booking.id, booking.reference);
    expect(choose).toContain("Ann One · paid £30.00 of its £120.00 price");
    expect(choose).toContain("Cancelling now, at least 14 days before the start, refunds 100% of what you paid for the places you cancel, less the deposits, which are kept.");
    expect(choose).toContain("Cancelling the whole booking now refunds £0.00.");
    const preview = await previewCancellation(db(), booking.id, [attendees[0].id]);
    expect(preview.places).toEqual([
      { attendeeId: attendees[0].id, paid: 3_000, cancel: true }, { attendeeId: attendees[1].id, paid: 3_000, cancel: false },
    ]);
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[0].id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ paidForPlaces: 3_000, depositKept: 3_000, refundAmount: 0, creditAmount: preview.credit });
  });

  it("a place added later and not yet paid for is listed as paid nothing of its price", async () => {
    const f = await createSessionFixture({ depositAmount: null, priceAmount: 9_500, capacity: 4, startsInDays: 30 });
    const email = `listed.${randomUUID().slice(0, 8)}@example.com`;
    const booking = await createPaidBooking(f.session.id, { contact: { email }, attendees: [{ firstName: "Ike", lastName: "First" }] });
    await changeBooking(db(), { bookingId: booking.id, actor: { kind: "booker", email }, change: { addAttendees: [{ firstName: "Jo", lastName: "Added", requirements: [] }] } });
    const choose = await cancelPageText(booking.id, booking.reference);
    expect(choose).toContain("Ike First · paid £95.00");
    expect(choose).toContain("Jo Added · paid £0.00 of its £95.00 price");
    expect(choose).toContain("Cancelling the whole booking now refunds £95.00.");
  });
});

describe("repeats and races", () => {
  it("20 concurrent cancels of one booking (one repeated submit and other tabs) refund once", async () => {
    const { booking, session } = await paidBooking({ startsInDays: 30 });
    const sameKey = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
      cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [], idempotencyKey: i % 2 ? sameKey : randomUUID(), channel: "api" })));
    const made = results.filter((r) => r.status === "fulfilled" && !r.value.replayed);
    expect(made).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict", status: 409 });
    }
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({ amount: 24_000, status: "succeeded" })]);
    expect(await db().select().from(bookingCancellations).where(eq(bookingCancellations.bookingId, booking.id))).toHaveLength(1);
    expect(await cancelledEntriesOf(booking.id)).toHaveLength(1);
    expect(await creditNotesOf(booking.id)).toHaveLength(1);
    expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", amountRefunded: 24_000 });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0 });
  });

  it("cancelling a place twice, a foreign attendee or after the start is refused and writes nothing", async () => {
    const { booking, attendees } = await paidBooking({ startsInDays: 30 });
    await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[0].id], idempotencyKey: "k1", channel: "page" });
    await expect(cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[0].id], idempotencyKey: "k2", channel: "page" }))
      .rejects.toMatchObject({ code: "conflict", status: 409 });
    await expect(cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [randomUUID()], idempotencyKey: "k3", channel: "page" }))
      .rejects.toMatchObject({ code: "invalid_request", status: 400 });
    await expect(cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: "k1", channel: "page" }))
      .rejects.toMatchObject({ code: "idempotency_key_reused" });
    await expect(cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: "k4", channel: "page", now: new Date(Date.now() + 31 * 86_400_000) }))
      .rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await refundsOf(booking.id)).toHaveLength(1);
    const active = await db().select().from(bookingAttendees).where(and(eq(bookingAttendees.bookingId, booking.id), isNull(bookingAttendees.cancelledAt)));
    expect(active.map((a) => a.id)).toEqual([attendees[1].id]);
  });
});

describe("staff session cancellation", () => {
  it("refunds every paid booking in full, once, however often its job runs", async () => {
    const { session } = await createSessionFixture({ capacity: 8, priceAmount: 10_000, depositAmount: null });
    const paid = [await createPaidBooking(session.id, { attendees: two }), await createPaidBooking(session.id)];
    const admin = await staffSession("admin");
    actAs(admin);
    expect(await cancelSession({ id: session.id, reason: "Venue flooded" })).toMatchObject({ ok: true });
    const jobs = await jobsFor(SESSION_CANCELLED_TASK);
    expect(jobs).toHaveLength(2);
    const task = taskList[SESSION_CANCELLED_TASK] as (payload: unknown, helpers: unknown) => Promise<void>;
    const helpers = { job: { attempts: 1, max_attempts: 10 } };
    await Promise.all([...jobs, ...jobs].map((j) => task(j.payload, helpers)));
    for (const b of paid) {
      expect(await refundsOf(b.id)).toEqual([expect.objectContaining({ amount: b.totalAmount, status: "succeeded" })]);
      expect(await getBooking(b.id)).toMatchObject({ status: "refunded", amountRefunded: b.totalAmount });
      expect(await creditNotesOf(b.id)).toHaveLength(1);
      // One entry in its history, by the box office, however often the job ran.
      expect(await cancelledEntriesOf(b.id)).toEqual([expect.objectContaining({ actorKind: "staff", actorEmail: admin.email, reason: "Session cancelled: Venue flooded" })]);
    }
    const [{ n }] = await db().execute<{ n: number }>(sql`select count(*)::int as n from refunds r join bookings b on b.id = r.booking_id where b.session_id = ${session.id}`);
    expect(n).toBe(2);
  });
});

describe("the booking's history of changes", () => {
  it("a place the customer cancels is listed with its attendee, who cancelled and the refund, once however often the request is repeated", async () => {
    const { booking, attendees, venue } = await paidBooking({ startsInDays: 5 });
    const key = randomUUID();
    const first = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: key, channel: "page" });
    const again = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [attendees[1].id], idempotencyKey: key, channel: "page" });
    expect(again.replayed).toBe(true);
    const entries = await cancelledEntriesOf(booking.id);
    expect(entries).toEqual([expect.objectContaining({ actorKind: "booker", actorEmail: null, reason: null, createdAt: first.cancellation.createdAt })]);
    expect(entries[0].before).toMatchObject({ activeAttendees: 2, attendees: [{ attendeeId: attendees[1].id, firstName: "Bo", lastName: "Two" }] });
    expect(entries[0].after).toEqual({ activeAttendees: 1, refundAmount: 6_000, currency: booking.currency });

    const page = await bookingPageText(booking.reference, booking.id);
    expect(page).toContain("History of changes");
    expect(page).toContain("Place cancelled by the booker");
    expect(page).toContain("Cancelled: Bo Two · 1 attendee still booked");
    expect(page).toContain(`Refund: ${formatMoney(6_000, booking.currency)}`);
    expect(page).not.toContain("Ann One ·");

    // The rest of the booking, cancelled later through the API: a second entry, the whole booking.
    await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "api" });
    const history = renderToStaticMarkup(BookingHistory({ history: await bookingHistory(db(), booking.id), timeZone: venue.timeZone }));
    expect(history).toContain("Booking cancelled by the booking&#x27;s API client");
    expect(history).toContain("Cancelled: Ann One<");
    expect(history).toContain(`Refund: ${formatMoney(6_000, booking.currency)}`);
    expect(await cancelledEntriesOf(booking.id)).toHaveLength(2);
  });

  it("places staff refund and cancel: by the box office to the customer, by their address and with the reason to staff; a refund alone adds nothing", async () => {
    const { booking, attendees, venue } = await paidBooking({ startsInDays: 30 });
    const staff = { id: null, email: "finance@turnout.test" };
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 1_000, reason: "Goodwill" }, staff);
    expect(await cancelledEntriesOf(booking.id)).toEqual([]);
    const refund = { bookingId: booking.id, attendeeIds: [attendees[0].id], amount: 11_000, reason: "Ann is ill", idempotencyKey: randomUUID() };
    await refundBooking(db(), refund, staff);
    expect((await refundBooking(db(), refund, staff)).replayed).toBe(true);
    expect(await cancelledEntriesOf(booking.id)).toEqual([expect.objectContaining({ actorKind: "staff", actorEmail: staff.email, reason: "Ann is ill" })]);

    const page = await bookingPageText(booking.reference, booking.id);
    expect(page).toContain("Place cancelled by the box office");
    expect(page).toContain("Cancelled: Ann One · 1 attendee still booked");
    expect(page).toContain(`Refund: ${formatMoney(11_000, booking.currency)}`);
    expect(page).not.toContain(staff.email);
    expect(page).not.toContain("Ann is ill");
    const staffView = renderToStaticMarkup(BookingHistory({ history: await bookingHistory(db(), booking.id, { staffView: true }), timeZone: venue.timeZone, staffView: true }));
    expect(staffView).toContain(`Place cancelled by staff (${staff.email})`);
    expect(staffView).toContain("Reason: Ann is ill");
  });
});

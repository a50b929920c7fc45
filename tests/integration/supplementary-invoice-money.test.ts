// A place added to a deposit booking and paid with its balance in one payment, billed on a supplementary invoice:
// what the finance desk and the accounting CSV show paid on each invoice, and which invoice cancelling places credits.
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { bookingAttendees, courses, creditNotes, invoices, type Booking } from "@/db/schema";
import { netPaid } from "@/lib/booking/balance";
import { changeBooking } from "@/lib/booking/change-booking";
import { env } from "@/lib/env";
import { invoiceBillingPlaces } from "@/lib/invoices/cancelled-lines";
import { invoiceOnDesk } from "@/lib/invoices/desk";
import { accountingCsv, exportSelection } from "@/lib/invoices/exports";
import { isoDay } from "@/lib/invoices/periods";
import { refundBooking } from "@/lib/payments/refund-booking";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { createSessionFixture, db, getBooking } from "../fixtures";
import { clearJobs, createPaidBooking, payBalance, staffCookie, uniqueEmail } from "../finance-fixtures";

beforeEach(clearJobs);

const PRICE = 28_500;
const DEPOSIT = 8_500;

/**
 * TRN-EN14-HA34 as seen: three places at £285 on a deposit (£255 paid, its invoice £855), then "Dora New" added
 * (£285) and the balance and her place paid at once (£885), which issued her supplementary invoice (£285).
 */
async function grownDepositBooking(o: { depositRefundable?: boolean } = {}) {
  const { session, course } = await createSessionFixture({ capacity: 10, priceAmount: PRICE, depositAmount: DEPOSIT, startsInDays: 60 });
  if (o.depositRefundable) await db().update(courses).set({ cancellationDepositRefundable: true }).where(eq(courses.id, course.id));
  const email = uniqueEmail("grown-deposit");
  const attendees = ["Ann", "Bo", "Cy"].map((firstName) => ({ firstName, lastName: "Booked" }));
  const booked = await createPaidBooking(session.id, { contact: { email }, attendees, paymentOption: "deposit" });
  expect(booked).toMatchObject({ totalAmount: 3 * PRICE, amountPaid: 3 * DEPOSIT });
  await changeBooking(db(), { bookingId: booked.id, actor: { kind: "booker", email }, change: { addAttendees: [{ firstName: "Dora", lastName: "New", requirements: [] }] } });
  expect((await payBalance(booked.id, 3 * (PRICE - DEPOSIT) + PRICE)).status).toBe(200);
  const booking = (await getBooking(booked.id))!;
  expect(booking).toMatchObject({ totalAmount: 4 * PRICE, amountPaid: 4 * PRICE });
  const [own, supplement, ...more] = await db().select().from(invoices).where(eq(invoices.bookingId, booking.id)).orderBy(asc(invoices.sequence));
  expect(more).toEqual([]);
  expect(own).toMatchObject({ supplementsInvoiceId: null, totalAmount: 3 * PRICE });
  expect(supplement).toMatchObject({ supplementsInvoiceId: own.id, totalAmount: PRICE });
  const places = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(asc(bookingAttendees.position));
  const dora = places.find((a) => a.firstName === "Dora")!;
  return { booking, own, supplement, places, dora };
}

/** The booking's invoices as the finance desk (exportSelection runs the desk's figures) and the CSV show them. */
async function financeFigures(booking: Booking) {
  const day = isoDay(new Date(), env().FINANCE_TIME_ZONE);
  const o = { now: new Date(), reminderDays: 7, timeZone: env().FINANCE_TIME_ZONE };
  const selection = await exportSelection(db(), { q: booking.reference, from: day, to: day }, o);
  const csv = parse(accountingCsv(selection, o).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  const desk = new Map(selection.invoices.map((i) => [i.number, i]));
  return { desk, csv, selection };
}

const pounds = (minor: number) => (minor / 100).toFixed(2);

/** Paid never above an invoice's total, and the invoices' paid adding up to what the booking has net paid. */
function expectPaidAddsUp(desk: Map<string, { paid: number; totalAmount: number }>, booking: Booking) {
  for (const i of desk.values()) expect(i.paid).toBeLessThanOrEqual(i.totalAmount);
  expect([...desk.values()].reduce((acc, i) => acc + i.paid, 0)).toBe(netPaid(booking));
}

describe("what each invoice shows paid", () => {
  it("the supplementary invoice shows the £285 of the £885 payment that paid it; the booking's own invoice the rest", async () => {
    const { booking, own, supplement } = await grownDepositBooking();
    const { desk, csv } = await financeFigures(booking);
    expect(desk.get(own.number)).toMatchObject({ paid: 3 * PRICE, owed: 0, credited: 0, refunded: 0, statusText: "Paid" });
    expect(desk.get(supplement.number)).toMatchObject({ paid: PRICE, owed: 0, credited: 0, refunded: 0, statusText: "Paid" });
    expectPaidAddsUp(desk, booking);
    // The accounting CSV carries the same figures.
    expect(csv.find((r) => r.number === own.number)).toMatchObject({ paid_to_date: pounds(3 * PRICE), gross: pounds(3 * PRICE) });
    expect(csv.find((r) => r.number === supplement.number)).toMatchObject({ paid_to_date: pounds(PRICE), gross: pounds(PRICE) });
  });
});

describe("cancelling the added place", () => {
  it("credits the supplementary invoice that billed it, and the desk and CSV show its credit and refund there", async () => {
    const { booking, own, supplement, dora } = await grownDepositBooking();
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [dora.id], idempotencyKey: randomUUID(), channel: "page" });
    // At least 14 days before: Dora's price back but her deposit, which the course keeps.
    expect(result.cancellation).toMatchObject({ refundAmount: PRICE - DEPOSIT, creditAmount: PRICE - DEPOSIT, depositKept: DEPOSIT });
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.number, result.creditNoteNumber!));
    expect(note.invoiceId).toBe(supplement.id);
    expect(note.lines.filter((l) => l.attendeeId === dora.id)).toHaveLength(1);

    const after = (await getBooking(booking.id))!;
    expect(after).toMatchObject({ amountRefunded: PRICE - DEPOSIT, creditedAmount: PRICE - DEPOSIT });
    const { desk, csv } = await financeFigures(after);
    // Dora's kept deposit is what stays paid on her invoice; the booking's own invoice is untouched by her refund.
    expect(desk.get(supplement.number)).toMatchObject({ paid: DEPOSIT, credited: PRICE - DEPOSIT, refunded: PRICE - DEPOSIT, status: "part_refunded" });
    expect(desk.get(own.number)).toMatchObject({ paid: 3 * PRICE, credited: 0, refunded: 0, owed: 0, status: "paid" });
    expectPaidAddsUp(desk, after);
    expect(csv.find((r) => r.number === note.number)).toMatchObject({ type: "credit_note", credits_invoice: supplement.number });
    expect(csv.find((r) => r.number === supplement.number)).toMatchObject({ paid_to_date: pounds(DEPOSIT), refunded: pounds(PRICE - DEPOSIT) });
    expect(csv.find((r) => r.number === own.number)).toMatchObject({ paid_to_date: pounds(3 * PRICE), refunded: pounds(0) });
    // Each invoice's own page reads its status as the desk does.
    const o = { now: new Date(), reminderDays: 7 };
    expect(await invoiceOnDesk(db(), own, o)).toMatchObject({ status: "paid", paid: 3 * PRICE });
    expect(await invoiceOnDesk(db(), supplement, o)).toMatchObject({ status: "part_refunded", paid: DEPOSIT });
  });

  it("refunded in full (a refundable deposit), the supplementary invoice reads refunded and nothing paid", async () => {
    const { booking, own, supplement, dora } = await grownDepositBooking({ depositRefundable: true });
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [dora.id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ refundAmount: PRICE, creditAmount: PRICE });
    const after = (await getBooking(booking.id))!;
    const { desk, selection } = await financeFigures(after);
    expect(selection.creditNotes).toEqual([expect.objectContaining({ number: result.creditNoteNumber, invoice: expect.objectContaining({ number: supplement.number }) })]);
    expect(desk.get(supplement.number)).toMatchObject({ paid: 0, credited: PRICE, refunded: PRICE, status: "refunded" });
    expect(desk.get(own.number)).toMatchObject({ paid: 3 * PRICE, credited: 0, refunded: 0, status: "paid" });
    expectPaidAddsUp(desk, after);
  });

  it("a staff refund cancelling the added place credits its supplementary invoice too", async () => {
    const { booking, supplement, dora } = await grownDepositBooking();
    const actor = (await staffCookie("finance")).user;
    const refund = await refundBooking(db(), { bookingId: booking.id, attendeeIds: [dora.id], amount: PRICE, reason: "Dora cannot come" }, actor);
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.id, refund.creditNoteId));
    expect(note).toMatchObject({ invoiceId: supplement.id, totalAmount: PRICE, refundAmount: PRICE });
    const after = (await getBooking(booking.id))!;
    expectPaidAddsUp((await financeFigures(after)).desk, after);
  });
});

describe("cancelling places billed on different invoices at once", () => {
  it("one credit note, against the booking's own invoice, with every cancelled place on it; the invoices still add up", async () => {
    const { booking, own, places, dora } = await grownDepositBooking({ depositRefundable: true });
    const ann = places.find((a) => a.firstName === "Ann")!;
    const result = await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [ann.id, dora.id], idempotencyKey: randomUUID(), channel: "page" });
    expect(result.cancellation).toMatchObject({ refundAmount: 2 * PRICE, creditAmount: 2 * PRICE });
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.number, result.creditNoteNumber!));
    expect(note.invoiceId).toBe(own.id);
    expect(note.lines.flatMap((l) => l.attendeeId ?? [])).toEqual([ann.id, dora.id]);
    const after = (await getBooking(booking.id))!;
    const { desk } = await financeFigures(after);
    for (const i of desk.values()) expect(i.paid).toBeGreaterThanOrEqual(0);
    expectPaidAddsUp(desk, after);
  });
});

describe("invoiceBillingPlaces", () => {
  const line = (attendeeIds: string[], amount: number) => ({ description: "x", quantity: attendeeIds.length, unitAmount: amount, amount: amount * attendeeIds.length, attendeeIds });
  const own = { id: "own", number: "INV-1", supplementsInvoiceId: null, totalAmount: 3 * PRICE, credited: 0, lines: [line(["a", "b", "c"], PRICE)] };
  const added = { id: "sup", number: "INV-2", supplementsInvoiceId: "own", totalAmount: PRICE, credited: 0, lines: [line(["d"], PRICE)] };
  // A later change of booked time names every place, but bills a difference, not the places.
  const span = { id: "span", number: "INV-3", supplementsInvoiceId: "own", totalAmount: 4_000, credited: 0, lines: [line(["a", "b", "c", "d"], 1_000)] };
  const list = [own, added, span];

  it("picks the first invoice naming the places", () => {
    expect(invoiceBillingPlaces(list, ["d"], PRICE)?.id).toBe("sup");
    expect(invoiceBillingPlaces(list, ["a", "b"], 2 * PRICE)?.id).toBe("own");
  });

  it("falls back to the booking's own invoice for no places, places on several invoices, or more credit than the invoice holds", () => {
    expect(invoiceBillingPlaces(list, [], 500)?.id).toBe("own");
    expect(invoiceBillingPlaces(list, ["a", "d"], 2 * PRICE)?.id).toBe("own");
    expect(invoiceBillingPlaces(list, ["d"], PRICE + 1)?.id).toBe("own");
    expect(invoiceBillingPlaces([own, { ...added, credited: 1 }], ["d"], PRICE)?.id).toBe("own");
    expect(invoiceBillingPlaces([], ["d"], PRICE)).toBeNull();
  });
});

// The documents of a span change: a dearer span is billed on a supplementary invoice when the difference is
// paid (the booking's own invoice never changes), a cheaper one is refunded with a credit note; an ordinary
// balance payment still gets no second invoice.
import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { DateTime } from "luxon";
import { creditNotes, invoices, payments } from "@/db/schema";
import { listSupplementaryInvoicesForBooking } from "@/db/queries/finance";
import { modifyBookingSpan } from "@/lib/booking/modify-span";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { checkoutEvent, createSessionFixture, db, getBooking, postWebhook } from "../fixtures";
import { createPaidBooking, invoiceOf, payBalance } from "../finance-fixtures";
import { at, createSlotOfferingFixture, futureDate, postSlotBooking } from "../slot-fixtures";

beforeAll(warmPdfPool);

const actor = { id: null, email: "desk@turnout.example" };

async function paidSpanBooking(courseId: string, date: string, from: string, to: string, people: number) {
  const res = await postSlotBooking(courseId, at(date, from), at(date, to), people);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const booking = (await getBooking(res.json.bookingId))!;
  expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
  return (await getBooking(booking.id))!;
}

const invoicesOf = (bookingId: string) => db().select().from(invoices).where(eq(invoices.bookingId, bookingId)).orderBy(asc(invoices.sequence));

describe("a span change that raises the price", () => {
  it("bills the difference on a supplementary invoice when it is paid, once, leaving the booking's invoice as it was", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const nextDay = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    // Two children, 10:00–12:00 at £8 an hour: £32.
    const booking = await paidSpanBooking(course.id, date, "10:00", "12:00", 2);
    const original = (await invoiceOf(booking.id))!;
    expect(original).toMatchObject({ totalAmount: 3_200, paidAtIssueAmount: 3_200, supplementsInvoiceId: null, paymentId: null });

    // 07:00–12:00 the next day: two peak hours at £12 and three at £8 = £48 a child, £96 in all: £64 more.
    const result = await modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(nextDay, "07:00")), endsAt: new Date(at(nextDay, "12:00")), reason: "Needs the morning" }, actor);
    expect(result).toMatchObject({ difference: 6_400, totalAmount: 9_600 });
    // Nothing is billed before it is paid.
    expect(await invoicesOf(booking.id)).toHaveLength(1);

    expect((await payBalance(booking.id, 6_400)).status).toBe(200);
    const all = await invoicesOf(booking.id);
    expect(all).toHaveLength(2);
    const [main, extra] = all;
    expect(main).toEqual(original);
    const [payment] = await db().select().from(payments).where(and(eq(payments.bookingId, booking.id), eq(payments.kind, "balance")));
    // 20% tax included in the price: £64.00 = £53.33 + £10.67.
    expect(extra).toMatchObject({
      supplementsInvoiceId: original.id, paymentId: payment.id, currency: "GBP",
      totalAmount: 6_400, subtotalAmount: 5_333, taxAmount: 1_067, paidAtIssueAmount: 6_400, balanceDueAt: null,
      number: expect.stringMatching(/^INV-\d{4}-\d{5}$/),
    });
    expect(extra.lines).toEqual([expect.objectContaining({ quantity: 2, unitAmount: 3_200, amount: 6_400 })]);
    expect(extra.lines[0].description).toContain(`change of booked time (booking ${booking.reference})`);
    expect(extra.lines[0].detail).toContain(`in addition to invoice ${original.number}`);
    expect(extra.lines[0].detail).toContain("now 3 standard hours at £8.00 (09:00–12:00) and 2 peak hours at £12.00 (07:00–09:00), per person");
    expect(extra.paymentsAtIssue).toEqual([expect.objectContaining({ description: "Balance payment by card", amount: 6_400 })]);
    // The invoices together bill what the booking costs.
    const paid = (await getBooking(booking.id))!;
    expect(main.totalAmount + extra.totalAmount).toBe(paid.totalAmount);
    expect(paid).toMatchObject({ amountPaid: 9_600, paymentStatus: "paid" });

    // The booking page offers it beside the booking's invoice.
    expect(await listSupplementaryInvoicesForBooking(db(), booking.id)).toEqual([expect.objectContaining({ number: extra.number, totalAmount: 6_400 })]);

    // Stripe repeating the event bills nothing again.
    expect((await payBalance(booking.id, 6_400)).status).toBe(200);
    expect(await invoicesOf(booking.id)).toHaveLength(2);
  });

  it("bills a difference that does not divide by the places as one amount", async () => {
    const { course, venue } = await createSlotOfferingFixture({ standardRateAmount: 801, peakRateAmount: 1_203 });
    const date = futureDate(venue.timeZone, 4);
    const booking = await paidSpanBooking(course.id, date, "10:00", "11:00", 1);
    expect(booking.totalAmount).toBe(801);
    await modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(date, "08:00")), endsAt: new Date(at(date, "11:00")), reason: "Earlier" }, actor);
    // One peak hour (08:00–09:00 at £12.03) and two standard (£8.01 each): £28.05, £20.04 more.
    expect((await payBalance(booking.id, 2_004)).status).toBe(200);
    const [, extra] = await invoicesOf(booking.id);
    expect(extra).toMatchObject({ totalAmount: 2_004, subtotalAmount: 1_670, taxAmount: 334 });
    expect(extra.lines).toEqual([expect.objectContaining({ quantity: 1, unitAmount: 2_004, amount: 2_004 })]);
  });
});

describe("a span change that lowers the price", () => {
  it("refunds the difference with a credit note against the booking's invoice, and issues no invoice", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone, 5);
    // 15:00–18:00 for three: one standard hour at £8 and two peak at £12 = £32 each, £96.
    const booking = await paidSpanBooking(course.id, date, "15:00", "18:00", 3);
    expect(booking.totalAmount).toBe(9_600);
    const original = (await invoiceOf(booking.id))!;
    const result = await modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(date, "10:00")), endsAt: new Date(at(date, "12:00")), reason: "Shorter day" }, actor);
    // 10:00–12:00 is two standard hours: £16 each, £48; £48 back.
    expect(result).toMatchObject({ difference: -4_800, checkoutUrl: null });
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.number, result.creditNoteNumber!));
    expect(note).toMatchObject({ invoiceId: original.id, totalAmount: 4_800, subtotalAmount: 4_000, taxAmount: 800, refundAmount: 4_800 });
    expect(await invoicesOf(booking.id)).toEqual([original]);
    expect((await getBooking(booking.id))!).toMatchObject({ creditedAmount: 4_800, amountRefunded: 4_800 });
  });
});

describe("an ordinary balance payment", () => {
  it("is recorded against the booking's invoice with no supplementary invoice", async () => {
    const { session } = await createSessionFixture({ priceAmount: 30_000, depositAmount: 9_000 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit" });
    await openBalanceCheckout(db(), booking.id);
    expect((await payBalance(booking.id, 21_000)).status).toBe(200);
    expect(await invoicesOf(booking.id)).toHaveLength(1);
    expect(await db().select().from(invoices).where(and(eq(invoices.bookingId, booking.id), isNotNull(invoices.paymentId)))).toEqual([]);
  });
});

// Bookings with nothing to pay (a 100 % discount code): confirmed at once, with no checkout a payment
// provider would refuse, and everything a paid booking gets: tickets, an invoice at zero, the confirmation
// email with its documents, booked places. Replays and concurrent requests confirm each booking once.
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, emailMessages, invoices, paymentLogs, payments, tickets } from "@/db/schema";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { bookingBody, createSessionFixture, db, postBooking, sessionCounters } from "../fixtures";
import { runJobs, uniqueEmail } from "../finance-fixtures";
import { createDiscountCode } from "../discount-fixtures";

beforeAll(warmPdfPool);

const free = (sessionId: string, code: string, n = 1) =>
  bookingBody(sessionId, n, { discountCode: code, contact: { name: "Fay Free", email: uniqueEmail("free"), phone: "+44 20 7946 0003" } });

describe("a booking with nothing to pay", () => {
  it("is confirmed at once, with tickets, an invoice at zero and the confirmation email, and no payment", async () => {
    const { session, course } = await createSessionFixture({ capacity: 10, priceAmount: 12_000 });
    const code = await createDiscountCode({ value: 10_000, courseIds: [course.id] }); // 100 %
    const res = await postBooking(free(session.id, code.code, 3));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: "confirmed", listAmount: 36_000, totalAmount: 0, amountDue: 0 });
    // No checkout: the customer goes straight to the booking's page.
    expect(res.json.checkoutUrl).toContain(`/bookings/${res.json.reference}?token=`);
    expect(res.json.checkoutUrl).toContain("from=checkout");

    const id = res.json.bookingId as string;
    const [b] = await db().select().from(bookings).where(eq(bookings.id, id));
    expect(b).toMatchObject({ status: "confirmed", paymentStatus: "paid", amountPaid: 0, checkoutSessionId: null });
    expect(b.confirmedAt).not.toBeNull();
    expect(await db().select().from(payments).where(eq(payments.bookingId, id))).toHaveLength(0);
    expect((await db().select().from(paymentLogs).where(eq(paymentLogs.bookingId, id))).map((l) => l.type)).toContain("confirmed_without_payment");
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 3 });
    expect(await db().select().from(tickets).where(eq(tickets.bookingId, id))).toHaveLength(3);
    const [invoice] = await db().select().from(invoices).where(eq(invoices.bookingId, id));
    expect(invoice).toMatchObject({ totalAmount: 0, taxAmount: 0, paidAtIssueAmount: 0 });
    expect(invoice.number).toMatch(/^INV-\d{4}-\d{5}$/);

    await runJobs();
    const [email] = await db().select().from(emailMessages).where(eq(emailMessages.idempotencyKey, `booking-confirmed:${id}`));
    expect(email.status).toBe("sent");
    expect(email.attachments!.map((a) => a.filename).sort()).toEqual(
      [`${b.reference}.ics`, `${invoice.number}.pdf`, `booking-${b.reference}.pdf`, `tickets-${b.reference}.pdf`].sort());
  });

  it("answers a replay with the same confirmed booking and confirms it once", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const code = await createDiscountCode({ value: 10_000 });
    const body = free(session.id, code.code, 2);
    const key = `free-${Date.now()}`;
    const [first, second] = await Promise.all([postBooking(body, { idempotencyKey: key }), postBooking(body, { idempotencyKey: key })]);
    const third = await postBooking(body, { idempotencyKey: key });
    for (const r of [first, second, third]) expect(r.json).toMatchObject({ bookingId: first.json.bookingId, status: "confirmed" });
    const id = first.json.bookingId as string;
    expect(await db().select().from(invoices).where(eq(invoices.bookingId, id))).toHaveLength(1);
    expect(await db().select().from(tickets).where(eq(tickets.bookingId, id))).toHaveLength(2);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 2 });
  });

  it("numbers twenty free bookings made at once without a gap, each confirmed once", async () => {
    const { session } = await createSessionFixture({ capacity: 20 });
    const code = await createDiscountCode({ value: 10_000 });
    const results = await Promise.all(Array.from({ length: 20 }, () => postBooking(free(session.id, code.code))));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(results.every((r) => r.json.status === "confirmed")).toBe(true);
    const ids = results.map((r) => r.json.bookingId as string);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 20 });
    const ours = await db().select({ sequence: invoices.sequence, year: invoices.year }).from(invoices).where(inArray(invoices.bookingId, ids));
    expect(new Set(ours.map((r) => r.sequence)).size).toBe(20);
    const all = (await db().select({ sequence: invoices.sequence }).from(invoices).where(eq(invoices.year, ours[0].year)))
      .map((r) => r.sequence).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    const [{ n }] = await db().select({ n: sql<number>`count(*)::int` }).from(paymentLogs)
      .where(and(inArray(paymentLogs.bookingId, ids), eq(paymentLogs.type, "confirmed_without_payment")));
    expect(n).toBe(20);
  });

  it("still goes to checkout when a discount leaves something to pay", async () => {
    const { session } = await createSessionFixture({ capacity: 10, priceAmount: 10_000 });
    const code = await createDiscountCode({ value: 9_900 }); // 99 %
    const res = await postBooking(free(session.id, code.code));
    expect(res.json).toMatchObject({ status: "pending", amountDue: 100 });
    expect(res.json.checkoutUrl).not.toContain("/bookings/");
  });
});

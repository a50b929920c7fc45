// Discount codes and automatic rules through POST /api/v1/bookings: uses counted once under concurrency,
// given back by lapsed holds, bad codes refused with nothing written, and refunds of discounted places exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { bookingAttendees, bookingDiscountLines, bookings, creditNotes, discountRedemptions, users } from "@/db/schema";
import { runMaintenance } from "@/lib/maintenance";
import { previewBookingPrice } from "@/lib/booking/preview-price";
import { generateDiscountCodes, listDiscountCodes } from "@/lib/discounts/admin";
import { discountCodesCsv } from "@/lib/discounts/present";
import { createBookingSchema } from "@/lib/validations/booking";
import { generateDiscountCodesSchema } from "@/lib/validations/discounts";
import { refundBooking } from "@/lib/payments/refund-booking";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { ensureInvoicePdf, renderBookingConfirmationPdf } from "@/lib/invoices/render";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import { getBookingDetail } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { pdfText } from "../pdf-text";
import {
  bookingBody, checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, lapseHold, postBooking, postWebhook, rowCounts, sessionCounters,
} from "../fixtures";
import { invoiceOf, uniqueEmail, withEnv } from "../finance-fixtures";
import { codeUses, createDiscountCode, createDiscountRule } from "../discount-fixtures";

beforeAll(warmPdfPool);

const withCode = (sessionId: string, code: string, n = 1, email = uniqueEmail("disc")) =>
  bookingBody(sessionId, n, { discountCode: code, contact: { name: "Dee Count", email, phone: "+44 20 7946 0002" } });

const bookingsOf = async (sessionId: string) =>
  (await db().select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.sessionId, sessionId)))[0].n;

describe("discount codes in a booking", () => {
  it("charges the discounted total and stores list price, discount and paid amount per place", async () => {
    const { session, course } = await createSessionFixture({ capacity: 10, priceAmount: 10_000 });
    const code = await createDiscountCode({ value: 1_250, courseIds: [course.id] });
    const res = await postBooking(withCode(session.id, code.code.toLowerCase(), 3));
    expect(res.status).toBe(201);
    // 3 × 100.00 = 300.00; 12.5 % = 37.50.
    expect(res.json).toMatchObject({ listAmount: 30_000, totalAmount: 26_250, amountDue: 26_250, discounts: [{ source: "code", amount: 3_750 }] });
    const places = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, res.json.bookingId)).orderBy(asc(bookingAttendees.position));
    expect(places.map((p) => [p.listAmount, p.discountAmount, p.unitAmount])).toEqual([[10_000, 1_250, 8_750], [10_000, 1_250, 8_750], [10_000, 1_250, 8_750]]);
    expect(await codeUses(code.id)).toBe(1);
    const [redemption] = await db().select().from(discountRedemptions).where(eq(discountRedemptions.bookingId, res.json.bookingId));
    expect(redemption).toMatchObject({ codeId: code.id, amount: 3_750 });
  });

  it("lets exactly 5 of 50 concurrent bookings use a code with 5 uses left", async () => {
    const { session } = await createSessionFixture({ capacity: 60, priceAmount: 5_000 });
    const code = await createDiscountCode({ maxUses: 7, usesCount: 2 });
    const results = await Promise.all(Array.from({ length: 50 }, () => postBooking(withCode(session.id, code.code))));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(ok).toHaveLength(5);
    for (const r of ok) expect(r.json.totalAmount).toBe(4_500);
    expect(refused.every((r) => r.status === 409 && r.json.error.code === "discount_unavailable" && r.json.error.fields.discountCode)).toBe(true);
    expect(await codeUses(code.id)).toBe(7);
    expect((await db().select().from(discountRedemptions).where(eq(discountRedemptions.codeId, code.id)))).toHaveLength(5);
    // Nothing of the refused bookings stays: only five bookings, five places held.
    expect(await bookingsOf(session.id)).toBe(5);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 5 });
  });

  it("gives a use back when the hold lapses", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const code = await createDiscountCode({ maxUses: 1 });
    const first = await postBooking(withCode(session.id, code.code));
    expect(first.status).toBe(201);
    const second = await postBooking(withCode(session.id, code.code));
    expect(second.status).toBe(409);
    expect(second.json.error.fields).toEqual({ discountCode: "This code has been used up" });

    await lapseHold(first.json.bookingId);
    await runMaintenance(db());
    expect(await getBooking(first.json.bookingId)).toMatchObject({ status: "expired" });
    expect(await codeUses(code.id)).toBe(0);
    expect(await db().select().from(discountRedemptions).where(eq(discountRedemptions.codeId, code.id))).toHaveLength(0);
    expect((await postBooking(withCode(session.id, code.code))).status).toBe(201);
    expect(await codeUses(code.id)).toBe(1);
  });

  it("takes the use again when a late payment keeps a booking whose hold had lapsed", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const code = await createDiscountCode({ maxUses: 2 });
    const { booking } = await createBookingViaApi(session.id, 1, withCode(session.id, code.code));
    await lapseHold(booking.id);
    await runMaintenance(db());
    expect(await codeUses(code.id)).toBe(0);
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", statusReason: "late_payment_kept" });
    expect(await codeUses(code.id)).toBe(1);
  });

  it("holds each customer to the per-email limit", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const code = await createDiscountCode({ maxUsesPerEmail: 1 });
    const email = uniqueEmail("once");
    expect((await postBooking(withCode(session.id, code.code, 1, email))).status).toBe(201);
    const again = await postBooking(withCode(session.id, code.code, 1, email.toUpperCase()));
    expect(again.status).toBe(409);
    expect(again.json.error.fields.discountCode).toMatch(/already been used/);
    expect((await postBooking(withCode(session.id, code.code))).status).toBe(201);
  });

  it("refuses unknown, expired, not-yet-valid, other-course and too-small bookings by the field discountCode, writing nothing", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const other = await createSessionFixture();
    const day = 86_400_000;
    const cases: [string, number, RegExp, number?][] = [
      ["NOSUCHCODE", 400, /recognise/],
      [(await createDiscountCode({ validUntil: new Date(Date.now() - day) })).code, 400, /expired/],
      [(await createDiscountCode({ validFrom: new Date(Date.now() + day) })).code, 400, /not valid yet/],
      [(await createDiscountCode({ courseIds: [other.course.id] })).code, 400, /does not apply/],
      [(await createDiscountCode({ ticketTypeIds: [other.ticketType.id] })).code, 400, /does not apply/],
      [(await createDiscountCode({ minAttendees: 3 })).code, 400, /at least 3 attendees/, 2],
      [(await createDiscountCode({ maxUses: 1, usesCount: 1 })).code, 409, /used up/],
      [(await createDiscountCode({ kind: "fixed", value: 500, currency: "EUR" })).code, 400, /does not apply/],
    ];
    for (const [code, status, message, n] of cases) {
      const res = await postBooking(withCode(session.id, code, n ?? 1));
      expect(res.status, code).toBe(status);
      expect(Object.keys(res.json.error.fields)).toEqual(["discountCode"]);
      expect(res.json.error.fields.discountCode).toMatch(message);
    }
    expect(await bookingsOf(session.id)).toBe(0);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 0 });
  });

  it("applies the best automatic rule, then the code on what is left", async () => {
    const { session, course } = await createSessionFixture({ capacity: 12, priceAmount: 10_000 });
    await createDiscountRule({ ruleKind: "group", name: "Groups of 5+", courseId: course.id, kind: "percent", value: 1_000, minAttendees: 5 });
    await createDiscountRule({ ruleKind: "group", name: "Groups of 8+", courseId: course.id, kind: "percent", value: 1_500, minAttendees: 8 });
    await createDiscountRule({ ruleKind: "early_bird", name: "Early bird", courseId: course.id, kind: "fixed", value: 500, per: "attendee", currency: "GBP", validUntil: new Date(Date.now() + 86_400_000) });
    const code = await createDiscountCode({ kind: "fixed", value: 1_000, per: "booking", currency: "GBP" });

    const small = await postBooking(withCode(session.id, code.code, 2));
    // Early bird 2 × 5.00, then 10.00 off the booking.
    expect(small.json).toMatchObject({ listAmount: 20_000, totalAmount: 18_000 });
    expect(small.json.discounts).toEqual([
      { source: "early_bird", label: "Early bird", amount: 1_000 },
      { source: "code", label: expect.stringContaining(code.code), amount: 1_000 },
    ]);
    const group = await postBooking(bookingBody(session.id, 8));
    // 8 × 100.00: 15 % (120.00) beats the early bird (40.00).
    expect(group.json).toMatchObject({ listAmount: 80_000, totalAmount: 68_000, discounts: [{ source: "group", label: "Groups of 8+", amount: 12_000 }] });
  });

  it("gives the early bird to the session's first N places only", async () => {
    const { session, course } = await createSessionFixture({ capacity: 12, priceAmount: 10_000 });
    await createDiscountRule({ ruleKind: "early_bird", name: "First 3 places", courseId: course.id, kind: "percent", value: 2_000, firstPlaces: 3 });
    const first = await postBooking(bookingBody(session.id, 2));
    expect(first.json.totalAmount).toBe(16_000);
    const second = await postBooking(bookingBody(session.id, 2));
    expect(second.json.totalAmount).toBe(18_000);
    const third = await postBooking(bookingBody(session.id, 1));
    expect(third.json.totalAmount).toBe(10_000);
  });
});

describe("refunds of discounted places", () => {
  let restore: () => void;
  beforeAll(() => { restore = withEnv({ TAX_RATE_BASIS_POINTS: "2000", PRICES_INCLUDE_TAX: "true" }); });
  afterAll(() => restore());

  it("invoices list price, discount and tax on the discounted total; a cancelled place refunds what was paid for it", async () => {
    const { session } = await createSessionFixture({ capacity: 10, priceAmount: 10_000 });
    const code = await createDiscountCode({ value: 1_000 });
    const { booking } = await createBookingViaApi(session.id, 3, withCode(session.id, code.code, 3));
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    const paid = (await getBooking(booking.id))!;
    expect(paid).toMatchObject({ status: "confirmed", amountPaid: 27_000, totalAmount: 27_000 });

    const invoice = (await invoiceOf(booking.id))!;
    expect(invoice).toMatchObject({ totalAmount: 27_000, subtotalAmount: 22_500, taxAmount: 4_500 });
    expect(invoice.lines.map((l) => [l.quantity, l.unitAmount, l.amount])).toEqual([[3, 10_000, 30_000], [1, -3_000, -3_000]]);
    expect(invoice.lines[1]).toMatchObject({ description: expect.stringContaining(code.code), discount: true });

    const invoiceText = await pdfText((await ensureInvoicePdf(db(), invoice.id))!.pdf);
    expect(invoiceText).toContain(`Discount: Code ${code.code} (10%)`);
    expect(invoiceText).toMatch(/-£30\.00/);
    const detail = (await getBookingDetail(db(), booking.id))!;
    const confirmationText = await pdfText(await renderBookingConfirmationPdf(detail, sellerSnapshot(env()), invoice.number));
    expect(confirmationText).toMatch(/Places at list price\s+£300\.00/);
    expect(confirmationText).toContain(`Code ${code.code} (10%)`);
    expect(confirmationText).toMatch(/Total\s+£270\.00/);

    const [actor] = await db().insert(users).values({ email: uniqueEmail("fin").toLowerCase(), role: "finance" }).returning();
    const places = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(asc(bookingAttendees.position));
    const result = await refundBooking(db(), { bookingId: booking.id, attendeeIds: [places[1].id], amount: 9_000, reason: "Cannot come" }, { id: actor.id, email: actor.email });
    const [cn] = await db().select().from(creditNotes).where(eq(creditNotes.number, result.creditNoteNumber));
    expect(cn).toMatchObject({ totalAmount: 9_000, refundAmount: 9_000, subtotalAmount: 7_500, taxAmount: 1_500 });
    expect(cn.lines).toEqual([expect.objectContaining({ attendeeId: places[1].id, amount: 9_000 })]);
    expect(await getBooking(booking.id)).toMatchObject({ creditedAmount: 9_000, amountRefunded: 9_000 });
    // The discount lines stay with the booking's places.
    expect(await db().select().from(bookingDiscountLines).where(eq(bookingDiscountLines.bookingId, booking.id))).toHaveLength(3);
  });
});

describe("price preview and staff batches", () => {
  it("previews the discounted price exactly as the booking will charge it, writing nothing", async () => {
    const { session } = await createSessionFixture({ capacity: 10, priceAmount: 10_000 });
    const code = await createDiscountCode({ value: 2_000, maxUses: 1 });
    const input = createBookingSchema.parse(withCode(session.id, code.code, 2));
    const before = await rowCounts();
    const preview = await previewBookingPrice(db(), input);
    expect(preview).toMatchObject({ listAmount: 20_000, totalAmount: 16_000, full: { amountDueNow: 16_000 }, discounts: [{ source: "code", amount: 4_000 }] });
    expect(await rowCounts()).toEqual(before);
    expect(await codeUses(code.id)).toBe(0);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0 });
    const booked = await postBooking(withCode(session.id, code.code, 2));
    expect(booked.json.totalAmount).toBe(preview.totalAmount);
  });

  it("tells on the review step that the contact has used a per-email code up, before any booking is made", async () => {
    const { session } = await createSessionFixture({ capacity: 10, priceAmount: 10_000 });
    const code = await createDiscountCode({ maxUsesPerEmail: 1 });
    const email = uniqueEmail("review-once");
    // Its first use is still in checkout: the review step cannot tell it from the customer's own earlier attempt.
    const first = await postBooking(withCode(session.id, code.code, 1, email));
    expect(first.status).toBe(201);
    const again = createBookingSchema.parse(withCode(session.id, code.code, 1, email.toUpperCase()));
    expect((await previewBookingPrice(db(), again)).discounts).toMatchObject([{ source: "code" }]);
    // Paid, it is a use: the review step refuses the code on its field, and so does checkout.
    const booking = (await getBooking(first.json.bookingId))!;
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    const before = await rowCounts();
    await expect(previewBookingPrice(db(), again)).rejects.toMatchObject({
      code: "discount_unavailable", details: { fields: { discountCode: "This code has already been used with this email address" } },
    });
    expect(await rowCounts()).toEqual(before);
    const refused = await postBooking(withCode(session.id, code.code, 1, email));
    expect(refused.status).toBe(409);
    expect(refused.json.error.fields.discountCode).toBe("This code has already been used with this email address");
    expect(await rowCounts()).toEqual(before);
    // Another address may still use it.
    expect((await previewBookingPrice(db(), createBookingSchema.parse(withCode(session.id, code.code, 1)))).discounts).toMatchObject([{ source: "code" }]);
  });

  it("generates a batch of unique codes with the same terms and exports them as CSV", async () => {
    const [actor] = await db().insert(users).values({ email: uniqueEmail("admin").toLowerCase(), role: "admin" }).returning();
    const input = generateDiscountCodesSchema.parse({ prefix: "vip", count: "40", kind: "percent", amount: "12.5", per: "booking", maxUses: "1", courseIds: false, ticketTypeIds: false });
    const { batch, count } = await generateDiscountCodes(db(), { id: actor.id, email: actor.email }, input);
    expect(count).toBe(40);
    const codes = await listDiscountCodes(db(), { batch });
    expect(new Set(codes.map((c) => c.code)).size).toBe(40);
    for (const c of codes) expect(c).toMatchObject({ code: expect.stringMatching(/^VIP-[2-9A-HJKMNP-Z]{8}$/), kind: "percent", value: 1_250, maxUses: 1 });
    const csv = discountCodesCsv(codes, "Europe/London").trim().split("\n");
    expect(csv).toHaveLength(41);
    expect(csv[0]).toBe("code,discount,valid,max_uses,uses,uses_per_customer,min_attendees,applies_to,batch,status");
    expect(csv[1]).toMatch(/^VIP-\w{8},12\.5% off,always,1,0,,1,everything,VIP-[\w-]+,Active$/);
  });
});

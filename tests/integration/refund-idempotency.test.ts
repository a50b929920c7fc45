// Staff refunds under repetition and concurrency: one decision refunds once whatever the number of
// identical requests, and no set of decisions can send back more than was paid.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { creditNotes, invoices, refunds } from "@/db/schema";
import { refundBookingAction } from "@/app/admin/finance/actions";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createSessionFixture, db, getBooking } from "../fixtures";
import { clearJobs, createPaidBooking } from "../finance-fixtures";
import { actAs, staffSession } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeEach(clearJobs);

async function paidBooking() {
  const { session } = await createSessionFixture({ capacity: 6, priceAmount: 12_000, depositAmount: null });
  return createPaidBooking(session.id, { attendees: [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }] });
}

const refundsOf = (bookingId: string) => db().select().from(refunds).where(eq(refunds.bookingId, bookingId));
const creditNotesOf = (bookingId: string) => db().select({ number: creditNotes.number }).from(creditNotes)
  .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(eq(invoices.bookingId, bookingId));

describe("staff refunds", () => {
  it("10 parallel identical requests (one form submission) refund once and all answer with the same credit note", async () => {
    const booking = await paidBooking();
    actAs(await staffSession("finance"));
    const form = { bookingId: booking.id, attendeeIds: [], amount: "50.00", reason: "Goodwill gesture", idempotencyKey: randomUUID() };
    const results = await Promise.all(Array.from({ length: 10 }, () => refundBookingAction(form)));
    for (const r of results) expect(r).toMatchObject({ ok: true });
    const numbers = new Set(results.map((r) => (r.ok ? r.data.creditNoteNumber : "")));
    expect(numbers.size).toBe(1);
    expect(await refundsOf(booking.id)).toHaveLength(1);
    expect(await creditNotesOf(booking.id)).toEqual([{ number: [...numbers][0] }]);
    expect(await getBooking(booking.id)).toMatchObject({ amountPaid: 24_000, amountRefunded: 5_000 });
  });

  it("the same key for a different refund is a conflict, and changes nothing", async () => {
    const booking = await paidBooking();
    const key = `test:${randomUUID()}`;
    const actor = { id: null, email: "finance@turnout.test" };
    const first = await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 1_000, reason: "Goodwill", idempotencyKey: key }, actor);
    expect(first.replayed).toBe(false);
    const again = await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 1_000, reason: "Goodwill", idempotencyKey: key }, actor);
    expect(again).toMatchObject({ replayed: true, creditNoteNumber: first.creditNoteNumber, refundIds: first.refundIds });
    await expect(refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 2_000, reason: "Goodwill", idempotencyKey: key }, actor))
      .rejects.toMatchObject({ code: "idempotency_key_reused", status: 409 });
    const other = await paidBooking();
    await expect(refundBooking(db(), { bookingId: other.id, attendeeIds: [], amount: 1_000, reason: "Goodwill", idempotencyKey: key }, actor))
      .rejects.toMatchObject({ code: "idempotency_key_reused" });
    expect(await refundsOf(booking.id)).toHaveLength(1);
    expect(await refundsOf(other.id)).toHaveLength(0);
  });

  it("10 parallel different decisions, each for most of what was paid: one is made, the rest refused, never more than was paid", async () => {
    const booking = await paidBooking();
    actAs(await staffSession("finance"));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => refundBookingAction({
      bookingId: booking.id, attendeeIds: [], amount: "200.00", reason: `Decision ${i}`, idempotencyKey: randomUUID(),
    })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The others are told why (nothing left to refund), and are not errors on our side.
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, code: expect.not.stringMatching(/^internal_error$/) });
    const made = await refundsOf(booking.id);
    expect(made.reduce((n, r) => n + r.amount, 0)).toBe(20_000);
    const after = (await getBooking(booking.id))!;
    expect(after.amountRefunded).toBeLessThanOrEqual(after.amountPaid);
    expect(after).toMatchObject({ amountPaid: 24_000, amountRefunded: 20_000 });
    // And the database itself refuses to record more refunded than paid (bookings_amount_refunded_range).
    await expect(db().execute(sql`update bookings set amount_refunded = amount_paid + 1 where id = ${booking.id}`))
      .rejects.toMatchObject({ cause: expect.objectContaining({ constraint_name: "bookings_amount_refunded_range" }) });
  });
});

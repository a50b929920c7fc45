// A balance paid by bank transfer or in cash: finance records it once (whatever the repeats and races), for the
// whole amount owed only, and its refunds wait to be paid back by hand instead of going to the card provider.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLogs, creditNotes, invoices, paymentLogs, payments, refunds } from "@/db/schema";
import { env } from "@/lib/env";
import { isoDay } from "@/lib/invoices/periods";
import { ensureCreditNotePdf } from "@/lib/invoices/render";
import { markOfflineRefundPaidAction, recordOfflinePaymentAction } from "@/app/admin/finance/actions";
import { processPendingRefunds } from "@/lib/payments/refunds";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createSessionFixture, db, getBooking, rowCounts } from "../fixtures";
import { clearJobs, createPaidBooking, jobsFor, pdfText } from "../finance-fixtures";
import { actAs, staffSession } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeEach(clearJobs);

/** £120 with a £30 deposit paid at the checkout: £90 owed. */
async function depositPaid() {
  const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
  return createPaidBooking(session.id, { paymentOption: "deposit" });
}

/** Today as finance counts days (FINANCE_TIME_ZONE). */
const today = () => isoDay(new Date(), env().FINANCE_TIME_ZONE);
const form = (bookingId: string, o: Record<string, unknown> = {}) => ({
  bookingId, method: "bank_transfer", receivedAmount: "90.00", receivedOn: today(), reference: "TRN transfer", idempotencyKey: randomUUID(), ...o,
});
const paymentsOf = (bookingId: string) => db().select().from(payments).where(eq(payments.bookingId, bookingId));

describe("recording a balance paid outside the checkout", () => {
  it("pays the booking in full, sends the receipt, withdraws the reminder and is audited", async () => {
    const booking = await depositPaid();
    expect((await jobsFor("email.send")).map((j) => j.key)).toContain(`email:balance-reminder:${booking.id}`);
    const finance = await staffSession("finance");
    actAs(finance);
    expect(await recordOfflinePaymentAction(form(booking.id))).toEqual({ ok: true, data: { replayed: false } });

    expect(await getBooking(booking.id)).toMatchObject({ amountPaid: 12_000, paymentStatus: "paid" });
    const transfer = (await paymentsOf(booking.id)).find((p) => p.provider === "bank_transfer")!;
    expect(transfer).toMatchObject({ kind: "balance", amount: 9_000, currency: "GBP" });
    // Recorded today: stored as the moment it was recorded, after the deposit paid at the checkout.
    expect(isoDay(transfer.receivedAt, env().FINANCE_TIME_ZONE)).toBe(today());
    const deposit = (await paymentsOf(booking.id)).find((p) => p.provider !== "bank_transfer")!;
    expect(transfer.receivedAt.getTime()).toBeGreaterThan(deposit.receivedAt.getTime());
    const keys = (await jobsFor("email.send")).map((j) => j.key);
    expect(keys).toContain(`email:balance-receipt:${transfer.id}`);
    expect(keys).not.toContain(`email:balance-reminder:${booking.id}`);
    const [audit] = await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, booking.id), eq(auditLogs.action, "payment.record_offline")));
    expect(audit).toMatchObject({ actorEmail: finance.email, after: { method: "bank_transfer", reference: "TRN transfer" } });
    // The booking's payment log, read by staff on its page, says the amount as money.
    const log = await db().select().from(paymentLogs).where(eq(paymentLogs.bookingId, booking.id));
    expect(log.map((l) => l.message)).toEqual(expect.arrayContaining(["Deposit of £30.00 received", "Balance of £90.00 received"]));
  });

  it("refuses a part payment, a day to come and door staff, writing nothing", async () => {
    const booking = await depositPaid();
    actAs(await staffSession("finance"));
    const before = await rowCounts();
    expect(await recordOfflinePaymentAction(form(booking.id, { receivedAmount: "50.00" })))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { receivedAmount: "Record the whole amount owed, £90.00" } });
    expect(await recordOfflinePaymentAction(form(booking.id, { receivedOn: "2999-01-01" })))
      .toMatchObject({ ok: false, fields: { receivedOn: "The day it arrived cannot be in the future" } });
    expect(await recordOfflinePaymentAction(form(booking.id, { receivedOn: "2020-01-01" })))
      .toMatchObject({ ok: false, fields: { receivedOn: "The day it arrived cannot be before the booking was made" } });
    expect(await recordOfflinePaymentAction(form(booking.id, { method: "cheque" }))).toMatchObject({ ok: false, fields: { method: "Choose how it was paid" } });
    actAs(await staffSession("door"));
    expect(await recordOfflinePaymentAction(form(booking.id))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await rowCounts()).toEqual(before);
  });

  it("records once: ten repeats of one submission, and ten different submissions at once", async () => {
    const first = await depositPaid();
    actAs(await staffSession("finance"));
    const one = form(first.id);
    const repeats = await Promise.all(Array.from({ length: 10 }, () => recordOfflinePaymentAction(one)));
    expect(repeats.every((r) => r.ok)).toBe(true);
    expect(repeats.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
    expect((await paymentsOf(first.id)).filter((p) => p.provider === "bank_transfer")).toHaveLength(1);

    const second = await depositPaid();
    const raced = await Promise.all(Array.from({ length: 10 }, (_, i) => recordOfflinePaymentAction(form(second.id, { method: i % 2 ? "cash" : "bank_transfer" }))));
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
    for (const r of raced.filter((x) => !x.ok)) expect(r).toMatchObject({ code: "conflict", message: "Nothing is owed on this booking now." });
    expect((await paymentsOf(second.id)).filter((p) => p.kind === "balance")).toHaveLength(1);
    expect(await getBooking(second.id)).toMatchObject({ amountPaid: 12_000 });
  });

  it("a refund of the transferred money waits for finance to pay it back, never the card provider", async () => {
    const booking = await depositPaid();
    const finance = await staffSession("finance");
    actAs(finance);
    await recordOfflinePaymentAction(form(booking.id));
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 12_000, reason: "Course withdrawn" }, { id: finance.id, email: finance.email });
    await processPendingRefunds(db());
    const rows = await db().select({ refund: refunds, provider: payments.provider }).from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.bookingId, booking.id));
    const byHand = rows.filter((r) => r.provider === "bank_transfer").map((r) => r.refund);
    const byCard = rows.filter((r) => r.provider !== "bank_transfer").map((r) => r.refund);
    expect(byHand.map((r) => [r.amount, r.status])).toEqual([[9_000, "pending"]]);
    expect(byCard.map((r) => [r.amount, r.status])).toEqual([[3_000, "succeeded"]]);

    const marks = await Promise.all([0, 1, 2].map(() => markOfflineRefundPaidAction({ refundId: byHand[0].id })));
    expect(marks.filter((m) => m.ok)).toHaveLength(1);
    for (const m of marks.filter((x) => !x.ok)) expect(m).toMatchObject({ code: "conflict" });
    const [paidBack] = await db().select().from(refunds).where(eq(refunds.id, byHand[0].id));
    expect(paidBack).toMatchObject({ status: "succeeded", providerRefundId: `offline_${byHand[0].id}` });
    expect(await getBooking(booking.id)).toMatchObject({ amountRefunded: 12_000 });
    // The credit note says how the money goes back: to the card for the deposit, by transfer for the balance.
    const [note] = await db().select({ id: creditNotes.id }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
      .where(eq(invoices.bookingId, booking.id));
    const text = await pdfText((await ensureCreditNotePdf(db(), note.id))!.pdf);
    expect(text).toMatch(/Refunded\s+£120\.00/);
    expect(text).toContain("by bank transfer for what you paid by transfer or in cash");
    // A card refund is the provider's to make, not finance's to mark.
    expect(await markOfflineRefundPaidAction({ refundId: byCard[0].id })).toMatchObject({ ok: false, code: "conflict" });
  });
});

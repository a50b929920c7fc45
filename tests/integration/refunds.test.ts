// Staff refunds and refunds made in the Stripe dashboard: credit notes, places freed, money booked once.
import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { auditLogs, bookingAttendees, bookingChanges, creditNotes, emailMessages, payments, refunds, users } from "@/db/schema";
import { amountOwed } from "@/lib/booking/balance";
import { AppError } from "@/lib/errors";
import { ensureCreditNotePdf } from "@/lib/invoices/render";
import { invoiceStatus } from "@/lib/invoices/status";
import { runMaintenance } from "@/lib/maintenance";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { paymentProvider, setPaymentProviderForTests } from "@/lib/payments/provider";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createSessionFixture, db, getBooking, postWebhook, rowCounts, sessionCounters } from "../fixtures";
import {
  clearJobs, createPaidBooking, invoiceOf, jobsFor, payBalance, pdfText, runJobs, uniqueEmail,
} from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { warmPdfPool } from "@/lib/pdf/render-pool";

// Start the PDF threads (they compile the documents once) before the first test's clock runs.
beforeAll(warmPdfPool);

const mail = receiveMailForTests();
let actor: { id: string; email: string };

beforeAll(async () => {
  const [user] = await db().insert(users).values({ email: uniqueEmail("refunder").toLowerCase(), role: "finance" }).returning();
  actor = { id: user.id, email: user.email };
});
beforeEach(clearJobs);

const three = [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }, { firstName: "Cy", lastName: "Three" }];
const attendeesOf = (bookingId: string) =>
  db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, bookingId)).orderBy(asc(bookingAttendees.position));
const refundsOf = (bookingId: string) => db().select().from(refunds).where(eq(refunds.bookingId, bookingId)).orderBy(asc(refunds.createdAt));
const creditNotesOf = async (bookingId: string) => {
  const invoice = (await invoiceOf(bookingId))!;
  return db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id)).orderBy(asc(creditNotes.sequence));
};

function chargeRefunded(paymentIntent: string, amount: number, made: { id: string; amount: number; metadata?: Record<string, string> }[]) {
  const refunded = made.reduce((a, r) => a + r.amount, 0);
  return {
    id: `evt_sim_${randomBytes(8).toString("hex")}`, object: "event", api_version: "2025-01-01", created: Math.floor(Date.now() / 1000),
    livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type: "charge.refunded",
    data: {
      object: {
        id: `ch_sim_${randomBytes(6).toString("hex")}`, object: "charge", payment_intent: paymentIntent, amount, amount_refunded: refunded,
        currency: "gbp", refunded: refunded === amount,
        refunds: { object: "list", has_more: false, data: made.map((r) => ({ id: r.id, object: "refund", amount: r.amount, status: "succeeded", metadata: r.metadata ?? {}, payment_intent: paymentIntent })) },
      },
    },
  };
}

describe("staff refund", () => {
  it("cancels a place: credit note, money back, the place back on the session, and an email with the credit note", async () => {
    const { session } = await createSessionFixture({ capacity: 5, priceAmount: 12_000 });
    const booker = uniqueEmail("refund");
    const booking = await createPaidBooking(session.id, { attendees: three, contact: { name: "Robin Buyer", email: booker } });
    const [, bo] = await attendeesOf(booking.id);
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 3 });

    const result = await refundBooking(db(), { bookingId: booking.id, attendeeIds: [bo.id], amount: 12_000, reason: "Attendee cannot come" }, actor);
    const year = new Date().getFullYear();
    expect(result.creditNoteNumber).toMatch(new RegExp(`^CN-(${year}|${year + 1})-\\d{5}$`));

    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
    expect((await attendeesOf(booking.id)).map((a) => Boolean(a.cancelledAt))).toEqual([false, true, false]);
    const after = (await getBooking(booking.id))!;
    expect(after).toMatchObject({ status: "confirmed", paymentStatus: "partially_refunded", creditedAmount: 12_000, amountRefunded: 12_000, amountPaid: 36_000 });
    expect(amountOwed(after)).toBe(0);
    expect(invoiceStatus(after, new Date(), 7)).toBe("part_refunded");
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({
      amount: 12_000, status: "succeeded", providerRefundId: expect.stringMatching(/^re_sim_/), requestedBy: actor.id, reason: "Attendee cannot come",
    })]);

    const [cn] = await creditNotesOf(booking.id);
    expect(cn).toMatchObject({ number: result.creditNoteNumber, totalAmount: 12_000, subtotalAmount: 10_000, taxAmount: 2_000, refundAmount: 12_000 });
    expect(cn.lines).toEqual([expect.objectContaining({ description: expect.stringContaining("Cancelled:"), attendeeId: bo.id, amount: 12_000 })]);
    const invoice = (await invoiceOf(booking.id))!;
    const text = await pdfText((await ensureCreditNotePdf(db(), cn.id))!.pdf);
    for (const s of ["CREDIT NOTE", cn.number, invoice.number, "Robin Buyer", "place for Bo Two", "Attendee cannot come"]) expect(text).toContain(s);
    expect(text).toMatch(/Total credit\s+£120\.00/);
    expect(text).toMatch(/Refunded to your card\s+£120\.00/);

    const [audit] = await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, booking.id), eq(auditLogs.action, "booking.refund")));
    expect(audit).toMatchObject({ actorId: actor.id, entityType: "booking" });

    await runJobs();
    const refundMail = mail.to(booker).find((m) => m.subject?.startsWith("Refund of £120.00"))!;
    expect(refundMail.subject).toBe(`Refund of £120.00 for booking ${booking.reference} (credit note ${cn.number})`);
    expect(refundMail.attachments.map((a) => a.filename)).toEqual([`${cn.number}.pdf`]);
    expect(await pdfText(refundMail.attachments[0].content)).toContain(cn.number);
    expect(refundMail.text).toContain("Bo Two");
  });

  it("cancels a whole deposit booking: all places back, the whole price credited, nothing owed", async () => {
    const { session } = await createSessionFixture({ capacity: 5, priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", attendees: three.slice(0, 2) });
    const ids = (await attendeesOf(booking.id)).map((a) => a.id);
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: ids, amount: 6_000, reason: "Course no longer needed" }, actor);
    const after = (await getBooking(booking.id))!;
    expect(after).toMatchObject({ status: "refunded", statusReason: "cancelled_by_staff", paymentStatus: "refunded", creditedAmount: 24_000, amountRefunded: 6_000 });
    expect(amountOwed(after)).toBe(0);
    expect(invoiceStatus(after, new Date(), 7)).toBe("refunded");
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0 });
    expect(await creditNotesOf(booking.id)).toEqual([expect.objectContaining({ totalAmount: 24_000, refundAmount: 6_000 })]);
    await expect(openBalanceCheckout(db(), booking.id)).rejects.toThrow("no balance");
  });

  it("lowers the balance of a deposit booking by the cancelled place, and takes the new balance", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", attendees: three });
    const [ann] = await attendeesOf(booking.id);
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [ann.id], amount: 3_000, reason: "One fewer" }, actor);
    const after = (await getBooking(booking.id))!;
    expect(amountOwed(after)).toBe(18_000); // two places at 120 less the 60 of deposit kept for them
    await openBalanceCheckout(db(), booking.id);
    expect((await payBalance(booking.id, 18_000)).status).toBe(200);
    const paid = (await getBooking(booking.id))!;
    expect(paid).toMatchObject({ amountPaid: 27_000, paymentStatus: "partially_refunded" });
    expect(amountOwed(paid)).toBe(0);
    expect((await db().select().from(payments).where(eq(payments.bookingId, booking.id))).map((p) => p.kind).sort()).toEqual(["balance", "deposit"]);
    expect(await db().select().from(refunds).where(and(eq(refunds.bookingId, booking.id), eq(refunds.countsAgainstBooking, false)))).toEqual([]);
  });

  it("opens a new balance checkout after a refund closed the old one, even when the balance stays the same", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", attendees: three.slice(0, 2) });
    const real = paymentProvider();
    const opened: { idempotencyKey?: string }[] = [];
    setPaymentProviderForTests({ ...real, name: real.name, createCheckout: async (r) => { opened.push(r); return real.createCheckout(r); } });
    try {
      const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000; // both opened within one hour
      await openBalanceCheckout(db(), booking.id, new Date(hour + 60_000));
      // A goodwill refund of part of the deposit: the balance owed does not change, but the open checkout is closed.
      await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 1_000, reason: "Goodwill" }, actor);
      expect(amountOwed((await getBooking(booking.id))!)).toBe(18_000);
      expect((await getBooking(booking.id))!.balanceCheckoutSessionId).toBeNull();
      await openBalanceCheckout(db(), booking.id, new Date(hour + 120_000));
    } finally {
      setPaymentProviderForTests(undefined);
    }
    expect(opened).toHaveLength(2);
    // The same key would make Stripe replay the first (now expired) checkout instead of opening a new one.
    expect(opened[1].idempotencyKey).not.toBe(opened[0].idempotencyKey);
  });

  it("pays back from the balance and the deposit with one credit note, and emails once both are back", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booker = uniqueEmail("split");
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", attendees: three.slice(0, 2), contact: { email: booker } });
    await openBalanceCheckout(db(), booking.id);
    await payBalance(booking.id, 18_000);
    const deposit = (await db().select().from(payments).where(and(eq(payments.bookingId, booking.id), eq(payments.kind, "deposit"))))[0];

    // The provider refuses the part on the deposit for now.
    const real = paymentProvider();
    setPaymentProviderForTests({ ...real, name: real.name, refund: async (r) => {
      if (r.paymentIntentId === deposit.providerPaymentId) throw new Error("card network unavailable");
      return real.refund(r);
    } });
    try {
      await refundBooking(db(), { bookingId: booking.id, attendeeIds: (await attendeesOf(booking.id)).map((a) => a.id), amount: 24_000, reason: "Event moved" }, actor);
    } finally {
      setPaymentProviderForTests(undefined);
    }
    // Written in one transaction: the part without a parent is the first.
    const parts = (await refundsOf(booking.id)).sort((a, b) => Number(a.parentRefundId !== null) - Number(b.parentRefundId !== null));
    expect(parts.map((p) => [p.amount, p.status])).toEqual([[18_000, "succeeded"], [6_000, "pending"]]);
    expect(parts[1].parentRefundId).toBe(parts[0].id);
    expect(await creditNotesOf(booking.id)).toEqual([expect.objectContaining({ refundId: parts[0].id, totalAmount: 24_000, refundAmount: 24_000 })]);
    expect((await jobsFor("email.send")).map((j) => j.key).filter((k) => k?.startsWith("email:refund-confirmed"))).toEqual([]);

    await runMaintenance(db()); // retries the pending part
    expect((await refundsOf(booking.id)).map((p) => p.status)).toEqual(["succeeded", "succeeded"]);
    await runJobs();
    expect(mail.to(booker).filter((m) => m.subject?.startsWith("Refund of £240.00"))).toHaveLength(1);
  });

  it("refuses more than was paid, and writes nothing", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000 });
    const booking = await createPaidBooking(session.id);
    const before = await rowCounts();
    const err = await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 12_001, reason: "Too much" }, actor).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.details.fields).toHaveProperty("amount");
    expect(await rowCounts()).toEqual(before);
    expect(await creditNotesOf(booking.id)).toEqual([]);
  });

  it("numbers concurrent credit notes without a gap", async () => {
    const { session } = await createSessionFixture({ capacity: 10, priceAmount: 12_000 });
    const made = [];
    for (let i = 0; i < 8; i++) made.push(await createPaidBooking(session.id));
    const results = await Promise.all(made.map((b) => refundBooking(db(), { bookingId: b.id, attendeeIds: [], amount: 1_000, reason: "Goodwill" }, actor)));
    const sequences = results.map((r) => Number(r.creditNoteNumber.slice(-5))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(8);
    expect(sequences.at(-1)! - sequences[0]).toBe(7);
    const year = Number(results[0].creditNoteNumber.slice(3, 7));
    const all = (await db().select({ s: creditNotes.sequence }).from(creditNotes).where(eq(creditNotes.year, year))).map((r) => r.s).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });
});

const changesOf = (bookingId: string) => db().select().from(bookingChanges).where(eq(bookingChanges.bookingId, bookingId));

describe("charge.refunded", () => {
  it("books a dashboard refund once with a credit note, and a later full refund cancels the booking", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 12_000 });
    const booking = await createPaidBooking(session.id, { attendees: three.slice(0, 2) });
    const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    const first = chargeRefunded(payment.providerPaymentId, 24_000, [{ id: "re_dash_1_" + booking.id.slice(0, 8), amount: 5_000 }]);
    expect((await postWebhook(JSON.stringify(first))).status).toBe(200);
    expect((await postWebhook(JSON.stringify(first))).status).toBe(200); // replayed

    let rows = await refundsOf(booking.id);
    expect(rows).toEqual([expect.objectContaining({ amount: 5_000, status: "succeeded", reason: "Refunded in the Stripe dashboard", countsAgainstBooking: true })]);
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", amountRefunded: 5_000, creditedAmount: 5_000 });
    expect(await creditNotesOf(booking.id)).toEqual([expect.objectContaining({ totalAmount: 5_000, refundAmount: 5_000 })]);
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2 });
    // A part refund lowers the price; no place is cancelled, so the history of changes has nothing new.
    expect(await changesOf(booking.id)).toEqual([]);

    // Stripe lists every refund of the charge; only the new one is booked.
    const second = chargeRefunded(payment.providerPaymentId, 24_000, [
      { id: "re_dash_1_" + booking.id.slice(0, 8), amount: 5_000 }, { id: "re_dash_2_" + booking.id.slice(0, 8), amount: 19_000 },
    ]);
    expect((await postWebhook(JSON.stringify(second))).status).toBe(200);
    rows = await refundsOf(booking.id);
    expect(rows.map((r) => r.amount)).toEqual([5_000, 19_000]);
    expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", paymentStatus: "refunded", amountRefunded: 24_000, creditedAmount: 24_000 });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0 });
    expect((await creditNotesOf(booking.id)).map((c) => c.totalAmount)).toEqual([5_000, 19_000]);
    expect((await db().select().from(payments).where(eq(payments.id, payment.id)))[0].amountRefunded).toBe(24_000);
    // The places it cancelled are in the booking's history, once (the event replayed adds nothing), by the seller.
    expect((await postWebhook(JSON.stringify(second))).status).toBe(200);
    expect(await changesOf(booking.id)).toEqual([expect.objectContaining({
      action: "places_cancelled", actorKind: "staff", actorEmail: null, reason: "Refunded in full at the payment provider, outside Turnout",
      before: expect.objectContaining({ activeAttendees: 2 }), after: { activeAttendees: 0, refundAmount: 19_000, currency: "GBP" },
    })]);
  });

  it("recognises a refund the app made itself and books nothing twice", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000 });
    const booking = await createPaidBooking(session.id, { attendees: three.slice(0, 2) });
    const [ann] = await attendeesOf(booking.id);
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [ann.id], amount: 12_000, reason: "Cancelled" }, actor);
    const [ours] = await refundsOf(booking.id);
    const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    const event = chargeRefunded(payment.providerPaymentId, 24_000, [{ id: ours.providerRefundId!, amount: 12_000, metadata: { refundId: ours.id } }]);
    expect((await postWebhook(JSON.stringify(event))).status).toBe(200);
    expect(await refundsOf(booking.id)).toHaveLength(1);
    expect(await getBooking(booking.id)).toMatchObject({ amountRefunded: 12_000, creditedAmount: 12_000 });
    expect(await creditNotesOf(booking.id)).toHaveLength(1);
  });

  it("completes our own refund that the provider made but the app never recorded", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000 });
    const booking = await createPaidBooking(session.id);
    const real = paymentProvider();
    setPaymentProviderForTests({ ...real, name: real.name, refund: async () => { throw new Error("timed out reading the answer"); } });
    try {
      await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 2_000, reason: "Late start" }, actor);
    } finally {
      setPaymentProviderForTests(undefined);
    }
    const [pending] = await refundsOf(booking.id);
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    const event = chargeRefunded(payment.providerPaymentId, 12_000, [{ id: `re_live_${pending.id.slice(0, 8)}`, amount: 2_000, metadata: { refundId: pending.id } }]);
    expect((await postWebhook(JSON.stringify(event))).status).toBe(200);
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({ id: pending.id, status: "succeeded", providerRefundId: `re_live_${pending.id.slice(0, 8)}` })]);
    expect(await getBooking(booking.id)).toMatchObject({ amountRefunded: 2_000, creditedAmount: 2_000 });
    await runMaintenance(db()); // nothing left to send
    expect(await refundsOf(booking.id)).toHaveLength(1);
    await runJobs();
    expect(await db().select().from(emailMessages).where(sql`${emailMessages.idempotencyKey} like 'refund-confirmed:%' and ${emailMessages.bookingId} = ${booking.id}`))
      .toEqual([expect.objectContaining({ status: "sent" })]);
  });
});

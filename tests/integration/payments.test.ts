// Money that arrives late, twice, or when the refund cannot be sent at once.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { checklistItems, payments, refunds } from "@/db/schema";
import { runMaintenance } from "@/lib/maintenance";
import { paymentProvider, setPaymentProviderForTests } from "@/lib/payments/provider";
import {
  checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, lapseHold, postWebhook, sessionCounters, templateByCode,
} from "../fixtures";

const refundsOf = (bookingId: string) => db().select().from(refunds).where(eq(refunds.bookingId, bookingId));
const paymentsOf = (bookingId: string) => db().select().from(payments).where(eq(payments.bookingId, bookingId));

describe("late payment", () => {
  it("keeps a payment that arrives after the hold was released while the places are still free", async () => {
    const { session } = await createSessionFixture({ capacity: 6 });
    const { booking } = await createBookingViaApi(session.id, 2);
    await lapseHold(booking.id);
    await runMaintenance(db());
    expect(await getBooking(booking.id)).toMatchObject({ status: "expired" });
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 0 });

    const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    expect(res.status).toBe(200);

    expect(await getBooking(booking.id)).toMatchObject({
      status: "confirmed", statusReason: "late_payment_kept", paymentStatus: "paid", amountPaid: 24_000, amountRefunded: 0,
    });
    expect(await refundsOf(booking.id)).toEqual([]);
    expect(await sessionCounters(session.id)).toEqual({ capacity: 6, placesBooked: 2, placesHeld: 0 });
  });

  it("confirms a payment for a lapsed hold that was not swept yet, using the places still held", async () => {
    const { session } = await createSessionFixture({ capacity: 6 });
    const { booking } = await createBookingViaApi(session.id, 3);
    await lapseHold(booking.id);

    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));

    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", statusReason: null, paymentStatus: "paid" });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 6, placesBooked: 3, placesHeld: 0 });
  });

  it("refunds a late payment automatically when others have taken the places since", async () => {
    const { session } = await createSessionFixture({ capacity: 2 });
    const { booking: late } = await createBookingViaApi(session.id, 2);
    await lapseHold(late.id);
    await runMaintenance(db());
    const { booking: other } = await createBookingViaApi(session.id, 2);

    const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", late)));
    expect(res.status).toBe(200);

    expect(await getBooking(late.id)).toMatchObject({
      status: "refunded", statusReason: "late_payment_no_capacity", paymentStatus: "refunded",
      amountPaid: 24_000, amountRefunded: 24_000,
    });
    const [payment] = await paymentsOf(late.id);
    expect(payment).toMatchObject({ amount: 24_000, amountRefunded: 24_000 });
    expect(await refundsOf(late.id)).toEqual([expect.objectContaining({
      paymentId: payment.id, amount: 24_000, reason: "late_payment_refunded", countsAgainstBooking: true,
      status: "succeeded", providerRefundId: expect.stringMatching(/^re_sim_/), attempts: 1, completedAt: expect.any(Date),
    })]);
    expect(await getBooking(other.id)).toMatchObject({ status: "pending" });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 2, placesBooked: 0, placesHeld: 2 });
  });
});

describe("duplicate payment", () => {
  it("refunds a second payment for an already confirmed booking", async () => {
    const { session } = await createSessionFixture({ capacity: 6 });
    const { booking } = await createBookingViaApi(session.id, 1);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));

    // Paid again in another tab: a different payment intent for the same booking.
    const event = checkoutEvent("checkout.session.completed", booking);
    const again = { ...event, data: { object: { ...event.data.object, payment_intent: "pi_sim_second_tab" } } };
    expect((await postWebhook(JSON.stringify(again))).status).toBe(200);

    expect(await paymentsOf(booking.id)).toHaveLength(2);
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({
      reason: "duplicate_payment", countsAgainstBooking: false, status: "succeeded", amount: 12_000,
    })]);
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", paymentStatus: "paid", amountPaid: 12_000, amountRefunded: 0 });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 1, placesHeld: 0 });
  });
});

describe("payment purpose", () => {
  it("refunds a second deposit paid through the first checkout even when it equals the balance", async () => {
    // Price 6,000 with a 3,000 deposit: the balance owed after the deposit is exactly another deposit.
    const { session } = await createSessionFixture({ capacity: 6, priceAmount: 6_000, depositAmount: 3_000 });
    const { booking } = await createBookingViaApi(session.id, 1, { paymentOption: "deposit" });
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    expect(await getBooking(booking.id)).toMatchObject({ paymentStatus: "deposit_paid", amountPaid: 3_000 });

    const event = checkoutEvent("checkout.session.completed", booking);
    const again = { ...event, data: { object: { ...event.data.object, payment_intent: "pi_sim_deposit_again" } } };
    expect((await postWebhook(JSON.stringify(again))).status).toBe(200);

    expect(await getBooking(booking.id)).toMatchObject({ paymentStatus: "deposit_paid", amountPaid: 3_000 });
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({ reason: "duplicate_payment", amount: 3_000, status: "succeeded" })]);
  });
});

describe("preparation checklist", () => {
  it("adds the tasks of a paid booking's requirements to its session's checklist, once", async () => {
    const { session } = await createSessionFixture({ capacity: 6 });
    const wheelchair = await templateByCode("access_wheelchair");
    const { booking } = await createBookingViaApi(session.id, 1, {
      attendees: [{ firstName: "Wen", lastName: "Li", requirements: [{ templateId: wheelchair.id }] }],
    });
    const tasks = () => db().select().from(checklistItems).where(eq(checklistItems.sessionId, session.id));
    expect(await tasks()).toEqual([]);

    const event = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    await Promise.all([postWebhook(event), postWebhook(event)]);

    expect((await tasks()).map((t) => t.label).sort()).toEqual([...wheelchair.checklistItems].sort());
  });
});

describe("refund retries", () => {
  it("keeps a refund the provider refused as pending, and maintenance sends it later", async () => {
    const { session } = await createSessionFixture({ capacity: 6 });
    const { booking } = await createBookingViaApi(session.id, 1);
    const real = paymentProvider();
    setPaymentProviderForTests({
      name: real.name, createCheckout: real.createCheckout, expireCheckout: real.expireCheckout,
      refund: async () => { throw new Error("provider unavailable"); },
    });
    try {
      const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking, 1)));
      expect(res.status).toBe(200);
    } finally {
      setPaymentProviderForTests(undefined);
    }
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({
      status: "pending", attempts: 1, lastError: "provider unavailable", providerRefundId: null,
    })]);

    await runMaintenance(db());
    expect(await refundsOf(booking.id)).toEqual([expect.objectContaining({ status: "succeeded", attempts: 2, lastError: null })]);
    const [payment] = await paymentsOf(booking.id);
    expect(payment.amountRefunded).toBe(1);
  });
});

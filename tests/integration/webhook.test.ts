// POST /api/stripe/webhook: signature checks, exactly-once effects under duplicate delivery, and each event type.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { payments, refunds, webhookEvents } from "@/db/schema";
import { signPayload } from "@/lib/payments/simulated-checkout";
import {
  checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postWebhook, rowCounts, sessionCounters,
} from "../fixtures";

describe("duplicate delivery", () => {
  it("records one payment when the same checkout.session.completed arrives 20 times at once", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 3);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 3, placesBooked: 0 });

    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const signature = signPayload(payload);
    const responses = await Promise.all(Array.from({ length: 20 }, () => postWebhook(payload, signature)));

    for (const r of responses) expect(r.status >= 200 && r.status < 300, `status ${r.status}`).toBe(true);
    const outcomes = responses.map((r) => r.json.outcome).sort();
    expect(outcomes.filter((o) => o === "processed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(19);

    const eventId = JSON.parse(payload).id;
    expect(await db().select().from(webhookEvents).where(eq(webhookEvents.id, eventId))).toHaveLength(1);
    const paid = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ amount: 36_000, currency: "GBP", kind: "full", provider: "simulated" });

    expect(await getBooking(booking.id)).toMatchObject({
      status: "confirmed", paymentStatus: "paid", amountPaid: 36_000, statusReason: null,
    });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 3, placesHeld: 0 });
  });

  it("creates no second payment when payment_intent.succeeded follows for the same intent", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 2);
    const completed = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    expect((await postWebhook(completed)).json.outcome).toBe("processed");
    const before = await rowCounts();

    const succeeded = JSON.stringify(checkoutEvent("payment_intent.succeeded", booking));
    const res = await postWebhook(succeeded);
    expect(res.status).toBe(200);
    expect(res.json.outcome).toBe("processed");

    expect(await db().select().from(payments).where(eq(payments.bookingId, booking.id))).toHaveLength(1);
    const after = await rowCounts();
    expect(after.payments).toBe(before.payments);
    expect(after.refunds).toBe(before.refunds);
    expect(after.webhook_events).toBe(before.webhook_events + 1);
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", amountPaid: 24_000 });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
  });
});

describe("signature verification", () => {
  async function expectRejected(send: () => Promise<{ status: number; json: { error: { code: string } } }>) {
    const before = await rowCounts();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_request");
    expect(await rowCounts()).toEqual(before);
  }

  it("answers 400 and writes nothing for a signature made with another secret", async () => {
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    await expectRejected(() => postWebhook(payload, signPayload(payload, "whsec_someone_else")));
    expect(await getBooking(booking.id)).toMatchObject({ status: "pending" });
  });

  it("answers 400 and writes nothing without a Stripe-Signature header", async () => {
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id);
    await expectRejected(() => postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)), null));
  });

  it("answers 400 and writes nothing for a garbage signature header", async () => {
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id);
    await expectRejected(() => postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)), "t=1,v1=deadbeef"));
  });

  it("answers 400 and writes nothing when the body was changed after signing", async () => {
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id);
    const event = checkoutEvent("checkout.session.completed", booking);
    const signature = signPayload(JSON.stringify(event));
    const tampered = JSON.stringify({ ...event, data: { object: { ...event.data.object, amount_total: 1 } } });
    await expectRejected(() => postWebhook(tampered, signature));
    expect(await getBooking(booking.id)).toMatchObject({ status: "pending", amountPaid: 0 });
  });
});

describe("event types", () => {
  it("refunds a payment of the wrong amount and leaves the booking unconfirmed", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 2);
    const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking, booking.amountDueNow - 100)));
    expect(res.status).toBe(200);

    expect(await getBooking(booking.id)).toMatchObject({ status: "pending", paymentStatus: "unpaid", amountPaid: 0, amountRefunded: 0 });
    const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    expect(payment).toMatchObject({ amount: 23_900, amountRefunded: 23_900 });
    const rows = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      paymentId: payment.id, amount: 23_900, currency: "GBP", reason: "amount_mismatch",
      countsAgainstBooking: false, status: "succeeded", providerRefundId: expect.stringMatching(/^re_sim_/),
    });
    // The places stay held: the customer may still pay the right amount before the hold ends.
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0, placesHeld: 2 });
  });

  it("refunds a payment in the wrong currency", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 1);
    const event = checkoutEvent("checkout.session.completed", booking);
    const inEuros = { ...event, data: { object: { ...event.data.object, currency: "eur" } } };
    expect((await postWebhook(JSON.stringify(inEuros))).status).toBe(200);
    expect(await getBooking(booking.id)).toMatchObject({ status: "pending" });
    expect(await db().select().from(refunds).where(eq(refunds.bookingId, booking.id)))
      .toEqual([expect.objectContaining({ reason: "amount_mismatch", status: "succeeded" })]);
  });

  it("expires a pending booking and releases its places on checkout.session.expired", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 4);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 4 });

    const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.expired", booking)));
    expect(res.status).toBe(200);
    expect(res.json.outcome).toBe("processed");
    expect(await getBooking(booking.id)).toMatchObject({ status: "expired", statusReason: "checkout_expired", releasedAt: expect.any(Date) });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 0, placesHeld: 0 });
  });

  it("ignores checkout.session.expired for a booking that was already paid", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 2);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.expired", booking)));
    expect(res.status).toBe(200);
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed" });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
  });

  it("answers 200 to an event type it does not handle and records nothing", async () => {
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id);
    const before = await rowCounts();
    const event = { ...checkoutEvent("checkout.session.completed", booking), type: "customer.created" };
    const res = await postWebhook(JSON.stringify(event));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, outcome: "ignored" });
    expect(await rowCounts()).toEqual(before);
    expect(await getBooking(booking.id)).toMatchObject({ status: "pending" });
  });
});

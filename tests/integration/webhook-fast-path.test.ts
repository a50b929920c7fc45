// Stripe's webhooks answered before Next.js routes them (lib/http/webhook-fast-path.ts), through a real HTTP
// server in this process: the same answers as the route handler, exactly once under a burst of duplicates and
// of payments, nothing written for a bad signature or body, and everything else passed on.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { payments } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { FAST_PATH_HEADER } from "@/lib/http/api-fast-path";
import { answerStripeWebhook, STRIPE_WEBHOOK_PATH } from "@/lib/http/webhook-fast-path";
import { runMaintenance } from "@/lib/maintenance";
import { paymentProvider, setPaymentProviderForTests } from "@/lib/payments/provider";
import { signPayload } from "@/lib/payments/simulated-checkout";
import { resetWebhookLimitForTests } from "@/lib/payments/webhook-intake";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, lapseHold, rowCounts, sessionCounters } from "../fixtures";
import { PASSED_ON, serveHookForTests } from "../hook-server";

const { origin } = serveHookForTests(answerStripeWebhook);

afterEach(() => {
  delete process.env.STRIPE_WEBHOOK_CONCURRENCY;
  resetEnvForTests();
  resetWebhookLimitForTests();
});

async function post(body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}, path = STRIPE_WEBHOOK_PATH) {
  const res = await fetch(`${origin()}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

const signed = (payload: string) => ({ "stripe-signature": signPayload(payload) });

describe("POST /api/stripe/webhook before Next.js", () => {
  it("applies a signed payment and answers as the route handler does, with the security headers", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 2);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));

    const res = await post(payload, signed(payload));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, outcome: "processed" });
    expect(res.headers.get(FAST_PATH_HEADER)).toBe("1");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", paymentStatus: "paid" });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });

    expect((await post(payload, signed(payload))).json).toEqual({ received: true, outcome: "duplicate" });
  });

  it("records one payment when the same event arrives 20 times at once", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 3);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(payload, signed(payload))));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((r) => r.json.outcome === "processed")).toHaveLength(1);
    expect(responses.filter((r) => r.json.outcome === "duplicate")).toHaveLength(19);
    expect(await db().select().from(payments).where(eq(payments.bookingId, booking.id))).toHaveLength(1);
  });

  it("applies every payment of a burst for one session, one at a time when the limit is one", async () => {
    process.env.STRIPE_WEBHOOK_CONCURRENCY = "1";
    resetEnvForTests();
    resetWebhookLimitForTests();
    const { session } = await createSessionFixture({ capacity: 12 });
    const held = await Promise.all(Array.from({ length: 12 }, () => createBookingViaApi(session.id, 1)));
    const payloads = held.map(({ booking }) => JSON.stringify(checkoutEvent("checkout.session.completed", booking)));

    const responses = await Promise.all(payloads.map((p) => post(p, signed(p))));
    expect(responses.map((r) => r.json?.outcome)).toEqual(Array(12).fill("processed"));
    for (const { booking } of held) expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed" });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 12, placesBooked: 12, placesHeld: 0 });
  });

  it("lets other events through while a refund it decided on waits for the provider", async () => {
    process.env.STRIPE_WEBHOOK_CONCURRENCY = "1";
    resetEnvForTests();
    resetWebhookLimitForTests();
    // A payment arriving after its hold lapsed and the places sold: refunded, through the provider.
    const { session } = await createSessionFixture({ capacity: 2 });
    const { booking: late } = await createBookingViaApi(session.id, 2);
    await lapseHold(late.id);
    await runMaintenance(db());
    await createBookingViaApi(session.id, 2);
    const { session: other } = await createSessionFixture({ capacity: 2 });
    const { booking: onTime } = await createBookingViaApi(other.id, 1);

    const real = paymentProvider();
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    let refundAsked = false;
    setPaymentProviderForTests({ ...real, refund: async (req) => { refundAsked = true; await released; return real.refund(req); } });
    try {
      const latePayload = JSON.stringify(checkoutEvent("checkout.session.completed", late));
      const lateAnswer = post(latePayload, signed(latePayload));
      await expect.poll(() => refundAsked).toBe(true);
      // The only turn is free again: the next event is applied while the provider still has the refund.
      const onTimePayload = JSON.stringify(checkoutEvent("checkout.session.completed", onTime));
      let onTimeDone = false;
      const onTimeAnswer = post(onTimePayload, signed(onTimePayload)).finally(() => { onTimeDone = true; });
      await expect.poll(() => onTimeDone, { timeout: 30_000 }).toBe(true);
      expect((await onTimeAnswer).json).toEqual({ received: true, outcome: "processed" });
      expect(await getBooking(onTime.id)).toMatchObject({ status: "confirmed" });
      release();
      expect((await lateAnswer).json).toEqual({ received: true, outcome: "processed" });
      expect(await getBooking(late.id)).toMatchObject({ status: "refunded", statusReason: "late_payment_no_capacity" });
    } finally {
      release();
      setPaymentProviderForTests(undefined);
    }
  });

  it("refuses a bad signature, a body that is not UTF-8 and one over the limit, and writes nothing", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 1);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const before = await rowCounts();

    const forged = await post(payload, { "stripe-signature": signPayload(`${payload} `) });
    expect(forged.status).toBe(400);
    expect(forged.json.error.message).toBe("Invalid webhook signature");
    expect((await post(payload)).json.error.message).toBe("Missing Stripe-Signature header");

    const notUtf8 = await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { "stripe-signature": "t=1,v1=00" });
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.json.error.fields).toEqual({ _root: "The body must be UTF-8 text" });

    const huge = "x".repeat(1024 * 1024 + 1);
    const declared = await post(huge, signed(huge));
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe("payload_too_large");
    // Sent in chunks with no Content-Length: counted as it arrives.
    const chunked = await fetch(`${origin()}${STRIPE_WEBHOOK_PATH}`, {
      method: "POST", headers: signed(huge), duplex: "half",
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 17; i++) c.enqueue(new TextEncoder().encode(huge.slice(i * 65_536, (i + 1) * 65_536)));
          c.close();
        },
      }),
    } as RequestInit);
    expect(chunked.status).toBe(413);

    expect(await rowCounts()).toEqual(before);
    expect(await getBooking(booking.id)).toMatchObject({ status: "pending" });
  });

  it("passes on every other request", async () => {
    expect((await fetch(`${origin()}${STRIPE_WEBHOOK_PATH}`)).status).toBe(PASSED_ON);
    expect((await post("{}", {}, "/api/stripe/webhooks")).status).toBe(PASSED_ON);
    expect((await post("{}", {}, "/api/v1/bookings")).status).toBe(PASSED_ON);
  });
});

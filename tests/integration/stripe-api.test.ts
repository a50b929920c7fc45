// The real Stripe provider against a local stand-in for Stripe's HTTP API: the requests we send for a
// Checkout Session, for expiring one that outlives a short hold, and for refunds.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { runMaintenance } from "@/lib/maintenance";
import { setStripeClientForTests } from "@/lib/payments/stripe-client";
import { signPayload } from "@/lib/payments/simulated-checkout";
import { createBookingViaApi, createSessionFixture, db, getBooking, lapseHold, postWebhook } from "../fixtures";

type Recorded = { method: string; path: string; body: URLSearchParams; idempotencyKey: string | undefined };

let server: http.Server;
let requests: Recorded[] = [];
let checkoutCounter = 0;

function reply(res: http.ServerResponse, body: object) {
  res.writeHead(200, { "content-type": "application/json", "request-id": "req_test" });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0];
      requests.push({ method: req.method!, path, body: new URLSearchParams(raw), idempotencyKey: req.headers["idempotency-key"] as string | undefined });
      if (req.method === "POST" && path === "/v1/checkout/sessions") {
        const id = `cs_test_${++checkoutCounter}`;
        return reply(res, { id, object: "checkout.session", status: "open", url: `https://checkout.stripe.test/c/pay/${id}` });
      }
      const expire = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/);
      if (req.method === "POST" && expire) return reply(res, { id: expire[1], object: "checkout.session", status: "expired" });
      const get = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/);
      if (req.method === "GET" && get) return reply(res, { id: get[1], object: "checkout.session", status: "open" });
      if (req.method === "POST" && path === "/v1/refunds")
        // Unique ids: maintenance run by these tests also refunds other test files' bookings through this stand-in.
        return reply(res, { id: `re_test_${randomUUID()}`, object: "refund", status: "succeeded", amount: Number(new URLSearchParams(raw).get("amount")) });
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "invalid_request_error", message: `no stand-in for ${req.method} ${path}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  setStripeClientForTests(new Stripe("sk_test_stand_in", { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 }));
});

afterAll(async () => {
  setStripeClientForTests(undefined);
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
  process.env.STRIPE_SECRET_KEY = "sk_test_stand_in";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_stand_in_secret";
  process.env.APP_SECRET = "stand-in-app-secret-0123456789";
  resetEnvForTests();
});

afterEach(() => {
  for (const name of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "APP_SECRET", "HOLD_MINUTES"]) delete process.env[name];
  resetEnvForTests();
});

describe("Stripe Checkout", () => {
  it("opens a Checkout Session with the booking id in its metadata and the amount due", async () => {
    const { session } = await createSessionFixture({ capacity: 6, priceAmount: 12_000, depositAmount: 3_000 });
    const before = Math.floor(Date.now() / 1000);
    const { booking, created } = await createBookingViaApi(session.id, 2, { paymentOption: "deposit" });

    const [create] = requests.filter((r) => r.path === "/v1/checkout/sessions");
    expect(create.idempotencyKey).toBe(`checkout-initial-${booking.id}`);
    const b = create.body;
    expect(b.get("mode")).toBe("payment");
    expect(b.get("metadata[bookingId]")).toBe(booking.id);
    expect(b.get("metadata[purpose]")).toBe("initial");
    expect(b.get("payment_intent_data[metadata][bookingId]")).toBe(booking.id);
    expect(b.get("client_reference_id")).toBe(booking.id);
    expect(b.get("line_items[0][quantity]")).toBe("2");
    expect(b.get("line_items[0][price_data][unit_amount]")).toBe("3000");
    expect(b.get("line_items[0][price_data][currency]")).toBe("gbp");
    // The default 30-minute hold is the checkout's own expiry (Stripe's minimum is 30 minutes).
    const expiresAt = Number(b.get("expires_at"));
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60 - 5);
    expect(expiresAt).toBeLessThanOrEqual(before + 31 * 60 + 5);
    expect(b.get("success_url")).toContain(`/bookings/${booking.reference}?token=`);

    expect(created.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    expect(await getBooking(booking.id)).toMatchObject({ paymentProvider: "stripe", checkoutSessionId: expect.stringMatching(/^cs_test_/) });
  });

  it("expires the Checkout Session itself when a hold shorter than 30 minutes lapses", async () => {
    process.env.HOLD_MINUTES = "10";
    resetEnvForTests();
    const { session } = await createSessionFixture({ capacity: 4 });
    const before = Math.floor(Date.now() / 1000);
    const { booking } = await createBookingViaApi(session.id, 1);
    const [create] = requests.filter((r) => r.path === "/v1/checkout/sessions");
    // Stripe refuses an expiry under 30 minutes: the checkout outlives the hold a little.
    expect(Number(create.body.get("expires_at"))).toBeGreaterThanOrEqual(before + 31 * 60 - 5);

    const checkoutId = (await getBooking(booking.id))!.checkoutSessionId!;
    await lapseHold(booking.id);
    await runMaintenance(db());

    expect(await getBooking(booking.id)).toMatchObject({ status: "expired" });
    expect(requests.some((r) => r.method === "POST" && r.path === `/v1/checkout/sessions/${checkoutId}/expire`)).toBe(true);
  });
});

describe("Stripe refunds", () => {
  it("refunds a late payment through the Refunds API with an idempotency key", async () => {
    const { session } = await createSessionFixture({ capacity: 1 });
    const { booking: late } = await createBookingViaApi(session.id, 1);
    await lapseHold(late.id);
    await runMaintenance(db());
    await createBookingViaApi(session.id, 1); // someone else takes the place meanwhile
    const lateRow = (await getBooking(late.id))!;

    const event = {
      id: "evt_test_late_1", object: "event", type: "checkout.session.completed", livemode: false, created: Math.floor(Date.now() / 1000),
      data: { object: {
        id: lateRow.checkoutSessionId, object: "checkout.session", amount_total: lateRow.amountDueNow, currency: "gbp",
        payment_status: "paid", payment_intent: "pi_test_late", metadata: { bookingId: late.id, purpose: "initial" },
      } },
    };
    const payload = JSON.stringify(event);
    const res = await postWebhook(payload, signPayload(payload, "whsec_stand_in_secret"));
    expect(res.status).toBe(200);

    // Maintenance above may have refunded other files' bookings through the stand-in too: this booking's request.
    const [refund] = requests.filter((r) => r.path === "/v1/refunds" && r.body.get("metadata[bookingId]") === late.id);
    expect(refund.body.get("payment_intent")).toBe("pi_test_late");
    expect(refund.body.get("amount")).toBe(String(lateRow.amountDueNow));
    expect(refund.idempotencyKey).toMatch(/^refund-/);
    expect(await getBooking(late.id)).toMatchObject({ status: "refunded", paymentStatus: "refunded" });
  });

  it("rejects events signed with another secret once Stripe is configured", async () => {
    const payload = JSON.stringify({ id: "evt_test_wrong", object: "event", type: "checkout.session.completed", data: { object: {} } });
    const res = await postWebhook(payload, signPayload(payload, "whsec_turnout_simulated_checkout"));
    expect(res.status).toBe(400);
  });
});

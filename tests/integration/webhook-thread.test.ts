// The webhook thread (lib/payments/webhook-thread.ts): the fast path's events are applied there, off the
// thread that answers pages, with the same answers, exactly once under a burst of duplicates, nothing written
// for a bad signature, the payments counted in this thread's /api/metrics registry; once it is stopped the
// fast path applies events here again.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payments } from "@/db/schema";
import { answerStripeWebhook, STRIPE_WEBHOOK_PATH } from "@/lib/http/webhook-fast-path";
import { metrics } from "@/lib/metrics/registry";
import { signPayload } from "@/lib/payments/simulated-checkout";
import { applyOnWebhookThread, startWebhookThread, stopWebhookThread, webhookThreadTakesEvents } from "@/lib/payments/webhook-thread";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, rowCounts, sessionCounters } from "../fixtures";
import { serveHookForTests } from "../hook-server";

const { origin } = serveHookForTests(answerStripeWebhook);

beforeAll(async () => {
  await startWebhookThread();
});
afterAll(async () => {
  await stopWebhookThread();
});

async function post(payload: string, signature = signPayload(payload)) {
  const res = await fetch(`${origin()}${STRIPE_WEBHOOK_PATH}`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload });
  return { status: res.status, json: await res.json() as { received?: boolean; outcome?: string; error?: { code: string } } };
}

const paymentsCounted = async () => (await metrics().payments.get()).values.reduce((n, v) => n + v.value, 0);

describe("the webhook thread", () => {
  it("applies a signed payment handed to it and answers as the route handler does", async () => {
    const counted = await paymentsCounted();
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 2);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));

    // Handed to the thread directly: it takes events (undefined would mean "apply it yourself").
    const onThread = applyOnWebhookThread(payload, signPayload(payload), "test-request-0001");
    expect(onThread).toBeDefined();
    const answer = await onThread!;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ received: true, outcome: "processed" });
    expect(answer.headers["content-type"]).toContain("application/json");
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", paymentStatus: "paid" });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
    // Counted on the thread, registered here (forwarded like the job thread's counts).
    await expect.poll(paymentsCounted, { timeout: 10_000 }).toBe(counted + 1);

    // Through the fast path, a replay is a duplicate.
    expect(await post(payload)).toEqual({ status: 200, json: { received: true, outcome: "duplicate" } });
  });

  it("records one payment when the same event reaches it 20 times at once", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 3);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(payload)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.json.outcome === "processed")).toHaveLength(1);
    expect(answers.filter((a) => a.json.outcome === "duplicate")).toHaveLength(19);
    expect(await db().select().from(payments).where(eq(payments.bookingId, booking.id))).toHaveLength(1);
  });

  it("applies a burst of payments for one session, each once", async () => {
    const { session } = await createSessionFixture({ capacity: 12 });
    const held = await Promise.all(Array.from({ length: 12 }, () => createBookingViaApi(session.id, 1)));
    const answers = await Promise.all(held.map(({ booking }) => post(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))));
    expect(answers.map((a) => a.json.outcome)).toEqual(Array(12).fill("processed"));
    expect(await sessionCounters(session.id)).toEqual({ capacity: 12, placesBooked: 12, placesHeld: 0 });
  });

  it("refuses a bad signature and writes nothing", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 1);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const before = await rowCounts();
    const res = await post(payload, "t=1,v1=0000");
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe("invalid_request");
    expect(await rowCounts()).toEqual(before);
    expect(await getBooking(booking.id)).toMatchObject({ status: "pending" });
  });

  it("loses nothing when it dies while applying events: each is answered, a retry applies it once, and it starts again", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const held = await Promise.all(Array.from({ length: 6 }, () => createBookingViaApi(session.id, 1)));
    const payloads = held.map(({ booking }) => JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const thread = (globalThis as unknown as { turnoutWebhookThread?: { worker: { terminate(): Promise<number> } } }).turnoutWebhookThread!;
    // The thread dies with some of these applied, some not, some in between.
    const answers = await Promise.all([...payloads.map((p) => post(p)), thread.worker.terminate().then(() => null)]);
    for (const a of answers.filter((x) => x !== null)) {
      expect([200, 500]).toContain(a.status); // 500: not known to be applied, so Stripe sends it again
    }
    // Stripe's retries: every event ends up applied once, whoever applies it.
    const retried = await Promise.all(payloads.map((p) => post(p)));
    expect(retried.map((a) => a.status)).toEqual(Array(6).fill(200));
    for (const { booking } of held) {
      expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed" });
      expect(await db().select().from(payments).where(eq(payments.bookingId, booking.id))).toHaveLength(1);
    }
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 6, placesHeld: 0 });
    // Started again: it takes events once more.
    await expect.poll(webhookThreadTakesEvents, { timeout: 30_000, interval: 100 }).toBe(true);
    const { booking } = await createBookingViaApi(session.id, 1);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const answer = await applyOnWebhookThread(payload, signPayload(payload), undefined);
    expect(answer && JSON.parse(answer.body)).toEqual({ received: true, outcome: "processed" });
  });

  it("once stopped, leaves events to the fast path, which applies them itself", async () => {
    await stopWebhookThread();
    const { session } = await createSessionFixture({ capacity: 10 });
    const { booking } = await createBookingViaApi(session.id, 1);
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    expect(applyOnWebhookThread(payload, signPayload(payload), undefined)).toBeUndefined();
    expect(await post(payload)).toEqual({ status: 200, json: { received: true, outcome: "processed" } });
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed" });
    await stopWebhookThread(); // nothing left to stop
  });
});

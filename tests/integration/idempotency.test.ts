// Idempotency-Key on POST /api/v1/bookings (retries, concurrent retries, a key reused for another request),
// and the wizard's submit action, which carries the draft's key.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { startCheckout } from "@/app/(shop)/book/actions";
import { bookings, idempotencyKeys, paymentLogs } from "@/db/schema";
import { paymentProvider, setPaymentProviderForTests } from "@/lib/payments/provider";
import { createApiKey } from "@/lib/api-keys/keys";
import { bookingBody, checkoutEvent, createSessionFixture, db, getBooking, lapseHold, postBooking, postWebhook, rowCounts, sessionCounters } from "../fixtures";
import { runMaintenance } from "@/lib/maintenance";

const keyRows = (key: string) => db().select().from(idempotencyKeys)
  .where(and(eq(idempotencyKeys.scope, "bookings.create"), eq(idempotencyKeys.key, key)));
const holdsCreated = (bookingIds: string[]) => db().select().from(paymentLogs)
  .where(and(inArray(paymentLogs.bookingId, bookingIds), eq(paymentLogs.type, "hold_created")));

describe("Idempotency-Key", () => {
  it("answers a retry with the booking as it is now: a lapsed hold is expired, with its page instead of a checkout", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const key = randomUUID();
    const body = bookingBody(session.id, 1);
    const first = await postBooking(body, { idempotencyKey: key });
    expect(first.json.status).toBe("pending");
    await lapseHold(first.json.bookingId);
    await runMaintenance(db());
    const retry = await postBooking(body, { idempotencyKey: key });
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ bookingId: first.json.bookingId, status: "expired" });
    expect(retry.json.checkoutUrl).toContain(`/bookings/${first.json.reference}?token=`);
  });

  it("answers a retry after payment with the paid booking: confirmed, nothing due, its page instead of a checkout", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const key = randomUUID();
    const body = bookingBody(session.id, 2);
    const first = await postBooking(body, { idempotencyKey: key });
    expect(first.json.amountDue).toBeGreaterThan(0);
    const booking = (await getBooking(first.json.bookingId))!;
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    const retry = await postBooking(body, { idempotencyKey: key });
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ bookingId: first.json.bookingId, status: "confirmed", amountDue: 0, totalAmount: first.json.totalAmount });
    expect(retry.json.checkoutUrl).toContain(`/bookings/${first.json.reference}?token=`);
  });

  it("is each caller's own: the same key and body from another API key, or from no key, is another booking", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const staff = { id: null, email: "test:idempotency" };
    const [a, b] = await Promise.all(["Shop A", "Shop B"].map((name) => createApiKey(db(), staff, { name, scopes: ["bookings:create"] })));
    const key = randomUUID();
    const body = bookingBody(session.id, 1);
    const first = await postBooking(body, { idempotencyKey: key, apiKey: a.key });
    const other = await postBooking(body, { idempotencyKey: key, apiKey: b.key });
    const anonymous = await postBooking(body, { idempotencyKey: key });
    expect([first.status, other.status, anonymous.status]).toEqual([201, 201, 201]);
    expect(new Set([first.json.bookingId, other.json.bookingId, anonymous.json.bookingId]).size).toBe(3);
    // The caller's own retry still gets its own booking back.
    const retry = await postBooking(body, { idempotencyKey: key, apiKey: a.key });
    expect(retry.status).toBe(200);
    expect(retry.json.bookingId).toBe(first.json.bookingId);
  });

  it("returns the first booking to a retry and creates nothing new", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const key = randomUUID();
    const body = bookingBody(session.id, 2);

    const first = await postBooking(body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const afterFirst = await rowCounts();

    const retry = await postBooking(body, { idempotencyKey: key });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.json).toEqual(first.json);
    expect(retry.json).toMatchObject({
      bookingId: first.json.bookingId, reference: first.json.reference, accessToken: first.json.accessToken,
    });

    expect(await rowCounts()).toEqual(afterFirst);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 2 });
    const [row] = await keyRows(key);
    expect(row.bookingId).toBe(first.json.bookingId);
  });

  it("creates one booking for 20 concurrent requests with the same key", async () => {
    const { session } = await createSessionFixture({ capacity: 50 });
    const key = randomUUID();
    const body = bookingBody(session.id, 2);

    const responses = await Promise.all(Array.from({ length: 20 }, () => postBooking(body, { idempotencyKey: key })));

    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(responses.map((r) => r.json.bookingId)).size).toBe(1);
    expect(new Set(responses.map((r) => r.json.reference)).size).toBe(1);
    expect(new Set(responses.map((r) => r.json.accessToken)).size).toBe(1);
    expect(new Set(responses.map((r) => r.json.checkoutUrl)).size).toBe(1);

    expect(await db().select().from(bookings).where(eq(bookings.sessionId, session.id))).toHaveLength(1);
    expect(await keyRows(key)).toHaveLength(1);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 2, placesBooked: 0 });
  });

  it("refuses the same key with a different body and creates nothing", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const key = randomUUID();
    const first = await postBooking(bookingBody(session.id, 1), { idempotencyKey: key });
    expect(first.status).toBe(201);
    const before = await rowCounts();

    const reused = await postBooking(bookingBody(session.id, 3), { idempotencyKey: key });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    expect(await rowCounts()).toEqual(before);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 1 });
  });

  it("lets a key be used again after a request with it was refused", async () => {
    // The refused attempt rolled back its claim on the key, so the corrected request goes through.
    const { session } = await createSessionFixture({ capacity: 2 });
    const key = randomUUID();
    const tooBig = await postBooking(bookingBody(session.id, 3), { idempotencyKey: key });
    expect(tooBig.status).toBe(409);
    expect(tooBig.json.error.code).toBe("insufficient_capacity");
    expect(await keyRows(key)).toHaveLength(0);

    const fits = await postBooking(bookingBody(session.id, 2), { idempotencyKey: key });
    expect(fits.status).toBe(201);
  });

  it("treats different keys as different requests", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const body = bookingBody(session.id, 1);
    const a = await postBooking(body, { idempotencyKey: randomUUID() });
    const b = await postBooking(body, { idempotencyKey: randomUUID() });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.bookingId).not.toBe(b.json.bookingId);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 2 });
  });
});

describe("the wizard's submit action", () => {
  it("makes one booking with one hold for 20 concurrent submits of the same draft, and sends every caller to the same payment page", async () => {
    const { session } = await createSessionFixture({ capacity: 50 });
    const draftKey = randomUUID();
    const draft = bookingBody(session.id, 3);
    // Like Stripe, a new checkout for every request, so callers racing to open one would see different pages.
    const real = paymentProvider();
    let opened = 0;
    setPaymentProviderForTests({
      ...real,
      createCheckout: async (req) => {
        const { id, url } = await real.createCheckout(req);
        opened++;
        return { id: `${id}_${opened}`, url: `${url}_${opened}` };
      },
    });
    let results: Awaited<ReturnType<typeof startCheckout>>[];
    try {
      results = await Promise.all(Array.from({ length: 20 }, () => startCheckout(draft, draftKey)));
    } finally {
      setPaymentProviderForTests(undefined);
    }

    expect(results.filter((r) => !r.ok)).toEqual([]);
    const made = await db().select().from(bookings).where(eq(bookings.sessionId, session.id));
    expect(made).toHaveLength(1);
    const [booking] = made;
    expect(booking.checkoutUrl).toMatch(/_\d+$/);
    expect(results.map((r) => r.ok && r.checkoutUrl)).toEqual(Array(20).fill(booking.checkoutUrl));
    expect(results.map((r) => r.ok && r.reference)).toEqual(Array(20).fill(booking.reference));
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 3, placesBooked: 0 });
    expect(await holdsCreated([booking.id])).toHaveLength(1);
    expect(await keyRows(`wizard:${draftKey}`)).toEqual([expect.objectContaining({ bookingId: booking.id })]);
  });
});

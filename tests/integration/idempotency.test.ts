// Idempotency-Key on POST /api/v1/bookings: retries, concurrent retries, and a key reused for another request.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { bookings, idempotencyKeys } from "@/db/schema";
import { bookingBody, createSessionFixture, db, postBooking, rowCounts, sessionCounters } from "../fixtures";

const keyRows = (key: string) => db().select().from(idempotencyKeys)
  .where(and(eq(idempotencyKeys.scope, "bookings.create"), eq(idempotencyKeys.key, key)));

describe("Idempotency-Key", () => {
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

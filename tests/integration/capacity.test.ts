// Concurrent bookings never oversell a session: the hold is one conditional UPDATE, backed by a check constraint.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { courseSessions } from "@/db/schema";
import { bookingBody, createSessionFixture, db, pendingAttendeeSum, postBooking, rowCounts, sessionCounters } from "../fixtures";

describe("POST /api/v1/bookings under contention", () => {
  it("gives 10 remaining places to exactly 10 of 200 concurrent single-place requests", async () => {
    const { session } = await createSessionFixture({ capacity: 14, placesBooked: 4 });

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postBooking(bookingBody(session.id, 1, {
        contact: { name: `Racer ${i}`, email: `racer${i}@example.com`, phone: "+44 20 7946 0002" },
      }))),
    );

    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(190);
    for (const r of refused) expect(r.json.error.code).toBe("insufficient_capacity");
    expect(new Set(created.map((r) => r.json.bookingId)).size).toBe(10);
    expect(new Set(created.map((r) => r.json.reference)).size).toBe(10);

    const counters = await sessionCounters(session.id);
    expect(counters.placesBooked + counters.placesHeld).toBeLessThanOrEqual(counters.capacity);
    expect(counters).toEqual({ capacity: 14, placesBooked: 4, placesHeld: 10 });
    expect(await pendingAttendeeSum(session.id)).toBe(counters.placesHeld);
  });

  it("never oversells with mixed group sizes, and held places match the pending bookings", async () => {
    const { session } = await createSessionFixture({ capacity: 20 });
    const sizes = Array.from({ length: 60 }, (_, i) => (i % 4) + 1); // 1,2,3,4,1,2,...: 150 places asked for

    const responses = await Promise.all(sizes.map((n) => postBooking(bookingBody(session.id, n))));

    const granted = responses.flatMap((r, i) => (r.status === 201 ? [sizes[i]] : []));
    for (const r of responses) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) expect(r.json.error.code).toBe("insufficient_capacity");
    }
    const placesGranted = granted.reduce((a, b) => a + b, 0);
    expect(placesGranted).toBeLessThanOrEqual(20);
    // Every refused request asked for more than was left once all the winners held their places.
    const smallestRefused = Math.min(...sizes.filter((_, i) => responses[i].status === 409));
    expect(smallestRefused).toBeGreaterThan(20 - placesGranted);

    const counters = await sessionCounters(session.id);
    expect(counters.placesBooked + counters.placesHeld).toBeLessThanOrEqual(counters.capacity);
    expect(counters.placesHeld).toBe(placesGranted);
    expect(await pendingAttendeeSum(session.id)).toBe(counters.placesHeld);
  });

  it("reports how many places are left when refusing", async () => {
    const { session } = await createSessionFixture({ capacity: 5, placesBooked: 2 });
    const before = await rowCounts();
    const res = await postBooking(bookingBody(session.id, 4));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "insufficient_capacity", available: 3 });
    expect(await rowCounts()).toEqual(before);
    expect(await sessionCounters(session.id)).toEqual({ capacity: 5, placesBooked: 2, placesHeld: 0 });
  });
});

describe("course_sessions_places_within_capacity", () => {
  it("rejects a direct UPDATE that would push places over capacity", async () => {
    const { session } = await createSessionFixture({ capacity: 10, placesBooked: 6 });
    const overfill = db().update(courseSessions)
      .set({ placesHeld: sql`${courseSessions.placesHeld} + 5` })
      .where(eq(courseSessions.id, session.id));
    await expect(overfill).rejects.toMatchObject({ cause: { constraint_name: "course_sessions_places_within_capacity" } });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 6, placesHeld: 0 });
  });

  it("rejects negative counters", async () => {
    const { session } = await createSessionFixture({ capacity: 10 });
    const negative = db().update(courseSessions).set({ placesHeld: -1 }).where(eq(courseSessions.id, session.id));
    await expect(negative).rejects.toMatchObject({ cause: { constraint_name: "course_sessions_places_nonnegative" } });
  });
});

import { describe, expect, it } from "vitest";
import type { RateLimiterDrizzle } from "rate-limiter-flexible";
import { coalescedLimiter } from "./coalesced";

/** A store like the PostgreSQL one: fixed windows, one atomic add-and-read per call; writes are recorded. */
function fakeStore(points: number, clock: { t: number }, windowMs = 60_000) {
  const rows = new Map<string, { n: number; expires: number }>();
  const writes: number[] = [];
  let failing = false;
  const store = {
    points,
    async consume(key: string, add = 1) {
      await Promise.resolve();
      if (failing) throw new Error("database unavailable");
      writes.push(add);
      let row = rows.get(key);
      if (!row || row.expires <= clock.t) row = { n: 0, expires: clock.t + windowMs };
      row.n += add;
      rows.set(key, row);
      const res = { consumedPoints: row.n, remainingPoints: Math.max(0, points - row.n), msBeforeNext: row.expires - clock.t };
      if (row.n > points) throw res;
      return res;
    },
  };
  return { store: store as unknown as RateLimiterDrizzle, writes, rows, fail: (on: boolean) => { failing = on; } };
}

describe("coalesced rate limit", () => {
  it("judges a client's first request exactly, then counts locally and writes once per period", async () => {
    const clock = { t: 0 };
    const { store, writes, rows } = fakeStore(5, clock);
    const limiter = coalescedLimiter(store, { name: "api-ip", syncMs: () => 250, now: () => clock.t });
    const verdicts = [];
    for (let i = 0; i < 7; i++) verdicts.push(await limiter.consume("203.0.113.1"));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(verdicts.map((v) => v.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(writes).toEqual([1]); // only the first so far
    await limiter.flush();
    expect(writes).toEqual([1, 4]);
    expect(rows.get("203.0.113.1")!.n).toBe(5);
  });

  it("lets many requests at once through exactly up to the limit", async () => {
    const clock = { t: 0 };
    const { store, rows } = fakeStore(20, clock);
    const limiter = coalescedLimiter(store, { name: "api-ip", syncMs: () => 250, now: () => clock.t });
    const verdicts = await Promise.all(Array.from({ length: 50 }, () => limiter.consume("198.51.100.9")));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(20);
    await limiter.flush();
    expect(rows.get("198.51.100.9")!.n).toBe(20);
  });

  it("reads the shared total again after the period: another instance's requests count", async () => {
    const clock = { t: 0 };
    const { store } = fakeStore(10, clock);
    const a = coalescedLimiter(store, { name: "api-ip", syncMs: () => 250, now: () => clock.t });
    const b = coalescedLimiter(store, { name: "api-ip", syncMs: () => 250, now: () => clock.t });
    for (let i = 0; i < 6; i++) expect((await a.consume("192.0.2.4")).allowed).toBe(true);
    await a.flush();
    clock.t += 300;
    // b has not counted this client yet: its first request reads the 6 that a wrote.
    expect((await b.consume("192.0.2.4")).remaining).toBe(3);
    const rest = [];
    for (let i = 0; i < 5; i++) rest.push((await b.consume("192.0.2.4")).allowed);
    expect(rest).toEqual([true, true, true, false, false]);
  });

  it("starts afresh when the window ends", async () => {
    const clock = { t: 0 };
    const { store } = fakeStore(2, clock, 1_000);
    const limiter = coalescedLimiter(store, { name: "api-ip", syncMs: () => 250, now: () => clock.t });
    await limiter.consume("k");
    await limiter.consume("k");
    expect((await limiter.consume("k")).allowed).toBe(false);
    expect((await limiter.consume("k")).resetSeconds).toBe(1);
    await limiter.flush();
    clock.t += 1_000;
    expect((await limiter.consume("k")).allowed).toBe(true);
  });

  it("writes every request when the period is 0", async () => {
    const clock = { t: 0 };
    const { store, writes } = fakeStore(3, clock);
    const limiter = coalescedLimiter(store, { name: "api-ip", syncMs: () => 0, now: () => clock.t });
    const verdicts = await Promise.all(Array.from({ length: 5 }, () => limiter.consume("k")));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
    expect(writes.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("fails a request it must judge exactly when the store fails, and keeps the pending counts for the next write", async () => {
    const clock = { t: 0 };
    const { store, rows, fail } = fakeStore(10, clock);
    const limiter = coalescedLimiter(store, { name: "api-ip", syncMs: () => 250, now: () => clock.t });
    await limiter.consume("k");
    await limiter.consume("k");
    await limiter.consume("k");
    fail(true);
    await limiter.flush(); // the 2 pending are not written
    clock.t += 300;
    await expect(limiter.consume("k")).rejects.toThrow("database unavailable");
    fail(false);
    expect((await limiter.consume("k")).remaining).toBe(6); // 1 + 2 pending + this one
    expect(rows.get("k")!.n).toBe(4);
  });
});

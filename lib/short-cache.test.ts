import { describe, expect, it } from "vitest";
import { shortCache } from "./short-cache";

function setup(ttl = 2_000) {
  let clock = 0;
  let loads = 0;
  const cache = shortCache<number>({ ttlMs: () => ttl, now: () => clock, maxEntries: 3 });
  const load = () => Promise.resolve(++loads);
  return { cache, load, advance: (ms: number) => { clock += ms; }, loads: () => loads };
}

describe("shortCache", () => {
  it("serves a value until it is ttl old, then loads it again", async () => {
    const { cache, load, advance, loads } = setup();
    expect(await cache.get("a", load)).toBe(1);
    advance(1_999);
    expect(await cache.get("a", load)).toBe(1);
    advance(1);
    expect(await cache.get("a", load)).toBe(2);
    expect(loads()).toBe(2);
  });

  it("keeps keys apart", async () => {
    const { cache, load } = setup();
    expect(await cache.get("a", load)).toBe(1);
    expect(await cache.get("b", load)).toBe(2);
    expect(await cache.get("a", load)).toBe(1);
  });

  it("runs one load for concurrent callers", async () => {
    const { cache } = setup();
    let release!: (v: number) => void;
    let loads = 0;
    const slow = () => { loads++; return new Promise<number>((r) => { release = r; }); };
    const both = Promise.all([cache.get("a", slow), cache.get("a", slow)]);
    release(7);
    expect(await both).toEqual([7, 7]);
    expect(loads).toBe(1);
  });

  it("does not keep a failed load", async () => {
    const { cache, load } = setup();
    await expect(cache.get("a", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("a", load)).toBe(1);
  });

  it("reads through when the ttl is zero", async () => {
    const { cache, load } = setup(0);
    expect(await cache.get("a", load)).toBe(1);
    expect(await cache.get("a", load)).toBe(2);
  });

  it("stays within its size", async () => {
    const { cache, load, loads } = setup();
    for (const k of ["a", "b", "c", "d"]) await cache.get(k, load);
    expect(loads()).toBe(4);
    await cache.get("a", load); // dropped when "d" made room
    expect(loads()).toBe(5);
  });
});

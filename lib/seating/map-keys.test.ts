import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { firstSeat, seatTowards, type SeatKey } from "./map-keys";

const seat = (id: string, x: number, y: number) => ({ id, x, y });

// Two sections side by side, rows 30 apart: A1–A4 and B1–B4 on the left, an aisle, then C1–C2 on the right.
const plan = [
  seat("A1", 30, 60), seat("A2", 60, 60), seat("A3", 90, 60), seat("A4", 120, 60),
  seat("B1", 30, 90), seat("B2", 60, 90), seat("B3", 90, 90), seat("B4", 120, 90),
  seat("C1", 240, 60), seat("C2", 270, 60),
];
const go = (from: string | null, key: SeatKey, seats = plan) => seatTowards(seats, from, key)?.id ?? null;

describe("seatTowards", () => {
  it("moves along a row and across the aisle, and stops at the plan's edge", () => {
    expect(go("A1", "ArrowRight")).toBe("A2");
    expect(go("A4", "ArrowRight")).toBe("C1");
    expect(go("C2", "ArrowRight")).toBeNull();
    expect(go("A2", "ArrowLeft")).toBe("A1");
    expect(go("A1", "ArrowLeft")).toBeNull();
  });

  it("moves between rows to the seat straight behind or in front", () => {
    expect(go("A3", "ArrowDown")).toBe("B3");
    expect(go("B3", "ArrowUp")).toBe("A3");
    expect(go("B3", "ArrowDown")).toBeNull();
  });

  it("prefers the next seat along a curved row to a nearer seat in the row behind", () => {
    const curved = [seat("A1", 0, 0), seat("A2", 30, 6), seat("A3", 60, 14), seat("B1", 10, 30)];
    expect(go("A1", "ArrowRight", curved)).toBe("A2");
    expect(go("A2", "ArrowRight", curved)).toBe("A3");
    expect(go("A1", "ArrowDown", curved)).toBe("B1");
  });

  it("goes to the ends of the seat's line with Home and End", () => {
    expect(go("A2", "Home")).toBe("A1");
    expect(go("A2", "End")).toBe("C2");
    expect(go("B2", "End")).toBe("B4");
    expect(go("A1", "Home")).toBe("A1");
  });

  it("jumps five rows with Page Down and Page Up, or to the last row that way", () => {
    const tall = Array.from({ length: 8 }, (_, r) => [seat(`R${r}a`, 30, 30 * r), seat(`R${r}b`, 60, 30 * r)]).flat();
    expect(go("R0b", "PageDown", tall)).toBe("R5b");
    expect(go("R5a", "PageDown", tall)).toBe("R7a");
    expect(go("R7a", "PageUp", tall)).toBe("R2a");
    expect(go("R0a", "PageUp", tall)).toBeNull();
  });

  it("starts at the top row's leftmost seat from no seat or a seat gone from the plan", () => {
    expect(go(null, "ArrowDown")).toBe("A1");
    expect(go("gone", "End")).toBe("A1");
    expect(seatTowards([], null, "ArrowRight")).toBeNull();
    expect(firstSeat([seat("x", 90, 62), seat("y", 30, 58), seat("z", 0, 120)])?.id).toBe("y");
  });

  it("always lands on another seat that lies that way, whatever the plan", () => {
    const plans = fc.uniqueArray(fc.record({ x: fc.integer({ min: 0, max: 40 }), y: fc.integer({ min: 0, max: 20 }) }), {
      minLength: 1, maxLength: 40, selector: (p) => `${p.x},${p.y}`,
    }).map((points) => points.map((p, i) => seat(String(i), p.x * 30, p.y * 30)));
    const keys = fc.constantFrom<SeatKey>("ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown");
    fc.assert(fc.property(plans, keys, fc.nat(), (seats, key, pick) => {
      const from = seats[pick % seats.length];
      const to = seatTowards(seats, from.id, key);
      if (!to) return;
      expect(to.id).not.toBe(from.id);
      if (key === "ArrowRight") expect(to.x).toBeGreaterThan(from.x);
      if (key === "ArrowLeft") expect(to.x).toBeLessThan(from.x);
      if (key === "ArrowDown") expect(to.y).toBeGreaterThan(from.y);
      if (key === "ArrowUp") expect(to.y).toBeLessThan(from.y);
    }));
  });

  it("reaches every seat of a grid from the first by arrow keys", () => {
    const grid = Array.from({ length: 4 }, (_, r) => Array.from({ length: 6 }, (_, n) => seat(`${r}-${n}`, 30 * n, 30 * r))).flat();
    const seen = new Set<string>();
    const queue = [firstSeat(grid)!.id];
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const key of ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"] as const) {
        const next = go(id, key, grid);
        if (next) queue.push(next);
      }
    }
    expect(seen.size).toBe(grid.length);
  });
});

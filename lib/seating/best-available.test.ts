import { describe, expect, it } from "vitest";
import { bestAvailable, type PickableSeat } from "./best-available";

/** A row of seats 1..n at y, with the given numbers taken. */
function row(section: string, rowLabel: string, y: number, n: number, taken: number[] = [], seatClass = "Standard"): PickableSeat[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${section}-${rowLabel}-${i + 1}`, section, row: rowLabel, seatClass, x: i * 10, y, sortOrder: y * 100 + i, available: !taken.includes(i + 1),
  }));
}

describe("bestAvailable", () => {
  it("picks adjacent seats in the middle of the front row", () => {
    const picked = bestAvailable(row("Stalls", "A", 1, 9), 3, null);
    expect(picked?.map((s) => s.id)).toEqual(["Stalls-A-4", "Stalls-A-5", "Stalls-A-6"]);
  });

  it("skips a row without a block of free seats and never splits a group", () => {
    const seats = [...row("Stalls", "A", 1, 6, [2, 5]), ...row("Stalls", "B", 2, 6, [1])];
    const picked = bestAvailable(seats, 3, null)!;
    expect(new Set(picked.map((s) => s.row))).toEqual(new Set(["B"]));
    expect(picked.every((s) => s.available)).toBe(true);
  });

  it("only takes seats of the asked class", () => {
    const seats = [...row("Stalls", "A", 1, 6, [], "VIP"), ...row("Stalls", "B", 2, 6)];
    expect(bestAvailable(seats, 2, "Standard")!.every((s) => s.row === "B")).toBe(true);
    expect(bestAvailable(seats, 2, "VIP")!.every((s) => s.row === "A")).toBe(true);
  });

  it("answers null when no row has room", () => {
    expect(bestAvailable(row("Stalls", "A", 1, 4, [2]), 3, null)).toBeNull();
  });
});

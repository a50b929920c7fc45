import { describe, expect, it } from "vitest";
import { classStyles, describeSeat, mapViewBox, rowLabels, seatRows, SEAT_SIZE } from "./map-style";

const seat = (section: string, row: string, number: string, seatClass: string, x: number, y: number, sortOrder: number, flags: string[] = []) =>
  ({ section, row, number, seatClass, x, y, sortOrder, flags });

const plan = [
  seat("Stalls", "B", "1", "Premium", 30, 90, 3),
  seat("Stalls", "A", "1", "VIP", 30, 60, 1),
  seat("Stalls", "A", "2", "VIP", 60, 60, 2),
  seat("Circle", "A", "1", "Standard", 90, 480, 4, ["restricted_view"]),
];

describe("classStyles", () => {
  it("gives each class its own colour and pattern in reading order", () => {
    const styles = classStyles(plan);
    expect(styles.map((s) => s.seatClass)).toEqual(["VIP", "Premium", "Standard"]);
    expect(new Set(styles.map((s) => s.fill)).size).toBe(3);
    expect(new Set(styles.map((s) => s.pattern)).size).toBe(3);
  });
});

describe("mapViewBox", () => {
  it("contains every seat with room for row letters and the stage", () => {
    const box = mapViewBox(plan);
    for (const s of plan) {
      expect(s.x - SEAT_SIZE / 2).toBeGreaterThan(box.x);
      expect(s.x + SEAT_SIZE / 2).toBeLessThanOrEqual(box.x + box.width);
      expect(s.y - SEAT_SIZE / 2).toBeGreaterThan(box.y);
      expect(s.y + SEAT_SIZE / 2).toBeLessThanOrEqual(box.y + box.height);
    }
    expect(rowLabels(plan).every((l) => l.x > box.x)).toBe(true);
  });

  it("has a frame even without seats", () => {
    expect(mapViewBox([])).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
});

describe("describeSeat", () => {
  it("says where the seat is, its class and its marks", () => {
    expect(describeSeat(plan[3])).toBe("Circle, row A, seat 1, Standard, restricted view");
    expect(describeSeat(seat("Stalls", "L", "1", "Standard", 0, 0, 0, ["wheelchair"]))).toBe("Stalls, row L, seat 1, Standard, wheelchair space");
  });
});

describe("seatRows", () => {
  it("groups seats by section and row in reading order", () => {
    expect(seatRows(plan).map((g) => [g.label, g.seats.map((s) => s.number)])).toEqual([
      ["Stalls, row A", ["1", "2"]], ["Stalls, row B", ["1"]], ["Circle, row A", ["1"]],
    ]);
  });
});

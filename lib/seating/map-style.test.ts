import { describe, expect, it } from "vitest";
import { gridSeats } from "./grid";
import { classStyles, describeSeat, inMapUnits, mapViewBox, rowLabels, seatRows, SEAT_PITCH, SEAT_SIZE, typicalSpacing } from "./map-style";

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

describe("inMapUnits", () => {
  const gaps = (seats: { x: number; y: number }[]) => seats.flatMap((a, i) => seats.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y)));

  it("spreads a plan built by the grid builder (seats 1 apart) so that no two seats overlap", () => {
    const grid = gridSeats({ section: "Stalls", rows: 3, seatsPerRow: 6, defaultClass: "Standard", ranges: [] });
    const drawn = inMapUnits(grid);
    expect(Math.min(...gaps(drawn))).toBe(SEAT_PITCH);
    expect(Math.min(...gaps(drawn))).toBeGreaterThan(SEAT_SIZE);
    expect(drawn.map((s) => s.row)).toEqual(grid.map((s) => s.row));
  });

  it("shrinks a plan drawn in millimetres and leaves one already in map units as it is", () => {
    const mm = [{ x: 0, y: 0 }, { x: 500, y: 0 }, { x: 1000, y: 0 }, { x: 0, y: 600 }];
    expect(Math.min(...gaps(inMapUnits(mm)))).toBe(SEAT_PITCH);
    expect(inMapUnits(plan)).toBe(plan);
  });

  it("reads the spacing of curved rows from each seat's nearest neighbour", () => {
    const curved = Array.from({ length: 10 }, (_, n) => ({ x: n * 10, y: (n - 4.5) ** 2 * 0.2 }));
    expect(typicalSpacing(curved)).toBeGreaterThan(10);
    expect(typicalSpacing(curved)).toBeLessThan(11);
  });

  it("keeps a single seat, or seats all at one place, where they are", () => {
    const one = [{ x: 3, y: 4 }];
    expect(typicalSpacing(one)).toBe(0);
    expect(inMapUnits(one)).toBe(one);
    expect(inMapUnits([{ x: 1, y: 1 }, { x: 1, y: 1 }])).toEqual([{ x: 1, y: 1 }, { x: 1, y: 1 }]);
  });
});

import { describe, expect, it } from "vitest";
import { CLASS_COLOURS, classStyles, classesInOrder, planGeometry, rowLabelPositions, seatSpacing } from "./draw";

const seat = (x: number, y: number, seatClass = "Standard", sortOrder = 0) => ({ x, y, seatClass, sortOrder, section: "S", row: String(y), number: String(x) });

describe("plan geometry", () => {
  it("sizes seats from their spacing, in any unit", () => {
    expect(seatSpacing([seat(10, 20), seat(30, 20), seat(50, 20), seat(10, 45)])).toBe(20);
    expect(seatSpacing([seat(0, 0)])).toBe(1);
    const g = planGeometry([seat(10, 20), seat(30, 20), seat(10, 60)]);
    expect(g).toMatchObject({ spacing: 20, radius: 8.4, minX: -20, minY: 0, width: 80, height: 80, viewBox: "-20 0 80 80" });
  });

  it("puts row labels one seat left of each row", () => {
    expect(rowLabelPositions([seat(3, 1), seat(2, 1), seat(5, 2)], 1)).toEqual([
      { section: "S", row: "1", x: 1, y: 1 }, { section: "S", row: "2", x: 4, y: 2 },
    ]);
  });
});

describe("class styles", () => {
  it("orders classes by their first seat and never gives two classes the same colour and pattern", () => {
    expect(classesInOrder([seat(1, 1, "Standard", 3), seat(1, 2, "VIP", 1), seat(2, 2, "Standard", 2)])).toEqual(["VIP", "Standard"]);
    const names = Array.from({ length: 49 }, (_, i) => `Class ${i}`);
    const styles = [...classStyles(names).values()];
    expect(new Set(styles.map((s) => `${s.colour}/${s.pattern}`)).size).toBe(49);
    expect(styles[0]).toMatchObject({ colour: CLASS_COLOURS[0], pattern: "plain", patternName: "plain" });
    expect(styles[1]).toMatchObject({ colour: CLASS_COLOURS[1], pattern: "diagonal" });
  });
});

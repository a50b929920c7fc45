import { describe, expect, it } from "vitest";
import { gridSeats, parseClassRanges } from "./grid";
import { rowIndex, rowLabel } from "./plan-seats";

describe("row labels", () => {
  it("go A…Z then AA, AB, and back", () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(rowLabel)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
    for (const i of [0, 25, 26, 51, 700]) expect(rowIndex(rowLabel(i))).toBe(i);
    expect(rowIndex("a")).toBeNull();
  });
});

describe("parseClassRanges", () => {
  it("reads ranges and single rows", () => {
    expect(parseClassRanges("A-B VIP\n\nC – F: Premium\nG Box", 10)).toEqual({ errors: [], ranges: [
      { from: 0, to: 1, seatClass: "VIP" }, { from: 2, to: 5, seatClass: "Premium" }, { from: 6, to: 6, seatClass: "Box" },
    ] });
  });

  it("names the line of rows past the end, overlaps, backwards ranges and nonsense", () => {
    expect(parseClassRanges("A-B VIP\nB-C Premium\nF-D Standard\nK Box\nVIP", 10).errors).toEqual([
      "Line 2: rows B-C overlap A-B",
      "Line 3: F-D runs backwards; write D-F",
      "Line 4: the last row is J",
      'Line 5: write a range as rows and a class, such as "A-B VIP"',
    ]);
  });
});

describe("gridSeats", () => {
  it("builds rows of seats with each row's class, in reading order", () => {
    const seats = gridSeats({ section: "Stalls", rows: 3, seatsPerRow: 2, defaultClass: "Standard", ranges: [{ from: 0, to: 0, seatClass: "VIP" }] });
    expect(seats.map((s) => `${s.row}${s.number} ${s.seatClass} (${s.x},${s.y}) #${s.sortOrder}`)).toEqual([
      "A1 VIP (1,1) #1", "A2 VIP (2,1) #2", "B1 Standard (1,2) #3", "B2 Standard (2,2) #4", "C1 Standard (1,3) #5", "C2 Standard (2,3) #6",
    ]);
  });
});

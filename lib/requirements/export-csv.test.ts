import { describe, expect, it } from "vitest";
import { exportFileName, safeCell } from "./export-csv";

describe("safeCell", () => {
  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(["=1+1", "+44 20", "-3", "@SUM(A1)", "\tx"].map(safeCell)).toEqual(["'=1+1", "'+44 20", "'-3", "'@SUM(A1)", "'\tx"]);
    expect(safeCell("Peanuts; carries an EpiPen")).toBe("Peanuts; carries an EpiPen");
  });
});

describe("exportFileName", () => {
  it("names the file after the session's course and date, or all sessions", () => {
    expect(exportFileName("csv", { sessionTitle: "First Aid at Work", date: new Date("2030-03-01T09:00:00Z") })).toBe("requirements-first-aid-at-work-2030-03-01.csv");
    expect(exportFileName("pdf", { date: new Date("2030-03-01T09:00:00Z") })).toBe("requirements-all-sessions-2030-03-01.pdf");
  });
});

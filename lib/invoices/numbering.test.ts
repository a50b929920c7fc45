import { describe, expect, it } from "vitest";
import { documentYear, formatDocumentNumber } from "./numbering";

describe("formatDocumentNumber", () => {
  it("pads the sequence to five digits with the kind's prefix", () => {
    expect(formatDocumentNumber("invoice", 2026, 1)).toBe("INV-2026-00001");
    expect(formatDocumentNumber("credit_note", 2026, 12_345)).toBe("CN-2026-12345");
  });
  it("refuses sequences that do not fit", () => {
    expect(() => formatDocumentNumber("invoice", 2026, 0)).toThrow(RangeError);
    expect(() => formatDocumentNumber("invoice", 2026, 100_000)).toThrow(RangeError);
  });
});

describe("documentYear", () => {
  it("uses the seller's calendar, not UTC, around New Year", () => {
    const instant = new Date("2026-12-31T23:30:00Z");
    expect(documentYear(instant, "Europe/London")).toBe(2026);
    expect(documentYear(instant, "Europe/Berlin")).toBe(2027);
    expect(documentYear(new Date("2027-01-01T03:00:00Z"), "America/New_York")).toBe(2026);
  });
});

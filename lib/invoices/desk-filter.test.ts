import { describe, expect, it } from "vitest";
import { exportRangeFor, readFinanceFilter } from "./desk-filter";

describe("readFinanceFilter", () => {
  it("keeps good values and reports bad ones beside their field", () => {
    expect(readFinanceFilter({ q: "INV-2026", from: "2026-03-01", to: "2026-02-30", status: "overdue" })).toEqual({
      filter: { q: "INV-2026", from: "2026-03-01", status: "overdue" },
      errors: { to: "To must be a date (YYYY-MM-DD)" },
    });
  });
  it("drops the end of a range that ends before it starts", () => {
    const r = readFinanceFilter({ from: "2026-03-02", to: "2026-03-01" });
    expect(r.filter).toEqual({ from: "2026-03-02" });
    expect(r.errors).toEqual({ to: "To must be on or after From" });
  });
  it("ignores repeated parameters and unknown keys", () => {
    expect(readFinanceFilter({ q: ["a", "b"], page: "2" })).toEqual({ filter: {}, errors: {} });
  });
});

describe("exportRangeFor", () => {
  const month = { from: "2026-03-01", to: "2026-03-31" };
  it("uses the filter's dates, else this month", () => {
    expect(exportRangeFor({ from: "2026-01-10", to: "2026-01-20" }, month)).toEqual({ from: "2026-01-10", to: "2026-01-20" });
    expect(exportRangeFor({}, month)).toEqual(month);
    expect(exportRangeFor({ from: "2026-02-01" }, month)).toEqual({ from: "2026-02-01", to: "2026-03-31" });
    expect(exportRangeFor({ from: "2026-05-01" }, month)).toEqual({ from: "2026-05-01", to: "2026-05-01" });
  });
});

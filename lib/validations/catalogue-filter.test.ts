import { describe, expect, it } from "vitest";
import { readCatalogueFilter } from "./catalogue-filter";

describe("readCatalogueFilter", () => {
  it("keeps real dates and a category", () => {
    expect(readCatalogueFilter({ category: "First aid", from: "2026-03-01", to: "2026-03-31" }))
      .toEqual({ filter: { category: "First aid", from: "2026-03-01", to: "2026-03-31" }, errors: {} });
  });

  it("reports dates that do not exist, the wrong order and repeated parameters, keeping the rest", () => {
    const bad = readCatalogueFilter({ from: "2026-13-45", to: "2026-02-01" });
    expect(bad.errors).toEqual({ from: "From must be a real date (YYYY-MM-DD)" });
    expect(bad.filter.from).toBeUndefined();
    expect(bad.filter.to).toBe("2026-02-01");
    expect(readCatalogueFilter({ from: "2026-02-30" }).errors).toEqual({ from: "From must be a real date (YYYY-MM-DD)" });
    expect(readCatalogueFilter({ from: "2026-03-02", to: "2026-03-01" }).errors).toEqual({ to: "To must be on or after From" });
    const repeated = readCatalogueFilter({ from: ["2026-03-01", "2026-03-02"], category: "x".repeat(5000) });
    expect(Object.keys(repeated.errors).sort()).toEqual(["category", "from"]);
    expect(repeated.filter.from ?? repeated.filter.category).toBeUndefined();
    const far = readCatalogueFilter({ from: "", to: "99999-01-01" });
    expect(far.errors).toEqual({ to: "To must be a real date (YYYY-MM-DD)" });
    expect(far.filter.to).toBeUndefined();
  });
});

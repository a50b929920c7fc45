import { describe, expect, it } from "vitest";
import { spanPriceText } from "./span-price-text";

describe("spanPriceText", () => {
  it("names each rate, how many slots and which local times", () => {
    expect(spanPriceText({ slotMinutes: 60, lines: [
      { kind: "standard", slots: 7, rateAmount: 800, ranges: ["09:00–16:00"] },
      { kind: "peak", slots: 1, rateAmount: 1200, ranges: ["16:00–17:00"] },
    ] }, "GBP")).toBe("7 standard hours at £8.00 (09:00–16:00) and 1 peak hour at £12.00 (16:00–17:00), per person");
    expect(spanPriceText({ slotMinutes: 30, lines: [{ kind: "peak", slots: 3, rateAmount: 600, ranges: ["07:30–09:00"] }] }, "GBP"))
      .toBe("3 peak 30-minute slots at £6.00 (07:30–09:00), per person");
  });
});

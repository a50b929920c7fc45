import { describe, expect, it } from "vitest";
import { decimalAmount, divideRoundHalfUp, documentTotals, formatTaxRate, taxFromGross, taxOnNet } from "./amounts";

describe("divideRoundHalfUp", () => {
  it("rounds halves up and everything else to the nearest integer", () => {
    expect(divideRoundHalfUp(5, 2)).toBe(3);
    expect(divideRoundHalfUp(7, 2)).toBe(4);
    expect(divideRoundHalfUp(4, 3)).toBe(1);
    expect(divideRoundHalfUp(5, 3)).toBe(2);
    expect(divideRoundHalfUp(0, 7)).toBe(0);
  });
  it("refuses negative or fractional input", () => {
    expect(() => divideRoundHalfUp(-1, 2)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1, 0)).toThrow(RangeError);
  });
});

describe("taxFromGross", () => {
  it("takes 20% VAT out of a price that includes it", () => {
    expect(taxFromGross(12_000, 2000)).toEqual({ subtotal: 10_000, tax: 2_000, total: 12_000 });
  });
  it("keeps subtotal + tax equal to the gross amount when the division is not exact", () => {
    // 100.01 / 1.2 = 83.341666… → 83.34 net, 16.67 tax.
    expect(taxFromGross(10_001, 2000)).toEqual({ subtotal: 8_334, tax: 1_667, total: 10_001 });
    for (const gross of [1, 2, 3, 99, 101, 12_345, 999_999]) {
      const split = taxFromGross(gross, 2000);
      expect(split.subtotal + split.tax).toBe(gross);
      expect(split.tax).toBeGreaterThanOrEqual(0);
    }
  });
  it("rounds a net half a minor unit up", () => {
    // 1 at 100%: the net is 0.5, which rounds up to 1 and leaves no tax.
    expect(taxFromGross(1, 10_000)).toEqual({ subtotal: 1, tax: 0, total: 1 });
  });
  it("treats a zero rate as no tax", () => {
    expect(taxFromGross(12_345, 0)).toEqual({ subtotal: 12_345, tax: 0, total: 12_345 });
  });
  it("handles a fractional rate such as 12.5%", () => {
    expect(taxFromGross(11_250, 1250)).toEqual({ subtotal: 10_000, tax: 1_250, total: 11_250 });
  });
  it("refuses rates outside 0–100% and amounts that are not integers", () => {
    expect(() => taxFromGross(100, -1)).toThrow(RangeError);
    expect(() => taxFromGross(100, 10_001)).toThrow(RangeError);
    expect(() => taxFromGross(10.5, 2000)).toThrow(RangeError);
  });
});

describe("taxOnNet", () => {
  it("adds tax rounded half up", () => {
    expect(taxOnNet(10_000, 2000)).toEqual({ subtotal: 10_000, tax: 2_000, total: 12_000 });
    // 0.125 * 4 = 0.5 → 1.
    expect(taxOnNet(4, 1250)).toEqual({ subtotal: 4, tax: 1, total: 5 });
    expect(taxOnNet(3, 1250)).toEqual({ subtotal: 3, tax: 0, total: 3 });
  });
});

describe("documentTotals", () => {
  const lines = [{ quantity: 1, unitAmount: 10_001 }, { quantity: 1, unitAmount: 10_001 }, { quantity: 1, unitAmount: 10_001 }];
  it("rounds once on the sum of the lines, not per line", () => {
    // Per line: 3 × 16.67 = 50.01 tax; on the sum 300.03 / 1.2 = 250.025 → net 250.03, tax 50.00.
    expect(documentTotals(lines, 2000, true)).toEqual({ subtotal: 25_003, tax: 5_000, total: 30_003 });
  });
  it("adds tax on the sum for prices without tax", () => {
    expect(documentTotals([{ quantity: 3, unitAmount: 10_000 }], 2000, false)).toEqual({ subtotal: 30_000, tax: 6_000, total: 36_000 });
  });
  it("is zero for no lines", () => {
    expect(documentTotals([], 2000, true)).toEqual({ subtotal: 0, tax: 0, total: 0 });
  });
  it("refuses a line with no quantity", () => {
    expect(() => documentTotals([{ quantity: 0, unitAmount: 100 }], 2000, true)).toThrow(RangeError);
  });
});

describe("formatTaxRate and decimalAmount", () => {
  it("prints rates without trailing zeros", () => {
    expect(formatTaxRate(2000)).toBe("20%");
    expect(formatTaxRate(1250)).toBe("12.5%");
    expect(formatTaxRate(0)).toBe("0%");
    expect(formatTaxRate(775)).toBe("7.75%");
  });
  it("prints minor units as decimals for accounting", () => {
    expect(decimalAmount(12_345, 2)).toBe("123.45");
    expect(decimalAmount(5, 2)).toBe("0.05");
    expect(decimalAmount(-12_000, 2)).toBe("-120.00");
    expect(decimalAmount(500, 0)).toBe("500");
    expect(decimalAmount(1_234, 3)).toBe("1.234");
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AppError } from "@/lib/errors";
import { allocate, quotePlaces, type Discount, type PlacePrice } from "./pricing";
import { taxFromGross, taxOnNet } from "@/lib/invoices/amounts";

const std: PlacePrice = { ticketTypeId: "std", name: "Standard", unitAmount: 10_000, depositAmount: 3_000 };
const vip: PlacePrice = { ticketTypeId: "vip", name: "VIP", unitAmount: 25_000, depositAmount: null };
const many = (n: number, p: PlacePrice = std) => Array.from({ length: n }, () => p);

const group10: Discount = { id: "g5", source: "group", label: "Group of 5 or more", kind: "percent", value: 1_000, per: "booking", minAttendees: 5 };
const group15: Discount = { id: "g8", source: "group", label: "Group of 8 or more", kind: "percent", value: 1_500, per: "booking", minAttendees: 8 };
const early: Discount = { id: "eb", source: "early_bird", label: "Early bird", kind: "fixed", value: 1_500, per: "attendee" };
const code = (d: Partial<Discount> = {}): Discount => ({ id: "c", source: "code", label: "Code SPRING", kind: "percent", value: 2_000, per: "booking", ...d });

const quote = (places: PlacePrice[], extra: Partial<Parameters<typeof quotePlaces>[0]> = {}) =>
  quotePlaces({ places, currency: "GBP", option: "full", ...extra });

describe("allocate (largest remainder)", () => {
  it("shares an amount in proportion, remainders to the largest fractions, ties to the earlier place", () => {
    expect(allocate(100, [100, 100, 100])).toEqual([34, 33, 33]);
    expect(allocate(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocate(5, [10_000, 10_000, 25_000])).toEqual([1, 1, 3]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
  });
  it("refuses more than the weights' sum", () => {
    expect(() => allocate(11, [5, 5])).toThrow(RangeError);
  });
});

describe("quotePlaces with discounts", () => {
  it("takes a percentage code off the total and shares it among the places", () => {
    const q = quote(many(3), { code: code({ value: 1_000 }) });
    expect(q.listAmount).toBe(30_000);
    expect(q.discountAmount).toBe(3_000);
    expect(q.totalAmount).toBe(27_000);
    expect(q.discounts).toEqual([{ id: "c", source: "code", label: "Code SPRING", amount: 3_000 }]);
    expect(q.places.map((p) => p.paidAmount)).toEqual([9_000, 9_000, 9_000]);
    expect(q.unitAmount).toBe(9_000);
  });

  it("rounds a percentage half up once for the booking, then shares the pennies by largest remainder", () => {
    // 3 × 333 = 999; 12.5 % = 124.875 → 125, shared 42/42/41.
    const q = quote(many(3, { unitAmount: 333, depositAmount: null }), { code: code({ value: 1_250 }) });
    expect(q.discountAmount).toBe(125);
    expect(q.places.map((p) => p.discountAmount)).toEqual([42, 42, 41]);
    expect(q.totalAmount).toBe(874);
    expect(q.unitAmount).toBeNull();
  });

  it("takes a fixed amount per booking once, and never below zero", () => {
    expect(quote(many(2), { code: code({ kind: "fixed", value: 5_000, per: "booking" }) }).totalAmount).toBe(15_000);
    const all = quote(many(2), { code: code({ kind: "fixed", value: 99_999, per: "booking" }) });
    expect(all.totalAmount).toBe(0);
    expect(all.places.every((p) => p.paidAmount === 0)).toBe(true);
  });

  it("takes a fixed amount per attendee off each covered place, at most its price", () => {
    const q = quote([std, vip, std], { code: code({ kind: "fixed", value: 12_000, per: "attendee" }) });
    expect(q.places.map((p) => p.discountAmount)).toEqual([10_000, 12_000, 10_000]);
    expect(q.totalAmount).toBe(13_000);
  });

  it("covers only the ticket types in scope", () => {
    const q = quote([std, vip], { code: code({ value: 1_000, ticketTypeIds: ["vip"] }) });
    expect(q.places.map((p) => p.discountAmount)).toEqual([0, 2_500]);
  });

  it("refuses a code for tickets outside its scope or below its minimum attendees, naming discountCode", () => {
    for (const attempt of [
      () => quote([std], { code: code({ ticketTypeIds: ["vip"] }) }),
      () => quote(many(2), { code: code({ minAttendees: 3 }) }),
    ]) {
      expect(attempt).toThrow(AppError);
      try { attempt(); } catch (err) { expect(Object.keys((err as AppError).details.fields as object)).toEqual(["discountCode"]); }
    }
  });

  it("applies a group band from its minimum, the best band only", () => {
    expect(quote(many(4), { automatic: [group10, group15] }).discountAmount).toBe(0);
    expect(quote(many(5), { automatic: [group10, group15] }).discounts).toEqual([{ id: "g5", source: "group", label: "Group of 5 or more", amount: 5_000 }]);
    expect(quote(many(8), { automatic: [group10, group15] }).discounts.map((d) => d.id)).toEqual(["g8"]);
  });

  it("never stacks automatic rules: the one saving most applies", () => {
    // 5 places: group 10 % = 5,000; early bird 1,500 each = 7,500 → early bird.
    expect(quote(many(5), { automatic: [group10, early] }).discounts.map((d) => d.source)).toEqual(["early_bird"]);
    // 8 places: group 15 % = 12,000 beats early bird 12,000? a tie keeps the first listed.
    expect(quote(many(8), { automatic: [group15, early] }).discounts.map((d) => d.source)).toEqual(["group"]);
  });

  it("gives the early bird by places only to the session's first N places", () => {
    const byPlaces: Discount = { ...early, firstPlaces: 10 };
    const q = quote(many(4), { automatic: [byPlaces], placesTakenBefore: 8 });
    expect(q.places.map((p) => p.discountAmount)).toEqual([1_500, 1_500, 0, 0]);
    expect(quote(many(2), { automatic: [byPlaces], placesTakenBefore: 10 }).discountAmount).toBe(0);
  });

  it("applies a code after the automatic rule, on what is left", () => {
    const q = quote(many(5), { automatic: [group10], code: code({ value: 1_000 }) });
    // 50,000 - 10 % = 45,000; then 10 % of 45,000 = 4,500.
    expect(q.discounts.map((d) => d.amount)).toEqual([5_000, 4_500]);
    expect(q.totalAmount).toBe(40_500);
    expect(q.places[0].discounts).toEqual([1_000, 900]);
  });

  it("keeps a deposit at most what the place costs after discounts", () => {
    const q = quotePlaces({ places: many(2), currency: "GBP", option: "deposit", depositAllowed: true, code: code({ kind: "fixed", value: 8_000, per: "attendee" }) });
    expect(q.places.map((p) => p.depositAmount)).toEqual([2_000, 2_000]);
    expect(q.amountDueNow).toBe(4_000);
    expect(q.balanceAmount).toBe(0);
  });

  it("is exact in 0-, 2- and 3-decimal currencies (all whole minor units)", () => {
    // JPY 0 decimals: 3 × ¥1,001, 15 % = 450.45 → 450.
    const jpy = quotePlaces({ places: many(3, { unitAmount: 1_001, depositAmount: null }), currency: "JPY", option: "full", code: code({ value: 1_500 }) });
    expect(jpy.discountAmount).toBe(450);
    expect(jpy.places.map((p) => p.paidAmount)).toEqual([851, 851, 851]);
    // KWD 3 decimals: 7 × 12.345 KWD, 10 % = 8.6415 → 8.642 KWD.
    const kwd = quotePlaces({ places: many(7, { unitAmount: 12_345, depositAmount: null }), currency: "KWD", option: "full", code: code({ value: 1_000 }) });
    expect(kwd.discountAmount).toBe(8_642);
    expect(kwd.places.reduce((a, p) => a + p.paidAmount, 0)).toBe(kwd.totalAmount);
    expect(kwd.totalAmount).toBe(86_415 - 8_642);
  });

  it("leads to tax on the discounted amount", () => {
    const q = quote(many(5), { automatic: [group10] });
    expect(taxFromGross(q.totalAmount, 2_000)).toEqual({ subtotal: 37_500, tax: 7_500, total: 45_000 });
    expect(taxOnNet(q.totalAmount, 2_000)).toEqual({ subtotal: 45_000, tax: 9_000, total: 54_000 });
  });
});

const placeArb = fc.record({
  ticketTypeId: fc.constantFrom("std", "vip", "child"),
  unitAmount: fc.integer({ min: 0, max: 500_000 }),
  depositAmount: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
});
const discountArb = (source: Discount["source"]) => fc.record({
  source: fc.constant(source),
  label: fc.constant(source),
  kind: fc.constantFrom("percent" as const, "fixed" as const),
  value: fc.integer({ min: 0, max: 10_000 }),
  per: fc.constantFrom("attendee" as const, "booking" as const),
  ticketTypeIds: fc.option(fc.subarray(["std", "vip", "child"]), { nil: null }),
  minAttendees: fc.integer({ min: 1, max: 4 }),
  firstPlaces: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
});

describe("quotePlaces properties", () => {
  it("parts add up exactly and nothing is negative, whatever the rules", () => {
    fc.assert(fc.property(
      fc.array(placeArb, { minLength: 1, maxLength: 12 }),
      fc.array(fc.oneof(discountArb("group"), discountArb("early_bird")), { maxLength: 4 }),
      fc.option(discountArb("code"), { nil: null }),
      fc.integer({ min: 0, max: 30 }),
      (places, automatic, c, taken) => {
        let q;
        try {
          q = quotePlaces({ places, currency: "EUR", option: "full", automatic, code: c, placesTakenBefore: taken });
        } catch (err) {
          // Only a code that does not apply may be refused.
          expect(c).not.toBeNull();
          expect((err as AppError).details.fields).toHaveProperty("discountCode");
          return;
        }
        expect(q.places.reduce((a, p) => a + p.paidAmount, 0)).toBe(q.totalAmount);
        expect(q.places.reduce((a, p) => a + p.discountAmount, 0)).toBe(q.discountAmount);
        expect(q.discounts.reduce((a, d) => a + d.amount, 0)).toBe(q.discountAmount);
        expect(q.listAmount - q.discountAmount).toBe(q.totalAmount);
        expect(q.discounts.filter((d) => d.source !== "code").length).toBeLessThanOrEqual(1);
        for (const p of q.places) {
          expect(p.paidAmount).toBeGreaterThanOrEqual(0);
          expect(p.discountAmount).toBeGreaterThanOrEqual(0);
          expect(p.discounts.reduce((a, x) => a + x, 0)).toBe(p.discountAmount);
          expect(p.listAmount - p.discountAmount).toBe(p.paidAmount);
          if (p.depositAmount != null) expect(p.depositAmount).toBeLessThanOrEqual(p.paidAmount);
        }
      },
    ), { numRuns: 500 });
  });

  it("allocate gives each place at most its weight and sums exactly", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, f) => {
      const total = weights.reduce((a, w) => a + w, 0);
      const amount = Math.floor(total * f);
      const shares = allocate(amount, weights);
      expect(shares.reduce((a, x) => a + x, 0)).toBe(amount);
      shares.forEach((s, i) => { expect(s).toBeGreaterThanOrEqual(0); expect(s).toBeLessThanOrEqual(weights[i]); });
    }));
  });
});

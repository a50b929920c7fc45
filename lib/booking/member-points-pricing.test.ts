import { describe, expect, it } from "vitest";
import { quotePlaces, type Discount, type PlacePrice } from "./pricing";

const place = (unitAmount: number, ticketTypeId = "std", depositAmount: number | null = null): PlacePrice => ({ ticketTypeId, unitAmount, depositAmount });
const gold = (amounts: (number | null)[]) => ({ amounts, label: "Member price (Gold)" });
const tenPercent: Discount = { source: "code", label: "Code TEN", kind: "percent", value: 1000, per: "booking" };

describe("member prices", () => {
  it("take the difference off each place as a member line, before any other discount", () => {
    const q = quotePlaces({ places: [place(10_000), place(10_000)], currency: "GBP", option: "full", memberPrices: gold([8_000, 8_000]), code: tenPercent });
    expect(q.discounts.map((d) => [d.source, d.amount])).toEqual([["member", 4_000], ["code", 1_600]]);
    expect(q.totalAmount).toBe(14_400);
    expect(q.places.map((p) => p.paidAmount)).toEqual([7_200, 7_200]);
  });

  it("never raise a price and leave places without one alone", () => {
    const q = quotePlaces({ places: [place(5_000), place(9_000, "vip")], currency: "GBP", option: "full", memberPrices: gold([6_000, 7_500]) });
    expect(q.places.map((p) => p.discountAmount)).toEqual([0, 1_500]);
    expect(q.totalAmount).toBe(12_500);
    const none = quotePlaces({ places: [place(5_000)], currency: "GBP", option: "full", memberPrices: gold([null]) });
    expect(none.discounts).toEqual([]);
  });

  it("let the best automatic rule work on the member price", () => {
    const group: Discount = { source: "group", label: "Group", kind: "percent", value: 1000, per: "booking", minAttendees: 2 };
    const q = quotePlaces({ places: [place(10_000), place(10_000)], currency: "JPY", option: "full", memberPrices: gold([9_999, 9_999]), automatic: [group] });
    // 10 % of 19 998 = 1 999.8, rounded half up to 2 000 and shared 1 000 / 1 000.
    expect(q.discounts.map((d) => [d.source, d.amount])).toEqual([["member", 2], ["group", 2_000]]);
    expect(q.totalAmount).toBe(17_998);
  });
});

describe("reward points", () => {
  it("come off last as a points line, shared by largest remainder so the places add up exactly", () => {
    const q = quotePlaces({ places: [place(3_333), place(3_333), place(3_334)], currency: "EUR", option: "full", code: tenPercent, points: { points: 1_001, valueMinor: 1 } });
    expect(q.discounts.map((d) => d.source)).toEqual(["code", "points"]);
    const pointsLine = q.discounts[1];
    expect(pointsLine).toMatchObject({ amount: 1_001, points: 1_001, label: "Reward points (1001)" });
    expect(q.totalAmount).toBe(10_000 - 1_000 - 1_001);
    expect(q.places.reduce((a, p) => a + p.paidAmount, 0)).toBe(q.totalAmount);
    expect(q.places.map((p) => p.discounts[1]).reduce((a, x) => a + x, 0)).toBe(1_001);
  });

  it("are worth their value in minor units of a 3-decimal currency", () => {
    const q = quotePlaces({ places: [place(12_345)], currency: "KWD", option: "full", points: { points: 7, valueMinor: 250 } });
    expect(q.discountAmount).toBe(1_750);
    expect(q.totalAmount).toBe(10_595);
  });

  it("can pay the whole price but no more, with the field named", () => {
    const all = quotePlaces({ places: [place(500)], currency: "GBP", option: "full", points: { points: 250, valueMinor: 2 } });
    expect(all.totalAmount).toBe(0);
    expect(() => quotePlaces({ places: [place(500)], currency: "GBP", option: "full", points: { points: 251, valueMinor: 2 } }))
      .toThrow(expect.objectContaining({ code: "invalid_request", details: { fields: { pointsToRedeem: "At most 250 points can be used on this booking" } } }));
  });

  it("lower each place's deposit to no more than what is left of its price", () => {
    const q = quotePlaces({ places: [place(10_000, "std", 3_000)], currency: "GBP", option: "deposit", points: { points: 8_000, valueMinor: 1 } });
    expect(q.totalAmount).toBe(2_000);
    expect(q.amountDueNow).toBe(2_000);
    expect(q.balanceAmount).toBe(0);
  });

  it("zero points changes nothing", () => {
    const q = quotePlaces({ places: [place(1_000)], currency: "GBP", option: "full", points: { points: 0, valueMinor: 1 } });
    expect(q.discounts).toEqual([]);
    expect(q.totalAmount).toBe(1_000);
  });
});

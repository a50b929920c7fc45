import { describe, expect, it } from "vitest";
import { pointsBalance, pointsForAmount, pointsToReverse, type LedgerEntry } from "./points";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const earn = (points: number, at: number, expires: number, paymentId = `p${at}`): LedgerEntry =>
  ({ kind: "earn", points, createdAt: day(at), expiresAt: day(expires), paymentId });
const redeem = (points: number, at: number): LedgerEntry => ({ kind: "redeem", points: -points, createdAt: day(at), expiresAt: null });

describe("pointsForAmount", () => {
  it("counts whole currency units times the rate, for 0-, 2- and 3-decimal currencies", () => {
    expect(pointsForAmount(12_599, "EUR", 1)).toBe(125);
    expect(pointsForAmount(12_599, "EUR", 3)).toBe(377);
    expect(pointsForAmount(5_000, "JPY", 2)).toBe(10_000);
    expect(pointsForAmount(1_999, "KWD", 1)).toBe(1);
    expect(pointsForAmount(99, "EUR", 1)).toBe(0);
    expect(pointsForAmount(10_000, "EUR", 0)).toBe(0);
  });
});

describe("pointsToReverse", () => {
  it("takes back the refunded share, rounded up, never more than is left", () => {
    expect(pointsToReverse(100, 0, 10_000, 10_000)).toBe(100);
    expect(pointsToReverse(100, 0, 10_000, 3_333)).toBe(34);
    expect(pointsToReverse(100, 34, 10_000, 6_667)).toBe(66);
    expect(pointsToReverse(100, 90, 10_000, 5_000)).toBe(10);
    expect(pointsToReverse(0, 0, 10_000, 5_000)).toBe(0);
  });
});

describe("pointsBalance", () => {
  it("adds earnings and subtracts redemptions", () => {
    expect(pointsBalance([earn(100, 0, 400), earn(50, 1, 400), redeem(30, 2)], day(3))).toBe(120);
  });

  it("drops what an earn row still holds once it expires", () => {
    const rows = [earn(100, 0, 10), earn(50, 5, 400)];
    expect(pointsBalance(rows, day(9))).toBe(150);
    expect(pointsBalance(rows, day(10))).toBe(50);
  });

  it("spends the oldest points first, so a redemption before expiry uses the lot that expires", () => {
    const rows = [earn(100, 0, 10), earn(50, 5, 400), redeem(80, 6)];
    // 80 came from the first lot; its last 20 expire on day 10.
    expect(pointsBalance(rows, day(7))).toBe(70);
    expect(pointsBalance(rows, day(11))).toBe(50);
  });

  it("a redemption after a lot expired cannot use it", () => {
    const rows = [earn(100, 0, 10), earn(50, 5, 400), redeem(40, 12)];
    expect(pointsBalance(rows, day(13))).toBe(10);
  });

  it("a reversal takes from its own payment's lot first", () => {
    const rows: LedgerEntry[] = [earn(100, 0, 10, "a"), earn(50, 1, 400, "b"),
      { kind: "reverse", points: -50, createdAt: day(2), expiresAt: null, paymentId: "b" }];
    expect(pointsBalance(rows, day(3))).toBe(100);
    expect(pointsBalance(rows, day(11))).toBe(0);
  });

  it("a debit no valid lot covers is paid by later earnings, and the balance is never negative", () => {
    const rows: LedgerEntry[] = [earn(10, 0, 400), { kind: "adjust", points: -30, createdAt: day(1), expiresAt: null }];
    expect(pointsBalance(rows, day(2))).toBe(0);
    expect(pointsBalance([...rows, earn(50, 3, 400)], day(4))).toBe(30);
  });

  it("a positive adjustment without an expiry never expires", () => {
    expect(pointsBalance([{ kind: "adjust", points: 25, createdAt: day(0), expiresAt: null }], day(5000))).toBe(25);
  });
});

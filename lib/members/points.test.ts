import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lotsToExpire, pointsBalance, pointsForAmount, pointsToReverse, type LedgerEntry } from "./points";

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

describe("expiry as ledger rows", () => {
  const lot = (id: string, points: number, at: number, expires: number | null, kind: "earn" | "adjust" = "earn"): LedgerEntry =>
    ({ id, kind, points, createdAt: day(at), expiresAt: expires == null ? null : day(expires), paymentId: kind === "earn" ? `p-${id}` : null });
  const expireRows = (rows: LedgerEntry[], at: Date): LedgerEntry[] =>
    lotsToExpire(rows, at).map((l) => ({ kind: "expire", points: -l.points, createdAt: at, expiresAt: null, expiresLedgerId: l.ledgerId }));

  it("closes each lot past its expiry with what it still held, and only those", () => {
    const rows = [lot("a", 100, 0, 10), lot("b", 50, 5, 400), redeem(80, 6), lot("c", 30, 7, 9)];
    expect(lotsToExpire(rows, day(9))).toEqual([{ ledgerId: "c", points: 30, expiredAt: day(9) }]);
    expect(lotsToExpire(rows, day(12))).toEqual([
      { ledgerId: "a", points: 20, expiredAt: day(10) }, { ledgerId: "c", points: 30, expiredAt: day(9) },
    ]);
  });

  it("closes a lot spent in full with nothing, and never a lot already closed", () => {
    const rows = [lot("a", 100, 0, 10), redeem(100, 1)];
    expect(lotsToExpire(rows, day(11))).toEqual([{ ledgerId: "a", points: 0, expiredAt: day(10) }]);
    expect(lotsToExpire([...rows, ...expireRows(rows, day(11))], day(20))).toEqual([]);
  });

  it("gives the same balance whether or not the expire rows have been written", () => {
    const rows = [lot("a", 100, 0, 10), lot("b", 50, 5, 400), redeem(80, 6), lot("c", 25, 8, null, "adjust")];
    const written = [...rows, ...expireRows(rows, day(11))];
    expect(written.filter((r) => r.kind === "expire")).toMatchObject([{ points: -20, expiresLedgerId: "a" }]);
    for (const at of [day(11), day(12), day(500)]) expect(pointsBalance(written, at)).toBe(pointsBalance(rows, at));
    expect(pointsBalance(written, day(11))).toBe(75);
    // With every expired lot closed, the rows add up to the balance.
    expect(written.reduce((sum, r) => sum + r.points, 0)).toBe(75);
  });

  it("property: expire rows never change the balance, and with them the ledger adds up to it", () => {
    const entry = fc.oneof(
      fc.record({ kind: fc.constant("earn" as const), points: fc.integer({ min: 1, max: 500 }), at: fc.integer({ min: 0, max: 60 }), life: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant("adjust" as const), points: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0), at: fc.integer({ min: 0, max: 60 }), life: fc.option(fc.integer({ min: 1, max: 40 })) }),
      fc.record({ kind: fc.constant("redeem" as const), points: fc.integer({ min: 1, max: 300 }), at: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ kind: fc.constant("reverse" as const), points: fc.integer({ min: 1, max: 300 }), at: fc.integer({ min: 0, max: 60 }), of: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(fc.property(fc.array(entry, { maxLength: 25 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 60 }), (specs, nowDay, laterBy) => {
      const rows = specs.map((s, i): LedgerEntry => {
        const id = `r${i}`;
        if (s.kind === "earn") return { id, kind: "earn", points: s.points, createdAt: day(s.at), expiresAt: day(s.at + s.life), paymentId: `p${i}` };
        if (s.kind === "adjust") return { id, kind: "adjust", points: s.points, createdAt: day(s.at), expiresAt: s.points > 0 && s.life != null ? day(s.at + s.life) : null };
        if (s.kind === "redeem") return { id, kind: "redeem", points: -s.points, createdAt: day(s.at), expiresAt: null };
        return { id, kind: "reverse", points: -s.points, createdAt: day(s.at), expiresAt: null, paymentId: `p${s.of}` };
      }).filter((r) => r.createdAt <= day(nowDay));
      const now = day(nowDay);
      const written = [...rows, ...expireRows(rows, now)];
      const later = day(nowDay + laterBy);
      expect(pointsBalance(written, now)).toBe(pointsBalance(rows, now));
      expect(pointsBalance(written, later)).toBe(pointsBalance(rows, later));
      // A second pass at the same time writes nothing more.
      expect(lotsToExpire(written, now)).toEqual([]);
      expect(pointsBalance(written, now)).toBe(Math.max(0, written.reduce((sum, r) => sum + r.points, 0)));
    }), { numRuns: 500 });
  });
});

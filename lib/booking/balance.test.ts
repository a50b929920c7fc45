import { describe, expect, it } from "vitest";
import { amountOwed, bookingValue, netPaid } from "./balance";

describe("amountOwed", () => {
  it("is the total less the payments for a fresh deposit booking", () => {
    expect(amountOwed({ totalAmount: 36_000, creditedAmount: 0, amountPaid: 9_000, amountRefunded: 0 })).toBe(27_000);
  });
  it("is nothing once paid in full", () => {
    expect(amountOwed({ totalAmount: 36_000, creditedAmount: 0, amountPaid: 36_000, amountRefunded: 0 })).toBe(0);
  });
  it("drops by the full price of a cancelled place and rises by the deposit refunded for it", () => {
    // Three places at 120 with a 30 deposit each; one place cancelled, its deposit refunded.
    const b = { totalAmount: 36_000, creditedAmount: 12_000, amountPaid: 9_000, amountRefunded: 3_000 };
    expect(bookingValue(b)).toBe(24_000);
    expect(netPaid(b)).toBe(6_000);
    expect(amountOwed(b)).toBe(18_000);
  });
  it("stays at zero for a paid booking with a place cancelled and refunded", () => {
    expect(amountOwed({ totalAmount: 36_000, creditedAmount: 12_000, amountPaid: 36_000, amountRefunded: 12_000 })).toBe(0);
  });
  it("is never negative when a cancellation fee was kept", () => {
    expect(amountOwed({ totalAmount: 36_000, creditedAmount: 6_000, amountPaid: 36_000, amountRefunded: 3_000 })).toBe(0);
  });
});

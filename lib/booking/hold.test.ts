import { describe, expect, it } from "vitest";
import { CHECKOUT_MIN_MINUTES, checkoutExpiresAt, holdExpiresAt, isHoldExpired } from "./hold";

const now = new Date("2031-03-01T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe("holdExpiresAt", () => {
  it("is the hold length after now", () => {
    expect(holdExpiresAt(now, 30).toISOString()).toBe("2031-03-01T12:30:00.000Z");
    expect(holdExpiresAt(now, 1440).toISOString()).toBe("2031-03-02T12:00:00.000Z");
  });
});

describe("isHoldExpired", () => {
  it("is true for a pending booking at or after its hold end", () => {
    expect(isHoldExpired({ status: "pending", holdExpiresAt: now }, now)).toBe(true);
    expect(isHoldExpired({ status: "pending", holdExpiresAt: minutes(-5) }, now)).toBe(true);
  });

  it("is false before the hold ends", () => {
    expect(isHoldExpired({ status: "pending", holdExpiresAt: minutes(1) }, now)).toBe(false);
  });

  it("is false for bookings that are no longer pending", () => {
    for (const status of ["confirmed", "expired", "cancelled", "refunded"])
      expect(isHoldExpired({ status, holdExpiresAt: minutes(-60) }, now)).toBe(false);
  });
});

describe("checkoutExpiresAt", () => {
  it("uses the hold's end when the hold is long enough for the provider", () => {
    const holdEnds = minutes(45);
    expect(checkoutExpiresAt(now, holdEnds)).toEqual({ expiresAt: holdEnds, expireItselfAtHoldEnd: false });
  });

  it("uses the hold's end when it is exactly the provider's minimum plus a minute", () => {
    const holdEnds = minutes(CHECKOUT_MIN_MINUTES + 1);
    expect(checkoutExpiresAt(now, holdEnds)).toEqual({ expiresAt: holdEnds, expireItselfAtHoldEnd: false });
  });

  it("outlives a hold shorter than 30 minutes and asks to be expired when the hold ends", () => {
    const result = checkoutExpiresAt(now, minutes(10));
    expect(result.expireItselfAtHoldEnd).toBe(true);
    expect(result.expiresAt.toISOString()).toBe(minutes(CHECKOUT_MIN_MINUTES + 1).toISOString());
  });

  it("treats exactly 30 minutes as too short (Stripe needs more than its minimum at creation)", () => {
    expect(checkoutExpiresAt(now, minutes(30)).expireItselfAtHoldEnd).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { bandFor, DEFAULT_CANCELLATION_POLICY, durationText, leadTimeText, policySentences, quoteCancellation, type CancellationPolicy } from "./cancellation-policy";

const start = new Date("2027-03-20T09:00:00Z");
const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);
const policy: CancellationPolicy = { bands: [{ hoursBefore: 336, refundPercent: 100 }, { hoursBefore: 48, refundPercent: 50 }], depositRefundable: false, feeAmount: 0 };
/** Places still booked, in booking order: `n` at `unitAmount`, the ones at `cancel` (indexes) to cancel. */
const places = (n: number, cancel: number[], unitAmount = 12000, depositAmount: number | null = null) =>
  Array.from({ length: n }, (_, i) => ({ unitAmount, depositAmount, cancel: cancel.includes(i) }));
const fullPaid = { policy, startsAt: start, paymentOption: "full" as const, value: 36000, netPaid: 36000, active: places(3, [0]) };

describe("quoteCancellation", () => {
  it("gives what was paid for each place still booked, the figures its refund comes from", () => {
    // A deposit booking with its deposits paid and one place added later, not yet paid for.
    const q = quoteCancellation({ ...fullPaid, paymentOption: "deposit", value: 36000, netPaid: 6000, now: hoursBefore(400), active: places(3, [1], 12000, 3000) });
    expect(q.placesPaid).toEqual([3000, 3000, 0]);
    expect(q.paidForPlaces).toBe(q.placesPaid[1]);
  });
  it("refunds 100% in the first band, from exactly 14 days", () => {
    const q = quoteCancellation({ ...fullPaid, now: hoursBefore(336) });
    expect(q).toMatchObject({ hoursBefore: 336, refundPercent: 100, paidForPlaces: 12000, depositKept: 0, feeAmount: 0, refundAmount: 12000, cancelsEverything: false });
  });
  it("refunds 50% between 48 hours and 14 days (one minute short of 14 days)", () => {
    const q = quoteCancellation({ ...fullPaid, now: new Date(hoursBefore(336).getTime() + 60_000) });
    expect(q).toMatchObject({ hoursBefore: 335, refundPercent: 50, refundAmount: 6000 });
    expect(quoteCancellation({ ...fullPaid, now: hoursBefore(48) }).refundAmount).toBe(6000);
  });
  it("refunds nothing under 48 hours", () => {
    const q = quoteCancellation({ ...fullPaid, now: hoursBefore(47.5) });
    expect(q).toMatchObject({ hoursBefore: 47, refundPercent: 0, band: null, refundAmount: 0, feeAmount: 0 });
  });
  it("rounds a percentage down to the minor unit", () => {
    const q = quoteCancellation({ ...fullPaid, policy: { ...policy, bands: [{ hoursBefore: 0, refundPercent: 33 }] }, now: hoursBefore(1),
      active: places(3, [0], 999), value: 2997, netPaid: 2997 });
    expect(q.refundAmount).toBe(329);
  });
  it("takes the fee from the refund, never more than the refund", () => {
    const withFee = { ...policy, feeAmount: 2500 };
    expect(quoteCancellation({ ...fullPaid, policy: withFee, now: hoursBefore(400) })).toMatchObject({ feeAmount: 2500, refundAmount: 9500 });
    expect(quoteCancellation({ ...fullPaid, policy: { ...policy, feeAmount: 99999 }, now: hoursBefore(100) })).toMatchObject({ feeAmount: 6000, refundAmount: 0 });
    expect(quoteCancellation({ ...fullPaid, policy: withFee, now: hoursBefore(10) })).toMatchObject({ feeAmount: 0, refundAmount: 0 });
  });
  it("keeps the deposit of a deposit booking when the policy says so", () => {
    // Deposit booking of 2 places at 12000 with 3000 deposit each; only the deposits were paid.
    const deposit = { ...fullPaid, paymentOption: "deposit" as const, value: 24000, netPaid: 6000, active: places(2, [0, 1], 12000, 3000) };
    expect(quoteCancellation({ ...deposit, now: hoursBefore(400) })).toMatchObject({ cancelsEverything: true, paidForPlaces: 6000, depositKept: 6000, refundAmount: 0 });
    expect(quoteCancellation({ ...deposit, policy: { ...policy, depositRefundable: true }, now: hoursBefore(400) })).toMatchObject({ depositKept: 0, refundAmount: 6000 });
    // Balance paid too: the deposit is kept, the rest follows the band.
    expect(quoteCancellation({ ...deposit, netPaid: 24000, now: hoursBefore(100) })).toMatchObject({ depositKept: 6000, refundAmount: 9000 });
  });
  it("refunds what was paid for some places of a part-paid booking: each place's deposit", () => {
    const deposit = { ...fullPaid, paymentOption: "deposit" as const, policy: { ...policy, depositRefundable: true }, value: 24000, netPaid: 6000,
      active: places(2, [1], 12000, 3000) };
    expect(quoteCancellation({ ...deposit, now: hoursBefore(400) })).toMatchObject({ placesValue: 12000, paidForPlaces: 3000, refundAmount: 3000 });
  });
  it("refunds nothing for a place added later and not paid for: the money paid was for the places booked first", () => {
    // One place paid in full (9500), a second added and its checkout abandoned: cancelling the second refunds 0.
    const q = quoteCancellation({ ...fullPaid, value: 19000, netPaid: 9500, active: places(2, [1], 9500), now: hoursBefore(400) });
    expect(q).toMatchObject({ placesValue: 9500, paidForPlaces: 0, refundAmount: 0 });
    // The first place is the one paid for: cancelling it refunds its price.
    expect(quoteCancellation({ ...fullPaid, value: 19000, netPaid: 9500, active: places(2, [0], 9500), now: hoursBefore(400) }))
      .toMatchObject({ paidForPlaces: 9500, refundAmount: 9500 });
  });
  it("never pays out again what an earlier cancellation kept", () => {
    // 2 × 3900 paid; the first place was cancelled at 50 %: 1950 refunded, 1950 kept (so 1950 stayed invoiced).
    const half = { ...policy, bands: [{ hoursBefore: 0, refundPercent: 50 }] };
    const first = quoteCancellation({ ...fullPaid, policy: half, value: 7800, netPaid: 7800, active: places(2, [0], 3900), now: hoursBefore(100) });
    expect(first).toMatchObject({ paidForPlaces: 3900, refundAmount: 1950 });
    const second = quoteCancellation({ ...fullPaid, policy: half, value: 3900 + 1950, netPaid: 7800 - 1950, active: places(1, [0], 3900), now: hoursBefore(100) });
    expect(second).toMatchObject({ cancelsEverything: true, placesValue: 3900, paidForPlaces: 3900, refundAmount: 1950 });
    // A kept deposit stays kept when the last place goes: 2 × 8500 deposits paid, kept both times.
    const deposit = { ...fullPaid, paymentOption: "deposit" as const, value: 2 * 28500, netPaid: 17000 };
    expect(quoteCancellation({ ...deposit, active: places(2, [0], 28500, 8500), now: hoursBefore(400) })).toMatchObject({ depositKept: 8500, refundAmount: 0 });
    expect(quoteCancellation({ ...deposit, value: 28500 + 8500, active: places(1, [0], 28500, 8500), now: hoursBefore(400) }))
      .toMatchObject({ paidForPlaces: 8500, depositKept: 8500, refundAmount: 0 });
  });
  it("cancelling every place refunds all that was paid, after earlier credits", () => {
    const q = quoteCancellation({ ...fullPaid, value: 24000, netPaid: 24000, active: places(2, [0, 1]), now: hoursBefore(400) });
    expect(q).toMatchObject({ cancelsEverything: true, placesValue: 24000, refundAmount: 24000 });
  });
  it("refuses once the session has started, and when no place is chosen", () => {
    expect(() => quoteCancellation({ ...fullPaid, now: start })).toThrow(/started/);
    expect(() => quoteCancellation({ ...fullPaid, now: hoursBefore(400), active: places(3, []) })).toThrow();
    expect(() => quoteCancellation({ ...fullPaid, now: hoursBefore(400), active: [] })).toThrow();
  });
});

describe("bandFor and durationText", () => {
  it("picks the most generous band reached", () => {
    expect(bandFor(policy, 1000)?.refundPercent).toBe(100);
    expect(bandFor(policy, 48)?.refundPercent).toBe(50);
    expect(bandFor(policy, 47)).toBeNull();
  });
  it("says a lead time in days from two days on, in hours below", () => {
    expect([leadTimeText(1041), leadTimeText(48), leadTimeText(47), leadTimeText(24), leadTimeText(1)]).toEqual(["43 days", "2 days", "47 hours", "1 day", "1 hour"]);
  });
  it("says days when hours make whole days", () => {
    expect([durationText(336), durationText(24), durationText(48), durationText(36), durationText(1)]).toEqual(["14 days", "1 day", "2 days", "36 hours", "1 hour"]);
  });
});

describe("policySentences", () => {
  it("states the default policy in plain words", () => {
    expect(policySentences(DEFAULT_CANCELLATION_POLICY, "GBP")).toEqual([
      "If you cancel at least 14 days before the start, you get everything you paid back.",
      "If you cancel between 2 days and 14 days before the start, you get 50% of what you paid back.",
      "If you cancel less than 2 days before the start, there is no refund.",
      "A deposit is not refundable: it is kept whenever you cancel.",
      "You can cancel the whole booking or some attendees from your booking page until the session starts; refunds go back the way you paid.",
    ]);
  });
  it("leaves deposits out where none can be paid", () => {
    const s = policySentences(DEFAULT_CANCELLATION_POLICY, "GBP", { deposit: false });
    expect(s.some((x) => /deposit/i.test(x))).toBe(false);
    expect(s).toContain("If you cancel less than 2 days before the start, there is no refund.");
  });
  it("names the fee, a refundable deposit, and a band up to the start", () => {
    const s = policySentences({ bands: [{ hoursBefore: 72, refundPercent: 100 }, { hoursBefore: 0, refundPercent: 25 }], depositRefundable: true, feeAmount: 1500 }, "GBP");
    expect(s).toContain("If you cancel less than 3 days before the start, you get 25% of what you paid back.");
    expect(s).toContain("A deposit is refunded under the same terms as the rest.");
    expect(s).toContain("A cancellation fee of £15.00 is taken from any refund.");
    expect(s.some((x) => x.includes("there is no refund"))).toBe(false);
  });
  it("says when nothing is refunded", () => {
    expect(policySentences({ bands: [], depositRefundable: false, feeAmount: 0 }, "GBP")[0]).toBe("Cancellations are not refunded.");
  });
});

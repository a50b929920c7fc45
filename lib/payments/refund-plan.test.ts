import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { planRefund, type RefundPlanInput } from "./refund-plan";

/** Every place in these bookings was sold at 12,000: the places cancelled are worth that each. */
function planAt12k(p: Omit<Parameters<typeof planRefund>[0], "placesValue"> & { placesValue?: number }) {
  return planRefund({ ...p, placesValue: p.placesToCancel * 12_000 });
}

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
// Three places at 120.00.
const paidInFull: RefundPlanInput = {
  value: 36_000, placesValue: 0, activePlaces: 3, placesToCancel: 0, refundAmount: 0,
  payments: [{ id: "full", refundable: 36_000, receivedAt: at(1) }],
};
// The same with a 30.00 deposit per place paid, balance not yet.
const depositOnly: RefundPlanInput = { ...paidInFull, payments: [{ id: "dep", refundable: 9_000, receivedAt: at(1) }] };
// Deposit and balance both paid.
const depositAndBalance: RefundPlanInput = {
  ...paidInFull,
  payments: [{ id: "dep", refundable: 9_000, receivedAt: at(1) }, { id: "bal", refundable: 27_000, receivedAt: at(9) }],
};

function fieldError(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).details.fields as Record<string, string>;
  }
  throw new Error("expected an AppError");
}

describe("planRefund", () => {
  it("credits the place's price when one place of a paid booking is refunded", () => {
    expect(planAt12k({ ...paidInFull, placesToCancel: 1, refundAmount: 12_000 })).toEqual({
      credit: 12_000, parts: [{ paymentId: "full", amount: 12_000 }], cancelsEverything: false,
    });
  });

  it("credits the whole price and refunds everything when every place is cancelled", () => {
    expect(planAt12k({ ...paidInFull, placesToCancel: 3, refundAmount: 36_000 })).toEqual({
      credit: 36_000, parts: [{ paymentId: "full", amount: 36_000 }], cancelsEverything: true,
    });
  });

  it("cancels a deposit booking entirely: the deposit goes back and the unpaid balance is credited too", () => {
    expect(planAt12k({ ...depositOnly, placesToCancel: 3, refundAmount: 9_000 })).toMatchObject({ credit: 36_000, cancelsEverything: true });
  });

  it("credits a cancelled place's full price on a deposit booking, which also lowers the balance owed", () => {
    // Refund the place's 30 deposit; the credit of 120 lowers what is owed from 270 to 180.
    expect(planAt12k({ ...depositOnly, placesToCancel: 1, refundAmount: 3_000 })).toMatchObject({ credit: 12_000 });
  });

  it("keeps a cancellation fee invoiced: the credit is only what was refunded when nothing is owed", () => {
    expect(planAt12k({ ...paidInFull, placesToCancel: 1, refundAmount: 6_000 })).toMatchObject({ credit: 6_000 });
    expect(planAt12k({ ...paidInFull, placesToCancel: 3, refundAmount: 30_000 })).toMatchObject({ credit: 30_000, cancelsEverything: true });
  });

  it("credits exactly the refund for a goodwill reduction without cancelling places", () => {
    expect(planAt12k({ ...paidInFull, refundAmount: 1_500 })).toMatchObject({ credit: 1_500, cancelsEverything: false });
  });

  it("refunds the latest payment first and spills over to the earlier one", () => {
    expect(planAt12k({ ...depositAndBalance, placesToCancel: 3, refundAmount: 36_000 }).parts).toEqual([
      { paymentId: "bal", amount: 27_000 }, { paymentId: "dep", amount: 9_000 },
    ]);
    expect(planAt12k({ ...depositAndBalance, placesToCancel: 1, refundAmount: 12_000 }).parts).toEqual([
      { paymentId: "bal", amount: 12_000 },
    ]);
  });

  it("skips payments with nothing left to refund", () => {
    const payments = [{ id: "old", refundable: 0, receivedAt: at(20) }, { id: "dep", refundable: 9_000, receivedAt: at(1) }];
    expect(planAt12k({ ...depositOnly, payments, refundAmount: 1_000 }).parts).toEqual([{ paymentId: "dep", amount: 1_000 }]);
  });

  it("refuses more than was paid and not yet refunded", () => {
    expect(fieldError(() => planAt12k({ ...depositOnly, refundAmount: 9_001 }))).toHaveProperty("amount");
  });

  it("refuses a zero or fractional amount", () => {
    expect(fieldError(() => planAt12k({ ...paidInFull, refundAmount: 0 }))).toHaveProperty("amount");
    expect(fieldError(() => planAt12k({ ...paidInFull, refundAmount: 10.5 }))).toHaveProperty("amount");
  });

  it("refuses to cancel more places than remain", () => {
    expect(fieldError(() => planAt12k({ ...paidInFull, placesToCancel: 4, refundAmount: 100 }))).toHaveProperty("attendeeIds");
  });

  it("never leaves the customer owing more than before", () => {
    for (const base of [paidInFull, depositOnly, depositAndBalance]) {
      const netPaid = base.payments.reduce((a, x) => a + x.refundable, 0);
      const owedBefore = Math.max(0, base.value - netPaid);
      for (let places = 0; places <= 3; places++) {
        for (const refund of [1, 1_000, 3_000, 9_000, 12_000, 27_000, 36_000]) {
          if (refund > netPaid) continue;
          const plan = planAt12k({ ...base, placesToCancel: places, refundAmount: refund });
          const owedAfter = (base.value - plan.credit) - (netPaid - refund);
          expect(plan.credit).toBeGreaterThanOrEqual(refund);
          expect(owedAfter).toBeGreaterThanOrEqual(0);
          expect(owedAfter).toBeLessThanOrEqual(owedBefore);
          expect(plan.parts.reduce((a, x) => a + x.amount, 0)).toBe(refund);
        }
      }
    }
  });
});

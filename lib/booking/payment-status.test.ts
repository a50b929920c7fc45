import { describe, expect, it } from "vitest";
import { dueAtBookingText, paymentStatusFilterText, paymentStatusText } from "./payment-status";

describe("paymentStatusText", () => {
  it("says 'Deposit paid' while only a deposit booking's deposit has come in, also after places were added", () => {
    expect(paymentStatusText({ paymentStatus: "deposit_paid", paymentOption: "deposit", amountPaid: 9_000, amountDueNow: 9_000 })).toBe("Deposit paid");
    // A free deposit (nothing now, all later) is still a deposit booking awaiting its balance.
    expect(paymentStatusText({ paymentStatus: "deposit_paid", paymentOption: "deposit", amountPaid: 0, amountDueNow: 0 })).toBe("Deposit paid");
  });

  it("says 'Part paid' when a booking paid in full then cost more", () => {
    expect(paymentStatusText({ paymentStatus: "deposit_paid", paymentOption: "full", amountPaid: 10_000, amountDueNow: 10_000 })).toBe("Part paid");
    // A deposit booking whose balance was paid, then a place added: nothing owed now is a deposit.
    expect(paymentStatusText({ paymentStatus: "deposit_paid", paymentOption: "deposit", amountPaid: 36_000, amountDueNow: 9_000 })).toBe("Part paid");
  });

  it("names the other statuses as before", () => {
    const b = { paymentOption: "full" as const, amountPaid: 0, amountDueNow: 10_000 };
    expect(paymentStatusText({ ...b, paymentStatus: "unpaid" })).toBe("Unpaid");
    expect(paymentStatusText({ ...b, paymentStatus: "paid" })).toBe("Paid in full");
    expect(paymentStatusText({ ...b, paymentStatus: "partially_refunded" })).toBe("Partly refunded");
    expect(paymentStatusText({ ...b, paymentStatus: "refunded" })).toBe("Refunded");
  });

  it("offers deposit_paid as a filter that also finds part-paid bookings", () => {
    expect(paymentStatusFilterText.deposit_paid).toBe("Deposit or part paid");
  });
});

describe("dueAtBookingText", () => {
  it("names the deposit, the price in full, or the full price before the booking cost more", () => {
    expect(dueAtBookingText({ paymentOption: "deposit", amountDueNow: 9_000, totalAmount: 36_000 })).toBe("Due at booking (deposit)");
    expect(dueAtBookingText({ paymentOption: "full", amountDueNow: 10_000, totalAmount: 10_000 })).toBe("Due at booking (in full)");
    expect(dueAtBookingText({ paymentOption: "full", amountDueNow: 10_000, totalAmount: 20_000 })).toBe("Due at booking (the full price then)");
  });
});

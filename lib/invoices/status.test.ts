import { describe, expect, it } from "vitest";
import { invoiceStatus, invoiceStatusFilterLabel, invoiceStatusText } from "./status";

const now = new Date("2026-03-01T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const deposit = { totalAmount: 36_000, creditedAmount: 0, amountPaid: 9_000, amountRefunded: 0 };

describe("invoiceStatus", () => {
  it("is paid when nothing is owed and nothing went back", () => {
    expect(invoiceStatus({ totalAmount: 36_000, creditedAmount: 0, amountPaid: 36_000, amountRefunded: 0, balanceDueAt: null }, now, 7)).toBe("paid");
  });
  it("is deposit paid while the balance date is further away than the reminder", () => {
    expect(invoiceStatus({ ...deposit, balanceDueAt: days(20) }, now, 7)).toBe("deposit_paid");
  });
  it("is balance due inside the reminder window and on the due date itself", () => {
    expect(invoiceStatus({ ...deposit, balanceDueAt: days(7) }, now, 7)).toBe("balance_due");
    expect(invoiceStatus({ ...deposit, balanceDueAt: days(1) }, now, 7)).toBe("balance_due");
    expect(invoiceStatus({ ...deposit, balanceDueAt: now }, now, 7)).toBe("balance_due");
  });
  it("is overdue once the due date has passed with money owed", () => {
    expect(invoiceStatus({ ...deposit, balanceDueAt: days(-1) }, now, 7)).toBe("overdue");
  });
  it("is paid after the balance arrives, whatever the date", () => {
    expect(invoiceStatus({ ...deposit, amountPaid: 36_000, balanceDueAt: days(-3) }, now, 7)).toBe("paid");
  });
  it("is part refunded when a place was cancelled and refunded from a paid booking", () => {
    expect(invoiceStatus({ totalAmount: 36_000, creditedAmount: 12_000, amountPaid: 36_000, amountRefunded: 12_000, balanceDueAt: null }, now, 7))
      .toBe("part_refunded");
  });
  it("is refunded when everything was credited, even with the refund still on its way", () => {
    expect(invoiceStatus({ totalAmount: 36_000, creditedAmount: 36_000, amountPaid: 36_000, amountRefunded: 0, balanceDueAt: null }, now, 7)).toBe("refunded");
    expect(invoiceStatus({ totalAmount: 36_000, creditedAmount: 36_000, amountPaid: 9_000, amountRefunded: 9_000, balanceDueAt: days(-5) }, now, 7)).toBe("refunded");
  });
  it("keeps a deposit booking with a cancelled place owing the rest", () => {
    expect(invoiceStatus({ totalAmount: 36_000, creditedAmount: 12_000, amountPaid: 9_000, amountRefunded: 3_000, balanceDueAt: days(-1) }, now, 7)).toBe("overdue");
  });
});

describe("invoiceStatusText", () => {
  it("reads 'Deposit paid' while a deposit booking has paid just its deposit", () => {
    expect(invoiceStatusText("deposit_paid", { paymentOption: "deposit", amountPaid: 9_000, amountDueNow: 9_000 })).toBe("Deposit paid");
  });
  it("reads 'Part paid' for a booking paid in full, or a deposit booking's balance paid, that then cost more", () => {
    expect(invoiceStatusText("deposit_paid", { paymentOption: "full", amountPaid: 36_000, amountDueNow: 36_000 })).toBe("Part paid");
    expect(invoiceStatusText("deposit_paid", { paymentOption: "deposit", amountPaid: 36_000, amountDueNow: 9_000 })).toBe("Part paid");
  });
  it("names the other statuses as they are, whatever the booking paid first", () => {
    const full = { paymentOption: "full" as const, amountPaid: 36_000, amountDueNow: 36_000 };
    expect(invoiceStatusText("balance_due", full)).toBe("Balance due");
    expect(invoiceStatusText("overdue", full)).toBe("Overdue");
    expect(invoiceStatusText("paid", full)).toBe("Paid");
  });
  it("offers deposit_paid as a filter that also finds part-paid invoices", () => {
    expect(invoiceStatusFilterLabel.deposit_paid).toBe("Deposit or part paid");
  });
});

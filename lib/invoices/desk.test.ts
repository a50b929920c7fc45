import { describe, expect, it } from "vitest";
import type { InvoiceListRow } from "@/db/queries/finance";
import { summariseCreditNotes, summariseInvoices } from "./desk";

const now = new Date("2026-03-01T12:00:00Z");
let n = 0;
function row(o: {
  currency?: string; total: number; paid: number; refunded?: number; credited?: number; dueInDays?: number | null; status?: "confirmed" | "refunded";
  paymentOption?: "full" | "deposit"; dueNow?: number;
}): InvoiceListRow {
  n += 1;
  const due = o.dueInDays == null ? null : new Date(now.getTime() + o.dueInDays * 86_400_000);
  const tax = Math.round(o.total / 6);
  return {
    id: `inv-${n}`, number: `INV-2026-${String(n).padStart(5, "0")}`, issuedAt: now, supplyDate: now, currency: o.currency ?? "GBP",
    subtotalAmount: o.total - tax, taxAmount: tax, taxRateBasisPoints: 2000, totalAmount: o.total,
    buyer: { name: "B", addressLines: [] }, balanceDueAt: due, hasPdf: true, supplementsInvoiceId: null, supplementPaid: null, supplementsPaid: 0,
    booking: {
      id: `b-${n}`, reference: `TRN-${n}`, status: o.status ?? "confirmed", totalAmount: o.total, creditedAmount: o.credited ?? 0,
      amountPaid: o.paid, amountRefunded: o.refunded ?? 0, balanceDueAt: due,
      // A balance due later is a deposit's unless told otherwise; the first payment was what has been paid.
      paymentOption: o.paymentOption ?? (due ? "deposit" : "full"), amountDueNow: o.dueNow ?? o.paid,
    },
  };
}

describe("summariseInvoices", () => {
  const rows = [
    row({ total: 36_000, paid: 36_000 }),
    row({ total: 36_000, paid: 9_000, dueInDays: 30 }),
    row({ total: 24_000, paid: 6_000, dueInDays: -2 }),
    row({ total: 12_000, paid: 12_000, refunded: 12_000, credited: 12_000, status: "refunded" }),
    row({ currency: "EUR", total: 10_000, paid: 10_000 }),
  ];

  it("gives each invoice its status and what is paid and owed", () => {
    const { invoices } = summariseInvoices(rows, { now, reminderDays: 7 });
    expect(invoices.map((i) => [i.status, i.paid, i.owed])).toEqual([
      ["paid", 36_000, 0], ["deposit_paid", 9_000, 27_000], ["overdue", 6_000, 18_000], ["refunded", 0, 0], ["paid", 10_000, 0],
    ]);
  });

  it("names money owed later 'Deposit paid' on a deposit booking and 'Part paid' on one paid in full that then cost more", () => {
    const partPaid = row({ total: 20_000, paid: 10_000, dueInDays: 30, paymentOption: "full" });
    const { invoices } = summariseInvoices([...rows, partPaid], { now, reminderDays: 7 });
    expect(invoices.map((i) => [i.status, i.statusText])).toEqual([
      ["paid", "Paid"], ["deposit_paid", "Deposit paid"], ["overdue", "Overdue"], ["refunded", "Refunded"], ["paid", "Paid"], ["deposit_paid", "Part paid"],
    ]);
  });

  it("totals per currency, never mixing them", () => {
    const { totals } = summariseInvoices(rows, { now, reminderDays: 7 });
    expect(totals.map((t) => [t.currency, t.count, t.total, t.paid, t.owed, t.credited])).toEqual([
      ["EUR", 1, 10_000, 10_000, 0, 0],
      ["GBP", 4, 108_000, 51_000, 45_000, 12_000],
    ]);
  });

  it("keeps only the asked-for status and totals just those", () => {
    const { invoices, totals } = summariseInvoices(rows, { now, reminderDays: 7, status: "overdue" });
    expect(invoices).toHaveLength(1);
    expect(totals).toEqual([{ currency: "GBP", count: 1, subtotal: 20_000, tax: 4_000, total: 24_000, credited: 0, paid: 6_000, owed: 18_000 }]);
  });
});

describe("a booking with a supplementary invoice", () => {
  // 3 places at 285 paid in full (its own invoice, 855), then a fourth added and paid (a supplement, 285).
  const own = row({ total: 85_500, paid: 114_000 });
  own.booking.totalAmount = 114_000;
  own.supplementsPaid = 28_500;
  const supplement: InvoiceListRow = { ...row({ total: 28_500, paid: 114_000 }), booking: own.booking, supplementsInvoiceId: own.id, supplementPaid: 28_500 };

  it("shows each invoice what was paid against it, and counts the booking's money once in the totals", () => {
    const { invoices, totals } = summariseInvoices([own, supplement], { now, reminderDays: 7 });
    expect(invoices.map((i) => [i.number, i.status, i.paid, i.owed, i.credited])).toEqual([
      [own.number, "paid", 85_500, 0, 0], [supplement.number, "paid", 28_500, 0, 0],
    ]);
    expect(totals).toMatchObject([{ currency: "GBP", count: 2, total: 114_000, paid: 114_000, owed: 0 }]);
  });

  it("leaves what is owed, credited and refunded on the booking's own invoice", () => {
    const booking = { ...own.booking, creditedAmount: 28_500, amountRefunded: 28_500 };
    const { invoices, totals } = summariseInvoices([{ ...own, booking }, { ...supplement, booking }], { now, reminderDays: 7 });
    expect(invoices.map((i) => [i.paid, i.credited, i.refunded])).toEqual([[57_000, 28_500, 28_500], [28_500, 0, 0]]);
    expect(totals[0]).toMatchObject({ paid: 85_500, credited: 28_500 });
  });
});

describe("summariseCreditNotes", () => {
  it("adds up credits and refunds per currency", () => {
    const cn = (total: number, refund: number) => ({ currency: "GBP", subtotalAmount: total - total / 6, taxAmount: total / 6, totalAmount: total, refundAmount: refund });
    expect(summariseCreditNotes([cn(12_000, 12_000), cn(36_000, 9_000)] as never)).toEqual([
      { currency: "GBP", count: 2, subtotal: 40_000, tax: 8_000, total: 48_000, refunded: 21_000 },
    ]);
  });
});

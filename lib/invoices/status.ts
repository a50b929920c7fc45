// Where an invoice stands, from its booking's money and the balance due date. Pure, unit-tested; the
// finance desk filters and totals by it.
import { amountOwed, bookingValue, type BookingMoney } from "@/lib/booking/balance";
import { partPaymentText, type PartPaymentFacts } from "@/lib/booking/payment-status";
import { formatMoney } from "@/lib/format";

export const invoiceStatuses = ["paid", "deposit_paid", "balance_due", "overdue", "part_refunded", "refunded"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const invoiceStatusLabel: Record<InvoiceStatus, string> = {
  paid: "Paid",
  deposit_paid: "Deposit paid",
  balance_due: "Balance due",
  overdue: "Overdue",
  part_refunded: "Part refunded",
  refunded: "Refunded",
};

/** The statuses as the filter offers them: deposit_paid also finds bookings part paid after they cost more. */
export const invoiceStatusFilterLabel: Record<InvoiceStatus, string> = { ...invoiceStatusLabel, deposit_paid: "Deposit or part paid" };

/**
 * An invoice's status in words. Money owed later is a deposit's balance only on a deposit booking that has paid
 * just its deposit; a booking paid in full that then cost more is "Part paid", as on the staff booking pages.
 */
export function invoiceStatusText(status: InvoiceStatus, b: PartPaymentFacts): string {
  return status === "deposit_paid" ? partPaymentText(b) : invoiceStatusLabel[status];
}

/** The status while a refund of money paid by transfer or in cash waits to be paid back by hand (toPayBackByHand). */
export function handRefundStatusText(toPayBack: number, currency: string): string {
  return `Refund to pay back by hand: ${formatMoney(toPayBack, currency)}`;
}

const DAY_MS = 86_400_000;

/**
 * refunded: every place cancelled or the whole price credited. overdue: money owed after its due date.
 * balance_due: money owed and the due date within the reminder window (the reminder has gone out).
 * deposit_paid: money owed, due later than that (a deposit's balance, or more owed after a change: see invoiceStatusText). part_refunded: nothing owed, some money returned. paid: the rest.
 */
export function invoiceStatus(
  b: BookingMoney & { balanceDueAt: Date | null },
  now: Date,
  reminderDays: number,
): InvoiceStatus {
  if (bookingValue(b) <= 0) return "refunded";
  const owed = amountOwed(b);
  if (owed > 0) {
    if (!b.balanceDueAt) return "balance_due";
    if (now.getTime() > b.balanceDueAt.getTime()) return "overdue";
    if (now.getTime() >= b.balanceDueAt.getTime() - reminderDays * DAY_MS) return "balance_due";
    return "deposit_paid";
  }
  return b.amountRefunded > 0 ? "part_refunded" : "paid";
}

/** A supplementary invoice is issued when its extra is paid: paid, unless its booking was refunded since. */
export function supplementaryInvoiceStatus(b: { status: string }): InvoiceStatus {
  return b.status === "refunded" ? "refunded" : "paid";
}

/** What became of a credit note's refund, in words: none (nothing was refunded), made, still pending, or failed. */
export function creditNoteRefundLabel(status: "pending" | "succeeded" | "failed" | null): string {
  switch (status) {
    case null: return "No refund";
    case "succeeded": return "Refunded";
    case "failed": return "Refund failed";
    default: return "Refund pending";
  }
}

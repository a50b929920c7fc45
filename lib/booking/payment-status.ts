// A booking's payment status in words. The stored deposit_paid means "part paid, the rest due later": a deposit
// booking before its balance, but also a booking paid in full (or a deposit booking whose balance came in) that
// then cost more (places added, a dearer session or span). Only the first is a deposit. Pure, unit-tested.
import type { Booking } from "@/db/schema";

type PaymentStatus = Booking["paymentStatus"];

const statusText: Record<PaymentStatus, string> = {
  unpaid: "Unpaid",
  deposit_paid: "Deposit paid",
  paid: "Paid in full",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
};

/** The stored statuses as a search filter offers them: deposit_paid also finds bookings part paid after a change. */
export const paymentStatusFilterText: Record<PaymentStatus, string> = { ...statusText, deposit_paid: "Deposit or part paid" };

export type PartPaymentFacts = Pick<Booking, "paymentOption" | "amountPaid" | "amountDueNow">;
type PaymentFacts = PartPaymentFacts & Pick<Booking, "paymentStatus">;

/** Only a deposit has come in: a deposit booking that has paid no more than its first payment asked for. */
function onlyDepositPaid(b: PartPaymentFacts): boolean {
  return b.paymentOption === "deposit" && b.amountPaid <= b.amountDueNow;
}

/** A booking with money still to come, in words: "Deposit paid" while only its deposit is in, else "Part paid". */
export function partPaymentText(b: PartPaymentFacts): "Deposit paid" | "Part paid" {
  return onlyDepositPaid(b) ? "Deposit paid" : "Part paid";
}

/** "Deposit paid" while a deposit booking's balance is to come; "Part paid" when more is owed on money already paid in full. */
export function paymentStatusText(b: PaymentFacts): string {
  return b.paymentStatus === "deposit_paid" ? partPaymentText(b) : statusText[b.paymentStatus];
}

/** What the first payment asked for, named: a deposit, the price in full, or the price in full before it rose. */
export function dueAtBookingText(b: Pick<Booking, "paymentOption" | "amountDueNow" | "totalAmount">): string {
  if (b.paymentOption === "deposit") return "Due at booking (deposit)";
  return b.amountDueNow < b.totalAmount ? "Due at booking (the full price then)" : "Due at booking (in full)";
}

// How a staff refund splits into provider refunds and how much it credits on the invoice. Pure, unit-tested.
import { AppError } from "@/lib/errors";

export type RefundablePayment = { id: string; refundable: number; receivedAt: Date };

export type RefundPlanInput = {
  /** The price still in force: total less earlier credit notes. */
  value: number;
  /** What the places to cancel were sold for, together. */
  placesValue: number;
  activePlaces: number;
  placesToCancel: number;
  refundAmount: number;
  /**
   * Money paid for the places to cancel that is kept (a deposit the policy keeps, a fee, the share a band does
   * not refund): it stays invoiced, so the credit is at most the places' price less it. Absent: none is kept
   * for them, and what was paid counts towards the places that stay.
   */
  retained?: number;
  /** Payments that count towards the booking, with what is left to refund on each (pending refunds deducted). */
  payments: RefundablePayment[];
};

export type RefundPlan = {
  /** What the credit note takes off the invoice. */
  credit: number;
  /** Provider refunds, latest payment first; the first is the one the credit note hangs on. */
  parts: { paymentId: string; amount: number }[];
  cancelsEverything: boolean;
};

/**
 * The credit is what the invoice goes down by:
 * - places cancelled: their price (all that remains of the price when every place goes) less the money kept
 *   for them, but never less than the money refunded, and never more than the balance owed plus the refund,
 *   so a cancellation fee or deposit that is kept stays invoiced and the customer is never left owed money
 *   they were not refunded;
 * - no places (a goodwill reduction): the money refunded.
 * So the balance still owed never rises, and never falls below zero.
 */
export function planRefund(p: RefundPlanInput): RefundPlan {
  if (!Number.isSafeInteger(p.refundAmount) || p.refundAmount <= 0)
    throw new AppError("invalid_request", { fields: { amount: "Enter an amount greater than zero" } });
  if (!Number.isInteger(p.placesToCancel) || p.placesToCancel < 0 || p.placesToCancel > p.activePlaces)
    throw new AppError("invalid_request", { fields: { attendeeIds: "Those places cannot be cancelled" } });
  const sorted = [...p.payments].filter((x) => x.refundable > 0)
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || b.refundable - a.refundable);
  const netPaid = sorted.reduce((acc, x) => acc + x.refundable, 0);
  if (p.refundAmount > netPaid)
    throw new AppError("invalid_request", { fields: { amount: "That is more than was paid and not yet refunded" }, refundable: netPaid });

  const owed = Math.max(0, p.value - netPaid);
  const cancelsEverything = p.placesToCancel > 0 && p.placesToCancel === p.activePlaces;
  const placesValue = cancelsEverything ? p.value : p.placesValue;
  const credit = p.placesToCancel > 0
    ? Math.max(p.refundAmount, Math.min(owed + p.refundAmount, placesValue - Math.max(0, p.retained ?? 0)))
    : p.refundAmount;
  if (credit > p.value)
    throw new AppError("invalid_request", { fields: { amount: "That is more than the booking is still worth" } });

  const parts: RefundPlan["parts"] = [];
  let left = p.refundAmount;
  for (const payment of sorted) {
    if (left === 0) break;
    const amount = Math.min(left, payment.refundable);
    parts.push({ paymentId: payment.id, amount });
    left -= amount;
  }
  return { credit, parts, cancelsEverything };
}

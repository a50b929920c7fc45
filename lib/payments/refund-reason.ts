// A refund's reason as staff read it: the codes the payment path writes in words, anything else (what staff typed,
// a customer cancellation's sentence) as it was written.
const CODES: Record<string, string> = {
  duplicate_payment: "Duplicate payment",
  amount_mismatch: "Amount did not match the booking",
  late_payment_refunded: "Paid after the hold lapsed and the places were gone",
  cancelled_by_staff: "Cancelled by staff",
  cancelled_by_customer: "Cancelled by the customer",
};

export function refundReasonLabel(reason: string): string {
  return CODES[reason] ?? reason;
}

// Ways money reaches the seller outside the checkout (lib/payments/offline-payment.ts). A payment of one of them
// has no card to go back to: its refunds are paid back by hand.
export const OFFLINE_PAYMENT_METHODS = ["bank_transfer", "cash"] as const;
export type OfflinePaymentMethod = (typeof OFFLINE_PAYMENT_METHODS)[number];
export const offlineMethodText: Record<OfflinePaymentMethod, string> = { bank_transfer: "Bank transfer", cash: "Cash" };

export function isOfflineProvider(provider: string): provider is OfflinePaymentMethod {
  return (OFFLINE_PAYMENT_METHODS as readonly string[]).includes(provider);
}

/**
 * What finance has still to pay back by hand: refunds of money paid by transfer or in cash not yet marked paid back.
 * Until then the money has not gone back, whatever the invoice's or booking's status would otherwise say.
 */
export function toPayBackByHand(
  payments: readonly { id: string; provider: string }[], refunds: readonly { paymentId: string; status: string; amount: number }[],
): number {
  const offline = new Set(payments.filter((p) => isOfflineProvider(p.provider)).map((p) => p.id));
  return refunds.filter((r) => r.status === "pending" && offline.has(r.paymentId)).reduce((acc, r) => acc + r.amount, 0);
}

/** How a refund reaches the customer: the card paid with, a bank transfer (money paid by transfer or cash), or both. */
export type RefundRoute = "card" | "transfer" | "both";

/** Where a refund goes, in a sentence for the customer. */
export const refundRouteText: Record<RefundRoute, string> = {
  card: "to the card you paid with; banks usually show it within 5 to 10 working days",
  transfer: "by bank transfer, as you paid us by transfer or in cash",
  both: "the way you paid: to the card you paid with (banks usually show it within 5 to 10 working days), and by bank transfer for what you paid by transfer or in cash",
};

// Business events counted for /api/metrics. Called after the transaction that made them has committed,
// so a rolled-back attempt counts nothing.
import { metrics } from "./registry";

export type BookingEvent = "created" | "confirmed" | "cancelled" | "expired";

export function countBookings(event: BookingEvent, n = 1) {
  if (n > 0) metrics().bookings.inc({ event }, n);
}

export function countPayment(p: { kind: string; currency: string; amount: number }) {
  const m = metrics();
  m.payments.inc({ kind: p.kind, currency: p.currency });
  m.paymentAmount.inc({ currency: p.currency }, p.amount);
}

export function countRefund(outcome: "succeeded" | "failed") {
  metrics().refunds.inc({ outcome });
}

export function countEmail(outcome: "sent" | "already_sent" | "failed", transport: string) {
  metrics().emails.inc({ outcome, transport });
}

export function countWebhookDelivery(outcome: "delivered" | "failed" | "gave_up", type: string) {
  metrics().webhookDeliveries.inc({ outcome, type });
}

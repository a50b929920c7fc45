// Business events counted for /api/metrics. Called after the transaction that made them has committed,
// so a rolled-back attempt counts nothing.
import { metrics } from "./registry";

type Counters = Pick<ReturnType<typeof metrics>, "bookings" | "payments" | "paymentAmount" | "refunds" | "emails" | "webhookDeliveries">;

/** One increment of a business counter, as it crosses from the job thread to the registry /api/metrics reads. */
export type CountIncrement = { counter: keyof Counters; labels: Record<string, string>; n: number };

const holder = globalThis as unknown as { turnoutCountSink?: (c: CountIncrement) => void };

/**
 * Sends this thread's counts elsewhere instead of counting them here: the job thread (lib/jobs/job-thread.ts)
 * hands them to the request thread, whose registry is the one scraped.
 */
export function forwardCounts(sink: (c: CountIncrement) => void) {
  holder.turnoutCountSink = sink;
}

const COUNTERS = new Set<string>(["bookings", "payments", "paymentAmount", "refunds", "emails", "webhookDeliveries"] satisfies (keyof Counters)[]);

/** Counts an increment (forwarded by another thread) in this thread's registry; anything else is ignored. */
export function applyCount(c: CountIncrement) {
  if (!COUNTERS.has(c.counter) || !(c.n > 0)) return;
  (metrics()[c.counter] as { inc(labels: Record<string, string>, n: number): void }).inc(c.labels, c.n);
}

function count(counter: CountIncrement["counter"], labels: Record<string, string>, n = 1) {
  const c = { counter, labels, n };
  if (holder.turnoutCountSink) holder.turnoutCountSink(c);
  else applyCount(c);
}

export type BookingEvent = "created" | "confirmed" | "cancelled" | "expired";

export function countBookings(event: BookingEvent, n = 1) {
  if (n > 0) count("bookings", { event }, n);
}

export function countPayment(p: { kind: string; currency: string; amount: number }) {
  count("payments", { kind: p.kind, currency: p.currency });
  count("paymentAmount", { currency: p.currency }, p.amount);
}

export function countRefund(outcome: "succeeded" | "failed") {
  count("refunds", { outcome });
}

export function countEmail(outcome: "sent" | "already_sent" | "failed", transport: string) {
  count("emails", { outcome, transport });
}

export function countWebhookDelivery(outcome: "delivered" | "failed" | "gave_up", type: string) {
  count("webhookDeliveries", { outcome, type });
}

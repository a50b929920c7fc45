// Prometheus metrics for this process (prom-client). One registry per process, kept on globalThis: Next.js
// may load this module in several bundles or reload it in development, and registering a metric twice throws.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "turnout_" });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "turnout_http_requests_total", help: "HTTP requests answered, by route, method and status.",
      labelNames: ["route", "method", "status"] as const, registers,
    }),
    httpDuration: new Histogram({
      name: "turnout_http_request_duration_seconds", help: "Time to answer an HTTP request, by route and method.",
      labelNames: ["route", "method"] as const, registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    bookings: new Counter({
      name: "turnout_bookings_total", help: "Bookings created (places held), confirmed (paid) and cancelled or expired.",
      labelNames: ["event"] as const, registers,
    }),
    payments: new Counter({
      name: "turnout_payments_total", help: "Payments recorded, by kind (full, deposit, balance) and currency.",
      labelNames: ["kind", "currency"] as const, registers,
    }),
    paymentAmount: new Counter({
      name: "turnout_payment_amount_minor_total", help: "Money received, in minor units, by currency.",
      labelNames: ["currency"] as const, registers,
    }),
    refunds: new Counter({
      name: "turnout_refunds_total", help: "Refund attempts at the payment provider, by outcome.",
      labelNames: ["outcome"] as const, registers,
    }),
    emails: new Counter({
      name: "turnout_emails_total", help: "Email delivery attempts, by outcome (sent, already_sent, failed).",
      labelNames: ["outcome", "transport"] as const, registers,
    }),
    webhookDeliveries: new Counter({
      name: "turnout_webhook_deliveries_total",
      help: "Outgoing webhook delivery attempts, by outcome (delivered, failed, gave_up) and event type.",
      labelNames: ["outcome", "type"] as const, registers,
    }),
    pageRenders: new Counter({
      name: "turnout_page_renders_total",
      help: "Catalogue pages rendered for the page cache, by who rendered them (renderer: the page renderer process; server: this server).",
      labelNames: ["by"] as const, registers,
    }),
    jobQueue: new Gauge({
      name: "turnout_job_queue_jobs", help: "Jobs in the queue at scrape time, by state (pending, running, failing, dead).",
      labelNames: ["state"] as const, registers,
    }),
    dbPoolMax: new Gauge({
      name: "turnout_db_pool_max_connections", help: "Connections this process's database pool may open.", registers,
    }),
    dbConnections: new Gauge({
      name: "turnout_db_connections", help: "Connections of the app to its database at scrape time (every instance), by state.",
      labelNames: ["state"] as const, registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const holder = globalThis as unknown as { turnoutMetrics?: Metrics };

export function metrics(): Metrics {
  return (holder.turnoutMetrics ??= createMetrics());
}

// The two ways a figure is measured: HTTP load with autocannon, and a loop of SQL transactions on
// postgres.js clients (the raw reference for the same work without the app).
import { Agent, get } from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

export type Measurement = { rate: number; p50: number; p99: number; errors: number };

export const seconds = () => Number(process.env.BENCH_SECONDS ?? 10);

export async function http(options: {
  url: string; connections: number; duration?: number; amount?: number; method?: "GET" | "POST";
  /** Requests per second across all connections (a steady stream of visitors); without it, as fast as answered. */
  overallRate?: number;
  headers?: Record<string, string>; body?: string; next?: () => { body: string; headers: Record<string, string> };
}): Promise<Measurement> {
  const { next } = options;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? seconds() }),
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    timeout: 30,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    ...(next ? { requests: [{ setupRequest: (req: object) => ({ ...req, ...next() }) }] } : {}),
  });
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    rate: (result.requests.total - result.non2xx) / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * GET `url` at a steady `rate` a second for `durationS` seconds over at most `connections` kept-alive
 * connections: one request every 1/rate s, sent whether or not earlier ones were answered, as visitors arrive.
 * (autocannon's rate sends each second's quota at once at the start of the second, so its latencies measure
 * that pile-up.) Each latency counts from when the request was due, so a slow answer that holds up the next
 * ones counts for them too.
 */
export async function steady(o: { url: string; rate: number; durationS: number; connections: number }): Promise<Measurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const total = Math.round(o.rate * o.durationS);
  const latencies: number[] = [];
  let errors = 0;
  const one = (due: number) => new Promise<void>((resolve) => {
    const req = get(o.url, { agent }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode === 200) latencies.push(performance.now() - due);
        else errors++;
        resolve();
      });
    });
    req.on("error", () => {
      errors++;
      resolve();
    });
  });
  const start = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(one(due));
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { rate: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

/** Runs `task` from `clients` loops for `durationS` seconds (or `total` times in all). */
export async function loop(clients: number, task: (i: number) => Promise<unknown>, o: { durationS?: number; total?: number } = {}): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + (o.durationS ?? seconds()) * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    for (;;) {
      if (o.total !== undefined ? next >= o.total : performance.now() >= end) return;
      const i = next++;
      const t = performance.now();
      try { await task(i); } catch { errors++; continue; }
      latencies.push(performance.now() - t);
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { rate: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

// The two ways a figure is measured: HTTP load with autocannon, and a loop of SQL transactions on
// postgres.js clients (the raw reference for the same work without the app).
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

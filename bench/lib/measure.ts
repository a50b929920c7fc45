// The two ways a figure is measured: HTTP load with autocannon, and a loop of SQL transactions on
// postgres.js clients (the raw reference for the same work without the app).
import { Agent, get } from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { runDelaySeconds } from "./scheduling";

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

/** A steady load's measurement, with when it started (epoch ms) and when its slowest answers were due (ms after that). */
export type SteadyMeasurement = Measurement & {
  startedAt: number; slowest: { dueMs: number; ms: number }[];
  /** Milliseconds the thread sending the requests and timing the answers waited for a core meanwhile (null: not known). */
  generatorWaitMs: number | null;
};

/** How long before `startAt` the load opens its connections (one unmeasured request on each). */
const CONNECT_AHEAD_MS = 300;

/**
 * GET `url` at a steady `rate` a second for `durationS` seconds over at most `connections` kept-alive
 * connections: one request every 1/rate s, sent whether or not earlier ones were answered, as visitors arrive.
 * (autocannon's rate sends each second's quota at once at the start of the second, so its latencies measure
 * that pile-up.) Each latency counts from when the request was due, so a slow answer that holds up the next
 * ones counts for them too.
 */
export async function steady(o: {
  url: string; rate: number; durationS: number; connections: number;
  /**
   * When to send the first measured request (epoch ms): its connections are opened just before, so that the
   * measurement starts with the event it is set beside (a burst of payments) and not with the load's own start.
   */
  startAt?: number;
}): Promise<SteadyMeasurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  if (o.startAt !== undefined) {
    await sleepUntil(o.startAt - CONNECT_AHEAD_MS);
    await Promise.all(Array.from({ length: o.connections }, () => new Promise<void>((resolve) => {
      get(o.url, { agent }, (res) => res.resume().on("end", () => resolve())).on("error", () => resolve());
    })));
    await sleepUntil(o.startAt);
  }
  const total = Math.round(o.rate * o.durationS);
  const answered: { dueMs: number; ms: number }[] = [];
  let errors = 0;
  const one = (due: number) => new Promise<void>((resolve) => {
    const req = get(o.url, { agent }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode === 200) answered.push({ dueMs: due - start, ms: performance.now() - due });
        else errors++;
        resolve();
      });
    });
    req.on("error", () => {
      errors++;
      resolve();
    });
  });
  const ownWait = () => runDelaySeconds("/proc/thread-self/schedstat");
  const waitBefore = ownWait();
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
  answered.sort((a, b) => a.ms - b.ms);
  const at = (p: number) => answered[Math.min(answered.length - 1, Math.floor(p * answered.length))]?.ms ?? NaN;
  const slowest = answered.slice(-5).reverse();
  const waitAfter = ownWait();
  const generatorWaitMs = waitBefore === null || waitAfter === null ? null : (waitAfter - waitBefore) * 1000;
  return { rate: answered.length / elapsed, p50: at(0.5), p99: at(0.99), errors, startedAt: performance.timeOrigin + start, slowest, generatorWaitMs };
}

/** Resolves at `epochMs` (at once if that has passed). */
export function sleepUntil(epochMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));
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

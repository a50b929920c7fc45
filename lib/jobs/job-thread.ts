// Runs the job worker (lib/jobs/worker.ts: emails, documents, outgoing webhooks) on a thread of its own, so
// that the thread answering requests answers only requests. A burst of payments queues a hundred jobs at once:
// on the request thread their queries, email composition and bookkeeping ran between pages, and a page
// arriving behind them waited for all that was ready to run. On its own thread, at a lower scheduling priority
// (JOBS_NICE), the jobs take whatever core the requests leave. The thread has its own database pool (sized to
// JOBS_CONCURRENCY) and its own PDF threads; its business counts are handed to this thread's /api/metrics.
//
// The thread loads lib/ from the source tree with tsx (lib/thread-entry.mjs), as the PDF threads do,
// so it runs the same code under `next start`, `next dev` and in tests. If it stops, it is started again.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { applyCount, type CountIncrement } from "@/lib/metrics/events";

// Found from this module's place in the source tree (see lib/pdf/render-pool.ts on why not `new URL`).
const ENTRY = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "job-thread-entry.mjs"));

const RESTART_AFTER_MS = 5_000;

/** A message from the job thread. */
export type JobThreadMessage = { kind: "count"; count: CountIncrement } | { kind: "started" };
/** A message to it. */
export type ToJobThread = { kind: "stop" };

type JobThread = { worker: Worker; started: Promise<void>; exited: Promise<void>; stopping: boolean };

const holder = globalThis as unknown as { turnoutJobThread?: JobThread };

/**
 * Starts the job thread once per process (none without a database, or with JOBS_WORKER=off). Resolves when
 * its worker is taking jobs.
 */
export function startJobThread(): Promise<void> | undefined {
  if (!env().DATABASE_URL || process.env.JOBS_WORKER === "off") return undefined;
  return (holder.turnoutJobThread ??= spawn()).started;
}

/**
 * Stops the job thread for good (scripts and tests that must exit): the jobs it is running finish and are
 * recorded, and it is not started again.
 */
export async function stopJobThread(): Promise<void> {
  const thread = holder.turnoutJobThread;
  if (!thread) return;
  thread.stopping = true;
  holder.turnoutJobThread = undefined;
  thread.worker.postMessage({ kind: "stop" } satisfies ToJobThread);
  await thread.exited;
}

function spawn(): JobThread {
  const worker = new Worker(ENTRY, {
    workerData: { nice: env().JOBS_NICE },
    // Its own pool: one connection per job running, and two for what jobs send together.
    env: { ...process.env, DATABASE_POOL_MAX: String(env().JOBS_CONCURRENCY + 2) },
  });
  let started!: () => void;
  let failed!: (err: Error) => void;
  const thread: JobThread = {
    worker, stopping: false,
    started: new Promise<void>((resolve, reject) => { started = resolve; failed = reject; }),
    exited: new Promise<void>((resolve) => worker.once("exit", () => resolve())),
  };
  worker.on("message", (m: JobThreadMessage) => {
    if (m.kind === "count") applyCount(m.count);
    else if (m.kind === "started") started();
  });
  worker.on("error", (err) => log.error({ err }, "job thread failed"));
  worker.on("exit", (code) => {
    failed(new Error(`the job thread stopped (exit code ${code})`)); // no effect once it had started
    if (thread.stopping) return;
    if (holder.turnoutJobThread === thread) holder.turnoutJobThread = undefined;
    log.error({ code }, "job thread stopped; starting it again");
    setTimeout(() => startJobThread()?.catch(() => undefined), RESTART_AFTER_MS).unref();
  });
  // The process may exit while the thread runs (a script, a test): the thread does not hold it open.
  worker.unref();
  return thread;
}

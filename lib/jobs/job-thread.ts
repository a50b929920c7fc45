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
import { connectionName } from "@/db/config";
import { env } from "@/lib/env";
import { hostThread, stopHostedThread, type HostedMessage, type HostedThread } from "@/lib/thread-host";

// Found from this module's place in the source tree (see lib/pdf/render-pool.ts on why not `new URL`).
const ENTRY = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "job-thread-entry.mjs"));

const RESTART_AFTER_MS = 5_000;

/** A message from the job thread. */
export type JobThreadMessage = HostedMessage;
/** A message to it. */
export type ToJobThread = { kind: "stop" };

const holder = globalThis as unknown as { turnoutJobThread?: HostedThread };

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
  holder.turnoutJobThread = undefined;
  await stopHostedThread(thread, { kind: "stop" } satisfies ToJobThread);
}

function spawn(): HostedThread {
  return hostThread({
    name: "job thread", entry: ENTRY,
    workerData: { nice: env().JOBS_NICE, idle: env().BACKGROUND_THREAD_POLICY === "idle" },
    // Its own pool: one connection per job running, and two for what jobs send together.
    env: { ...process.env, DATABASE_POOL_MAX: String(env().JOBS_CONCURRENCY + 2), PGAPPNAME: connectionName("jobs") },
    restart: () => startJobThread()?.catch(() => undefined),
    restartAfterMs: RESTART_AFTER_MS,
  }, (thread) => {
    if (holder.turnoutJobThread === thread) holder.turnoutJobThread = undefined;
  });
}

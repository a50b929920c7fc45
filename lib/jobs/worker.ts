// The background worker (graphile-worker on our PostgreSQL): retries with exponential backoff, several
// app instances share the queue safely.
import { run, type Runner } from "graphile-worker";
import { env } from "@/lib/env";
import { taskList } from "./tasks";

const globalWorker = globalThis as unknown as { turnoutWorker?: Promise<Runner> };

export function startWorker(): Promise<Runner> | undefined {
  const url = env().DATABASE_URL;
  if (!url || process.env.JOBS_WORKER === "off") return undefined;
  globalWorker.turnoutWorker ??= run({
    connectionString: url,
    concurrency: 4,
    pollInterval: 2000,
    noHandleSignals: true,
    taskList,
  });
  return globalWorker.turnoutWorker;
}

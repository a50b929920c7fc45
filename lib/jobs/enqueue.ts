// Enqueues a job in the caller's transaction (graphile-worker's add_job), so a job exists if and only if the
// state change that caused it committed. A job key replaces a not-yet-started job with the same key.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

export type EnqueueOptions = { jobKey?: string; runAt?: Date; maxAttempts?: number; queueName?: string };

export async function enqueueJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}) {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 10}::int,
    job_key => ${options.jobKey ?? null}::text
  )`);
}

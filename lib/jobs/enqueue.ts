// Enqueues a job in the caller's transaction (graphile-worker's add_job), so a job exists if and only if the
// state change that caused it committed. A job key replaces a not-yet-started job with the same key.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/**
 * Which due job runs first (graphile-worker takes the lowest number first, then the earliest). In a sale rush
 * the queue holds hundreds of jobs: what a customer is waiting for (a confirmation with its tickets, a refund
 * receipt) goes before staff's notices of the same bookings, and those before bulk announcements and
 * documents drawn ahead of need (an invoice's PDF, which the confirmation carrying it draws anyway).
 */
export const JOB_PRIORITY = { customer: 0, staff: 10, background: 20 } as const;

export type JobPriority = keyof typeof JOB_PRIORITY;

export type EnqueueOptions = { jobKey?: string; runAt?: Date; maxAttempts?: number; queueName?: string; priority?: JobPriority };

export async function enqueueJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}) {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 10}::int,
    job_key => ${options.jobKey ?? null}::text,
    priority => ${JOB_PRIORITY[options.priority ?? "customer"]}::int
  )`);
}

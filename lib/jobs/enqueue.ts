// Enqueues a job in the caller's transaction (graphile-worker's add_job), so a job exists if and only if the
// state change that caused it committed. A job key replaces a not-yet-started job with the same key.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusableSql, value } from "@/db/reusable";

/**
 * Which due job runs first (graphile-worker takes the lowest number first, then the earliest). In a sale rush
 * the queue holds hundreds of jobs: what a customer is waiting for (a confirmation with its tickets, a refund
 * receipt) goes before staff's notices of the same bookings, and those before bulk announcements and
 * documents drawn ahead of need (an invoice's PDF, which the confirmation carrying it draws anyway).
 */
export const JOB_PRIORITY = { customer: 0, staff: 10, background: 20 } as const;

export type JobPriority = keyof typeof JOB_PRIORITY;

export type EnqueueOptions = { jobKey?: string; runAt?: Date; maxAttempts?: number; queueName?: string; priority?: JobPriority };

// A payment queues several jobs (its emails, its invoice's PDF): the statement is built once (db/reusable.ts).
const addJob = reusableSql<{ task: string; payload: string; queueName: string | null; runAt: string | null; maxAttempts: number; jobKey: string | null; priority: number }>(
  "add-job", sql`select graphile_worker.add_job(
    ${value("task")},
    ${value("payload", "json")},
    queue_name => ${value("queueName", "text")},
    run_at => ${value("runAt", "timestamptz")},
    max_attempts => ${value("maxAttempts", "int")},
    job_key => ${value("jobKey", "text")},
    priority => ${value("priority", "int")}
  )`);

export async function enqueueJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}) {
  await addJob(tx, {
    task,
    payload: JSON.stringify(payload),
    queueName: options.queueName ?? null,
    runAt: options.runAt?.toISOString() ?? null,
    maxAttempts: options.maxAttempts ?? 10,
    jobKey: options.jobKey ?? null,
    priority: JOB_PRIORITY[options.priority ?? "customer"],
  });
}

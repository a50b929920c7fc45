// The job queue's state, read from graphile-worker's own table: for /api/health and /api/metrics.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

export type JobQueueStats = {
  /** Due now and waiting for a worker. */
  pending: number;
  /** Waiting for a later run_at (a retry's backoff or planned work). */
  scheduled: number;
  running: number;
  /**
   * Failed at least once and will be retried (waiting for its retry, or running it). A job counts its attempt
   * when a worker takes it, so a first run in progress has attempts but no error: it is running, not failing.
   */
  failing: number;
  /** Out of attempts: nothing retries them any more (a last attempt still running is not dead yet). */
  dead: number;
  /** Seconds the oldest due job has waited; 0 when none waits. */
  oldestPendingSeconds: number;
};

export async function readJobQueueStats(db: DbOrTx): Promise<JobQueueStats> {
  const [exists] = await db.execute<{ present: boolean }>(sql`select to_regclass('graphile_worker._private_jobs') is not null as present`);
  // Before the worker first starts its schema does not exist yet: an empty queue.
  if (!exists?.present) return { pending: 0, scheduled: 0, running: 0, failing: 0, dead: 0, oldestPendingSeconds: 0 };
  const [row] = await db.execute<Record<keyof JobQueueStats, number>>(sql`
    select
      count(*) filter (where is_available and run_at <= now())::int as "pending",
      count(*) filter (where is_available and run_at > now())::int as "scheduled",
      count(*) filter (where locked_at is not null)::int as "running",
      count(*) filter (where last_error is not null and attempts < max_attempts)::int as "failing",
      count(*) filter (where attempts >= max_attempts and locked_at is null)::int as "dead",
      coalesce(extract(epoch from now() - min(run_at) filter (where is_available and run_at <= now())), 0)::float8 as "oldestPendingSeconds"
    from graphile_worker._private_jobs`);
  return {
    pending: Number(row.pending), scheduled: Number(row.scheduled), running: Number(row.running),
    failing: Number(row.failing), dead: Number(row.dead), oldestPendingSeconds: Math.max(0, Math.round(Number(row.oldestPendingSeconds))),
  };
}

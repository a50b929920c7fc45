// The background worker (graphile-worker on our PostgreSQL): retries with exponential backoff, several
// app instances share the queue safely. The server runs it on its job thread (job-thread.ts).
import { run, type Runner, type TaskList } from "graphile-worker";
import { connectionName } from "@/db/config";
import { env } from "@/lib/env";
import { inRenderTurn } from "@/lib/pdf/render-turn";
import { PURGE_OUTBOX_ATTACHMENTS_TASK } from "@/lib/email/outbox";
import { PURGE_REQUIREMENTS_TASK } from "@/lib/privacy/retention";
import { SESSION_REMINDERS_TASK } from "@/lib/email/session-reminder";
import { queueLogger } from "./queue-log";
import { taskList } from "./tasks";

/** Recurring work, shared by every instance: each entry runs once per period whatever the number of instances. */
export const CRONTAB = [
  `23 * * * * ${PURGE_REQUIREMENTS_TASK} ?fill=2h`,
  `41 * * * * ${PURGE_OUTBOX_ATTACHMENTS_TASK} ?fill=2h`,
  `7 * * * * ${SESSION_REMINDERS_TASK} ?fill=2h`,
].join("\n");

export const WORKER_PACE = {
  // New jobs wake the worker at once (add_job's NOTIFY on "jobs:insert", which the worker LISTENs to); the
  // poll only catches jobs whose run_at has come, and any missed while the listening connection was down.
  pollInterval: 2000,
};

const globalWorker = globalThis as unknown as { turnoutWorker?: Promise<Runner> };

export function startWorker(): Promise<Runner> | undefined {
  const url = env().DATABASE_URL;
  if (!url || process.env.JOBS_WORKER === "off") return undefined;
  globalWorker.turnoutWorker ??= run({
    // The queue's own connections (node-postgres) are named apart from the jobs' (db/config.ts).
    connectionString: withApplicationName(url, connectionName("queue")),
    ...WORKER_PACE,
    // Jobs mostly wait, on the database and the PDF threads: enough of them at once that a burst of
    // confirmations keeps every PDF thread busy (each confirmation asks for three documents at once).
    concurrency: env().JOBS_CONCURRENCY,
    noHandleSignals: true,
    logger: queueLogger,
    // One-off scheduled work is enqueued as jobs with run_at; the retention purges run every hour (the
    // crontab is shared by all instances: each hour's run happens once).
    crontab: CRONTAB,
    taskList: inJobTurns(taskList),
  });
  return globalWorker.turnoutWorker;
}

/**
 * Each job's documents and emails are drawn in the job's turn (lib/pdf/render-turn.ts): by its priority, then
 * by when it was queued, so confirmations go out in the order customers paid.
 */
export function inJobTurns(tasks: TaskList): TaskList {
  return Object.fromEntries(Object.entries(tasks).filter((entry): entry is [string, NonNullable<TaskList[string]>] => entry[1] != null).map(([name, task]) => [name, ((payload, helpers) =>
    inRenderTurn({ priority: helpers.job.priority, since: new Date(helpers.job.created_at).getTime() }, async () => task(payload, helpers))
  ) satisfies TaskList[string]]));
}

/** `url` with node-postgres's `application_name` parameter set. */
function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set("application_name", name);
  return u.toString();
}

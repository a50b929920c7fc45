// The job queue's own messages (graphile-worker: a job completed or failed, the listener reconnecting) as the
// app's structured lines (lib/log.ts), instead of graphile-worker's default console lines. Those were plain
// text among the JSON lines, and on the job thread each console line was posted to the thread answering
// requests, which wrote it out. A job's payload is never written (it may name a person): only its id, task,
// attempt and duration, and the error of a failure.
import { Logger } from "graphile-worker";
import { log } from "@/lib/log";

type QueueScope = { label?: string; workerId?: string; taskIdentifier?: string; jobId?: string };
type JobMeta = { id?: string; task_identifier?: string; attempts?: number; max_attempts?: number };

const LEVELS = { error: "error", warning: "warn", info: "info", debug: "debug" } as const;

/** The fields a queue message is written with: its scope and, from its metadata, the job and any error. */
export function queueLogFields(scope: QueueScope, meta: Record<string, unknown> | undefined): Record<string, unknown> {
  const job = (meta?.job ?? null) as JobMeta | null;
  const error = meta?.error ?? meta?.fatalError;
  const fields: Record<string, unknown> = {
    component: "job-queue",
    queueScope: scope.label,
    workerId: scope.workerId,
    task: job?.task_identifier ?? scope.taskIdentifier,
    jobId: job?.id ?? scope.jobId,
    attempt: job?.attempts,
    maxAttempts: job?.max_attempts,
    durationMs: typeof meta?.duration === "number" ? Math.round(meta.duration * 100) / 100 : undefined,
    err: error instanceof Error ? error : undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

type QueueLevel = keyof typeof LEVELS;

const factory = (scope: QueueScope) => (level: QueueLevel, message: string, meta?: Record<string, unknown>) => {
  // Only the first line: a failure's message carries the stack, which `err` already holds.
  log[LEVELS[level] ?? "info"](queueLogFields(scope, meta), message.split("\n", 1)[0]);
};

export const queueLogger = new Logger(factory as ConstructorParameters<typeof Logger>[0]);

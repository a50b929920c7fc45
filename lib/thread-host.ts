// A long-lived worker thread of this process loaded from the source tree (lib/thread-entry.mjs): the job thread
// (lib/jobs/job-thread.ts) and the webhook thread (lib/payments/webhook-thread.ts). It says "started" when it
// takes work, hands its business counts to this thread's /api/metrics registry, is started again a while after
// it stops unexpectedly, and, asked to stop for good, finishes what it is doing first.
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import { applyCount, type CountIncrement } from "@/lib/metrics/events";

/** What every hosted thread may send: its start, and a count for this thread's registry. */
export type HostedMessage = { kind: "started" } | { kind: "count"; count: CountIncrement };

export type HostedThread = {
  worker: Worker;
  /** True from its "started" until it exits. */
  ready: boolean;
  started: Promise<void>;
  exited: Promise<void>;
  stopping: boolean;
};

export type HostOptions<M extends { kind: string }> = {
  /** In log lines: "job thread", "webhook thread". */
  name: string;
  entry: URL;
  workerData: unknown;
  env: NodeJS.ProcessEnv;
  /** Its own messages (anything but "started" and "count"). */
  onMessage?: (m: M) => void;
  /** Called when it exits, before it is started again (or not, when it was asked to stop). */
  onExit?: () => void;
  /** Starts it again after an unexpected exit (called after `restartAfterMs`), unless it was asked to stop. */
  restart: () => void;
  restartAfterMs: number;
};

/** Starts the thread. `forget` is called on an unexpected exit, so that the next start makes a new one. */
export function hostThread<M extends { kind: string }>(options: HostOptions<M>, forget: (thread: HostedThread) => void): HostedThread {
  const worker = new Worker(options.entry, { workerData: options.workerData, env: options.env });
  let started!: () => void;
  let failed!: (err: Error) => void;
  const thread: HostedThread = {
    worker, ready: false, stopping: false,
    started: new Promise<void>((resolve, reject) => { started = resolve; failed = reject; }),
    exited: new Promise<void>((resolve) => worker.once("exit", () => resolve())),
  };
  worker.on("message", (m: HostedMessage | M) => {
    if (m.kind === "count") applyCount((m as { count: CountIncrement }).count);
    else if (m.kind === "started") {
      thread.ready = true;
      started();
    } else options.onMessage?.(m as M);
  });
  worker.on("error", (err) => log.error({ err }, `${options.name} failed`));
  worker.on("exit", (code) => {
    thread.ready = false;
    failed(new Error(`the ${options.name} stopped (exit code ${code})`)); // no effect once it had started
    options.onExit?.();
    if (thread.stopping) return;
    forget(thread);
    log.error({ code }, `${options.name} stopped; starting it again`);
    setTimeout(options.restart, options.restartAfterMs).unref();
  });
  // The process may exit while the thread runs (a script, a test): the thread does not hold it open.
  worker.unref();
  return thread;
}

/** Asks the thread to stop for good (`stop` is its stop message) and waits until it has. */
export async function stopHostedThread(thread: HostedThread | undefined, stop: unknown): Promise<void> {
  if (!thread) return;
  thread.stopping = true;
  thread.worker.postMessage(stop);
  await thread.exited;
}

// Applies Stripe's webhook events on a thread of their own, so that the thread answering pages only reads each
// webhook's request and writes its answer. A sale's payments arrive in bursts: forty at once, each event's
// transaction, statements and log lines took the request thread's event loop for several milliseconds, and
// the pages asked for meanwhile waited behind them (the first 50 ms of a burst answered pages in 20–45 ms
// instead of 1). On this thread the event is applied exactly as on the request thread
// (lib/payments/webhook-intake.ts, with its own STRIPE_WEBHOOK_CONCURRENCY limit and database pool); the
// request thread's fast path (lib/http/webhook-fast-path.ts) hands it the raw body and signature and sends
// back the answer the thread gives.
//
// The thread loads lib/ from the source tree with tsx (lib/thread-entry.mjs), as the job thread does. Until
// it has started, and while it is started again after stopping, events are applied on the request thread.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { connectionName } from "@/db/config";
import { env } from "@/lib/env";
import { hostThread, stopHostedThread, type HostedMessage, type HostedThread } from "@/lib/thread-host";
import type { WebhookAnswer } from "./webhook-intake";

// Found from this module's place in the source tree (see lib/pdf/render-pool.ts on why not `new URL`).
const ENTRY = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "webhook-thread-entry.mjs"));

const RESTART_AFTER_MS = 1_000;


/** A message from the webhook thread. */
export type FromWebhookThread = HostedMessage | { kind: "answer"; id: number; answer: WebhookAnswer };

/** A message to it. */
export type ToWebhookThread =
  | { kind: "event"; id: number; body: string; signature: string | null; requestId: string | undefined }
  | { kind: "stop" };

type WebhookThread = HostedThread & {
  /** Events handed to it, by id, until it answers. */
  waiting: Map<number, { resolve: (a: WebhookAnswer) => void; reject: (err: Error) => void }>;
};

const holder = globalThis as unknown as { turnoutWebhookThread?: WebhookThread; turnoutWebhookIds?: number };

/** Starts the thread once per process (none without a database). Resolves when it takes events. */
export function startWebhookThread(): Promise<void> | undefined {
  if (!env().DATABASE_URL) return undefined;
  return (holder.turnoutWebhookThread ??= spawn()).started;
}

/** Whether events handed over now are applied on the thread (it has started, and is not stopping). */
export function webhookThreadTakesEvents(): boolean {
  const thread = holder.turnoutWebhookThread;
  return Boolean(thread?.ready && !thread.stopping);
}

/**
 * The answer to one webhook request (its raw body, already read, and signature), applied on the webhook
 * thread; undefined when the thread is not taking events (not started, or starting again), so the caller
 * applies it here. Rejects when the thread stopped while applying it: whether the event was applied is then
 * unknown, and the caller answers 5xx so that Stripe sends it again (events apply once, by their id).
 */
export function applyOnWebhookThread(body: string, signature: string | null, requestId: string | undefined): Promise<WebhookAnswer> | undefined {
  const thread = holder.turnoutWebhookThread;
  if (!thread || !webhookThreadTakesEvents()) return undefined;
  const id = (holder.turnoutWebhookIds = (holder.turnoutWebhookIds ?? 0) + 1);
  return new Promise<WebhookAnswer>((resolve, reject) => {
    thread.waiting.set(id, { resolve, reject });
    thread.worker.postMessage({ kind: "event", id, body, signature, requestId } satisfies ToWebhookThread);
  });
}

/** Stops the thread for good (tests, scripts): events it is applying finish and are answered first. */
export async function stopWebhookThread(): Promise<void> {
  const thread = holder.turnoutWebhookThread;
  holder.turnoutWebhookThread = undefined;
  await stopHostedThread(thread, { kind: "stop" } satisfies ToWebhookThread);
}

function spawn(): WebhookThread {
  const waiting: WebhookThread["waiting"] = new Map();
  const thread = hostThread<Extract<FromWebhookThread, { kind: "answer" }>>({
    name: "webhook thread", entry: ENTRY,
    // The request thread's priority: payments are what a burst is about; only documents and jobs yield.
    workerData: { nice: 0 },
    // Its own pool: one connection per event applied at once, and one for what an event sends beside it.
    env: { ...process.env, DATABASE_POOL_MAX: String(env().STRIPE_WEBHOOK_CONCURRENCY + 1), PGAPPNAME: connectionName("webhooks") },
    onMessage: (m) => {
      waiting.get(m.id)?.resolve(m.answer);
      waiting.delete(m.id);
    },
    onExit: () => {
      for (const w of waiting.values()) w.reject(new Error("the webhook thread stopped while applying an event"));
      waiting.clear();
    },
    restart: () => startWebhookThread()?.catch(() => undefined),
    restartAfterMs: RESTART_AFTER_MS,
  }, (t) => {
    if (holder.turnoutWebhookThread?.worker === t.worker) holder.turnoutWebhookThread = undefined;
  });
  return Object.assign(thread, { waiting });
}

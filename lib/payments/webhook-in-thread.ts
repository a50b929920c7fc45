// What the webhook thread runs (lib/payments/webhook-thread.ts): each event handed to it is applied as the
// route handler applies it (receiveStripeWebhook), under the request's id in the log, and answered back; its
// business counts go to the request thread's /api/metrics. Asked to stop, it answers what it is applying first.
// As it starts, it warms its pool's connections (lib/jobs/warm-connections.ts).
import { parentPort } from "node:worker_threads";
import { getSql } from "@/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { log, withLogContext } from "@/lib/log";
import { warmConnections } from "@/lib/jobs/warm-connections";
import { forwardCounts } from "@/lib/metrics/events";
import { receiveStripeWebhook, webhookAnswerOf } from "./webhook-intake";
import type { FromWebhookThread, ToWebhookThread } from "./webhook-thread";

export function runWebhookThread() {
  const send = (m: FromWebhookThread) => parentPort?.postMessage(m);
  forwardCounts((count) => send({ kind: "count", count }));
  const applying = new Set<Promise<void>>();
  parentPort?.on("message", (m: ToWebhookThread) => {
    if (m.kind === "event") {
      const apply = async () => {
        let res: Response;
        try {
          res = await receiveStripeWebhook(async () => m.body, m.signature);
        } catch (err) {
          // receiveStripeWebhook answers every failure of the event itself; anything else still gets a 5xx,
          // so the request is never left without an answer and Stripe sends the event again.
          log.error({ err }, "webhook event not applied");
          res = errorResponse(new AppError("internal_error"));
        }
        send({ kind: "answer", id: m.id, answer: await webhookAnswerOf(res) });
      };
      const done: Promise<void> = (m.requestId ? withLogContext({ requestId: m.requestId }, apply) : apply())
        .finally(() => applying.delete(done));
      applying.add(done);
      return;
    }
    void (async () => {
      await Promise.all(applying);
      await getSql().end({ timeout: 5 });
      process.exit(0); // in a worker thread: ends this thread only
    })();
  });
  send({ kind: "started" });
  // Events that arrive meanwhile wait a few milliseconds for a connection; without the database, they fail alike.
  warmConnections(getSql()).then(
    (warmed) => log.info(warmed, "webhook thread warmed its database connections"),
    (err) => log.warn({ err }, "webhook thread could not warm its database connections"),
  );
}

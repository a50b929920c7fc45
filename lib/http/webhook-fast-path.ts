// POST /api/stripe/webhook answered by the Node server process before Next.js routes it, with the same
// function as the route handler (lib/payments/webhook-intake.ts). Next.js's routing, its proxy and the web
// Request it builds cost a payment several times what reading and checking the event does, all on the thread
// that answers pages, and a sale sends its payments in bursts: a burst of forty held every page behind it.
// Here that thread only reads the request and sends the answer; the event is applied on the webhook thread
// (lib/payments/webhook-thread.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { currentRequestId, log } from "@/lib/log";
import { receiveStripeWebhook, webhookAnswerOf, type WebhookAnswer } from "@/lib/payments/webhook-intake";
import { applyOnWebhookThread } from "@/lib/payments/webhook-thread";
import { errorResponse } from "./error-response";
import { sendFromFastPath } from "./api-fast-path";
import { readIncomingText, WEBHOOK_BODY_LIMIT } from "./read-body";
import { hookRequests } from "./server-hook";

export const STRIPE_WEBHOOK_PATH = "/api/stripe/webhook";

async function receive(req: IncomingMessage, res: ServerResponse) {
  const signature = typeof req.headers["stripe-signature"] === "string" ? req.headers["stripe-signature"] : null;
  let body: string;
  try {
    body = await readIncomingText(req, WEBHOOK_BODY_LIMIT);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // A body refused part-way was not read to its end: the connection is not used again.
    const refused = errorResponse(err);
    sendFromFastPath(req, res, refused.status, await refused.text(), { ...Object.fromEntries(refused.headers), connection: "close" });
    return;
  }
  let answer: WebhookAnswer;
  try {
    // On the webhook thread when it runs (lib/payments/webhook-thread.ts), else here: the same function either way.
    answer = await (applyOnWebhookThread(body, signature, currentRequestId())
      ?? receiveStripeWebhook(async () => body, signature).then(webhookAnswerOf));
  } catch (err) {
    // The thread stopped while applying it: whether it was applied is unknown, so Stripe is asked to send it again.
    log.error({ err }, "webhook event interrupted");
    answer = await webhookAnswerOf(errorResponse(new AppError("internal_error")));
  }
  sendFromFastPath(req, res, answer.status, answer.body, answer.headers);
}

/** Answers Stripe's webhook requests, or passes anything else on. */
export function answerStripeWebhook(req: IncomingMessage, res: ServerResponse, next: () => boolean): boolean {
  if (req.method !== "POST" || req.url?.split("?")[0] !== STRIPE_WEBHOOK_PATH) return next();
  receive(req, res).catch((err: unknown) => {
    // The body could not be read (the client went away): there is no one to answer, and nothing was applied.
    log.warn({ err }, "webhook request not read");
    if (!res.headersSent) {
      res.statusCode = 400;
      res.end();
    } else res.destroy();
  });
  return true;
}

/** Installed from instrumentation.ts (production servers), before the request observer, which wraps it. */
export function installWebhookFastPath() {
  hookRequests("webhook-fast-path", answerStripeWebhook);
}

// POST /api/stripe/webhook answered by the Node server process before Next.js routes it, with the same
// function as the route handler (lib/payments/webhook-intake.ts). Next.js's routing, its proxy and the web
// Request it builds cost a payment several times what reading and checking the event does, all on the thread
// that answers pages, and a sale sends its payments in bursts: a burst of forty held every page behind it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { receiveStripeWebhook } from "@/lib/payments/webhook-intake";
import { sendFromFastPath } from "./api-fast-path";
import { readIncomingText, WEBHOOK_BODY_LIMIT } from "./read-body";
import { hookRequests } from "./server-hook";

export const STRIPE_WEBHOOK_PATH = "/api/stripe/webhook";

async function receive(req: IncomingMessage, res: ServerResponse) {
  let refused = false;
  const readBody = () => readIncomingText(req, WEBHOOK_BODY_LIMIT).catch((err: unknown) => {
    refused = err instanceof AppError;
    throw err;
  });
  const signature = req.headers["stripe-signature"];
  const answer = await receiveStripeWebhook(readBody, typeof signature === "string" ? signature : null);
  const headers = Object.fromEntries(answer.headers);
  // A body refused part-way was not read to its end: the connection is not used again.
  if (refused) headers.connection = "close";
  sendFromFastPath(req, res, answer.status, await answer.text(), headers);
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

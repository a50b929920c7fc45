// One Stripe webhook request, from its raw body to the answer Stripe reads: the signature checked, the event
// applied, 2xx only once it is. Shared by the route handler (app/api/stripe/webhook) and the production
// server's fast path (lib/http/webhook-fast-path.ts), which answers before Next.js routes the request.
//
// Events are applied at most STRIPE_WEBHOOK_CONCURRENCY at a time per process; the rest wait their turn,
// costing nothing while they wait. Stripe sends a sale's payments in bursts, and every payment for one
// session queues for the same rows at the end of its transaction anyway (lib/payments/record-payment.ts):
// letting forty start at once only fills the thread that also answers pages with their work at the same
// moment, and the pool's connections with transactions waiting on one another.
import pLimit, { type LimitFunction } from "p-limit";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { log } from "@/lib/log";
import { handleStripeEvent, verifyStripeEvent } from "./webhook";

const holder = globalThis as unknown as { turnoutWebhookLimit?: LimitFunction };

function limit(): LimitFunction {
  return (holder.turnoutWebhookLimit ??= pLimit(env().STRIPE_WEBHOOK_CONCURRENCY));
}

/**
 * The answer to one webhook request: `readBody` reads its raw body (refusing one over the limit or not UTF-8
 * with an AppError, answered as such; any other failure, such as the client going away, propagates).
 */
export async function receiveStripeWebhook(readBody: () => Promise<string>, signature: string | null): Promise<Response> {
  let event;
  try {
    event = verifyStripeEvent(await readBody(), signature);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return errorResponse(err);
  }
  try {
    const { outcome, afterCommit } = await limit()(() => handleStripeEvent(getDb(), event));
    // Refunds the event decided on wait for the provider outside the turn: a slow answer holds no other event.
    await afterCommit();
    return Response.json({ received: true, outcome });
  } catch (err) {
    // Anything but a verified, applied event answers 5xx so Stripe retries it.
    log.error({ err, eventId: event.id, eventType: event.type }, "webhook event failed");
    return errorResponse(new AppError("internal_error"));
  }
}

/** A webhook's answer as plain data (status, headers, body), for sending it on or across threads. */
export type WebhookAnswer = { status: number; headers: Record<string, string>; body: string };

export async function webhookAnswerOf(res: Response): Promise<WebhookAnswer> {
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

/** For tests: the limit is read from the environment again on the next request. */
export function resetWebhookLimitForTests() {
  holder.turnoutWebhookLimit = undefined;
}

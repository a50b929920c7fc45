// Entry of the webhook thread (lib/payments/webhook-thread.ts starts it), loaded from the source tree
// (lib/thread-entry.mjs): it applies Stripe's webhook events with the TypeScript code the route handler uses.
import { workerData } from "node:worker_threads";
import { enterThread } from "../thread-entry.mjs";

const { runWebhookThread } = await enterThread(workerData, "turnout-webhook", "./webhook-in-thread.ts", import.meta.url);

runWebhookThread();

// Delivers one event to one endpoint: a signed POST with a timeout. A 2xx answer delivers it; anything else
// (or no answer in time) is recorded and thrown, so the job queue retries it with exponential backoff until
// WEBHOOK_MAX_ATTEMPTS. WEBHOOK_DISABLE_AFTER_FAILURES consecutive failed attempts at an endpoint disable it,
// and the admins are emailed (a job queued in the same transaction).
//
// At least once: a receiver may see an event again (a resend, or a crash after it answered but before the
// success was recorded), so receivers de-duplicate by the event's id.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { outboundEvents, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints, type OutboundEvent } from "@/db/schema";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { countWebhookDelivery } from "@/lib/metrics/events";
import { openSecret } from "./secret-box";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

export const ENDPOINT_DISABLED_TASK = "webhook.endpoint-disabled";

export class WebhookDeliveryError extends Error {}

export type AttemptInfo = { attempt: number; maxAttempts: number };

/** The JSON body receivers get. Health data only for endpoints marked to receive it. */
export function eventBody(event: Pick<OutboundEvent, "id" | "type" | "createdAt" | "data" | "healthData">, receivesHealthData: boolean): string {
  const data = receivesHealthData && event.healthData ? { ...event.data, ...event.healthData } : event.data;
  return JSON.stringify({ id: event.id, type: event.type, created: event.createdAt.toISOString(), data });
}

type Attempt = { status: number | null; ms: number; error: string | null };

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Attempt> {
  const started = performance.now();
  try {
    const res = await fetch(url, { method: "POST", body, headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    // The answer's body is not used; read (and drop) it so the connection is released.
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { status: res.status, ms: Math.round(performance.now() - started), error: ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error;
    const error = e.name === "TimeoutError" ? `No answer within ${timeoutMs} ms` : (e.cause as Error | undefined)?.message ?? e.message;
    return { status: null, ms: Math.round(performance.now() - started), error: error.slice(0, 300) };
  }
}

/** Why a delivery was not sent: its endpoint was disabled when its turn came. */
export const NOT_SENT_DISABLED = "Not sent: the endpoint was disabled";
/** Why a delivery with attempts left stopped: its failure disabled the endpoint (followed by that failure). */
export const STOPPED_DISABLED = "Stopped when the endpoint was disabled";

export type DeliveryResult = "delivered" | "already_delivered" | "endpoint_disabled" | "gave_up" | "not_found";

export async function deliverWebhook(db: Db, deliveryId: string, attempt: AttemptInfo, now = () => new Date()): Promise<DeliveryResult> {
  const [row] = await db.select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: outboundEvents })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row) return "not_found";
  if (row.delivery.status === "succeeded") return "already_delivered";
  if (row.endpoint.disabledAt) {
    // Parked, not lost: failed and marked as never sent, so the log offers Resend and enabling the endpoint sends
    // it again (lib/webhooks/endpoints.ts).
    await db.update(webhookDeliveries).set({ status: "failed", lastError: NOT_SENT_DISABLED })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
    return "endpoint_disabled";
  }

  const { WEBHOOK_TIMEOUT_MS, WEBHOOK_DISABLE_AFTER_FAILURES } = env();
  const body = eventBody(row.event, row.endpoint.receivesHealthData);
  const result = await post(row.endpoint.url, body, {
    "content-type": "application/json",
    "user-agent": "Turnout-Webhooks/1.0",
    [SIGNATURE_HEADER]: signatureHeader(openSecret(row.endpoint.secretCiphertext), body),
    "Turnout-Event-Id": row.event.id,
    "Turnout-Event-Type": row.event.type,
  }, WEBHOOK_TIMEOUT_MS);
  const ok = result.error === null;
  const finalAttempt = attempt.attempt >= attempt.maxAttempts;

  const outcome = await db.transaction(async (tx) => {
    const [current] = await tx.select({ status: webhookDeliveries.status }).from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, deliveryId)).for("update");
    if (!current || current.status === "succeeded") return "already_delivered" as const;
    const at = now();
    await tx.insert(webhookDeliveryAttempts).values({
      deliveryId, attemptedAt: at, responseStatus: result.status, responseTimeMs: result.ms, error: result.error, succeeded: ok,
    });
    const recorded = {
      attempts: sql`${webhookDeliveries.attempts} + 1`, responseStatus: result.status, responseTimeMs: result.ms, lastAttemptAt: at,
    };
    if (ok) {
      await tx.update(webhookDeliveries).set({ ...recorded, status: "succeeded", deliveredAt: at, lastError: null })
        .where(eq(webhookDeliveries.id, deliveryId));
      await tx.update(webhookEndpoints).set({ consecutiveFailures: 0 }).where(eq(webhookEndpoints.id, row.endpoint.id));
      return "delivered" as const;
    }
    const [endpoint] = await tx.update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
      .where(eq(webhookEndpoints.id, row.endpoint.id))
      .returning({ failures: webhookEndpoints.consecutiveFailures, disabledAt: webhookEndpoints.disabledAt });
    let disabled = endpoint.disabledAt !== null;
    if (!disabled && endpoint.failures >= WEBHOOK_DISABLE_AFTER_FAILURES) {
      await tx.update(webhookEndpoints).set({
        disabledAt: at, updatedAt: at,
        disabledReason: `Disabled automatically after ${endpoint.failures} consecutive failed deliveries (last: ${result.error})`,
      }).where(eq(webhookEndpoints.id, row.endpoint.id));
      await enqueueJob(tx, ENDPOINT_DISABLED_TASK, { endpointId: row.endpoint.id, disabledAt: at.toISOString() },
        { jobKey: `webhook-disabled:${row.endpoint.id}:${at.getTime()}`, maxAttempts: 12 });
      disabled = true;
    }
    // Given up: out of attempts, or the endpoint is now off. Stopped with attempts left, it is parked like the
    // deliveries not yet sent: enabling the endpoint again sends it (lib/webhooks/endpoints.ts).
    const givesUp = finalAttempt || disabled;
    const lastError = disabled && !finalAttempt ? `${STOPPED_DISABLED}; last attempt: ${result.error}` : result.error;
    await tx.update(webhookDeliveries).set({ ...recorded, status: givesUp ? "failed" : "pending", lastError })
      .where(eq(webhookDeliveries.id, deliveryId));
    return givesUp ? ("gave_up" as const) : ("retry" as const);
  });
  if (outcome !== "already_delivered") countWebhookDelivery(outcome === "retry" ? "failed" : outcome, row.event.type);
  if (outcome === "retry") throw new WebhookDeliveryError(`Webhook delivery ${deliveryId} failed: ${result.error}`);
  return outcome;
}

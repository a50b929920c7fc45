// The outbox of outgoing events. emitEvent is called inside the transaction of the event's cause: the event
// and one delivery per subscribed endpoint are written there, and each delivery's job is queued there too
// (graphile-worker's add_job), so an event exists if and only if its cause committed, and a rolled-back
// booking emits nothing. Other features call emitEvent(tx, type, data) the same way.
import { and, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reusable";
import { outboundEvents, webhookDeliveries, webhookEndpoints, type WebhookEventType } from "@/db/schema";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue";

export const DELIVER_WEBHOOK_TASK = "webhook.deliver";

export type EventData = Record<string, unknown>;

export type EmitOptions = {
  /**
   * Health and accessibility details (attendees' requirements): merged into `data` only for endpoints marked
   * to receive health data; every other endpoint never sees them.
   */
  healthData?: EventData | null;
};

/**
 * Records one event for every enabled endpoint subscribed to its type. With no such endpoint nothing is
 * written (there is nobody to deliver to). Returns the event id, or null when nothing was recorded.
 */
export async function emitEvent(tx: DbOrTx, type: WebhookEventType, data: EventData, options: EmitOptions = {}): Promise<string | null> {
  return emitLazily(tx, type, async () => ({ data, healthData: options.healthData ?? null }));
}

/** emitEvent whose data is read only when some endpoint wants the event (saves the reads on hot paths). */
/** The enabled endpoints subscribed to `type`. */
export function subscribedEndpoints(tx: DbOrTx, type: WebhookEventType) {
  return endpointsFor(tx, { events: [type] });
}

const endpointsFor = reusable("webhook-endpoints-for", (tx) => tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints)
  .where(and(isNull(webhookEndpoints.disabledAt), sql`${webhookEndpoints.events} @> ${sql.placeholder("events")}`)));

export async function emitLazily(
  tx: DbOrTx, type: WebhookEventType, load: () => Promise<{ data: EventData; healthData?: EventData | null } | null>,
  // Read by the caller already, together with other statements of its transaction (one round trip fewer).
  subscribed?: { id: string }[],
): Promise<string | null> {
  const endpoints = subscribed ?? await subscribedEndpoints(tx, type);
  if (endpoints.length === 0) return null;
  const loaded = await load();
  if (!loaded) return null;
  const [event] = await tx.insert(outboundEvents)
    .values({ type, data: loaded.data, healthData: loaded.healthData ?? null, createdAt: sql`now()` })
    .returning({ id: outboundEvents.id });
  const deliveries = await tx.insert(webhookDeliveries)
    .values(endpoints.map((e) => ({ eventId: event.id, endpointId: e.id })))
    .returning({ id: webhookDeliveries.id });
  for (const d of deliveries) await queueDelivery(tx, d.id);
  return event.id;
}

/** One job per delivery; its key makes a resend replace a delivery's job that has not started yet. */
export async function queueDelivery(tx: DbOrTx, deliveryId: string) {
  await enqueueJob(tx, DELIVER_WEBHOOK_TASK, { deliveryId }, { jobKey: `webhook:${deliveryId}`, maxAttempts: env().WEBHOOK_MAX_ATTEMPTS });
}

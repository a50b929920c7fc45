// Staff management of webhook endpoints: register (the signing secret is returned once), enable, disable,
// delete, and resend a delivery. Every change is audited.
import { and, desc, eq, like, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { outboundEvents, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { webhookEndpointSchema } from "@/lib/validations/integrations";
import type { z } from "zod";
import { NOT_SENT_DISABLED, STOPPED_DISABLED } from "./deliver";
import { queueDelivery } from "./emit";
import { sealSecret } from "./secret-box";
import { newSigningSecret } from "./signature";

export async function createWebhookEndpoint(db: Db, staff: AuditActor, input: z.output<typeof webhookEndpointSchema>) {
  const secret = newSigningSecret();
  return db.transaction(async (tx) => {
    const [endpoint] = await tx.insert(webhookEndpoints).values({
      url: input.url, description: input.description, events: [...new Set(input.events)], receivesHealthData: input.receivesHealthData,
      secretCiphertext: sealSecret(secret), createdBy: staff.id,
    }).returning();
    const { secretCiphertext: _s, ...shown } = endpoint;
    await recordAudit(tx, staff, { action: "webhook_endpoint.create", entityType: "webhook_endpoint", entityId: endpoint.id, after: shown });
    // The secret leaves the server this once; afterwards only its ciphertext exists.
    return { id: endpoint.id, secret };
  });
}

async function lockEndpoint(tx: DbOrTx, id: string) {
  const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
  if (!endpoint) throw new AppError("not_found");
  return endpoint;
}

export async function setWebhookEndpointEnabled(db: Db, staff: AuditActor, id: string, enabled: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockEndpoint(tx, id);
    const now = new Date();
    await tx.update(webhookEndpoints).set(enabled
      ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0, updatedAt: now }
      : { disabledAt: before.disabledAt ?? now, disabledReason: before.disabledReason ?? "Disabled by staff", updatedAt: now })
      .where(eq(webhookEndpoints.id, id));
    // Enabled again: what was parked while it was off goes out now, unsent or stopped with attempts left by the
    // disabling (events of the time it was off were not recorded for it).
    const parked = enabled && before.disabledAt
      ? await tx.update(webhookDeliveries).set({ status: "pending" })
        .where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, "failed"),
          or(eq(webhookDeliveries.lastError, NOT_SENT_DISABLED), like(webhookDeliveries.lastError, `${STOPPED_DISABLED};%`))))
        .returning({ id: webhookDeliveries.id })
      : [];
    for (const d of parked) await queueDelivery(tx, d.id);
    await recordAudit(tx, staff, {
      action: enabled ? "webhook_endpoint.enable" : "webhook_endpoint.disable", entityType: "webhook_endpoint", entityId: id,
      before: { disabledAt: before.disabledAt, consecutiveFailures: before.consecutiveFailures }, after: { enabled, resent: parked.length },
    });
  });
}

export async function deleteWebhookEndpoint(db: Db, staff: AuditActor, id: string) {
  return db.transaction(async (tx) => {
    const before = await lockEndpoint(tx, id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    const { secretCiphertext: _s, ...shown } = before;
    await recordAudit(tx, staff, { action: "webhook_endpoint.delete", entityType: "webhook_endpoint", entityId: id, before: shown });
  });
}

/** Sends a delivery again (a failed one, or one the receiver lost): a fresh job; only to an enabled endpoint. */
export async function resendDelivery(db: Db, staff: AuditActor, deliveryId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ delivery: webhookDeliveries, disabledAt: webhookEndpoints.disabledAt })
      .from(webhookDeliveries).innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, deliveryId)).for("update", { of: webhookDeliveries });
    if (!row) throw new AppError("not_found");
    if (row.disabledAt) throw new AppError("conflict", {}, "Enable the endpoint before resending to it.");
    await tx.update(webhookDeliveries).set({ status: "pending", deliveredAt: null }).where(eq(webhookDeliveries.id, deliveryId));
    await queueDelivery(tx, deliveryId);
    await recordAudit(tx, staff, {
      action: "webhook_delivery.resend", entityType: "webhook_delivery", entityId: deliveryId,
      before: { status: row.delivery.status, attempts: row.delivery.attempts },
    });
  });
}

export async function listWebhookEndpoints(db: DbOrTx) {
  return db.select({
    id: webhookEndpoints.id, url: webhookEndpoints.url, description: webhookEndpoints.description, events: webhookEndpoints.events,
    receivesHealthData: webhookEndpoints.receivesHealthData, disabledAt: webhookEndpoints.disabledAt,
    disabledReason: webhookEndpoints.disabledReason, consecutiveFailures: webhookEndpoints.consecutiveFailures, createdAt: webhookEndpoints.createdAt,
    // "webhook_endpoints"."id" by hand: Drizzle's bare "id" here would mean d.id.
    failedDeliveries: sql<number>`(select count(*)::int from ${webhookDeliveries} d where d.endpoint_id = "webhook_endpoints"."id" and d.status = 'failed')`,
  }).from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
}

export async function getWebhookEndpoint(db: DbOrTx, id: string) {
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!endpoint) return null;
  const { secretCiphertext: _s, ...shown } = endpoint;
  return shown;
}

/** The newest deliveries of an endpoint with their event, for its delivery log. */
export async function listDeliveries(db: DbOrTx, endpointId: string, limit = 100) {
  return db.select({
    id: webhookDeliveries.id, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts,
    responseStatus: webhookDeliveries.responseStatus, responseTimeMs: webhookDeliveries.responseTimeMs, lastError: webhookDeliveries.lastError,
    lastAttemptAt: webhookDeliveries.lastAttemptAt, deliveredAt: webhookDeliveries.deliveredAt, createdAt: webhookDeliveries.createdAt,
    eventId: outboundEvents.id, eventType: outboundEvents.type,
  }).from(webhookDeliveries).innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt)).limit(limit);
}

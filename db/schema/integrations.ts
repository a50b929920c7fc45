// Integrations: outgoing webhooks (endpoints, an outbox of events, one delivery per endpoint and event, each
// attempt logged), API keys for server-to-server clients (only a hash stored) and the shared rate-limit counters.
import { sql } from "drizzle-orm";
import {
  bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

import { API_KEY_SCOPES, WEBHOOK_EVENT_TYPES } from "./integration-types";

export * from "./integration-types";

const list = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(",")}]::text[]`);

export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  description: text("description"),
  events: text("events").array().notNull(),
  // The signing secret, encrypted with a key derived from APP_SECRET (AES-256-GCM): it must be readable to sign.
  secretCiphertext: text("secret_ciphertext").notNull(),
  receivesHealthData: boolean("receives_health_data").notNull().default(false),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  disabledReason: text("disabled_reason"),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("webhook_endpoints_url_http", sql`${t.url} ~ '^https?://'`),
  check("webhook_endpoints_events_known", sql`cardinality(${t.events}) > 0 and ${t.events} <@ ${list(WEBHOOK_EVENT_TYPES)}`),
  check("webhook_endpoints_failures_nonnegative", sql`${t.consecutiveFailures} >= 0`),
]);

// The outbox: one row per event, written in the transaction of its cause. healthData goes only to
// endpoints marked to receive it.
export const outboundEvents = pgTable("outbound_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  type: text("type").notNull(),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  healthData: jsonb("health_data").$type<Record<string, unknown>>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("outbound_events_type_known", sql`${t.type} = any(${list(WEBHOOK_EVENT_TYPES)})`),
  index("outbound_events_created_idx").on(t.createdAt),
]);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "succeeded", "failed"]);

export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: uuid("id").primaryKey().defaultRandom(),
  eventId: uuid("event_id").notNull().references(() => outboundEvents.id, { onDelete: "cascade" }),
  endpointId: uuid("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
  status: webhookDeliveryStatus("status").notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  responseStatus: integer("response_status"),
  responseTimeMs: integer("response_time_ms"),
  lastError: text("last_error"),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
  deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("webhook_deliveries_event_endpoint_key").on(t.eventId, t.endpointId),
  index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt),
  check("webhook_deliveries_attempts_nonnegative", sql`${t.attempts} >= 0`),
  check("webhook_deliveries_delivered_when_succeeded", sql`(${t.status} = 'succeeded') = (${t.deliveredAt} is not null)`),
]);

export const webhookDeliveryAttempts = pgTable("webhook_delivery_attempts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  deliveryId: uuid("delivery_id").notNull().references(() => webhookDeliveries.id, { onDelete: "cascade" }),
  attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  responseStatus: integer("response_status"),
  responseTimeMs: integer("response_time_ms").notNull(),
  error: text("error"),
  succeeded: boolean("succeeded").notNull(),
}, (t) => [index("webhook_delivery_attempts_delivery_idx").on(t.deliveryId, t.attemptedAt)]);

export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  // The visible start of the key (trn_xxxxxxxx), to recognise it in lists; the rest is secret.
  prefix: text("prefix").notNull(),
  // SHA-256 (hex) of the whole key: the key itself is shown once and never stored.
  secretHash: text("secret_hash").notNull(),
  scopes: text("scopes").array().notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  revokedBy: uuid("revoked_by").references(() => users.id),
}, (t) => [
  uniqueIndex("api_keys_secret_hash_key").on(t.secretHash),
  uniqueIndex("api_keys_prefix_key").on(t.prefix),
  check("api_keys_scopes_known", sql`cardinality(${t.scopes}) > 0 and ${t.scopes} <@ ${list(API_KEY_SCOPES)}`),
]);

// rate-limiter-flexible's RateLimiterDrizzle store: one row per key and window, shared by every app instance.
export const apiRateLimits = pgTable("api_rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
}, (t) => [index("api_rate_limits_expire_idx").on(t.expire)]);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type OutboundEvent = typeof outboundEvents.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;

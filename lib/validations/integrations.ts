// Staff input for integrations: webhook endpoints and API keys. Shared by the admin forms and their actions.
import { z } from "zod";
import { API_KEY_SCOPES, WEBHOOK_EVENT_TYPES } from "@/db/schema/integration-types";

export const webhookUrl = z.string().trim().min(1, "Enter the endpoint's URL").max(2000, "At most 2000 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && Boolean(u.hostname) && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "Enter a full http:// or https:// URL, without a user name or password");

export const webhookEndpointSchema = z.object({
  url: webhookUrl,
  description: z.string().trim().max(200, "At most 200 characters").optional().transform((v) => v || null),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES), "Choose the events to send").min(1, "Choose at least one event"),
  receivesHealthData: z.boolean().default(false),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointSchema>;

export const apiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key, e.g. the system that uses it").max(100, "At most 100 characters"),
  scopes: z.array(z.enum(API_KEY_SCOPES), "Choose what the key may do").min(1, "Choose at least one scope"),
});
export type ApiKeyInput = z.input<typeof apiKeySchema>;

/** GET /api/v1/admin/bookings filters. */
export const adminBookingListQuery = z.object({
  status: z.enum(["pending", "confirmed", "expired", "cancelled", "refunded"]).optional(),
  sessionId: z.uuid("Not a valid id").optional(),
  email: z.string().trim().toLowerCase().max(320).optional(),
  createdFrom: z.iso.datetime({ offset: true, message: "An ISO 8601 instant" }).optional(),
  createdTo: z.iso.datetime({ offset: true, message: "An ISO 8601 instant" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor of the previous page" }),
});

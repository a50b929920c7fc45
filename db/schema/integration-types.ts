// Webhook event types and API key scopes: plain values, so browser code (the admin forms) can use them
// without loading the table definitions.
export const WEBHOOK_EVENT_TYPES = [
  "booking.created", "booking.confirmed", "booking.changed", "booking.cancelled", "payment.refunded", "attendee.checked_in", "waitlist.offered",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const API_KEY_SCOPES = ["catalogue:read", "bookings:create", "bookings:read", "checkin:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

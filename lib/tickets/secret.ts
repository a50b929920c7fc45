// Ticket secrets: derived, never stored. secret = HMAC-SHA256(APP_SECRET, "ticket:<id>:<version>"), first
// 18 bytes in base64url. The ticket id is random (UUID v4), so without APP_SECRET a secret cannot be guessed;
// the customer's QR code can be drawn again at any time; reissuing bumps the version and the old secret
// stops matching. Only SHA-256(secret) is kept, to find a ticket from a scan. Changing APP_SECRET changes
// every secret, so tickets issued before must be reissued.
import { createHash, createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { TICKET_QR_PREFIX } from "./secret-format";

export function ticketSecret(ticketId: string, version: number): string {
  return createHmac("sha256", env().APP_SECRET).update(`ticket:${ticketId}:${version}`).digest().subarray(0, 18).toString("base64url");
}

export function hashTicketSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The text inside the QR code. */
export function ticketQrText(ticketId: string, version: number): string {
  return `${TICKET_QR_PREFIX}${ticketSecret(ticketId, version)}`;
}

// What a ticket secret looks like, shared by the server and the door page (no Node imports here).

/** 18 bytes (144 bits) in base64url: 24 characters. */
export const TICKET_SECRET_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** The QR code carries the secret behind a short prefix, so a door can tell a Turnout ticket from any other code. */
export const TICKET_QR_PREFIX = "TT1:";

/** The secret in a scanned QR text or a typed code; null when it cannot be a ticket of ours. */
export function secretFromScan(text: string): string | null {
  const trimmed = text.trim();
  const secret = trimmed.startsWith(TICKET_QR_PREFIX) ? trimmed.slice(TICKET_QR_PREFIX.length) : trimmed;
  return TICKET_SECRET_PATTERN.test(secret) ? secret : null;
}

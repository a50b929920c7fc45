// Signing outgoing webhooks, Stripe-style: `Turnout-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
// keyed by the endpoint's secret. The timestamp is signed too, so a receiver can refuse old replays.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Turnout-Signature";

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signatureFor(secret: string, body: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signatureFor(secret, body, timestamp)}`;
}

/** What a receiver does (README has the same in a few lines): true when some v1 matches and t is recent. */
export function verifySignature(secret: string, body: string, header: string | null, { toleranceSeconds = 300, now = Date.now() } = {}): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("=") as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureFor(secret, body, t), "hex");
  return parts.filter(([k]) => k === "v1").some(([, v]) => {
    const given = Buffer.from(v ?? "", "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

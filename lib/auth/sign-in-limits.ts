// Limits on magic-link requests: per email address (someone hammering one inbox) and per IP address
// (someone probing many addresses). Staff and unknown addresses count the same, so a 429 reveals nothing.
import type { DbOrTx } from "@/db";
import { env } from "@/lib/env";
import { hitRateLimits, type RateLimitVerdict } from "./rate-limit";

/** next-auth's own normalisation of the address typed in (see next-auth/core/routes/signin), NFKC included. */
export function normaliseSignInEmail(raw: string): string {
  const [local = "", domain = ""] = raw.normalize("NFKC").trim().toLowerCase().split("@");
  return `${local}@${domain.split(",")[0]}`;
}

export async function countSignInAttempt(db: DbOrTx, p: { email: string; ip: string; now?: Date }): Promise<RateLimitVerdict> {
  const { SIGNIN_LIMIT_PER_EMAIL, SIGNIN_LIMIT_PER_IP, SIGNIN_WINDOW_MINUTES } = env();
  return hitRateLimits(db, [
    { bucket: `signin:email:${normaliseSignInEmail(p.email)}`, limit: SIGNIN_LIMIT_PER_EMAIL },
    { bucket: `signin:ip:${p.ip}`, limit: SIGNIN_LIMIT_PER_IP },
  ], { windowSeconds: SIGNIN_WINDOW_MINUTES * 60, now: p.now });
}

export function rateLimitedMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many sign-in attempts. Please wait ${minutes} ${minutes === 1 ? "minute" : "minutes"} and try again.`;
}

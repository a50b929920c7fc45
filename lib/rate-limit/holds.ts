// An anonymous client must not be able to hold every place of a session again and again: creating a booking
// (which holds places until it is paid or lapses) is limited per client IP and per contact email, across
// the REST API and the booking wizard alike.
import type { DbOrTx } from "@/db";
import { env } from "@/lib/env";
import { hitLimit, rateLimitedError, tightest, type LimitVerdict } from "./limits";

/** Counts one booking attempt; throws a 429 AppError (with Retry-After) once either limit is used up. */
export async function enforceHoldLimits(db: DbOrTx, p: { ip: string; email: string }): Promise<LimitVerdict> {
  const e = env();
  const durationSeconds = e.HOLD_LIMIT_WINDOW_MINUTES * 60;
  const verdict = tightest(await Promise.all([
    hitLimit(db, { name: "hold-ip", points: e.HOLD_LIMIT_PER_IP, durationSeconds }, p.ip),
    hitLimit(db, { name: "hold-email", points: e.HOLD_LIMIT_PER_EMAIL, durationSeconds }, p.email.trim().toLowerCase()),
  ]));
  if (!verdict.allowed)
    throw rateLimitedError(verdict, `Too many bookings started from here. Please try again in ${Math.ceil(verdict.resetSeconds / 60)} minute(s).`);
  return verdict;
}

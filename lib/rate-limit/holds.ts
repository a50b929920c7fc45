// An anonymous client must not be able to hold every place of a session again and again: creating a booking
// (which holds places until it is paid or lapses) is limited per client IP and per contact email, across
// the REST API and the booking wizard alike.
import type { DbOrTx } from "@/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { giveBack, hitLimit, rateLimitedError, tightest, type LimitRule, type LimitVerdict } from "./limits";

function rules(): { ip: LimitRule; email: LimitRule } {
  const e = env();
  const durationSeconds = e.HOLD_LIMIT_WINDOW_MINUTES * 60;
  return {
    ip: { name: "hold-ip", points: e.HOLD_LIMIT_PER_IP, durationSeconds },
    email: { name: "hold-email", points: e.HOLD_LIMIT_PER_EMAIL, durationSeconds },
  };
}

/** Counts one booking attempt; throws a 429 AppError (with Retry-After) once either limit is used up. */
async function enforceHoldLimits(db: DbOrTx, p: { ip: string; email: string }): Promise<LimitVerdict> {
  const r = rules();
  const verdict = tightest(await Promise.all([hitLimit(db, r.ip, p.ip), hitLimit(db, r.email, p.email.trim().toLowerCase())]));
  if (!verdict.allowed) {
    // Say which limit refused: the same email address from anywhere, or anyone from this network address.
    const who = verdict.name === r.email.name ? "for this email address" : "from here";
    throw rateLimitedError(verdict, `Too many bookings started ${who}. Please try again in ${Math.ceil(verdict.resetSeconds / 60)} minute(s).`);
  }
  return verdict;
}

/**
 * Makes a booking under the hold limits: counted first (429 when used up), and given back when the attempt held
 * nothing, because it was refused (a 4xx: bad input, no places, a conflict) or replayed an earlier booking.
 * `report` hears the tighter hold limit as it stands after the attempt (for the answer's RateLimit headers).
 * `replay`: the earlier booking this request repeats (its Idempotency-Key), or null; asked once the limits
 * refuse, so that a client retrying a booking it made is answered with it instead of a 429 (and not counted).
 */
export async function withHoldLimits<T extends { replayed?: boolean }>(
  db: DbOrTx, p: { ip: string; email: string }, hold: () => Promise<T>, report: (verdict: LimitVerdict) => void = () => {},
  replay?: () => Promise<T | null>,
): Promise<T> {
  const r = rules();
  const giveBackOnly = () => Promise.all([giveBack(db, r.ip, p.ip), giveBack(db, r.email, p.email.trim().toLowerCase())]);
  let verdict: LimitVerdict;
  try {
    verdict = await enforceHoldLimits(db, p);
  } catch (err) {
    const repeated = replay && err instanceof AppError && err.code === "rate_limited" ? await replay() : null;
    if (!repeated) throw err;
    await giveBackOnly();
    return repeated;
  }
  const giveBackBoth = async () => {
    await giveBackOnly();
    report({ ...verdict, remaining: Math.min(verdict.limit, verdict.remaining + 1) });
  };
  try {
    const result = await hold();
    if (result.replayed) await giveBackBoth();
    else report(verdict);
    return result;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) await giveBackBoth();
    else report(verdict);
    throw err;
  }
}

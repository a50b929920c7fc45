// Rate limits shared by every app instance, counted in PostgreSQL by rate-limiter-flexible's RateLimiterDrizzle
// store on the app's own Drizzle (postgres.js) client. (Its RateLimiterPostgres store needs a `pg` Client or
// Pool, which this app does not use; the Drizzle store is the library's supported way for a Drizzle app.)
// Each limiter keeps one row per key and window in api_rate_limits, updated by one atomic upsert, so two
// instances counting the same key never both slip past the limit.
import { RateLimiterDrizzle, type RateLimiterRes } from "rate-limiter-flexible";
import type { DbOrTx } from "@/db";
import { apiRateLimits } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type LimitVerdict = { name: string; allowed: boolean; limit: number; remaining: number; resetSeconds: number };

export type LimitRule = { name: string; points: number; durationSeconds: number };

const cache = new Map<string, RateLimiterDrizzle>();

/** A limiter on the given database; limiters of one name, size and window count the same rows wherever they run. */
export function createLimiter(db: DbOrTx, rule: LimitRule): RateLimiterDrizzle {
  return new RateLimiterDrizzle({
    storeClient: db, schema: apiRateLimits, keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds,
  });
}

function limiterFor(db: DbOrTx, rule: LimitRule) {
  const id = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
  let limiter = cache.get(id);
  if (!limiter) {
    limiter = createLimiter(db, rule);
    cache.set(id, limiter);
  }
  return limiter;
}

const verdictOf = (name: string, limit: number, res: RateLimiterRes, allowed: boolean): LimitVerdict => ({
  name, allowed, limit, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
});

/** Counts one request against `key` with `limiter`; refused once the window's points are used up. */
export async function consume(limiter: RateLimiterDrizzle, name: string, key: string): Promise<LimitVerdict> {
  try {
    return verdictOf(name, limiter.points, await limiter.consume(key), true);
  } catch (rejection) {
    // The store failing is an error; running out of points rejects with the counter's state.
    if (rejection instanceof Error) throw rejection;
    return verdictOf(name, limiter.points, rejection as RateLimiterRes, false);
  }
}

export async function hitLimit(db: DbOrTx, rule: LimitRule, key: string): Promise<LimitVerdict> {
  return consume(limiterFor(db, rule), rule.name, key);
}

/** Gives back `points` counted against `key` (work that turned out not to count against the limit). */
export async function giveBack(db: DbOrTx, rule: LimitRule, key: string, points = 1): Promise<void> {
  await limiterFor(db, rule).reward(key, points);
}

/**
 * The verdict to report: a refusal if any (the longest wait), else the limit with the fewest requests left, which
 * is the one a client runs into first whatever the sizes (a 1000 limit with 50 left is not tighter than a 10 limit
 * with 8 left); between equals, the one that resets last.
 */
export function tightest(verdicts: LimitVerdict[]): LimitVerdict {
  const refused = verdicts.filter((v) => !v.allowed).sort((a, b) => b.resetSeconds - a.resetSeconds);
  if (refused.length) return refused[0];
  return [...verdicts].sort((a, b) => a.remaining - b.remaining || b.resetSeconds - a.resetSeconds)[0];
}

/** The IETF RateLimit headers (and Retry-After when refused). */
export function rateLimitHeaders(v: LimitVerdict): Record<string, string> {
  return {
    "RateLimit-Limit": String(v.limit),
    "RateLimit-Remaining": String(v.remaining),
    "RateLimit-Reset": String(v.resetSeconds),
    ...(v.allowed ? {} : { "Retry-After": String(v.resetSeconds) }),
  };
}

export function rateLimitedError(v: LimitVerdict, message?: string): AppError {
  const err = new AppError("rate_limited", { retryAfter: v.resetSeconds, limit: v.name }, message);
  err.headers = rateLimitHeaders(v);
  return err;
}

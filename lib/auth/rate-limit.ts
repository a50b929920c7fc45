// Fixed-window counters in PostgreSQL (auth_rate_limits), so every app instance shares them. One upsert
// both counts the attempt and reads the total: concurrent attempts cannot slip past the limit together.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { authRateLimits } from "@/db/schema";

export type RateLimitRule = { bucket: string; limit: number };
export type RateLimitVerdict = { allowed: true } | { allowed: false; bucket: string; retryAfterSeconds: number };

export function windowStartOf(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Counts one attempt against every rule; refused when any bucket is past its limit in this window. */
export async function hitRateLimits(
  db: DbOrTx,
  rules: RateLimitRule[],
  { windowSeconds, now = new Date() }: { windowSeconds: number; now?: Date },
): Promise<RateLimitVerdict> {
  const windowStart = windowStartOf(now, windowSeconds);
  const counts = await Promise.all(rules.map(async (rule) => {
    const [row] = await db.insert(authRateLimits)
      .values({ bucket: rule.bucket, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [authRateLimits.bucket, authRateLimits.windowStart],
        set: { count: sql`${authRateLimits.count} + 1` },
      })
      .returning({ count: authRateLimits.count });
    return { rule, count: row.count };
  }));
  // Older windows of these buckets are finished with.
  await db.delete(authRateLimits).where(and(
    inArray(authRateLimits.bucket, rules.map((r) => r.bucket)),
    lt(authRateLimits.windowStart, windowStart),
  ));
  const over = counts.find((c) => c.count > c.rule.limit);
  if (!over) return { allowed: true };
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed: false, bucket: over.rule.bucket, retryAfterSeconds };
}

export async function attemptsInWindow(db: DbOrTx, bucket: string, windowSeconds: number, now = new Date()) {
  const [row] = await db.select({ count: authRateLimits.count }).from(authRateLimits)
    .where(and(eq(authRateLimits.bucket, bucket), eq(authRateLimits.windowStart, windowStartOf(now, windowSeconds))));
  return row?.count ?? 0;
}

/**
 * Deletes counters whose window ended before `now`, given the longest window any rule uses: a bucket that
 * is never hit again would otherwise keep its row for ever (one per address that ever tried to sign in).
 */
export async function sweepExpiredRateLimits(db: DbOrTx, { longestWindowSeconds, now = new Date() }: { longestWindowSeconds: number; now?: Date }) {
  const rows = await db.delete(authRateLimits)
    .where(lt(authRateLimits.windowStart, new Date(now.getTime() - longestWindowSeconds * 1000)))
    .returning({ bucket: authRateLimits.bucket });
  return rows.length;
}

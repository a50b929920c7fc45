// Periodic housekeeping: release lapsed holds (expiring their provider checkouts), retry pending refunds, pass
// lapsed waiting-list offers on and offer free places to waiting lists, write expire rows for reward points
// past their expiry, and sweep finished rate-limit windows.
import type { Db } from "@/db";
import { sweepExpiredRateLimits } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { paymentProvider } from "@/lib/payments/provider";
import { processPendingRefunds } from "@/lib/payments/refunds";
import { log } from "@/lib/log";
import { countBookings } from "@/lib/metrics/events";
import { expirePoints } from "@/lib/members/ledger";
import { sweepWaitlists } from "@/lib/self-service/waitlist";

export async function runMaintenance(db: Db, now = new Date()) {
  const released = await db.transaction((tx) => releaseExpiredHolds(tx, { now }));
  // Holds released on the way by a booking or a seating change are not counted: only this sweep's.
  countBookings("expired", released.length);
  // A checkout may outlive a short hold (Stripe's minimum is 30 minutes): close it so it cannot be paid.
  for (const b of released) {
    if (!b.checkoutSessionId) continue;
    await paymentProvider().expireCheckout(b.checkoutSessionId)
      .catch((err) => log.error({ err, checkoutSessionId: b.checkoutSessionId }, "could not expire checkout"));
  }
  const refunds = await processPendingRefunds(db);
  // After holds are released: lapsed waiting-list offers pass on, and free places go to people waiting.
  const waitlist = await sweepWaitlists(db, now);
  const pointsExpired = await expirePoints(db);
  // Sign-in is the only rate limit; its window is the longest one in use.
  const rateLimitsSwept = await sweepExpiredRateLimits(db, { longestWindowSeconds: env().SIGNIN_WINDOW_MINUTES * 60, now });
  return { released: released.length, refunds: refunds.length, rateLimitsSwept, waitlist, pointsExpired };
}

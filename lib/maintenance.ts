// Periodic housekeeping: release lapsed holds (expiring their provider checkouts) and retry pending refunds.
import type { Db } from "@/db";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { paymentProvider } from "@/lib/payments/provider";
import { processPendingRefunds } from "@/lib/payments/refunds";

export async function runMaintenance(db: Db, now = new Date()) {
  const released = await db.transaction((tx) => releaseExpiredHolds(tx, { now }));
  // A checkout may outlive a short hold (Stripe's minimum is 30 minutes): close it so it cannot be paid.
  for (const b of released) {
    if (!b.checkoutSessionId) continue;
    await paymentProvider().expireCheckout(b.checkoutSessionId)
      .catch((err) => console.error(`could not expire checkout ${b.checkoutSessionId}`, err));
  }
  const refunds = await processPendingRefunds(db);
  return { released: released.length, refunds: refunds.length };
}

// Places are held while a customer pays; these rules say for how long and what the checkout must do.

/** Stripe Checkout Sessions must live at least 30 minutes. */
export const CHECKOUT_MIN_MINUTES = 30;
const MINUTE_MS = 60_000;

export function holdExpiresAt(now: Date, holdMinutes: number): Date {
  return new Date(now.getTime() + holdMinutes * MINUTE_MS);
}

export function isHoldExpired(hold: { status: string; holdExpiresAt: Date }, now: Date): boolean {
  return hold.status === "pending" && hold.holdExpiresAt.getTime() <= now.getTime();
}

/**
 * The checkout's own expiry: the hold's, unless that is sooner than the provider allows, in which case
 * the checkout lives a little longer and the hold sweeper expires it when the hold ends.
 */
export function checkoutExpiresAt(now: Date, holdEnds: Date): { expiresAt: Date; expireItselfAtHoldEnd: boolean } {
  const earliest = new Date(now.getTime() + (CHECKOUT_MIN_MINUTES + 1) * MINUTE_MS);
  if (holdEnds.getTime() >= earliest.getTime()) return { expiresAt: holdEnds, expireItselfAtHoldEnd: false };
  return { expiresAt: earliest, expireItselfAtHoldEnd: true };
}

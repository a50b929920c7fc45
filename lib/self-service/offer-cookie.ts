// A waiting-list offer carried from its email link to the booking wizard's checkout, in an HTTP-only cookie.
import { AppError } from "@/lib/errors";
import type { DbOrTx } from "@/db";
import { usableOffer, verifyWaitlistToken, waitlistToken } from "./waitlist";

export const OFFER_COOKIE = "turnout_waitlist_offer";

export function offerCookieValue(offerId: string) {
  return `${offerId}.${waitlistToken("offer", offerId)}`;
}

/** The offer a cookie names, when its token is right and it can still be used; otherwise null. */
export async function offerFromCookie(db: DbOrTx, value: string | undefined, now = new Date()) {
  if (!value || value.length > 300) return null;
  const [id, token] = value.split(".", 2);
  if (!id || !verifyWaitlistToken("offer", id, token)) return null;
  try {
    return (await usableOffer(db, id, now)).offer;
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

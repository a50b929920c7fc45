// Booking references customers read out on the phone, and the access token for a booking's page.
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Crockford-style alphabet: no I, L, O or U to misread.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function bookingReference(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `TRN-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** A bearer token for one booking, derived from its id so nothing secret is stored. */
export function bookingAccessToken(bookingId: string): string {
  return createHmac("sha256", env().APP_SECRET).update(`booking-access:${bookingId}`).digest("base64url");
}

export function verifyBookingAccessToken(bookingId: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(bookingAccessToken(bookingId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

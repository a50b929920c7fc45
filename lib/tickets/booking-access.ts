// A customer's booking behind its access token, from the Authorization header (API) or ?token= (links).
import type { DbOrTx } from "@/db";
import { getBookingByReference, getBookingDetail, type BookingDetail } from "@/db/queries/bookings";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { bearerToken } from "@/lib/http/route";

/** Null for an unknown reference or a wrong token alike, so references cannot be probed. */
export async function bookingForToken(db: DbOrTx, req: Request, reference: string): Promise<BookingDetail | null> {
  const booking = await getBookingByReference(db, reference.toUpperCase());
  const token = bearerToken(req) ?? new URL(req.url).searchParams.get("token");
  if (!booking || !verifyBookingAccessToken(booking.id, token)) return null;
  return getBookingDetail(db, booking.id);
}

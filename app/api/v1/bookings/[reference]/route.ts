import { getDb } from "@/db";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { presentBooking } from "@/lib/booking/present";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { bearerToken } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Unknown reference and wrong token answer the same 404, so references cannot be probed.
export const GET = apiHandler<{ reference: string }>(async (req, { params }) => {
  const { reference } = await params;
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking || !verifyBookingAccessToken(booking.id, bearerToken(req))) throw new AppError("booking_not_found");
  const detail = await getBookingDetail(db, booking.id);
  return Response.json({ booking: presentBooking(detail!) }, { headers: { "cache-control": "no-store" } });
});

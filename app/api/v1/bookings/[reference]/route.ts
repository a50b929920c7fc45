import { getDb } from "@/db";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { presentBooking } from "@/lib/booking/present";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { AppError } from "@/lib/errors";
import { bearerToken, handler } from "@/lib/http/route";
import { putBookingChange } from "./change";

export const dynamic = "force-dynamic";

// Unknown reference and wrong token answer the same 404, so references cannot be probed.
export const GET = handler<{ reference: string }>(async (req, { params }) => {
  const { reference } = await params;
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking || !verifyBookingAccessToken(booking.id, bearerToken(req))) throw new AppError("booking_not_found");
  const detail = await getBookingDetail(db, booking.id);
  return Response.json({ booking: presentBooking(detail!) }, { headers: { "cache-control": "no-store" } });
});

// Attendee changes, added attendees and moves (lib/booking/change-booking.ts), with the booking's access token.
export const PUT = handler<{ reference: string }>(async (req, { params }) => putBookingChange(req, (await params).reference));

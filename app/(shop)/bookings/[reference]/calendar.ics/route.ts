// The booking's calendar event as it is now, behind its access token: the same UID and sequence as the file
// last emailed, so adding it again replaces the event. A booking no longer on sends the event cancelled.
import { getDb } from "@/db";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { calendarFile } from "@/lib/email/calendar-file";
import { notFoundResponse } from "@/lib/invoices/pdf-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const token = new URL(req.url).searchParams.get("token");
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  // Same answer for an unknown booking, a wrong token and a booking never confirmed.
  if (!booking || !verifyBookingAccessToken(booking.id, token) || !booking.confirmedAt) return notFoundResponse();
  const d = (await getBookingDetail(db, booking.id))!;
  const file = calendarFile(d, d.booking.status === "confirmed" ? {} : { cancelledAt: d.booking.releasedAt ?? d.booking.updatedAt });
  return new Response(String(file.content), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

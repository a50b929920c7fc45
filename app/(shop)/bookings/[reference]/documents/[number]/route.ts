// A customer's own invoice or credit note, behind their booking's access token. Anything else is 404.
import { getDb } from "@/db";
import { getBookingByReference } from "@/db/queries/bookings";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { documentPdf } from "@/lib/invoices/documents";
import { notFoundResponse, pdfResponse } from "@/lib/invoices/pdf-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ reference: string; number: string }> }) {
  const { reference, number } = await params;
  const token = new URL(req.url).searchParams.get("token");
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  // Same answer for an unknown booking, a wrong token and a number that is not this booking's.
  if (!booking || !verifyBookingAccessToken(booking.id, token)) return notFoundResponse();
  const doc = await documentPdf(db, number, { bookingId: booking.id });
  return doc ? pdfResponse(doc) : notFoundResponse();
}

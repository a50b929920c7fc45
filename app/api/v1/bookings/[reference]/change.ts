// PUT /api/v1/bookings/{reference}: the my-bookings changes through the API, with the booking's access token.
import { getDb } from "@/db";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { changeBooking } from "@/lib/booking/change-booking";
import { presentBookingWithAnswers } from "@/lib/booking/present";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { AppError } from "@/lib/errors";
import { bearerToken, parseApiJsonBody } from "@/lib/http/route";
import { apiBookingChangeSchema } from "@/lib/validations/booking-change";

export async function putBookingChange(req: Request, reference: string): Promise<Response> {
  const key = req.headers.get("idempotency-key");
  if (key !== null && (key.trim().length === 0 || key.length > 255))
    throw new AppError("invalid_request", { fields: { "Idempotency-Key": "Must be 1 to 255 characters" } });
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking || !verifyBookingAccessToken(booking.id, bearerToken(req))) throw new AppError("booking_not_found");
  const input = await parseApiJsonBody(req, apiBookingChangeSchema);
  const detail = (await getBookingDetail(db, booking.id))!;
  const fields: Record<string, string> = {};
  const attendees = input.attendees?.map(({ position, ...rest }, i) => {
    const a = detail.attendees.find((x) => x.position === position && !x.cancelledAt);
    if (!a) fields[`attendees.${i}.position`] = "No attendee of this booking has that position";
    return { ...rest, attendeeId: a?.id ?? "" };
  });
  // A cancelled or unpaid booking has no place to change: changeBooking answers that (409), not the positions.
  if (Object.keys(fields).length && booking.status === "confirmed") throw new AppError("invalid_request", { fields });
  const result = await changeBooking(db, {
    bookingId: booking.id, actor: { kind: "api", email: null },
    change: { attendees, addAttendees: input.addAttendees, sessionId: input.sessionId }, idempotencyKey: key,
  });
  const after = (await getBookingDetail(db, booking.id))!;
  return Response.json({
    booking: await presentBookingWithAnswers(db, after, "owner"),
    change: { replayed: result.replayed, refunded: result.refunded, creditNoteNumber: result.creditNoteNumber, amountOwed: result.amountOwed, checkoutUrl: result.checkoutUrl },
  }, { headers: { "cache-control": "no-store", ...(result.replayed ? { "idempotent-replayed": "true" } : {}) } });
}

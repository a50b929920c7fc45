import { getDb } from "@/db";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { presentBookingWithAnswers } from "@/lib/booking/present";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { releaseHoldByClient, RELEASED_BY_CLIENT } from "@/lib/booking/release-hold";
import { AppError } from "@/lib/errors";
import { bearerToken, parseApiInput, readJsonBody } from "@/lib/http/route";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { cancellationRequestSchema, idempotencyKeySchema } from "@/lib/validations/cancellation";
import { putBookingChange } from "./change";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

// Unknown reference and wrong token answer the same 404, so references cannot be probed.
export const GET = apiHandler<{ reference: string }>(async (req, { params }) => {
  const { reference } = await params;
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking || !verifyBookingAccessToken(booking.id, bearerToken(req))) throw new AppError("booking_not_found");
  const detail = await getBookingDetail(db, booking.id);
  // The owner's view: answers marked sensitive are only named (withheldAnswers), as in the confirmation email.
  return Response.json({ booking: await presentBookingWithAnswers(db, detail!, "owner") }, { headers: { "cache-control": "no-store" } });
}, { accessTokens: true });

/**
 * Cancels the whole booking or some attendees under the course's cancellation policy (the same rules and errors
 * as the cancel page). Idempotency-Key is required: a retry with it returns the first answer and refunds nothing
 * more (200, Idempotent-Replayed: true); the same key for other attendees is a 409.
 */
export const DELETE = apiHandler<{ reference: string }>(async (req, { params }) => {
  const { reference } = await params;
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking || !verifyBookingAccessToken(booking.id, bearerToken(req))) throw new AppError("booking_not_found");
  const key = idempotencyKeySchema.safeParse(req.headers.get("idempotency-key") ?? "");
  if (!key.success) throw new AppError("invalid_request", { fields: { "Idempotency-Key": key.error.issues[0].message } });
  // Attendees from a JSON body, or from the query (?attendeeIds=a,b); neither: the whole booking.
  const query = new URL(req.url).searchParams.getAll("attendeeIds").flatMap((v) => v.split(",")).filter(Boolean);
  const hasBody = (req.headers.get("content-length") ?? "0") !== "0" || req.headers.has("transfer-encoding");
  const raw = hasBody ? await readJsonBody(req) : { attendeeIds: query };
  const input = parseApiInput(raw, cancellationRequestSchema);
  // Not yet paid: the hold is released whole, at once (lib/booking/release-hold.ts).
  if (input.attendeeIds.length === 0 && (booking.status === "pending" || (booking.status === "cancelled" && booking.statusReason === RELEASED_BY_CLIENT))) {
    const released = await releaseHoldByClient(db, booking.id);
    if (released) {
      return Response.json({ holdReleased: { bookingReference: released.bookingReference, placesReleased: released.placesReleased } },
        { status: 200, headers: { "cache-control": "no-store", ...(released.replayed ? { "idempotent-replayed": "true" } : {}) } });
    }
  }
  const result = await cancelBookingByCustomer(db, { bookingId: booking.id, attendeeIds: input.attendeeIds, idempotencyKey: `api:${key.data}`, channel: "api" });
  const c = result.cancellation;
  return Response.json({
    cancellation: {
      id: c.id, bookingReference: booking.reference, attendeeIds: c.attendeeIds, hoursBeforeStart: c.hoursBeforeStart, refundPercent: c.refundPercent,
      paidForPlaces: c.paidForPlaces, depositKept: c.depositKept, feeAmount: c.feeAmount, refundAmount: c.refundAmount, creditAmount: c.creditAmount,
      currency: c.currency, creditNoteNumber: result.creditNoteNumber, createdAt: c.createdAt.toISOString(),
    },
  }, { status: 200, headers: { "cache-control": "no-store", ...(result.replayed ? { "idempotent-replayed": "true" } : {}) } });
}, { accessTokens: true });
// Attendee changes, added attendees and moves (lib/booking/change-booking.ts), with the booking's access token.
export const PUT = apiHandler<{ reference: string }>(async (req, { params }) => putBookingChange(req, (await params).reference), { accessTokens: true });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PATCH, OPTIONS } = otherMethods({ GET, PUT, DELETE }, { accessTokens: true });

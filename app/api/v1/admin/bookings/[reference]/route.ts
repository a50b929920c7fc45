// Staff-side API: one booking with its attendees, needs, answers and payments. An API key with bookings:read.
import { getDb } from "@/db";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { presentBookingWithAnswers } from "@/lib/booking/present";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ reference: string }>(async (req, { params }) => {
  const db = getDb();
  const { reference } = await params;
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking) throw new AppError("booking_not_found");
  const detail = await getBookingDetail(db, booking.id);
  // Sensitive answers too, as this key reads attendees' needs (the key's creator is an admin, who sees both).
  return Response.json({ booking: await presentBookingWithAnswers(db, detail!, "staff") }, { headers: { "cache-control": "no-store" } });
}, { scope: "bookings:read", requireKey: true });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });

// The booking's tickets as a PDF, one per page, behind the booking's access token.
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { bookingForToken } from "@/lib/tickets/booking-access";
import { renderTicketsPdf } from "@/lib/tickets/render";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ reference: string }>(async (req, { params }) => {
  const { reference } = await params;
  const db = getDb();
  const detail = await bookingForToken(db, req, reference);
  if (!detail) throw new AppError("booking_not_found");
  const pdf = await renderTicketsPdf(db, detail);
  if (!pdf) throw new AppError("not_found", {}, "This booking has no valid tickets.");
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf", "content-length": String(pdf.length),
      "content-disposition": `attachment; filename="tickets-${detail.booking.reference}.pdf"`,
      "cache-control": "private, no-store", "x-content-type-options": "nosniff",
    },
  });
}, { accessTokens: true });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET }, { accessTokens: true });

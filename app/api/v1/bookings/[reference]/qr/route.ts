// The booking's ticket QR codes: JSON with one SVG per valid ticket, or ?position=N for one ticket as PNG.
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";
import { bookingForToken } from "@/lib/tickets/booking-access";
import { qrPng, qrSvg } from "@/lib/tickets/qr";
import { validTickets } from "@/lib/tickets/render";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ reference: string }>(async (req, { params }) => {
  const { reference } = await params;
  const db = getDb();
  const detail = await bookingForToken(db, req, reference);
  if (!detail) throw new AppError("booking_not_found");
  const tickets = await validTickets(db, detail);
  const position = new URL(req.url).searchParams.get("position");
  if (position !== null) {
    const t = tickets.find((x) => String(x.position) === position);
    if (!t) throw new AppError("not_found", {}, "No valid ticket at that position.");
    return new Response(new Uint8Array(await qrPng(t.qrText)), {
      headers: { "content-type": "image/png", "cache-control": "private, no-store", "x-content-type-options": "nosniff" },
    });
  }
  return Response.json({
    reference: detail.booking.reference,
    tickets: await Promise.all(tickets.map(async (t) => ({
      position: t.position, attendee: t.name, ticketType: t.ticketType, seat: t.seat, svg: await qrSvg(t.qrText),
    }))),
  }, { headers: { "cache-control": "private, no-store" } });
}, { accessTokens: true });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET }, { accessTokens: true });

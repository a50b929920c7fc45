// Draws tickets: the ticket PDF, from the booking as it is now (its QR codes are drawn in the PDF thread).
import type { DbOrTx } from "@/db";
import type { BookingDetail } from "@/db/queries/bookings";
import { ticketsOfBooking } from "@/db/queries/tickets";
import { renderPdf } from "@/lib/pdf/render-pool";
import { placeSummaries } from "@/lib/booking/place-summary";
import { env } from "@/lib/env";
import { formatSessionWhen } from "@/lib/format";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import { ticketQrText } from "./secret";

export { qrPng, qrSvg } from "./qr";

export type ValidTicket = {
  ticketId: string;
  attendeeId: string;
  position: number;
  name: string;
  ticketType: string;
  seat: string | null;
  /** "VIP · Stalls, row A, seat 3" or null, as elsewhere. */
  place: string | null;
  qrText: string;
};

/** The tickets that still admit someone: active places of a confirmed booking, in attendee order. */
export async function validTickets(db: DbOrTx, d: BookingDetail): Promise<ValidTicket[]> {
  if (d.booking.status !== "confirmed" || d.session.status === "cancelled") return [];
  const rows = await ticketsOfBooking(db, d.booking.id);
  const places = placeSummaries(d.attendees);
  return rows.filter((t) => !t.voidedAt).flatMap((t) => {
    const a = d.attendees.find((x) => x.id === t.attendeeId);
    if (!a || a.cancelledAt) return [];
    return [{
      ticketId: t.id, attendeeId: a.id, position: a.position, name: `${a.firstName} ${a.lastName}`, ticketType: a.ticketType.name,
      seat: a.seat?.label ?? null, place: places.get(a.id) ?? null, qrText: ticketQrText(t.id, t.version),
    }];
  });
}

/** One page per ticket; `only` limits it to one attendee's ticket (their own email). */
export async function renderTicketsPdf(db: DbOrTx, d: BookingDetail, only?: { attendeeId: string }): Promise<Buffer | null> {
  const chosen = (await validTickets(db, d)).filter((t) => !only || t.attendeeId === only.attendeeId);
  if (chosen.length === 0) return null;
  const tz = d.venue.timeZone;
  // Drawn on the PDF threads like every other document, never on the thread answering requests.
  return renderPdf({
    kind: "tickets",
    ticket: {
      sellerName: sellerSnapshot(env()).name, course: d.course.title,
      when: formatSessionWhen(d.session.startsAt, d.session.endsAt, tz),
      venue: [d.venue.name, [d.venue.addressLine1, d.venue.addressLine2].filter(Boolean).join(", "), `${d.venue.city} ${d.venue.postalCode}`],
      reference: d.booking.reference,
      tickets: chosen.map((t) => ({ attendeeName: t.name, ticketType: t.ticketType, seat: t.seat, qrText: t.qrText })),
    },
  });
}

// The calendar file attached to a booking's emails, for the whole booking (the booker's) or one attendee's own
// place. Every version of it has the same UID and the booking's calendar sequence, so a calendar that has the
// event replaces it; a cancellation is that event one sequence later, marked cancelled.
import type { BookingDetail } from "@/db/queries/bookings";
import { bookingPageUrl } from "@/lib/booking/open-checkout";
import { env } from "@/lib/env";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import { sessionCalendar } from "./ics";
import type { MailAttachment } from "./transport";

export function venueLine(v: BookingDetail["venue"]): string {
  return [v.name, v.addressLine1, v.addressLine2, `${v.city} ${v.postalCode}`].filter(Boolean).join(", ");
}

/** `attendeeId`: that attendee's own event (their place email); otherwise the booking's. `cancelledAt`: a cancellation. */
export function calendarFile(d: BookingDetail, p: { attendeeId?: string; cancelledAt?: Date } = {}): MailAttachment {
  const b = d.booking;
  const seller = sellerSnapshot(env());
  const ics = sessionCalendar({
    uid: p.attendeeId ? `attendee-${p.attendeeId}@turnout` : `booking-${b.id}@turnout`,
    title: d.course.title,
    // The booker's event links to the booking's page (the same link as their emails); an attendee's own event
    // does not: that page shows the whole booking, everyone's details and needs.
    description: p.attendeeId ? `Booking ${b.reference}` : `Booking ${b.reference}. See or change it: ${bookingPageUrl(b)}`,
    url: p.attendeeId ? undefined : bookingPageUrl(b),
    startsAt: d.session.startsAt,
    endsAt: d.session.endsAt,
    timeZone: d.venue.timeZone,
    location: venueLine(d.venue),
    organizer: { name: seller.name, email: seller.email ?? "bookings@turnout.invalid" },
    stamp: p.cancelledAt ?? b.calendarChangedAt ?? b.confirmedAt ?? b.createdAt,
    sequence: b.calendarSequence + (p.cancelledAt ? 1 : 0),
    cancelled: Boolean(p.cancelledAt),
  });
  const method = p.cancelledAt ? "CANCEL" : "PUBLISH";
  return { filename: `${b.reference}${p.cancelledAt ? "-cancelled" : ""}.ics`, contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics };
}

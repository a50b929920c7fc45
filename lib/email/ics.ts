// A calendar file for a session: times in the venue's time zone (TZID with its VTIMEZONE), so every
// calendar shows the local start time whatever zone the reader is in. One UID per booking (and per attendee's
// own place), with a SEQUENCE raised at every change of time or place: the calendar that has the event
// replaces it; a cancelled place or booking is sent as METHOD:CANCEL, and the calendar removes it.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";

export type SessionEvent = {
  uid: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  location: string;
  url?: string;
  organizer: { name: string; email: string };
  /** When this version of the event was made (the confirmation, the last change): a resend is the same file. */
  stamp: Date;
  /** Raised at every change of time or place (and once more to cancel). */
  sequence: number;
  /** The place or booking is cancelled: the calendar is asked to remove the event. */
  cancelled?: boolean;
};

// A zone's VTIMEZONE block, read from its file once per process (every confirmation carries one).
const zones = new Map<string, string | null>();
function vtimezone(zone: string): string | null {
  if (!zones.has(zone)) zones.set(zone, getVtimezoneComponent(zone) ?? null);
  return zones.get(zone)!;
}

export function sessionCalendar(e: SessionEvent): string {
  const calendar = ical({
    prodId: { company: "Turnout", product: "Bookings", language: "EN" },
    method: e.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    name: e.title,
  });
  // No calendar-wide zone (DTSTAMP stays in UTC as RFC 5545 requires); the generator still adds a
  // VTIMEZONE for the event's zone. Luxon dates: ical-generator reads a native Date in the server's zone.
  calendar.timezone({ name: null, generator: vtimezone });
  calendar.createEvent({
    id: e.uid,
    start: DateTime.fromJSDate(e.startsAt, { zone: e.timeZone }),
    end: DateTime.fromJSDate(e.endsAt, { zone: e.timeZone }),
    timezone: e.timeZone,
    stamp: DateTime.fromJSDate(e.stamp, { zone: "utc" }),
    sequence: e.sequence,
    ...(e.cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
    summary: e.title,
    description: e.description,
    location: e.location,
    url: e.url,
    organizer: e.organizer,
  });
  return calendar.toString();
}

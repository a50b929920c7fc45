import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { sessionCalendar } from "./ics";

const event = (timeZone: string, startsAt: string, endsAt: string, o: { sequence?: number; cancelled?: boolean } = {}) => sessionCalendar({
  uid: "booking-1@turnout", title: "First Aid at Work", description: "Booking TRN-AAAA-BBBB", startsAt: new Date(startsAt), endsAt: new Date(endsAt),
  timeZone, location: "Harbour Rooms, Bristol", organizer: { name: "Turnout Training Ltd", email: "bookings@turnout.example" },
  stamp: new Date("2026-06-01T08:00:00Z"), sequence: o.sequence ?? 0, cancelled: o.cancelled,
});

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe("sessionCalendar", () => {
  it("writes the local start and end in the venue's zone, with that zone's VTIMEZONE", () => {
    const { calendar, vevent, event: e } = parse(event("America/New_York", "2026-07-01T13:30:00Z", "2026-07-01T20:30:00Z"));
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstSubcomponent("vtimezone")!.getFirstPropertyValue("tzid")).toBe("America/New_York");
    expect(vevent.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("America/New_York");
    expect([e.startDate.hour, e.startDate.minute, e.endDate.hour]).toEqual([9, 30, 16]);
    expect(e.startDate.toJSDate().toISOString()).toBe("2026-07-01T13:30:00.000Z");
    expect(e.uid).toBe("booking-1@turnout");
    expect(e.location).toBe("Harbour Rooms, Bristol");
  });

  it("follows daylight saving: the same wall-clock time in winter is a different UTC time", () => {
    const { event: e } = parse(event("Europe/London", "2026-12-01T09:30:00Z", "2026-12-01T16:30:00Z"));
    expect([e.startDate.hour, e.startDate.minute]).toEqual([9, 30]);
    const { event: summer } = parse(event("Europe/London", "2026-06-01T08:30:00Z", "2026-06-01T15:30:00Z"));
    expect([summer.startDate.hour, summer.startDate.minute]).toEqual([9, 30]);
  });

  it("stamps in UTC, as the standard requires", () => {
    expect(event("Europe/London", "2026-12-01T09:30:00Z", "2026-12-01T16:30:00Z")).toContain("DTSTAMP:20260601T080000Z");
  });

  it("carries its version: a later version of the same event replaces it, a cancellation removes it", () => {
    const first = parse(event("Europe/London", "2026-12-01T09:30:00Z", "2026-12-01T16:30:00Z"));
    expect(first.vevent.getFirstPropertyValue("sequence")).toBe(0);
    expect(first.vevent.getFirstPropertyValue("status")).toBeNull();
    const moved = parse(event("Europe/London", "2026-12-08T09:30:00Z", "2026-12-08T16:30:00Z", { sequence: 2 }));
    expect(moved.event.uid).toBe(first.event.uid);
    expect(moved.vevent.getFirstPropertyValue("sequence")).toBe(2);
    expect(moved.calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    const cancelled = parse(event("Europe/London", "2026-12-08T09:30:00Z", "2026-12-08T16:30:00Z", { sequence: 3, cancelled: true }));
    expect(cancelled.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelled.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.vevent.getFirstPropertyValue("sequence")).toBe(3);
    expect(cancelled.event.uid).toBe(first.event.uid);
  });
});

// Locations of time-slot offerings as the public API shows them.
import type { DbOrTx } from "@/db";
import { listLocations, venueClosuresBetween } from "@/db/queries/time-slots";
import { localDate, minuteLabel } from "@/lib/slots/schedule";
import { DateTime } from "luxon";

type Listed = Awaited<ReturnType<typeof listLocations>>[number];

function present(l: Listed) {
  const v = l.venue;
  return {
    id: v.id,
    slug: v.slug,
    name: v.name,
    address: { line1: v.addressLine1, line2: v.addressLine2, city: v.city, postalCode: v.postalCode, country: v.country },
    timeZone: v.timeZone,
    // ISO weekdays: 1 Monday … 7 Sunday; local times.
    openingHours: l.openingHours.map((h) => ({ weekday: h.weekday, open: minuteLabel(h.opensAt), close: minuteLabel(h.closesAt) })),
    offerings: l.offerings.map((o) => ({ id: o.id, slug: o.slug, title: o.title })),
  };
}

export async function publicLocations(db: DbOrTx) {
  return (await listLocations(db)).map(present);
}

/** One location, with its closures of the coming year. */
export async function publicLocation(db: DbOrTx, id: string, now = new Date()) {
  const [l] = await listLocations(db, [id]);
  if (!l) return null;
  const from = localDate(now, l.venue.timeZone);
  const to = DateTime.fromISO(from).plus({ days: 366 }).toISODate()!;
  const closures = await venueClosuresBetween(db, id, from, to);
  return {
    ...present(l),
    closures: closures.map((c) => ({
      date: c.localDate, reason: c.reason,
      open: c.opensAt == null ? null : minuteLabel(c.opensAt), close: c.closesAt == null ? null : minuteLabel(c.closesAt),
    })),
  };
}

// What the public waiting-list pages show: a session's facts and its ticket types, an entry, an offer.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { courseSessions, courses, venues, waitlistEntries } from "@/db/schema";
import { sessionTicketTypes } from "@/db/queries/ticket-types";
import { formatSessionWhen } from "@/lib/format";
import { mostPlacesToWaitFor, onlyTypeOnSale, placesLeft } from "./waitlist";

export async function waitlistSessionFacts(db: DbOrTx, sessionId: string) {
  const [row] = await db.select({ session: courseSessions, course: { title: courses.title, slug: courses.slug, kind: courses.kind }, venue: venues })
    .from(courseSessions).innerJoin(courses, eq(courses.id, courseSessions.courseId)).innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(courseSessions.id, sessionId));
  if (!row) return null;
  const types = await sessionTicketTypes(db, sessionId);
  // The types anyone can buy: with one, the places it can still sell (its quota too), not the session's.
  const only = onlyTypeOnSale(types);
  return {
    ...row,
    when: formatSessionWhen(row.session.startsAt, row.session.endsAt, row.venue.timeZone),
    left: await placesLeft(db, sessionId, only?.id ?? null),
    /** The most places one request can ask for, as joinWaitlist checks it (a type chosen may allow fewer). */
    mostPlaces: mostPlacesToWaitFor(row.session.capacity, only),
    /** More than one type on sale: places left may be of another type than the one wanted. */
    severalTypes: types.filter((t) => t.visible).length > 1,
    /** The types a customer can choose to wait for: hidden ones (sold by code or to staff) are not shown. */
    ticketTypes: types.filter((t) => t.visible).map((t) => ({ id: t.id, name: t.name })),
  };
}

export async function waitlistEntryFacts(db: DbOrTx, entryId: string) {
  const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId));
  if (!entry) return null;
  const session = await waitlistSessionFacts(db, entry.sessionId);
  return session ? { entry, session } : null;
}

// Sessions and bookings the figures work on.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings, courseSessions, courses, ticketTypes, venues } from "@/db/schema";

/** A session far enough ahead for deposits, with room for every booking a run makes. */
export async function hotSession(db: Db, capacity = 1_000_000) {
  const [course] = await db.select().from(courses).where(eq(courses.status, "active")).limit(1);
  const [venue] = await db.select().from(venues).limit(1);
  const startsAt = new Date(Date.now() + 60 * 86_400_000);
  const [session] = await db.insert(courseSessions).values({
    courseId: course.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000), capacity,
  }).returning();
  const [ticketType] = await db.select().from(ticketTypes).where(and(eq(ticketTypes.courseId, course.id), isNull(ticketTypes.sessionId))).limit(1);
  return { session, course, ticketType };
}

export function bookingBody(sessionId: string, attendees: number, tag = "bench") {
  return JSON.stringify({
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: `Bench ${tag}`, email: `${tag}@example.com`, phone: "+44 20 7946 0000" },
    attendees: Array.from({ length: attendees }, (_, i) => ({ firstName: "Attendee", lastName: `${tag} ${i + 1}`, requirements: [] })),
  });
}

/** `n` pending bookings on `sessionId`, made through the API as customers make them. */
export async function pendingBookings(origin: string, db: Db, sessionId: string, n: number, attendees = 2) {
  const made: string[] = [];
  const width = 10;
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${origin}/api/v1/bookings`, { method: "POST", headers: { "content-type": "application/json" }, body: bookingBody(sessionId, attendees, `pay${i}`) });
      if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${await res.text()}`);
      made.push((await res.json()).bookingId);
    }
  }));
  const rows = await db.select().from(bookings).where(eq(bookings.sessionId, sessionId));
  return rows.filter((b) => made.includes(b.id));
}

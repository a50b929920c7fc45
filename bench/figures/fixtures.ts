// Sessions and bookings the figures work on.
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { bookingAttendees, bookings, courseSessions, courses, ticketTypes, venues } from "@/db/schema";
import { ticketsOfBooking } from "@/db/queries/tickets";
import { issueTicketsForBooking } from "@/lib/tickets/issue";
import { ticketQrText } from "@/lib/tickets/secret";

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

/**
 * `n` pending bookings on `sessionId`, made through the API as customers make them. Every call names its
 * customers afresh: the render threads keep the shapes of text they have laid out, and a second burst paying for
 * the same names as the first would measure documents cheaper than new customers' are.
 */
export async function pendingBookings(origin: string, db: Db, sessionId: string, n: number, attendees = 2) {
  const batch = randomBytes(3).toString("hex");
  const made: string[] = [];
  const width = 10;
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${origin}/api/v1/bookings`, { method: "POST", headers: { "content-type": "application/json" }, body: bookingBody(sessionId, attendees, `pay${batch}${i}`) });
      if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${await res.text()}`);
      made.push((await res.json()).bookingId);
    }
  }));
  const rows = await db.select().from(bookings).where(eq(bookings.sessionId, sessionId));
  return rows.filter((b) => made.includes(b.id));
}

/** A session starting within the hour with `count` paid places, each with its ticket; returns the QR texts. */
export async function ticketedSession(db: Db, count: number, tag = "BNCH") {
  const [course] = await db.select().from(courses).limit(1);
  const [venue] = await db.select().from(venues).limit(1);
  const [type] = await db.select().from(ticketTypes).where(eq(ticketTypes.courseId, course.id)).limit(1);
  const startsAt = new Date(Date.now() + 3_600_000);
  const [session] = await db.insert(courseSessions).values({
    courseId: course.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), capacity: count, placesBooked: count,
  }).returning();
  const codes: string[] = [];
  for (let b = 0; b * 12 < count; b++) {
    const size = Math.min(12, count - b * 12);
    await db.transaction(async (tx) => {
      const [booking] = await tx.insert(bookings).values({
        reference: `TRN-${tag}-${String(b).padStart(5, "0")}`, sessionId: session.id, status: "confirmed", paymentOption: "full", paymentStatus: "paid",
        attendeeCount: size, currency: course.currency, unitAmount: 0, totalAmount: 0, amountDueNow: 0, holdExpiresAt: startsAt,
        contactName: "Bench", contactEmail: "bench@example.com", contactPhone: "0", termsAcceptedAt: new Date(), paymentProvider: "simulated", confirmedAt: new Date(),
      }).returning();
      await tx.insert(bookingAttendees).values(Array.from({ length: size }, (_, i) => ({
        bookingId: booking.id, position: i + 1, firstName: `Guest${b}`, lastName: `N${i + 1}`, ticketTypeId: type.id, unitAmount: 0,
      })));
      await issueTicketsForBooking(tx, booking.id);
      for (const t of await ticketsOfBooking(tx, booking.id)) codes.push(ticketQrText(t.id, t.version));
    });
  }
  return { session, codes };
}

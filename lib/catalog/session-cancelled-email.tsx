// The email a booker receives when staff cancel their session, sent by a job after the cancellation commits.
import { Text } from "@react-email/components";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings, courseSessions, courses, venues } from "@/db/schema";
import { EmailLayout, paragraph } from "@/emails/components/layout";
import { ActionButton, Callout, Facts } from "@/emails/components/parts";
import { bookingAccessToken } from "@/lib/booking/reference";
import { deliverEmail, type AttemptInfo } from "@/lib/email/deliver";
import { env } from "@/lib/env";
import { formatSessionWhen } from "@/lib/format";

export type SessionCancelledEmailProps = {
  sellerName: string; bookerName: string; reference: string; course: string; when: string; venue: string; reason: string; bookingUrl: string;
};

export function SessionCancelledEmail(p: SessionCancelledEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`${p.course} on ${p.when} is cancelled`} heading="Your session is cancelled">
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Callout tone="alert">We are sorry: the session of <strong>{p.course}</strong> on {p.when} has been cancelled.</Callout>
      <Facts rows={[
        { label: "Booking", value: p.reference },
        { label: "Course", value: p.course },
        { label: "When", value: p.when },
        { label: "Venue", value: p.venue },
        { label: "Reason", value: p.reason },
      ]} />
      <Text style={paragraph}>Your booking will not take place. We will contact you about a refund or a place on another date.</Text>
      <ActionButton href={p.bookingUrl}>See your booking</ActionButton>
    </EmailLayout>
  );
}

/** Idempotent: the email's key is `session-cancelled:<bookingId>`, so a retried job sends nothing twice. */
export async function sendSessionCancelledEmail(db: Db, p: { bookingId: string; reason: string }, attempt?: AttemptInfo) {
  const [row] = await db
    .select({ booking: bookings, course: courses.title, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt, venue: venues })
    .from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(bookings.id, p.bookingId));
  if (!row) return "skipped" as const;
  const b = row.booking;
  const when = formatSessionWhen(row.startsAt, row.endsAt, row.venue.timeZone);
  return deliverEmail(db, {
    key: `session-cancelled:${b.id}`,
    kind: "session-cancelled",
    bookingId: b.id,
    to: b.contactEmail,
    subject: `Cancelled: ${row.course}, ${when} (booking ${b.reference})`,
    attachments: [],
    body: (
      <SessionCancelledEmail sellerName={env().SELLER_NAME} bookerName={b.contactName} reference={b.reference} course={row.course}
        when={when} venue={`${row.venue.name}, ${row.venue.city}`} reason={p.reason}
        bookingUrl={`${env().APP_URL}/bookings/${b.reference}?token=${bookingAccessToken(b.id)}`} />
    ),
  }, attempt);
}

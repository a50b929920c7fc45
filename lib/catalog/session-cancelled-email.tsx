// What happens to each confirmed booking when staff cancel its session, in a job after the cancellation commits:
// every place is cancelled and everything paid refunded (a credit note, the money back through the provider),
// then the booker gets one email that says the session is off and what was refunded (with the calendar event
// cancelled), and each attendee with an address of their own hears that their place is off.
import { Text } from "@react-email/components";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { bookingAttendees, bookings, creditNotes, refunds } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import type { AuditActor } from "@/lib/audit/record-audit";
import { refundableAmount, refundBooking } from "@/lib/payments/refund-booking";
import { refundRoute } from "@/lib/invoices/render";
import { refundRouteText } from "@/lib/payments/offline-methods";
import { EmailLayout, paragraph } from "@/emails/components/layout";
import { ActionButton, Callout, Facts } from "@/emails/components/parts";
import { bookingAccessToken } from "@/lib/booking/reference";
import { calendarFile } from "@/lib/email/calendar-file";
import { deliverEmail, type AttemptInfo } from "@/lib/email/deliver";
import { env } from "@/lib/env";
import { formatMoney, formatSessionWhen } from "@/lib/format";

/** What was refunded, its credit note, and where the money goes ("to the card you paid with; …"). */
type Refunded = { amount: string; creditNote: string; how?: string };

export type SessionCancelledEmailProps = {
  sellerName: string; reference: string; course: string; when: string; venue: string; reason: string;
  /** Whom it is to: the booker (with the refund and their booking page), or an attendee booked by `booker`. */
  to: { booker: string; bookingUrl: string; refund: Refunded | null } | { attendee: string; booker: string };
};

export function SessionCancelledEmail(p: SessionCancelledEmailProps) {
  const booker = "bookingUrl" in p.to ? p.to : null;
  return (
    <EmailLayout sellerName={p.sellerName} preview={`${p.course} on ${p.when} is cancelled`} heading="Your session is cancelled">
      <Text style={paragraph}>Hello {"attendee" in p.to ? p.to.attendee : p.to.booker},</Text>
      <Callout tone="alert">We are sorry: the session of <strong>{p.course}</strong> on {p.when} has been cancelled.</Callout>
      <Facts rows={[
        { label: "Booking", value: p.reference },
        { label: "Course", value: p.course },
        { label: "When", value: p.when },
        { label: "Venue", value: p.venue },
        { label: "Reason", value: p.reason },
      ]} />
      {!booker
        ? <Text style={paragraph}>The session will not run, and your ticket no longer admits you. {p.to.booker}, who booked your place, has been told
            about any refund. The calendar file attached removes the event from your calendar.</Text>
        : booker.refund
          ? <Text style={paragraph}>Your booking will not take place. We have refunded everything you paid, {booker.refund.amount},{" "}
              {booker.refund.how ?? refundRouteText.card} (credit note {booker.refund.creditNote}).</Text>
          : <Text style={paragraph}>Your booking will not take place. We will contact you about a place on another date.</Text>}
      {booker && <ActionButton href={booker.bookingUrl}>See your booking</ActionButton>}
    </EmailLayout>
  );
}

/**
 * Refunds the booking in full (once: the refund's idempotency key is the booking's), then sends the one email.
 * Idempotent: a retried job finds the refund made and the email (key `session-cancelled:<bookingId>`) sent.
 */
export async function settleCancelledBooking(db: Db, p: { bookingId: string; reason: string; staff?: AuditActor; at?: string }, attempt?: AttemptInfo) {
  const actor: AuditActor = p.staff ?? { id: null, email: "system:session-cancelled" };
  let refund: Refunded | null = null;
  const refundable = await refundableAmount(db, p.bookingId);
  const active = await db.select({ id: bookingAttendees.id }).from(bookingAttendees)
    .where(and(eq(bookingAttendees.bookingId, p.bookingId), isNull(bookingAttendees.cancelledAt)));
  const [booking] = await db.select({ status: bookings.status, currency: bookings.currency }).from(bookings).where(eq(bookings.id, p.bookingId));
  if (booking?.status === "confirmed" && refundable > 0) {
    const result = await refundBooking(db, {
      bookingId: p.bookingId, attendeeIds: active.map((a) => a.id), amount: refundable,
      reason: `Session cancelled: ${p.reason}`, idempotencyKey: `session-cancelled:${p.bookingId}`,
    }, actor);
    refund = { amount: formatMoney(refundable, booking.currency), creditNote: result.creditNoteNumber };
  } else if (booking?.status === "refunded") {
    // A retry after the refund committed: say what it was.
    const [cn] = await db.select({ number: creditNotes.number, amount: creditNotes.refundAmount, currency: creditNotes.currency })
      .from(creditNotes).innerJoin(refunds, eq(refunds.id, creditNotes.refundId))
      .where(eq(refunds.idempotencyKey, `session-cancelled:${p.bookingId}`));
    if (cn) refund = { amount: formatMoney(cn.amount, cn.currency), creditNote: cn.number };
  }
  if (refund) {
    const [made] = await db.select({ id: refunds.id }).from(refunds).where(eq(refunds.idempotencyKey, `session-cancelled:${p.bookingId}`));
    refund.how = refundRouteText[await refundRoute(db, made?.id ?? null)];
  }
  return sendSessionCancelledEmail(db, { bookingId: p.bookingId, reason: p.reason, at: p.at ? new Date(p.at) : null, refund }, attempt);
}

/**
 * The booker's email, with the calendar event cancelled, and one to each attendee with an address of their own
 * whose place this cancellation ended (not one cancelled earlier, who was told then). `at`: when staff cancelled
 * the session. Idempotent: each message has its key (`session-cancelled:<bookingId>`, plus `:<attendeeId>`), so a
 * retried job sends nothing twice.
 */
export async function sendSessionCancelledEmail(db: Db, p: { bookingId: string; reason: string; at?: Date | null; refund?: Refunded | null }, attempt?: AttemptInfo) {
  const d = await getBookingDetail(db, p.bookingId);
  if (!d) return "skipped" as const;
  const b = d.booking;
  const cancelledAt = p.at ?? new Date();
  const when = formatSessionWhen(d.session.startsAt, d.session.endsAt, d.venue.timeZone);
  const venue = `${d.venue.name}, ${d.venue.city}`;
  const sellerName = env().SELLER_NAME;
  const sent = await deliverEmail(db, {
    key: `session-cancelled:${b.id}`,
    kind: "session-cancelled",
    bookingId: b.id,
    to: b.contactEmail,
    subject: `Cancelled: ${d.course.title}, ${when} (booking ${b.reference})`,
    attachments: [calendarFile(d, { cancelledAt })],
    body: (
      <SessionCancelledEmail sellerName={sellerName} reference={b.reference} course={d.course.title} when={when} venue={venue} reason={p.reason}
        to={{ booker: b.contactName, refund: p.refund ?? null, bookingUrl: `${env().APP_URL}/bookings/${b.reference}?token=${bookingAccessToken(b.id)}` }} />
    ),
  }, attempt);
  const endedNow = d.attendees.filter((a) => !a.cancelledAt || (p.at && a.cancelledAt >= p.at));
  for (const a of endedNow) {
    if (!a.email || a.isBooker || a.email.trim().toLowerCase() === b.contactEmail.trim().toLowerCase()) continue;
    await deliverEmail(db, {
      key: `session-cancelled:${b.id}:${a.id}`,
      kind: "session-cancelled",
      bookingId: b.id,
      to: a.email,
      subject: `Cancelled: ${d.course.title}, ${when}`,
      attachments: [calendarFile(d, { attendeeId: a.id, cancelledAt })],
      body: <SessionCancelledEmail sellerName={sellerName} reference={b.reference} course={d.course.title} when={when} venue={venue} reason={p.reason}
        to={{ attendee: `${a.firstName} ${a.lastName}`, booker: b.contactName }} />,
    }, attempt);
  }
  return sent;
}

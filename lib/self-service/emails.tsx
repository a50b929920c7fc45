// Composes the self-service emails from the database as it is when the job runs.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { bookingCancellations, courseSessions, courses, creditNotes, venues, waitlistEntries, waitlistOffers } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { adminAlertRecipients } from "@/db/queries/finance";
import { bookingPageUrl } from "@/lib/booking/open-checkout";
import { calendarFile } from "@/lib/email/calendar-file";
import type { ComposedEmail } from "@/lib/email/deliver";
import { env } from "@/lib/env";
import { ensureCreditNotePdf, refundRoute } from "@/lib/invoices/render";
import { refundRouteText } from "@/lib/payments/offline-methods";
import { formatDate, formatMoney, formatSessionWhen, formatTimeZoned } from "@/lib/format";
import { AdminBookingCancelledEmail, AttendeeCancelledEmail, BookingCancelledEmail, WaitlistJoinedEmail, WaitlistOfferEmail } from "@/emails/self-service";
import { leaveWaitlistUrl, offerUrl } from "./waitlist";

async function cancellationFacts(db: Db, cancellationId: string) {
  const [c] = await db.select().from(bookingCancellations).where(eq(bookingCancellations.id, cancellationId));
  if (!c) return null;
  const d = await getBookingDetail(db, c.bookingId);
  if (!d) return null;
  const [cn] = c.creditNoteId ? await db.select({ number: creditNotes.number }).from(creditNotes).where(eq(creditNotes.id, c.creditNoteId)) : [];
  const money = (n: number) => formatMoney(n, c.currency);
  const when = formatSessionWhen(d.session.startsAt, d.session.endsAt, d.venue.timeZone);
  const cancelled = d.attendees.filter((a) => c.attendeeIds.includes(a.id));
  return { c, d, cn: cn?.number ?? null, money, when, cancelled };
}

/** The booker's confirmation, and one message to each cancelled attendee who gave an email. */
export async function composeBookingCancelled(db: Db, cancellationId: string): Promise<ComposedEmail[]> {
  const f = await cancellationFacts(db, cancellationId);
  if (!f) return [];
  const { c, d, cn, money, when, cancelled } = f;
  const b = d.booking;
  const seller = env().SELLER_NAME;
  const wholeBooking = d.attendees.every((a) => a.cancelledAt);
  // The credit note travels with its refund's email; one that refunds nothing (a deposit kept, what is owed
  // reduced) has no refund email, so it comes with this one.
  const creditNotePdf = c.creditNoteId && !c.refundId ? await ensureCreditNotePdf(db, c.creditNoteId) : null;
  const emails: ComposedEmail[] = [{
    key: `booking-cancelled:${c.id}`, kind: "booking-cancelled", bookingId: b.id, to: b.contactEmail,
    subject: `Cancellation confirmed: booking ${b.reference}, refund ${money(c.refundAmount)}`,
    body: <BookingCancelledEmail sellerName={seller} bookerName={b.contactName} reference={b.reference} course={d.course.title} when={when}
      cancelledPlaces={cancelled.map((a) => `${a.firstName} ${a.lastName}`)} wholeBooking={wholeBooking}
      refund={money(c.refundAmount)} refundPercent={c.refundPercent} fee={c.feeAmount ? money(c.feeAmount) : null}
      depositKept={c.depositKept ? money(c.depositKept) : null} creditNote={cn} bookingUrl={bookingPageUrl(b)}
      refundedHow={c.refundId ? refundRouteText[await refundRoute(db, c.refundId)] : null} />,
    // The booking's calendar event goes when no place is left on it; an attendee's own event with their place.
    attachments: [
      ...(wholeBooking ? [calendarFile(d, { cancelledAt: c.createdAt })] : []),
      ...(creditNotePdf ? [{ filename: `${creditNotePdf.number}.pdf`, contentType: "application/pdf", content: creditNotePdf.pdf }] : []),
    ],
  }];
  for (const a of cancelled) {
    if (!a.email || a.email.toLowerCase() === b.contactEmail.toLowerCase()) continue;
    emails.push({
      key: `booking-cancelled:${c.id}:${a.id}`, kind: "attendee-cancelled", bookingId: b.id, to: a.email,
      subject: `Your place on ${d.course.title} is cancelled`,
      body: <AttendeeCancelledEmail sellerName={seller} name={a.firstName} course={d.course.title} when={when} reference={b.reference} />,
      attachments: [calendarFile(d, { attendeeId: a.id, cancelledAt: c.createdAt })],
    });
  }
  return emails;
}

export async function composeAdminBookingCancelled(db: Db, cancellationId: string): Promise<ComposedEmail[]> {
  const f = await cancellationFacts(db, cancellationId);
  if (!f) return [];
  const { c, d, cn, money, when } = f;
  const recipients = await adminAlertRecipients(db, env().ADMIN_ALERT_EMAILS);
  return recipients.map((to) => ({
    key: `admin-booking-cancelled:${c.id}:${to}`, kind: "admin-booking-cancelled", bookingId: d.booking.id, to,
    subject: `Booking ${d.booking.reference}: customer cancelled ${c.attendeeIds.length} place${c.attendeeIds.length === 1 ? "" : "s"} on ${d.course.title}`,
    body: <AdminBookingCancelledEmail sellerName={env().SELLER_NAME} reference={d.booking.reference} course={d.course.title} when={when}
      places={c.attendeeIds.length} refund={money(c.refundAmount)} creditNote={cn} bookingUrl={`${env().APP_URL}/admin/bookings/${d.booking.reference}`} />,
    attachments: [],
  }));
}

async function sessionOf(db: Db, sessionId: string) {
  const [row] = await db.select({ session: courseSessions, course: courses.title, tz: venues.timeZone })
    .from(courseSessions).innerJoin(courses, eq(courses.id, courseSessions.courseId)).innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(courseSessions.id, sessionId));
  return row ? { ...row, when: formatSessionWhen(row.session.startsAt, row.session.endsAt, row.tz) } : null;
}

export async function composeWaitlistJoined(db: Db, entryId: string): Promise<ComposedEmail[]> {
  const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId));
  if (!entry) return [];
  const s = await sessionOf(db, entry.sessionId);
  if (!s) return [];
  return [{
    key: `waitlist-joined:${entry.id}`, kind: "waitlist-joined", bookingId: null, to: entry.email,
    subject: `Waiting list: ${s.course}, ${s.when}`,
    body: <WaitlistJoinedEmail sellerName={env().SELLER_NAME} course={s.course} when={s.when} places={entry.places} leaveUrl={leaveWaitlistUrl(entry.id)} />,
    attachments: [],
  }];
}

export async function composeWaitlistOffer(db: Db, offerId: string): Promise<ComposedEmail[]> {
  const [row] = await db.select({ offer: waitlistOffers, entry: waitlistEntries }).from(waitlistOffers)
    .innerJoin(waitlistEntries, eq(waitlistEntries.id, waitlistOffers.entryId)).where(eq(waitlistOffers.id, offerId));
  // An offer that ended before its email went out is not announced.
  if (!row || row.offer.status !== "open") return [];
  const s = await sessionOf(db, row.offer.sessionId);
  if (!s) return [];
  const until = `${formatTimeZoned(row.offer.expiresAt, s.tz)} on ${formatDate(row.offer.expiresAt, s.tz)}`;
  return [{
    key: `waitlist-offer:${row.offer.id}`, kind: "waitlist-offer", bookingId: null, to: row.entry.email,
    subject: `Places free for you: ${s.course}, ${s.when}`,
    body: <WaitlistOfferEmail sellerName={env().SELLER_NAME} course={s.course} when={s.when} places={row.offer.places} until={until}
      offerUrl={offerUrl(row.offer.id)} leaveUrl={leaveWaitlistUrl(row.entry.id)} />,
    attachments: [],
  }];
}

// What a signed-in customer sees: bookings made with their email (everything, as the booker) and bookings
// where they are an attendee (only their own place). Upcoming first (soonest first), then past (latest first).
import { and, asc, eq, gt, inArray, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bookingAttendees, bookings, courseSessions, courses, creditNotes, invoices, venues } from "@/db/schema";
import { getBookingDetail, getBookingByReference, type BookingDetail } from "@/db/queries/bookings";
import { getSessionAvailability } from "@/db/queries/catalog";
import { sessionTicketTypes, ticketAvailability } from "@/db/queries/ticket-types";
import { addedPlaceChoices } from "@/lib/booking/added-place-types";
import { amountOwed } from "@/lib/booking/balance";
import { balanceDueOnMove } from "@/lib/booking/balance-due";
import { changeBlocker } from "@/lib/booking/change-booking";
import { typeOnSession } from "@/lib/booking/ticket-rules";
import { env } from "@/lib/env";
import { bookingAccessToken } from "@/lib/booking/reference";
import type { Customer } from "./sign-in";

export type MyBookingRole = "booker" | "attendee";

export type MyBooking = {
  bookingId: string;
  reference: string;
  role: MyBookingRole;
  status: string;
  courseTitle: string;
  startsAt: Date;
  endsAt: Date;
  venueName: string;
  timeZone: string;
  /** Every place for the booker; the attendee's own for an attendee. */
  places: { attendeeId: string; name: string; cancelled: boolean }[];
  /** The booking page behind its token (tickets, documents), for the booker only. */
  accessToken: string | null;
  invoiceNumber: string | null;
  creditNoteNumbers: string[];
  upcoming: boolean;
  /**
   * Why the booking (or, for an attendee, their place) cannot be changed online now, as its change page says it;
   * null when it can. Only said of upcoming bookings.
   */
  changeBlocker: string | null;
};

const lowerEq = (column: typeof bookings.contactEmail | typeof bookingAttendees.email, email: string) => sql`lower(${column}) = ${email.toLowerCase()}`;

export async function listMyBookings(db: DbOrTx, customer: Pick<Customer, "email">, now = new Date()): Promise<MyBooking[]> {
  const email = customer.email.toLowerCase();
  const rows = await db.selectDistinct({
    id: bookings.id, reference: bookings.reference, status: bookings.status, contactEmail: bookings.contactEmail,
    spanStartsAt: bookings.spanStartsAt, spanEndsAt: bookings.spanEndsAt,
    startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt, courseTitle: courses.title, venueName: venues.name, timeZone: venues.timeZone,
    sessionStatus: courseSessions.status, cutoffHours: courses.changeCutoffHours,
  }).from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .leftJoin(bookingAttendees, eq(bookingAttendees.bookingId, bookings.id))
    // Unpaid checkouts that lapsed are not bookings anyone made.
    .where(and(inArray(bookings.status, ["pending", "confirmed", "refunded"]), or(lowerEq(bookings.contactEmail, email), lowerEq(bookingAttendees.email, email))));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [people, docs, notes] = await Promise.all([
    db.select({ id: bookingAttendees.id, bookingId: bookingAttendees.bookingId, firstName: bookingAttendees.firstName, lastName: bookingAttendees.lastName, email: bookingAttendees.email, cancelledAt: bookingAttendees.cancelledAt, position: bookingAttendees.position })
      .from(bookingAttendees).where(inArray(bookingAttendees.bookingId, ids)).orderBy(asc(bookingAttendees.position)),
    db.select({ bookingId: invoices.bookingId, number: invoices.number }).from(invoices).where(inArray(invoices.bookingId, ids)),
    db.select({ bookingId: invoices.bookingId, number: creditNotes.number }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
      .where(inArray(invoices.bookingId, ids)).orderBy(asc(creditNotes.sequence)),
  ]);
  const list = rows.map((r): MyBooking => {
    const booker = r.contactEmail.toLowerCase() === email;
    const startsAt = r.spanStartsAt ?? r.startsAt;
    const places = people.filter((a) => a.bookingId === r.id && (booker || a.email?.toLowerCase() === email))
      .map((a) => ({ attendeeId: a.id, name: `${a.firstName} ${a.lastName}`, cancelled: a.cancelledAt != null }));
    // The same rule as the change page (app/(shop)/my-bookings/[reference]), plus an attendee with no place left.
    const blocker = changeBlocker({ booking: r, sessionStatus: r.sessionStatus, startsAt, cutoffHours: r.cutoffHours, timeZone: r.timeZone, now })
      ?? (places.every((p) => p.cancelled) ? placeCancelledText(booker) : null);
    return {
      bookingId: r.id, reference: r.reference, role: booker ? "booker" : "attendee", status: r.status,
      courseTitle: r.courseTitle, startsAt, endsAt: r.spanEndsAt ?? r.endsAt, venueName: r.venueName, timeZone: r.timeZone,
      places,
      accessToken: booker ? bookingAccessToken(r.id) : null,
      invoiceNumber: booker ? docs.find((x) => x.bookingId === r.id)?.number ?? null : null,
      creditNoteNumbers: booker ? notes.filter((x) => x.bookingId === r.id).map((x) => x.number) : [],
      upcoming: startsAt > now,
      changeBlocker: blocker,
    };
  });
  const upcoming = list.filter((b) => b.upcoming).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const past = list.filter((b) => !b.upcoming).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return [...upcoming, ...past];
}

/** Why there is nothing to change when every place the customer can see is cancelled. */
export function placeCancelledText(booker: boolean): string {
  return booker ? "Every place on this booking has been cancelled." : "Your place on this booking has been cancelled, so there is nothing to change.";
}

/**
 * One booking as the signed-in customer may see it: the whole of it for the booker, only their own places for
 * an attendee; null when neither (the same answer as an unknown reference).
 */
export async function myBooking(db: DbOrTx, customer: Pick<Customer, "email">, reference: string): Promise<{ role: MyBookingRole; detail: BookingDetail } | null> {
  const found = await getBookingByReference(db, reference.toUpperCase());
  if (!found) return null;
  const email = customer.email.toLowerCase();
  const detail = await getBookingDetail(db, found.id);
  if (!detail) return null;
  if (detail.booking.contactEmail.toLowerCase() === email) return { role: "booker", detail };
  const own = detail.attendees.filter((a) => a.email?.toLowerCase() === email);
  if (own.length === 0) return null;
  return { role: "attendee", detail: { ...detail, attendees: own } };
}

/**
 * Other sessions of the booking's course it could move to: scheduled, open for changes, with room for its places,
 * and whether the balance still owed would fall due at once there.
 */
export async function moveOptions(db: DbOrTx, d: BookingDetail, cutoffHours: number, now = new Date()) {
  const rows = await db.select({
    id: courseSessions.id, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt, capacity: courseSessions.capacity,
    booked: courseSessions.placesBooked, held: courseSessions.placesHeld, venueName: venues.name, timeZone: venues.timeZone, seated: courseSessions.seatingPlanId,
  }).from(courseSessions).innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(and(eq(courseSessions.courseId, d.course.id), eq(courseSessions.status, "scheduled"),
      gt(courseSessions.startsAt, new Date(now.getTime() + cutoffHours * 3_600_000)), ne(courseSessions.id, d.session.id)))
    .orderBy(asc(courseSessions.startsAt));
  const active = d.attendees.filter((a) => !a.cancelledAt);
  const places = active.length;
  const owesBalance = d.booking.balanceDueAt != null && amountOwed(d.booking) > 0;
  return Promise.all(rows.filter((r) => !r.seated).map(async (r) => ({
    ...r, left: Math.max(0, r.capacity - r.booked - r.held), fits: r.capacity - r.booked - r.held >= places,
    balanceDueNow: owesBalance && await balanceDueNowOnMove(db, r, active, now),
  })));
}

/**
 * Whether moving there makes the balance still owed due at once, as the move itself decides it (change-booking.ts):
 * a preview for the form, so the customer knows before confirming that the checkout for it follows.
 */
async function balanceDueNowOnMove(db: DbOrTx, session: { id: string; startsAt: Date }, active: BookingDetail["attendees"], now: Date) {
  const types = await sessionTicketTypes(db, session.id);
  const depositOffered = active.some((a) => typeOnSession(types, a)?.depositAmount != null);
  return balanceDueOnMove({ sessionStartsAt: session.startsAt, depositOffered, daysBefore: env().BALANCE_DUE_DAYS, now }).dueNow;
}

/**
 * The ticket types an attendee can be added as: the session's public types with their places left now (never more
 * than the session has left), and the one the form starts on.
 */
export async function addAttendeeOptions(db: DbOrTx, d: BookingDetail, now = new Date()) {
  const left = (await getSessionAvailability(db, d.session.id))?.available ?? 0;
  const types = (await ticketAvailability(db, [{ id: d.session.id, available: left }])).get(d.session.id) ?? [];
  return addedPlaceChoices(types, d.attendees.filter((a) => !a.cancelledAt), now);
}

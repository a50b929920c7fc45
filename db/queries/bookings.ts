// Reads and writes of bookings. The places they move are in ./places.ts.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable, reusableRows } from "@/db/reusable";
import {
  bookingAttendees, bookingDiscountLines, bookings, courseSessions, courses, paymentLogs, payments, seats, specialRequirements, ticketTypes, venues,
} from "@/db/schema";
import { isLookupKey } from "./lookup-key";

/** "Stalls, row C, seat 12": how a seat is named everywhere. */
export function seatLabel(s: { section: string; row: string; number: string }): string {
  return `${s.section}, row ${s.row}, seat ${s.number}`;
}

/**
 * A booking's places not cancelled, as a column of a select from bookings: what integrators are told as attendeeCount
 * (bookings.attendeeCount keeps every place ever booked, cancelled ones too, for pricing and the holds it moved).
 */
// The outer booking is named in full: Drizzle leaves a column unqualified in a select from one table, where "id"
// would be the attendee's own.
export const activeAttendeeCount = sql<number>`(select count(*)::int from booking_attendees a where a.booking_id = "bookings"."id" and a.cancelled_at is null)`.mapWith(Number);

/** Marks lapsed holds expired and returns them; concurrent callers each get disjoint rows. */
export async function expireLapsedHolds(tx: DbOrTx, p: { sessionId?: string; now: Date; limit?: number }) {
  const lapsed = tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(
      eq(bookings.status, "pending"),
      lte(bookings.holdExpiresAt, p.now),
      p.sessionId ? eq(bookings.sessionId, p.sessionId) : undefined,
    ))
    .orderBy(asc(bookings.holdExpiresAt))
    .limit(p.limit ?? 500)
    .for("update", { skipLocked: true });
  return tx
    .update(bookings)
    .set({ status: "expired", statusReason: "hold_expired", releasedAt: p.now, updatedAt: p.now })
    .where(and(inArray(bookings.id, lapsed), eq(bookings.status, "pending")))
    .returning({
      id: bookings.id,
      sessionId: bookings.sessionId,
      attendeeCount: bookings.attendeeCount,
      checkoutSessionId: bookings.checkoutSessionId,
      paymentProvider: bookings.paymentProvider,
    });
}

const bookingRow = reusable("booking-by-id", (db) => db.select().from(bookings).where(eq(bookings.id, sql.placeholder("bookingId"))));
const lockedBookingRow = reusable("booking-by-id-locked", (db) => db.select().from(bookings).where(eq(bookings.id, sql.placeholder("bookingId"))).for("update"));

/** Set with a change of the booking's time or place: its calendar event goes out as a new version. */
export function calendarChanged(now: Date) {
  return { calendarSequence: sql<number>`${bookings.calendarSequence} + 1`, calendarChangedAt: now };
}

export async function lockBooking(tx: DbOrTx, bookingId: string) {
  const [row] = await lockedBookingRow(tx, { bookingId });
  return row ?? null;
}

export async function getBookingById(db: DbOrTx, bookingId: string) {
  const [row] = await bookingRow(db, { bookingId });
  return row ?? null;
}

export async function getBookingByReference(db: DbOrTx, reference: string) {
  if (!isLookupKey(reference)) return null;
  const [row] = await db.select().from(bookings).where(eq(bookings.reference, reference));
  return row ?? null;
}

export async function getBookingByCheckoutSession(db: DbOrTx, checkoutSessionId: string) {
  const [row] = await db.select().from(bookings).where(eq(bookings.checkoutSessionId, checkoutSessionId));
  return row ?? null;
}

const byBooking = { bookingId: sql.placeholder("bookingId") };
const detailHead = reusable("booking-detail", (db) => db
  .select({
    booking: bookings,
    session: courseSessions,
    course: { id: courses.id, slug: courses.slug, title: courses.title, category: courses.category },
    venue: venues,
  })
  .from(bookings)
  .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
  .innerJoin(courses, eq(courses.id, courseSessions.courseId))
  .innerJoin(venues, eq(venues.id, courseSessions.venueId))
  .where(eq(bookings.id, byBooking.bookingId)));
const detailAttendees = reusable("booking-detail-attendees", (db) => db.select({
  attendee: bookingAttendees,
  ticketType: { id: ticketTypes.id, name: ticketTypes.name },
  seat: { id: seats.id, section: seats.section, row: seats.row, number: seats.number, seatClass: seats.seatClass, flags: seats.flags },
}).from(bookingAttendees)
  .innerJoin(ticketTypes, eq(ticketTypes.id, bookingAttendees.ticketTypeId))
  .leftJoin(seats, eq(seats.id, bookingAttendees.seatId))
  .where(eq(bookingAttendees.bookingId, byBooking.bookingId)).orderBy(asc(bookingAttendees.position)));
const detailRequirements = reusable("booking-detail-requirements", (db) => db.select().from(specialRequirements)
  .where(eq(specialRequirements.bookingId, byBooking.bookingId)));
const detailPayments = reusable("booking-detail-payments", (db) => db.select().from(payments)
  .where(eq(payments.bookingId, byBooking.bookingId)).orderBy(asc(payments.receivedAt)));
// What each discount took off each place (automatic rules, then a code), for documents and pages.
const detailDiscounts = reusable("booking-detail-discounts", (db) => db.select({
  attendeeId: bookingDiscountLines.attendeeId, source: bookingDiscountLines.source, label: bookingDiscountLines.label, amount: bookingDiscountLines.amount,
}).from(bookingDiscountLines).where(eq(bookingDiscountLines.bookingId, byBooking.bookingId))
  .orderBy(sql`${bookingDiscountLines.source} = 'code'`, asc(bookingDiscountLines.label)));

/** A booking with its session, course, venue, attendees, their requirements and payments. */
export async function getBookingDetail(db: DbOrTx, bookingId: string) {
  const [head] = await detailHead(db, { bookingId });
  if (!head) return null;
  const [attendees, requirements, paymentRows, discountRows] = await Promise.all([
    detailAttendees(db, { bookingId }),
    detailRequirements(db, { bookingId }),
    detailPayments(db, { bookingId }),
    detailDiscounts(db, { bookingId }),
  ]);
  // A time-slot booking reads as its own span everywhere a booking is shown (pages, emails, documents,
  // ICS); its session row is the whole slot day.
  const session = head.booking.spanStartsAt && head.booking.spanEndsAt
    ? { ...head.session, startsAt: head.booking.spanStartsAt, endsAt: head.booking.spanEndsAt }
    : head.session;
  return {
    ...head,
    session,
    attendees: attendees.map(({ attendee: a, ticketType, seat }) => ({
      ...a,
      ticketType,
      seat: seat ? { ...seat, label: seatLabel(seat) } : null,
      requirements: requirements.filter((r) => r.attendeeId === a.id),
    })),
    payments: paymentRows,
    discounts: discountRows,
  };
}

export type BookingDetail = NonNullable<Awaited<ReturnType<typeof getBookingDetail>>>;

export async function logPaymentEvent(
  tx: DbOrTx,
  entry: { bookingId?: string | null; paymentId?: string | null; eventId?: string | null; type: string; message: string; data?: Record<string, unknown> },
) {
  await insertPaymentLog(tx, [{
    bookingId: entry.bookingId ?? null,
    paymentId: entry.paymentId ?? null,
    eventId: entry.eventId ?? null,
    type: entry.type,
    message: entry.message,
    data: entry.data ?? null,
  }]);
}

const insertPaymentLog = reusableRows("insert-payment-log", paymentLogs, ["bookingId", "paymentId", "eventId", "type", "message", "data"],
  (on, rows) => on.insert(paymentLogs).values(rows as unknown as (typeof paymentLogs.$inferInsert)[]));

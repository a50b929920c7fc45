// The public JSON shape of a booking, for its owner.
import type { DbOrTx } from "@/db";
import type { BookingDetail } from "@/db/queries/bookings";
import { answersOfBookings } from "@/db/queries/questions";
import type { AnswerValue } from "@/lib/validations/questions";
import { amountOwed } from "./balance";

export function presentBooking(d: BookingDetail) {
  const b = d.booking;
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    statusReason: b.statusReason,
    paymentOption: b.paymentOption,
    paymentStatus: b.paymentStatus,
    currency: b.currency,
    unitAmount: b.unitAmount,
    totalAmount: b.totalAmount,
    amountDueNow: b.amountDueNow,
    amountPaid: b.amountPaid,
    amountRefunded: b.amountRefunded,
    // After credit notes (cancelled places) the balance is less than total - paid.
    balanceAmount: b.status === "confirmed" ? amountOwed(b) : b.totalAmount - b.amountPaid,
    balanceDueAt: b.balanceDueAt?.toISOString() ?? null,
    holdExpiresAt: b.status === "pending" ? b.holdExpiresAt.toISOString() : null,
    createdAt: b.createdAt.toISOString(),
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    session: {
      id: d.session.id,
      startsAt: d.session.startsAt.toISOString(),
      endsAt: d.session.endsAt.toISOString(),
      course: { id: d.course.id, slug: d.course.slug, title: d.course.title },
      venue: { id: d.venue.id, name: d.venue.name, city: d.venue.city, timeZone: d.venue.timeZone },
    },
    contact: { name: b.contactName, email: b.contactEmail, phone: b.contactPhone, organisation: b.organisation },
    billing: b.billingLine1
      ? { line1: b.billingLine1, line2: b.billingLine2, city: b.billingCity, postalCode: b.billingPostalCode, country: b.billingCountry, vatId: b.vatId }
      : null,
    attendees: d.attendees.map((a) => ({
      id: a.id,
      position: a.position,
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email,
      cancelled: a.cancelledAt != null,
      ticketType: { id: a.ticketType.id, name: a.ticketType.name },
      unitAmount: a.unitAmount,
      seat: a.seat ? { id: a.seat.id, section: a.seat.section, row: a.seat.row, number: a.seat.number, label: a.seat.label } : null,
      requirements: a.requirements.map((r) => ({
        templateId: r.templateId, label: r.label, category: r.category, priority: r.priority, details: r.details,
      })),
    })),
    payments: d.payments.map((p) => ({
      kind: p.kind, amount: p.amount, currency: p.currency, amountRefunded: p.amountRefunded, receivedAt: p.receivedAt.toISOString(),
    })),
  };
}

type StoredAnswer = { attendeeId: string | null; questionId: string; value: AnswerValue; sensitive: boolean };

/**
 * A booking's answers in the shape POST /api/v1/bookings takes them: per-booking answers and one map per attendee
 * (in the order of `attendees`), keyed by question id. Without `includeSensitive`, an answer to a question marked
 * sensitive (a date of birth, who may collect a child) is left out and its question id listed in `withheldAnswers`
 * instead, as the confirmation email confirms it without repeating it.
 */
export function presentAnswers(attendees: { id: string }[], rows: StoredAnswer[], { includeSensitive }: { includeSensitive: boolean }) {
  const at = new Map(attendees.map((a, i) => [a.id, i]));
  const answers = { booking: {} as Record<string, AnswerValue>, attendees: attendees.map(() => ({}) as Record<string, AnswerValue>) };
  const withheldAnswers = { booking: [] as string[], attendees: attendees.map(() => [] as string[]) };
  for (const r of rows) {
    const i = r.attendeeId === null ? null : at.get(r.attendeeId);
    if (i === undefined) continue;
    if (r.sensitive && !includeSensitive) (i === null ? withheldAnswers.booking : withheldAnswers.attendees[i]).push(r.questionId);
    else (i === null ? answers.booking : answers.attendees[i])[r.questionId] = r.value;
  }
  return { answers, withheldAnswers };
}

/**
 * A booking as the REST API answers it: presentBooking with its answers to the course's questions. `staff` (an API
 * key with bookings:read, made by an admin) reads sensitive answers as it reads attendees' needs; the booking's
 * access token, which the booker's emailed links carry, does not.
 */
export async function presentBookingWithAnswers(db: DbOrTx, d: BookingDetail, reader: "owner" | "staff") {
  const rows = await answersOfBookings(db, [d.booking.id], { includeSensitive: true });
  return { ...presentBooking(d), ...presentAnswers(d.attendees, rows, { includeSensitive: reader === "staff" }) };
}

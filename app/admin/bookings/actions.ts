"use server";
import { revalidatePath } from "next/cache";
import { getBookingDetail } from "@/db/queries/bookings";
import { staffAction } from "@/lib/auth/staff-action";
import { changeBooking } from "@/lib/booking/change-booking";
import { modifyBookingSpan } from "@/lib/booking/modify-span";
import { SpanDayError } from "@/lib/booking/slot-booking";
import { AppError } from "@/lib/errors";
import { localMinuteInstant } from "@/lib/slots/schedule";
import { staffSeatChangeSchema } from "@/lib/validations/booking-change";
import { spanChangeSchema } from "@/lib/validations/time-slots";

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Moves a paid time-slot booking to another span, in the location's local time. */
export const changeBookingSpanAction = staffAction(["admin", "finance"], spanChangeSchema, async (input, { db, staff }) => {
  const d = await getBookingDetail(db, input.bookingId);
  if (!d) throw new AppError("booking_not_found");
  const tz = d.venue.timeZone;
  const result = await modifyBookingSpan(db, {
    bookingId: d.booking.id,
    startsAt: localMinuteInstant(input.date, minutes(input.start), tz),
    endsAt: localMinuteInstant(input.date, minutes(input.end), tz),
    reason: input.reason,
  }, staff).catch((err) => {
    // The span's errors name startsAt/endsAt; on this form they are the start and end fields, or the date when the
    // day itself cannot be booked.
    if (err instanceof AppError && err.details.fields) {
      const f = err.details.fields as Record<string, string>;
      const start = err instanceof SpanDayError ? "date" : "start";
      const fields = Object.fromEntries(Object.entries(f).map(([k, v]) => [k === "startsAt" ? start : k === "endsAt" ? "end" : k, v]));
      throw new AppError(err.code, { ...err.details, fields }, err.message);
    }
    throw err;
  });
  revalidatePath(`/admin/bookings/${d.booking.reference}`);
  return { difference: result.difference, creditNoteNumber: result.creditNoteNumber, checkoutUrl: result.checkoutUrl };
});

/**
 * Puts a seated booking's places in other seats of its session, or moves it with a seat per place to another
 * seated session of the course (the difference charged through the balance checkout or refunded with a credit note).
 */
export const changeBookingSeatsAction = staffAction(["admin", "finance"], staffSeatChangeSchema, async (input, { db, staff }) => {
  const d = await getBookingDetail(db, input.bookingId);
  if (!d) throw new AppError("booking_not_found");
  const moving = input.sessionId !== d.session.id;
  const result = await changeBooking(db, {
    bookingId: d.booking.id, actor: { kind: "staff", email: staff.email, id: staff.id },
    change: moving ? { sessionId: input.sessionId } : {}, seats: input.seats, reason: input.reason ?? null,
  });
  revalidatePath(`/admin/bookings/${d.booking.reference}`);
  return {
    moved: moving, refunded: result.refunded, creditNoteNumber: result.creditNoteNumber, amountOwed: result.amountOwed, checkoutUrl: result.checkoutUrl,
    priceChange: result.priceChange,
  };
});

"use server";
import { revalidatePath } from "next/cache";
import { getBookingById } from "@/db/queries/bookings";
import { staffAction } from "@/lib/auth/staff-action";
import { AppError } from "@/lib/errors";
import { minorUnitDigits } from "@/lib/format";
import { refundBooking } from "@/lib/payments/refund-booking";
import { parseMoneyInput, refundFormSchema } from "@/lib/validations/finance";

/** Staff refund: cancels the chosen places, issues the credit note and sends the money back. */
export const refundBookingAction = staffAction(["finance", "admin"], refundFormSchema, async (input, { db, staff }) => {
  const booking = await getBookingById(db, input.bookingId);
  if (!booking) throw new AppError("booking_not_found");
  const amount = parseMoneyInput(input.amount, minorUnitDigits(booking.currency));
  if (amount === null || amount <= 0)
    throw new AppError("invalid_request", { fields: { amount: `Enter an amount in ${booking.currency} greater than zero` } });
  const result = await refundBooking(db, {
    bookingId: booking.id, attendeeIds: input.attendeeIds, amount, reason: input.reason, idempotencyKey: `staff-refund:${input.idempotencyKey}`,
  }, staff);
  revalidatePath("/admin/finance", "layout");
  return { creditNoteNumber: result.creditNoteNumber };
});

"use server";
import { revalidatePath } from "next/cache";
import { getBookingById } from "@/db/queries/bookings";
import { staffAction } from "@/lib/auth/staff-action";
import { AppError } from "@/lib/errors";
import { minorUnitDigits } from "@/lib/format";
import { refundBooking } from "@/lib/payments/refund-booking";
import { moneyInputProblem, parseMoneyInput, refundFormSchema } from "@/lib/validations/finance";

/** Staff refund: cancels the chosen places, issues the credit note and sends the money back. */
export const refundBookingAction = staffAction(["finance", "admin"], refundFormSchema, async (input, { db, staff }) => {
  const booking = await getBookingById(db, input.bookingId);
  if (!booking) throw new AppError("booking_not_found");
  const digits = minorUnitDigits(booking.currency);
  const problem = moneyInputProblem(input.amount, digits, booking.currency);
  if (problem) throw new AppError("invalid_request", { fields: { amount: problem } });
  const amount = parseMoneyInput(input.amount, digits)!;
  const result = await refundBooking(db, {
    bookingId: booking.id, attendeeIds: input.attendeeIds, amount, reason: input.reason, idempotencyKey: `staff-refund:${input.idempotencyKey}`,
  }, staff);
  revalidatePath("/admin/finance", "layout");
  return { creditNoteNumber: result.creditNoteNumber };
});

"use server";
import { revalidatePath } from "next/cache";
import type { Db } from "@/db";
import { getBookingById } from "@/db/queries/bookings";
import { staffAction } from "@/lib/auth/staff-action";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { minorUnitDigits } from "@/lib/format";
import { refundBooking } from "@/lib/payments/refund-booking";
import { moneyInputProblem, offlinePaymentFormSchema, parseMoneyInput, refundFormSchema } from "@/lib/validations/finance";
import { markOfflineRefundPaid, receivedOnProblem, recordOfflinePayment } from "@/lib/payments/offline-payment";
import { uuidInput } from "@/lib/validations/catalog";
import { z } from "zod";

/** The booking a finance form names, and the amount typed in its currency's minor units (a field error otherwise). */
async function bookingAndAmount(db: Db, input: { bookingId: string }, typed: string, field = "amount") {
  const booking = await getBookingById(db, input.bookingId);
  if (!booking) throw new AppError("booking_not_found");
  const digits = minorUnitDigits(booking.currency);
  const problem = moneyInputProblem(typed, digits, booking.currency);
  if (problem) throw new AppError("invalid_request", { fields: { [field]: problem } });
  return { booking, amount: parseMoneyInput(typed, digits)! };
}

/** Staff refund: cancels the chosen places, issues the credit note and sends the money back. */
export const refundBookingAction = staffAction(["finance", "admin"], refundFormSchema, async (input, { db, staff }) => {
  const { booking, amount } = await bookingAndAmount(db, input, input.amount);
  const result = await refundBooking(db, {
    bookingId: booking.id, attendeeIds: input.attendeeIds, amount, reason: input.reason, idempotencyKey: `staff-refund:${input.idempotencyKey}`,
  }, staff);
  revalidatePath("/admin/finance", "layout");
  return { creditNoteNumber: result.creditNoteNumber };
});

/** A balance that arrived by bank transfer or in cash: recorded once per form decision, for the whole amount owed. */
export const recordOfflinePaymentAction = staffAction(["finance", "admin"], offlinePaymentFormSchema, async (input, { db, staff }) => {
  const { booking, amount } = await bookingAndAmount(db, input, input.receivedAmount, "receivedAmount");
  // Days as finance counts them: in FINANCE_TIME_ZONE, where today may not be today in UTC.
  const problem = receivedOnProblem(input.receivedOn, booking.createdAt, env().FINANCE_TIME_ZONE, new Date());
  if (problem) throw new AppError("invalid_request", { fields: { receivedOn: problem } });
  const result = await recordOfflinePayment(db, staff, {
    bookingId: booking.id, method: input.method, amount, receivedOn: input.receivedOn,
    reference: input.reference || null, idempotencyKey: input.idempotencyKey,
  });
  revalidatePath("/admin/finance", "layout");
  return result;
});

/** A refund of offline money, paid back by hand: booked as made (the customer is then sent the credit note). */
export const markOfflineRefundPaidAction = staffAction(["finance", "admin"], z.object({ refundId: uuidInput("refund") }), async ({ refundId }, { db, staff }) => {
  await markOfflineRefundPaid(db, staff, refundId);
  revalidatePath("/admin/finance", "layout");
  return null;
});

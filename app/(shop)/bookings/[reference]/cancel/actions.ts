"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { getBookingByReference } from "@/db/queries/bookings";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { AppError } from "@/lib/errors";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { cancellationRequestSchema, idempotencyKeySchema } from "@/lib/validations/cancellation";
import { isShortText } from "@/lib/validations/untrusted-input";
import { log } from "@/lib/log";

export type CancelState = { error: string } | null;

/** The cancel page's confirmation: the form's key makes a double submit (or a second tab's) cancel and refund once. */
export async function confirmCancellation(_prev: CancelState, form: FormData): Promise<CancelState> {
  const reference = form.get("reference");
  const token = form.get("token");
  if (!isShortText(reference, 40) || !isShortText(token, 200)) return { error: "This booking link is not valid." };
  const key = idempotencyKeySchema.safeParse(form.get("key"));
  const input = cancellationRequestSchema.safeParse({ attendeeIds: form.getAll("attendeeId") });
  if (!key.success || !input.success) return { error: "Please reload the page and try again." };
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking || !verifyBookingAccessToken(booking.id, token)) return { error: "This booking link is not valid." };
  try {
    await cancelBookingByCustomer(db, { bookingId: booking.id, attendeeIds: input.data.attendeeIds, idempotencyKey: `page:${key.data}`, channel: "page" });
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    log.error({ err }, "action failed");
    return { error: "Something went wrong on our side. Please try again." };
  }
  redirect(`/bookings/${booking.reference}?token=${encodeURIComponent(token)}&cancelled=1`);
}

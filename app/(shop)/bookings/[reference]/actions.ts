"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { getBookingByReference } from "@/db/queries/bookings";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { isShortText } from "@/lib/validations/untrusted-input";

/** Opens (or reopens) the checkout for the balance and sends the customer there. */
export async function payBalance(reference: unknown, token: unknown): Promise<{ error: string } | void> {
  if (!isShortText(reference, 40) || !isShortText(token, 200)) return { error: "This booking link is not valid." };
  const db = getDb();
  const booking = await getBookingByReference(db, reference.toUpperCase());
  if (!booking || !verifyBookingAccessToken(booking.id, token)) return { error: "This booking link is not valid." };
  let url: string;
  try {
    url = (await openBalanceCheckout(db, booking.id)).url;
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    log.error({ err }, "booking page action failed");
    return { error: "Something went wrong on our side. Please try again." };
  }
  redirect(url);
}

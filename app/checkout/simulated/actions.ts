"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { amountOwed } from "@/lib/booking/balance";
import { bookingAccessToken } from "@/lib/booking/reference";
import { bookingForCheckout } from "@/lib/payments/balance-checkout";
import { env } from "@/lib/env";
import { buildSimulatedEvent, deliverSimulatedEvent } from "@/lib/payments/simulated-checkout";
import { isShortText } from "@/lib/validations/untrusted-input";

async function ownOrigin() {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  return host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : env().APP_URL;
}

/**
 * Test-mode payment: the server sends itself the signed events Stripe would send, through the real webhook
 * route, then returns the customer to their booking like Stripe's success URL does.
 */
export async function paySimulated(checkoutId: unknown): Promise<{ error: string } | void> {
  if (env().paymentMode !== "simulated") return { error: "The simulated checkout is off while Stripe is configured." };
  if (!isShortText(checkoutId)) return { error: "This checkout does not exist." };
  const found = await bookingForCheckout(getDb(), checkoutId);
  if (!found) return { error: "This checkout does not exist." };
  const { booking, purpose } = found;
  const origin = await ownOrigin();
  // The balance checkout charges what is still owed; the first one the deposit or the total.
  const amount = purpose === "balance" ? amountOwed(booking) : booking.amountDueNow;
  for (const type of ["checkout.session.completed", "payment_intent.succeeded"] as const) {
    const status = await deliverSimulatedEvent(origin, buildSimulatedEvent(type, booking, checkoutId, amount));
    if (status >= 300) return { error: `The payment could not be confirmed (webhook answered ${status}). Please try again.` };
  }
  redirect(`/bookings/${booking.reference}?token=${bookingAccessToken(booking.id)}&from=${purpose === "balance" ? "balance" : "checkout"}`);
}

export async function cancelSimulated(checkoutId: unknown): Promise<{ error: string } | void> {
  if (env().paymentMode !== "simulated") return { error: "The simulated checkout is off while Stripe is configured." };
  if (!isShortText(checkoutId)) return { error: "This checkout does not exist." };
  const found = await bookingForCheckout(getDb(), checkoutId);
  if (!found) return { error: "This checkout does not exist." };
  const { booking } = found;
  // Leaving a balance checkout changes nothing: the booking stays confirmed with the balance owed.
  if (found.purpose === "balance") redirect(`/bookings/${booking.reference}?token=${bookingAccessToken(booking.id)}`);
  const status = await deliverSimulatedEvent(await ownOrigin(), buildSimulatedEvent("checkout.session.expired", booking, checkoutId, booking.amountDueNow));
  if (status >= 300) return { error: "The checkout could not be cancelled. Please try again." };
  redirect(`/bookings/${booking.reference}?token=${bookingAccessToken(booking.id)}&from=cancel`);
}

"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { getBookingByCheckoutSession } from "@/db/queries/bookings";
import { bookingAccessToken } from "@/lib/booking/reference";
import { env } from "@/lib/env";
import { buildSimulatedEvent, deliverSimulatedEvent } from "@/lib/payments/simulated-checkout";

async function ownOrigin() {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  return host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : env().APP_URL;
}

/**
 * Test-mode payment: the server sends itself the signed events Stripe would send, through the real webhook
 * route, then returns the customer to their booking like Stripe's success URL does.
 */
export async function paySimulated(checkoutId: string): Promise<{ error: string } | void> {
  if (env().paymentMode !== "simulated") return { error: "The simulated checkout is off while Stripe is configured." };
  const booking = await getBookingByCheckoutSession(getDb(), checkoutId);
  if (!booking) return { error: "This checkout does not exist." };
  const origin = await ownOrigin();
  const amount = booking.amountDueNow;
  for (const type of ["checkout.session.completed", "payment_intent.succeeded"] as const) {
    const status = await deliverSimulatedEvent(origin, buildSimulatedEvent(type, booking, checkoutId, amount));
    if (status >= 300) return { error: `The payment could not be confirmed (webhook answered ${status}). Please try again.` };
  }
  redirect(`/bookings/${booking.reference}?token=${bookingAccessToken(booking.id)}&from=checkout`);
}

export async function cancelSimulated(checkoutId: string): Promise<{ error: string } | void> {
  if (env().paymentMode !== "simulated") return { error: "The simulated checkout is off while Stripe is configured." };
  const booking = await getBookingByCheckoutSession(getDb(), checkoutId);
  if (!booking) return { error: "This checkout does not exist." };
  const status = await deliverSimulatedEvent(await ownOrigin(), buildSimulatedEvent("checkout.session.expired", booking, checkoutId, booking.amountDueNow));
  if (status >= 300) return { error: "The checkout could not be cancelled. Please try again." };
  redirect(`/bookings/${booking.reference}?token=${bookingAccessToken(booking.id)}&from=cancel`);
}

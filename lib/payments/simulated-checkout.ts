// The simulated checkout: builds Stripe-shaped events, signs them with the webhook secret and posts them to
// our own webhook route, so test-mode payments run exactly the production code path.
import { randomBytes } from "node:crypto";
import type { Booking } from "@/db/schema";
import { env } from "@/lib/env";
import { stripeClient } from "./stripe-client";

type SimulatedType = "checkout.session.completed" | "checkout.session.expired" | "payment_intent.succeeded";

export function simulatedPaymentIntentId(checkoutSessionId: string) {
  return `pi_sim_${checkoutSessionId.replace(/^cs_sim_/, "")}`;
}

export function buildSimulatedEvent(type: SimulatedType, booking: Booking, checkoutSessionId: string, amount: number) {
  const created = Math.floor(Date.now() / 1000);
  const purpose = checkoutSessionId.startsWith("cs_sim_bal_") ? "balance" : "initial";
  const metadata = { bookingId: booking.id, reference: booking.reference, purpose };
  const paymentIntent = simulatedPaymentIntentId(checkoutSessionId);
  const object = type === "payment_intent.succeeded"
    ? { id: paymentIntent, object: "payment_intent", amount, amount_received: amount, currency: booking.currency.toLowerCase(), status: "succeeded", metadata }
    : {
        id: checkoutSessionId,
        object: "checkout.session",
        mode: "payment",
        amount_total: amount,
        currency: booking.currency.toLowerCase(),
        client_reference_id: booking.id,
        customer_email: booking.contactEmail,
        metadata,
        payment_intent: type === "checkout.session.completed" ? paymentIntent : null,
        payment_status: type === "checkout.session.completed" ? "paid" : "unpaid",
        status: type === "checkout.session.completed" ? "complete" : "expired",
      };
  return {
    id: `evt_sim_${randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: "2025-01-01",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export function signPayload(payload: string, secret = env().STRIPE_WEBHOOK_SECRET): string {
  return stripeClient().webhooks.generateTestHeaderString({ payload, secret });
}

/** Posts a signed event to the webhook route at `origin` and returns the HTTP status. */
export async function deliverSimulatedEvent(origin: string, event: object): Promise<number> {
  const payload = JSON.stringify(event);
  const res = await fetch(`${origin}/api/stripe/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signPayload(payload) },
    body: payload,
  });
  return res.status;
}

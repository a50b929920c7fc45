// One Stripe client per process. Without a key it still verifies and signs webhooks, which need no network.
import Stripe from "stripe";
import { env } from "@/lib/env";

let client: Stripe | undefined;

export function stripeClient(): Stripe {
  client ??= new Stripe(env().STRIPE_SECRET_KEY ?? "sk_test_offline_simulated_checkout", {
    maxNetworkRetries: 2,
    timeout: 15_000,
    appInfo: { name: "Turnout" },
  });
  return client;
}

/** Tests point the client at a local stand-in for Stripe's API (the SDK's host/port/protocol options). */
export function setStripeClientForTests(c: Stripe | undefined) {
  client = c;
}

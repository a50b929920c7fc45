// The payment provider seen by the rest of the app: real Stripe with a key, the simulated checkout without.
import { env } from "@/lib/env";
import { stripeClient } from "./stripe-client";

export type CheckoutLine = { name: string; unitAmount: number; quantity: number };

export type CheckoutRequest = {
  bookingId: string;
  reference: string;
  customerEmail: string;
  currency: string;
  lines: CheckoutLine[];
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
  /** Distinguishes a balance checkout from the first one for the same booking. */
  purpose: "initial" | "balance";
  /** Overrides the default key; a balance checkout is opened again after an earlier one expired. */
  idempotencyKey?: string;
};

export interface PaymentProvider {
  readonly name: "stripe" | "simulated";
  createCheckout(req: CheckoutRequest): Promise<{ id: string; url: string }>;
  expireCheckout(checkoutSessionId: string): Promise<void>;
  refund(req: { paymentIntentId: string; amount: number; idempotencyKey: string; bookingId: string; refundId?: string }): Promise<{ id: string }>;
}

const stripeProvider: PaymentProvider = {
  name: "stripe",
  async createCheckout(req) {
    const metadata = { bookingId: req.bookingId, reference: req.reference, purpose: req.purpose };
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: "payment",
        customer_email: req.customerEmail,
        client_reference_id: req.bookingId,
        metadata,
        payment_intent_data: { metadata },
        line_items: req.lines.map((l) => ({
          quantity: l.quantity,
          price_data: { currency: req.currency.toLowerCase(), unit_amount: l.unitAmount, product_data: { name: l.name } },
        })),
        expires_at: Math.floor(req.expiresAt.getTime() / 1000),
        success_url: req.successUrl,
        cancel_url: req.cancelUrl,
      },
      { idempotencyKey: req.idempotencyKey ?? `checkout-${req.purpose}-${req.bookingId}` },
    );
    if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
    return { id: session.id, url: session.url };
  },
  async expireCheckout(id) {
    const session = await stripeClient().checkout.sessions.retrieve(id);
    if (session.status === "open") await stripeClient().checkout.sessions.expire(id);
  },
  async refund(req) {
    const refund = await stripeClient().refunds.create(
      // refundId lets the charge.refunded webhook recognise a refund we made ourselves.
      { payment_intent: req.paymentIntentId, amount: req.amount, metadata: { bookingId: req.bookingId, ...(req.refundId ? { refundId: req.refundId } : {}) } },
      { idempotencyKey: req.idempotencyKey },
    );
    return { id: refund.id };
  },
};

/** Checkout ids of the simulated provider; the booking id is recoverable from them. */
export function simulatedCheckoutId(bookingId: string, purpose: CheckoutRequest["purpose"]) {
  return `cs_sim_${purpose === "balance" ? "bal_" : ""}${bookingId.replaceAll("-", "")}`;
}

const simulatedProvider: PaymentProvider = {
  name: "simulated",
  async createCheckout(req) {
    const id = simulatedCheckoutId(req.bookingId, req.purpose);
    return { id, url: `${env().APP_URL}/checkout/simulated/${id}` };
  },
  async expireCheckout() {
    // Nothing to do: the simulated checkout page reads the booking's state on every load.
  },
  async refund(req) {
    return { id: `re_sim_${req.idempotencyKey.replace(/[^a-zA-Z0-9]/g, "").slice(-32)}` };
  },
};

let override: PaymentProvider | undefined;

export function paymentProvider(): PaymentProvider {
  if (override) return override;
  return env().paymentMode === "stripe" ? stripeProvider : simulatedProvider;
}

/** Tests replace the provider to observe calls or make it fail. */
export function setPaymentProviderForTests(p: PaymentProvider | undefined) {
  override = p;
}

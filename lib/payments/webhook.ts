// Stripe webhook processing: verify, record the event once, apply its effect in the same transaction.
import type Stripe from "stripe";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { reusableRows } from "@/db/reusable";
import { bookings, webhookEvents } from "@/db/schema";
import { lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { releaseUnpaidPlaces } from "@/lib/self-service/waitlist";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordPayment, type AfterCommit } from "./record-payment";
import { reconcileChargeRefunded } from "./reconcile-refunds";
import { processRefund } from "./refunds";
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { stripeClient } from "./stripe-client";
import { isUuid } from "@/lib/validations/ids";
import { refundUpdated } from "./refund-failed";
import { log, logBookingReference } from "@/lib/log";
import { countBookings, countPayment } from "@/lib/metrics/events";

/** Verifies the signature over the raw body; a bad or missing signature is a 400 and nothing is written. */
export function verifyStripeEvent(rawBody: string, signature: string | null): Stripe.Event {
  if (!signature) throw new AppError("invalid_request", {}, "Missing Stripe-Signature header");
  try {
    return stripeClient().webhooks.constructEvent(rawBody, signature, env().STRIPE_WEBHOOK_SECRET);
  } catch {
    throw new AppError("invalid_request", {}, "Invalid webhook signature");
  }
}

type Handler = (tx: Tx, event: Stripe.Event) => Promise<AfterCommit | void>;

const bookingIdOf = (obj: { metadata?: Stripe.Metadata | null; client_reference_id?: string | null }) =>
  obj.metadata?.bookingId ?? obj.client_reference_id ?? null;


async function checkoutPaid(tx: Tx, event: Stripe.Event) {
  const cs = event.data.object as Stripe.Checkout.Session;
  const bookingId = bookingIdOf(cs);
  if (!bookingId || !isUuid(bookingId)) {
    await logPaymentEvent(tx, { eventId: event.id, type: "ignored", message: `${event.type} without a booking id` });
    return;
  }
  if (cs.payment_status !== "paid") {
    await logPaymentEvent(tx, { bookingId, eventId: event.id, type: "payment_processing", message: "Checkout completed; the payment is still processing" });
    return;
  }
  const paymentIntentId = typeof cs.payment_intent === "string" ? cs.payment_intent : cs.payment_intent?.id;
  return recordPayment(tx, {
    bookingId,
    provider: providerOf(cs.id),
    providerPaymentId: paymentIntentId ?? cs.id,
    checkoutSessionId: cs.id,
    amount: cs.amount_total ?? 0,
    currency: cs.currency ?? "",
    eventId: event.id,
    purpose: cs.metadata?.purpose ?? null,
  });
}

async function paymentIntentSucceeded(tx: Tx, event: Stripe.Event) {
  const pi = event.data.object as Stripe.PaymentIntent;
  const bookingId = pi.metadata?.bookingId;
  if (!bookingId || !isUuid(bookingId)) {
    await logPaymentEvent(tx, { eventId: event.id, type: "ignored", message: "payment_intent.succeeded without a booking id" });
    return;
  }
  return recordPayment(tx, {
    bookingId,
    provider: providerOf(pi.id),
    providerPaymentId: pi.id,
    checkoutSessionId: null,
    amount: pi.amount_received || pi.amount,
    currency: pi.currency,
    eventId: event.id,
    purpose: pi.metadata?.purpose ?? null,
  });
}

/** Ends an unpaid booking and gives its places back (checkout expired or async payment failed). */
function endUnpaid(status: "expired" | "cancelled", reason: string): Handler {
  return async (tx, event) => {
    const cs = event.data.object as Stripe.Checkout.Session;
    const bookingId = bookingIdOf(cs);
    if (!bookingId || !isUuid(bookingId)) return;
    const booking = await lockBooking(tx, bookingId);
    if (!booking) return;
    if (booking.status !== "pending") {
      await logPaymentEvent(tx, { bookingId, eventId: event.id, type: "ignored", message: `${event.type} for a ${booking.status} booking` });
      return;
    }
    await tx.update(bookings).set({ status, statusReason: reason, releasedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, "pending")));
    await releaseUnpaidPlaces(tx, [booking.id], new Date());
    await logPaymentEvent(tx, { bookingId, eventId: event.id, type: reason, message: `${event.type}: ${booking.attendeeCount} place${booking.attendeeCount === 1 ? "" : "s"} released` });
    await emitBookingEvent(tx, "booking.cancelled", bookingId, { reason });
  };
}

async function paymentIntentFailed(tx: Tx, event: Stripe.Event) {
  const pi = event.data.object as Stripe.PaymentIntent;
  const bookingId = pi.metadata?.bookingId;
  await logPaymentEvent(tx, {
    bookingId: bookingId && isUuid(bookingId) && (await lockBooking(tx, bookingId)) ? bookingId : null,
    eventId: event.id,
    type: "payment_failed",
    message: pi.last_payment_error?.message ?? "The payment failed; the customer can try again until the hold ends",
  });
}

const handlers: Partial<Record<Stripe.Event["type"], Handler>> = {
  "checkout.session.completed": checkoutPaid,
  "checkout.session.async_payment_succeeded": checkoutPaid,
  "checkout.session.async_payment_failed": endUnpaid("cancelled", "async_payment_failed"),
  "checkout.session.expired": endUnpaid("expired", "checkout_expired"),
  "payment_intent.succeeded": paymentIntentSucceeded,
  "payment_intent.payment_failed": paymentIntentFailed,
  "charge.refunded": reconcileChargeRefunded,
  "charge.refund.updated": refundUpdated,
};

export const handledEventTypes = Object.keys(handlers);

function providerOf(id: string) {
  return id.includes("_sim_") ? "simulated" : "stripe";
}

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

// Every event's first statement, built once (db/reusable.ts).
const insertEvent = reusableRows("insert-webhook-event", webhookEvents, ["id", "type", "livemode", "payload"],
  (on, rows) => on.insert(webhookEvents).values(rows as unknown as (typeof webhookEvents.$inferInsert)[])
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id }));

/**
 * Applies one verified event. The event id is inserted in the same transaction as its effect, so a replay
 * (or a concurrent duplicate, which waits on the primary key) does nothing. Errors propagate: the route
 * answers 5xx and Stripe retries. Returns the outcome and what is left after the commit: the refunds the event
 * decided on, which call the provider (a failure is logged and retried by maintenance). The caller runs that
 * outside its turn (webhook-intake.ts), so waiting on the provider holds up no other event.
 */
export async function handleStripeEvent(db: Db, event: Stripe.Event): Promise<{ outcome: WebhookOutcome; afterCommit: () => Promise<void> }> {
  const handler = handlers[event.type];
  if (!handler) return { outcome: "ignored", afterCommit: async () => {} };
  const result = await db.transaction(async (tx) => {
    const inserted = await insertEvent(tx, [{ id: event.id, type: event.type, livemode: event.livemode ? 1 : 0, payload: event }]);
    if (inserted.length === 0) return { outcome: "duplicate" as const, after: undefined };
    const after = (await handler(tx, event)) ?? undefined;
    return { outcome: "processed" as const, after };
  });
  const after = result.after;
  if (after?.payment) {
    countPayment(after.payment);
    log.info({ eventId: event.id, kind: after.payment.kind, amount: after.payment.amount, currency: after.payment.currency }, "payment recorded");
  }
  if (after?.confirmedBookingReference) {
    logBookingReference(after.confirmedBookingReference);
    countBookings("confirmed");
    log.info({ eventId: event.id }, "booking confirmed");
  }
  // Refunds call the provider; they run after commit and are retried by maintenance if this fails.
  const afterCommit = async () => {
    for (const id of after?.refundIds ?? []) {
      await processRefund(db, id).catch((err) => log.error({ err, refundId: id }, "refund failed; will retry"));
    }
  };
  return { outcome: result.outcome, afterCommit };
}

// Opens the provider's checkout for a pending booking and remembers it on the booking.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { reusable, value } from "@/db/reusable";
import { bookings, courseSessions, courses, venues } from "@/db/schema";
import { logPaymentEvent } from "@/db/queries/bookings";
import { releaseUnpaidPlaces } from "@/lib/self-service/waitlist";
import type { Booking } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { paymentProvider, type CheckoutLine } from "@/lib/payments/provider";
import { checkoutExpiresAt } from "./hold";
import { bookingAccessToken } from "./reference";
import { log } from "@/lib/log";
import { countBookings } from "@/lib/metrics/events";

export function bookingPageUrl(booking: Pick<Booking, "id" | "reference">, extra = "") {
  return `${env().APP_URL}/bookings/${booking.reference}?token=${bookingAccessToken(booking.id)}${extra}`;
}

/** What the checkout's line names: the course and when its session starts, where. */
export type CheckoutAbout = { title: string; startsAt: Date; timeZone: string };

/** Opens the checkout; `about` saves reading the course and session when the caller has them. */
export async function openCheckout(db: Db, booking: Booking, now: Date, about?: CheckoutAbout): Promise<{ id: string; url: string }> {
  const [info] = about ? [about] : await db
    .select({ title: courses.title, startsAt: courseSessions.startsAt, timeZone: venues.timeZone })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(courseSessions.id, booking.sessionId));
  const when = formatDate(info.startsAt, info.timeZone);
  const name = booking.paymentOption === "deposit" ? `Deposit — ${info.title}, ${when}` : `${info.title}, ${when}`;
  // Places of different ticket types cost different amounts: one line per place when they share a price,
  // else one line for them all (a provider's unit amount must be whole minor units).
  const lines: CheckoutLine[] = booking.amountDueNow % booking.attendeeCount === 0
    ? [{ name, unitAmount: booking.amountDueNow / booking.attendeeCount, quantity: booking.attendeeCount }]
    : [{ name: `${name} (${booking.attendeeCount} places)`, unitAmount: booking.amountDueNow, quantity: 1 }];
  const { expiresAt } = checkoutExpiresAt(now, booking.holdExpiresAt);

  let checkout: { id: string; url: string };
  try {
    checkout = await paymentProvider().createCheckout({
      bookingId: booking.id,
      reference: booking.reference,
      customerEmail: booking.contactEmail,
      currency: booking.currency,
      lines,
      expiresAt,
      successUrl: bookingPageUrl(booking, "&from=checkout"),
      cancelUrl: bookingPageUrl(booking, "&from=cancel"),
      purpose: "initial",
    });
  } catch (err) {
    log.error({ err }, "checkout creation failed");
    await cancelUnpaidBooking(db, booking.id, "checkout_failed");
    throw new AppError("payment_provider_error");
  }

  const [stored] = await storeCheckout(db, { bookingId: booking.id, checkoutSessionId: checkout.id, checkoutUrl: checkout.url, updatedAt: new Date().toISOString() });
  if (stored) return checkout;
  // Another request opened one first (a concurrent replay): that one is the booking's checkout.
  const [current] = await db.select({ id: bookings.checkoutSessionId, url: bookings.checkoutUrl })
    .from(bookings).where(eq(bookings.id, booking.id));
  return { id: current.id ?? checkout.id, url: current.url ?? checkout.url };
}

const storeCheckout = reusable("store-checkout", (db) => db.update(bookings)
  .set({ checkoutSessionId: value("checkoutSessionId"), checkoutUrl: value("checkoutUrl"), updatedAt: value("updatedAt", "timestamptz") })
  .where(and(eq(bookings.id, sql.placeholder("bookingId")), isNull(bookings.checkoutSessionId)))
  .returning({ id: bookings.id }));

/**
 * Gives back the places of a booking that was never paid; false when it was no longer pending (paid meanwhile,
 * say). `alsoInTx` runs in the same transaction once it is cancelled.
 */
export async function cancelUnpaidBooking(db: Db, bookingId: string, reason: string, alsoInTx?: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  const cancelled = await db.transaction(async (tx) => {
    const [row] = await tx.update(bookings)
      .set({ status: "cancelled", statusReason: reason, releasedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, "pending")))
      .returning({ id: bookings.id });
    if (!row) return false;
    await releaseUnpaidPlaces(tx, [row.id], new Date());
    await logPaymentEvent(tx, { bookingId, type: "hold_released", message: `Booking cancelled (${reason}); places released` });
    await alsoInTx?.(tx);
    return true;
  });
  if (cancelled) countBookings("cancelled");
  return cancelled;
}

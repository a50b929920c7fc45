// The checkout for the balance of a deposit booking, opened from the booking page (and so from the link in
// the confirmation and reminder emails). The payment lands on the same booking and the same invoice.
import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings, courseSessions, refunds, type Booking } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { amountOwed } from "@/lib/booking/balance";
import { bookingPageUrl } from "@/lib/booking/open-checkout";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { paymentProvider } from "./provider";
import { log } from "@/lib/log";

const HOUR_MS = 3_600_000;
/** Reused while it has at least this long left, so a customer never lands on a checkout about to close. */
const REUSE_MARGIN_MS = 15 * 60_000;

export type CheckoutPurpose = "initial" | "balance";

/** The booking a checkout belongs to, and whether it is the first payment or the balance. */
export async function bookingForCheckout(db: Db, checkoutId: string): Promise<{ booking: Booking; purpose: CheckoutPurpose } | null> {
  const [booking] = await db.select().from(bookings)
    .where(or(eq(bookings.checkoutSessionId, checkoutId), eq(bookings.balanceCheckoutSessionId, checkoutId)));
  if (!booking) return null;
  return { booking, purpose: booking.balanceCheckoutSessionId === checkoutId ? "balance" : "initial" };
}

/** Why the balance cannot be paid now, or null when it can. */
export async function balanceBlocker(db: Db, booking: Booking): Promise<string | null> {
  if (booking.status !== "confirmed") return "This booking has no balance to pay.";
  const [session] = await db.select({ status: courseSessions.status }).from(courseSessions).where(eq(courseSessions.id, booking.sessionId));
  if (session?.status === "cancelled") return "This session has been cancelled: there is no balance to pay.";
  if (amountOwed(booking) === 0) return "Nothing is owed on this booking.";
  const [pending] = await db.select({ n: sql<number>`count(*)::int` }).from(refunds)
    .where(and(eq(refunds.bookingId, booking.id), eq(refunds.status, "pending"), eq(refunds.countsAgainstBooking, true)));
  if (pending.n > 0) return "A refund on this booking is still being processed. Please try again in a few minutes.";
  return null;
}

export async function openBalanceCheckout(db: Db, bookingId: string, now = new Date()): Promise<{ id: string; url: string }> {
  const d = await getBookingDetail(db, bookingId);
  if (!d) throw new AppError("booking_not_found");
  const b = d.booking;
  const blocker = await balanceBlocker(db, b);
  if (blocker) throw new AppError("conflict", {}, blocker);
  if (b.balanceCheckoutSessionId && b.balanceCheckoutUrl && b.balanceCheckoutExpiresAt
    && b.balanceCheckoutExpiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS)
    return { id: b.balanceCheckoutSessionId, url: b.balanceCheckoutUrl };

  const owed = amountOwed(b);
  // Same hour, same amount → same idempotency key and parameters: a double click opens one checkout. The
  // credited amount is part of the key: a refund closes (expires) the open checkout, and the same key would
  // make Stripe replay that expired one even when the balance owed did not change.
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const expiresAt = new Date(hour + 23 * HOUR_MS); // Stripe allows 30 minutes to 24 hours.
  let checkout: { id: string; url: string };
  try {
    checkout = await paymentProvider().createCheckout({
      bookingId: b.id,
      reference: b.reference,
      customerEmail: b.contactEmail,
      currency: b.currency,
      lines: [{ name: `Balance: ${d.course.title}, ${formatDate(d.session.startsAt, d.venue.timeZone)} (${b.reference})`, unitAmount: owed, quantity: 1 }],
      expiresAt,
      successUrl: bookingPageUrl(b, "&from=balance"),
      cancelUrl: bookingPageUrl(b),
      purpose: "balance",
      idempotencyKey: `checkout-balance-${b.id}-${owed}-${b.creditedAmount}-${hour}`,
    });
  } catch (err) {
    log.error({ err }, "balance checkout creation failed");
    throw new AppError("payment_provider_error");
  }
  await db.update(bookings)
    .set({ balanceCheckoutSessionId: checkout.id, balanceCheckoutUrl: checkout.url, balanceCheckoutExpiresAt: expiresAt, updatedAt: new Date() })
    .where(eq(bookings.id, b.id));
  return checkout;
}

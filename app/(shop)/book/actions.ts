"use server";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { withHoldLimits } from "@/lib/rate-limit/holds";
import { withCodeGuessLimit } from "@/lib/rate-limit/discount-codes";
import { OFFER_COOKIE, offerFromCookie } from "@/lib/self-service/offer-cookie";
import { createBooking, replayOfEarlierRequest } from "@/lib/booking/create-booking";
import { replaceUnpaidCheckout } from "@/lib/booking/replace-checkout";
import { previewBookingPrice } from "@/lib/booking/preview-price";
import type { PreviewPriceResult, StartCheckoutResult, VerifyEmailResult } from "@/lib/booking/wizard-actions";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { bookingRequestSchema, fieldErrors } from "@/lib/validations/booking";
import { customerSignInSchema } from "@/lib/validations/booking-change";
import { currentCustomer } from "@/lib/customer/session-cookie";
import { requestCustomerSignIn } from "@/lib/customer/sign-in";
import { untrustedInputErrors } from "@/lib/validations/untrusted-input";

const validKey = (key: unknown): key is string => typeof key === "string" && key.length >= 1 && key.length <= 200 && !key.includes("\u0000");

/**
 * The wizard's last step: the same createBooking the REST API uses, then off to the checkout. The draft keeps its
 * key until the booking is paid, so continuing again after going back from the checkout with the same answers
 * answers the same booking and its checkout. With other answers the wizard sends a new key and `replacesKey`, the
 * old one: that booking, if still unpaid, gives its places back first.
 */
export async function startCheckout(payload: unknown, idempotencyKey: unknown, replacesKey?: unknown): Promise<StartCheckoutResult> {
  // Anyone can call a server action with any arguments, not only the wizard.
  if (!validKey(idempotencyKey) || (replacesKey !== undefined && !validKey(replacesKey)))
    return { ok: false, code: "invalid_request", message: "Please reload the page and try again.", fields: { idempotencyKey: "Must be 1 to 200 characters" } };
  const unsafe = untrustedInputErrors(payload);
  if (unsafe) return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: unsafe };
  // A session booking, or a span at a time-slot offering when the payload names an offering.
  const parsed = bookingRequestSchema(payload).safeParse(payload);
  if (!parsed.success)
    return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: fieldErrors(parsed.error) };
  try {
    const ip = clientIp(await requestHeaders());
    const booking = await withCodeGuessLimit(getDb(), { ip, email: parsed.data.contact.email, code: parsed.data.discountCode }, () =>
      withHoldLimits(getDb(), { ip, email: parsed.data.contact.email }, async () => {
        // A waiting-list offer for this session (its cookie's token checked) lets the booking take the places it holds.
        const offer = "sessionId" in parsed.data ? await offerFromCookie(getDb(), await requestCookie(OFFER_COOKIE)) : null;
        const waitlistOfferId = offer && "sessionId" in parsed.data && offer.sessionId === parsed.data.sessionId ? offer.id : null;
        if (replacesKey !== undefined) await replaceUnpaidCheckout(getDb(), `wizard:${replacesKey}`);
        return createBooking(getDb(), parsed.data, {
          idempotencyKey: `wizard:${idempotencyKey}`, waitlistOfferId, verifiedEmail: await verifiedEmail(),
        });
      }, undefined, () => replayOfEarlierRequest(getDb(), parsed.data, { idempotencyKey: `wizard:${idempotencyKey}` })));
    // The checkout this draft opened before ran out of time (or was replaced): the wizard starts a new one.
    if (booking.replayed && (booking.status === "expired" || booking.status === "cancelled"))
      return { ok: false, code: "checkout_lapsed", message: "Your earlier checkout has closed. Please continue again to pay." };
    return { ok: true, checkoutUrl: booking.checkoutUrl, reference: booking.reference };
  } catch (err) {
    if (err instanceof AppError)
      return {
        ok: false, code: err.code, message: err.message,
        fields: err.details.fields as Record<string, string> | undefined,
        available: err.details.available as number | undefined,
        seats: err.details.seats as { id: string; label: string }[] | undefined,
      };
    log.error({ err }, "booking action failed");
    return { ok: false, code: "internal_error", message: "Something went wrong on our side. Please try again." };
  }
}

/** The review step's price with its discounts (a code given or not), exactly as checkout will charge it; writes nothing. */
export async function previewPrice(payload: unknown): Promise<PreviewPriceResult> {
  const unsafe = untrustedInputErrors(payload);
  if (unsafe) return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: unsafe };
  const parsed = bookingRequestSchema(payload).safeParse(payload);
  if (!parsed.success) return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: fieldErrors(parsed.error) };
  try {
    // A code is counted against its sender until it is found good: guessing codes here is slow too.
    const limit = { ip: clientIp(await requestHeaders()), email: parsed.data.contact.email, code: parsed.data.discountCode };
    const email = await verifiedEmail();
    return { ok: true, price: await withCodeGuessLimit(getDb(), limit, () => previewBookingPrice(getDb(), parsed.data, new Date(), email)) };
  } catch (err) {
    if (err instanceof AppError)
      return { ok: false, code: err.code, message: err.message, fields: err.details.fields as Record<string, string> | undefined };
    log.error({ err }, "price preview failed");
    return { ok: false, code: "internal_error", message: "Something went wrong on our side. Please try again." };
  }
}


/**
 * "Fan-club member? Verify your email": the same one-use link, limits and answer as the "my bookings" sign-in,
 * whether or not the address is a member (so it reveals nothing); the link brings the customer back to the
 * review step of this course's wizard with a customer session.
 */
export async function requestMemberVerification(email: unknown, courseSlug: unknown): Promise<VerifyEmailResult> {
  const parsed = customerSignInSchema.safeParse({ email });
  if (!parsed.success) return { ok: false, message: "Enter a valid email address", fields: { memberEmail: parsed.error.issues[0]?.message ?? "Enter a valid email address" } };
  if (typeof courseSlug !== "string" || !/^[a-z0-9][a-z0-9-]{0,99}$/.test(courseSlug)) return { ok: false, message: "Please reload the page and try again." };
  try {
    await requestCustomerSignIn(getDb(), { email: parsed.data.email, ip: clientIp(await requestHeaders()), returnTo: `/book/${courseSlug}?step=review` });
    return { ok: true };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message, fields: { memberEmail: err.message } };
    log.error({ err }, "member verification request failed");
    return { ok: false, message: "Something went wrong on our side. Please try again." };
  }
}

/** The email this browser proved through a sign-in link (the customer session cookie), or null. */
async function verifiedEmail(): Promise<string | null> {
  try {
    return (await currentCustomer())?.email ?? null;
  } catch {
    return null; // outside a request (a script calling the action): no session
  }
}

/** A cookie of the request; outside a request (a script calling the action) there is none. */
async function requestCookie(name: string): Promise<string | undefined> {
  try {
    return (await cookies()).get(name)?.value;
  } catch {
    return undefined;
  }
}

/** The request's headers; outside a request (a script calling the action) none, so the address is unknown. */
async function requestHeaders(): Promise<Headers> {
  try {
    return await headers();
  } catch {
    return new Headers();
  }
}

"use server";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { enforceHoldLimits } from "@/lib/rate-limit/holds";
import { withCodeGuessLimit } from "@/lib/rate-limit/discount-codes";
import { OFFER_COOKIE, offerFromCookie } from "@/lib/self-service/offer-cookie";
import { createBooking } from "@/lib/booking/create-booking";
import { previewBookingPrice, type PricePreview } from "@/lib/booking/preview-price";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { bookingRequestSchema, fieldErrors } from "@/lib/validations/booking";
import { untrustedInputErrors } from "@/lib/validations/untrusted-input";

export type StartCheckoutResult =
  | { ok: true; checkoutUrl: string; reference: string }
  | {
    ok: false; code: string; message: string; fields?: Record<string, string>; available?: number;
    /** Seats taken by someone else since they were chosen (code seat_unavailable). */
    seats?: { id: string; label: string }[];
  };

/** The wizard's last step: the same createBooking the REST API uses, then off to the checkout. */
export async function startCheckout(payload: unknown, idempotencyKey: unknown): Promise<StartCheckoutResult> {
  // Anyone can call a server action with any arguments, not only the wizard.
  if (typeof idempotencyKey !== "string" || idempotencyKey.length < 1 || idempotencyKey.length > 200 || idempotencyKey.includes("\u0000"))
    return { ok: false, code: "invalid_request", message: "Please reload the page and try again.", fields: { idempotencyKey: "Must be 1 to 200 characters" } };
  const unsafe = untrustedInputErrors(payload);
  if (unsafe) return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: unsafe };
  // A session booking, or a span at a time-slot offering when the payload names an offering.
  const parsed = bookingRequestSchema(payload).safeParse(payload);
  if (!parsed.success)
    return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: fieldErrors(parsed.error) };
  try {
    const ip = clientIp(await requestHeaders());
    const booking = await withCodeGuessLimit(getDb(), { ip, email: parsed.data.contact.email, code: parsed.data.discountCode }, async () => {
      await enforceHoldLimits(getDb(), { ip, email: parsed.data.contact.email });
      // A waiting-list offer for this session (its cookie's token checked) lets the booking take the places it holds.
      const offer = "sessionId" in parsed.data ? await offerFromCookie(getDb(), await requestCookie(OFFER_COOKIE)) : null;
      const waitlistOfferId = offer && "sessionId" in parsed.data && offer.sessionId === parsed.data.sessionId ? offer.id : null;
      return createBooking(getDb(), parsed.data, { idempotencyKey: `wizard:${idempotencyKey}`, waitlistOfferId });
    });
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

export type PreviewPriceResult = { ok: true; price: PricePreview } | { ok: false; code: string; message: string; fields?: Record<string, string> };

/** The review step's price with its discounts (a code given or not), exactly as checkout will charge it; writes nothing. */
export async function previewPrice(payload: unknown): Promise<PreviewPriceResult> {
  const unsafe = untrustedInputErrors(payload);
  if (unsafe) return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: unsafe };
  const parsed = bookingRequestSchema(payload).safeParse(payload);
  if (!parsed.success) return { ok: false, code: "invalid_request", message: "Some answers need attention.", fields: fieldErrors(parsed.error) };
  try {
    // A code is counted against its sender until it is found good: guessing codes here is slow too.
    const limit = { ip: clientIp(await requestHeaders()), email: parsed.data.contact.email, code: parsed.data.discountCode };
    return { ok: true, price: await withCodeGuessLimit(getDb(), limit, () => previewBookingPrice(getDb(), parsed.data)) };
  } catch (err) {
    if (err instanceof AppError)
      return { ok: false, code: err.code, message: err.message, fields: err.details.fields as Record<string, string> | undefined };
    log.error({ err }, "price preview failed");
    return { ok: false, code: "internal_error", message: "Something went wrong on our side. Please try again." };
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

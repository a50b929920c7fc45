"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { joinWaitlist, leaveWaitlist, usableOffer, verifyWaitlistToken } from "@/lib/self-service/waitlist";
import { OFFER_COOKIE, offerCookieValue } from "@/lib/self-service/offer-cookie";
import { fieldErrors } from "@/lib/validations/booking";
import { isShortText, untrustedInputErrors } from "@/lib/validations/untrusted-input";
import { waitlistJoinSchema } from "@/lib/validations/waitlist";
import { log } from "@/lib/log";
import type { LeaveState, OfferState, WaitlistJoinResult } from "@/lib/self-service/waitlist-forms";

/** Anyone may join a full session's list; the database refuses a second request from one email. */
export async function joinWaitlistAction(payload: unknown): Promise<WaitlistJoinResult> {
  const unsafe = untrustedInputErrors(payload);
  if (unsafe) return { ok: false, message: "Some answers need attention.", fields: unsafe };
  const parsed = waitlistJoinSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, message: "Some answers need attention.", fields: fieldErrors(parsed.error) };
  try {
    const entry = await joinWaitlist(getDb(), parsed.data);
    return { ok: true, email: entry.email };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message, fields: err.details.fields as Record<string, string> | undefined };
    log.error({ err }, "action failed");
    return { ok: false, message: "Something went wrong on our side. Please try again." };
  }
}

/** The link in the customer's email: its token proves the entry is theirs. */
export async function leaveWaitlistAction(_prev: LeaveState, form: FormData): Promise<LeaveState> {
  const id = form.get("entryId");
  const token = form.get("token");
  if (!isShortText(id, 40) || !isShortText(token, 200) || !verifyWaitlistToken("entry", id, token)) return { error: "This waiting-list link is not valid." };
  try {
    await leaveWaitlist(getDb(), id, null);
    return { left: true };
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    log.error({ err }, "action failed");
    return { error: "Something went wrong on our side. Please try again." };
  }
}

/** Opens the wizard on the offer's session; the offer travels in an HTTP-only cookie to the checkout step. */
export async function bookWithOfferAction(_prev: OfferState, form: FormData): Promise<OfferState> {
  const id = form.get("offerId");
  const token = form.get("token");
  if (!isShortText(id, 40) || !isShortText(token, 200) || !verifyWaitlistToken("offer", id, token)) return { error: "This offer link is not valid." };
  let target: string;
  try {
    const { offer, course } = await usableOffer(getDb(), id);
    (await cookies()).set(OFFER_COOKIE, offerCookieValue(offer.id), {
      httpOnly: true, sameSite: "lax", path: "/", secure: env().APP_URL.startsWith("https://"),
      expires: offer.expiresAt,
    });
    target = `/book/${course.slug}?session=${offer.sessionId}`;
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    throw err;
  }
  redirect(target);
}

// The discounts a booking request can have: the automatic rules in force for its course and the code it gives.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { courseSessions, type DiscountCode } from "@/db/schema";
import { discountRulesFor, findDiscountCode, settledUsesByEmail } from "@/db/queries/discounts";
import { AppError } from "@/lib/errors";
import type { Discount } from "@/lib/booking/pricing";
import { checkCode, normalizeCode, ruleDiscounts } from "./code-rules";

export type BookingDiscounts = {
  automatic: Discount[];
  code: { row: DiscountCode; discount: Discount } | null;
  /** The session's places held or booked before this booking (early bird by places). */
  placesTakenBefore: number;
};

export function discountCodeError(status: 400 | 409, message: string) {
  return status === 409
    ? new AppError("discount_unavailable", { fields: { discountCode: message } }, message)
    : new AppError("invalid_request", { fields: { discountCode: message } }, message);
}

export async function sessionPlacesTaken(tx: DbOrTx, sessionId: string) {
  const [row] = await tx.select({ booked: courseSessions.placesBooked, held: courseSessions.placesHeld })
    .from(courseSessions).where(eq(courseSessions.id, sessionId));
  return (row?.booked ?? 0) + (row?.held ?? 0);
}

/** This code's message when the contact has used it as often as it allows (also at checkout, redeemDiscountCode). */
export const USED_BY_EMAIL = "This code has already been used with this email address";

/**
 * The rules in force and the code given, checked: a code refused here is refused with its reason on the
 * discountCode field, on the review step as at checkout. `email`: the contact's, for a code limited per email.
 */
export async function loadBookingDiscounts(tx: DbOrTx, p: {
  courseId: string; currency: string; sessionId: string; now: Date; code?: string | null; email?: string;
}): Promise<BookingDiscounts> {
  const ctx = { now: p.now, currency: p.currency, courseId: p.courseId };
  const automatic = ruleDiscounts(await discountRulesFor(tx, p.courseId), ctx);
  let code: BookingDiscounts["code"] = null;
  if (p.code) {
    const found = await findDiscountCode(tx, normalizeCode(p.code));
    const check = checkCode(found?.code ?? null, found?.targets ?? { courseIds: [], ticketTypeIds: [] }, ctx);
    if (!check.ok) throw discountCodeError(check.status, check.message);
    const limit = found!.code.maxUsesPerEmail;
    if (limit != null && p.email && (await settledUsesByEmail(tx, found!.code.id, p.email)) >= limit) throw discountCodeError(409, USED_BY_EMAIL);
    code = { row: found!.code, discount: check.discount };
  }
  const placesTakenBefore = automatic.some((d) => d.firstPlaces != null) ? await sessionPlacesTaken(tx, p.sessionId) : 0;
  return { automatic, code, placesTakenBefore };
}

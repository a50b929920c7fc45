// Presale codes in the booking wizard: a discount code that reveals hidden ticket types shows them, per
// upcoming session of the course, once the customer enters it. The booking itself is checked again in
// createBooking (a hidden type needs the code on the booking), so this only decides what the wizard shows.
import type { DbOrTx } from "@/db";
import { getCourseBySlug, listUpcomingSessions } from "@/db/queries/catalog";
import { findDiscountCode } from "@/db/queries/discounts";
import { ticketAvailability } from "@/db/queries/ticket-types";
import { presentTicketTypes, type PublicTicketType } from "@/lib/catalog/public-ticket-types";
import { AppError } from "@/lib/errors";
import { discountCodeError } from "./booking-discounts";
import { checkCode, normalizeCode } from "./code-rules";

export type PresaleTypes = { code: string; types: Record<string, PublicTicketType[]> };

export async function presaleTicketTypes(db: DbOrTx, p: { courseSlug: string; code: string; now?: Date }): Promise<PresaleTypes> {
  const now = p.now ?? new Date();
  const course = await getCourseBySlug(db, p.courseSlug);
  if (!course) throw new AppError("not_found", {}, "This course is not offered.");
  const found = await findDiscountCode(db, normalizeCode(p.code));
  const check = checkCode(found?.code ?? null, found?.targets ?? { courseIds: [], ticketTypeIds: [] }, { now, currency: course.currency, courseId: course.id });
  if (!check.ok) throw discountCodeError(check.status, check.message);
  if (!found!.code.revealsHiddenTicketTypes)
    throw discountCodeError(400, "This code does not unlock presale tickets. If it is a discount code, enter it when you check your booking.");
  const sessions = await listUpcomingSessions(db, { courseId: course.id });
  const availability = await ticketAvailability(db, sessions);
  const types = Object.fromEntries(sessions
    .map((s) => [s.id, presentTicketTypes(availability.get(s.id), course.currency, now, "hidden")] as const)
    .filter(([, list]) => list.length > 0));
  if (Object.keys(types).length === 0) throw discountCodeError(400, "This code unlocks no tickets for the sessions on sale now.");
  return { code: found!.code.code, types };
}

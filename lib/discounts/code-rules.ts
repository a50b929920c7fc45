// Whether a discount code or an automatic rule applies to a booking, and as which Discount. Pure, unit-tested.
import type { DiscountCode, DiscountRule } from "@/db/schema";
import type { Discount } from "@/lib/booking/pricing";

export function normalizeCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export type CodeTargets = { courseIds: string[]; ticketTypeIds: string[] };

/** Why a code cannot be used for this booking (400 for the customer's input, 409 when it ran out), or the discount it gives. */
export type CodeCheck =
  | { ok: true; discount: Discount }
  | { ok: false; status: 400 | 409; message: string };

export function percentText(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

export function checkCode(code: Pick<DiscountCode, "id" | "code" | "kind" | "value" | "per" | "currency" | "validFrom" | "validUntil" | "maxUses" | "usesCount" | "minAttendees" | "archivedAt"> | null,
  targets: CodeTargets, ctx: { now: Date; currency: string; courseId: string }): CodeCheck {
  if (!code || code.archivedAt) return { ok: false, status: 400, message: "We do not recognise that code; check it and try again" };
  if (code.validFrom && code.validFrom > ctx.now) return { ok: false, status: 400, message: "This code is not valid yet" };
  if (code.validUntil && code.validUntil <= ctx.now) return { ok: false, status: 400, message: "This code has expired" };
  if (code.maxUses != null && code.usesCount >= code.maxUses) return { ok: false, status: 409, message: "This code has been used up" };
  if (code.kind === "fixed" && code.currency !== ctx.currency) return { ok: false, status: 400, message: "This code does not apply to this booking" };
  // A targeted course covers all its places; otherwise only the targeted ticket types are covered.
  const wholeCourse = targets.courseIds.includes(ctx.courseId);
  const everything = targets.courseIds.length === 0 && targets.ticketTypeIds.length === 0;
  if (!wholeCourse && !everything && targets.ticketTypeIds.length === 0)
    return { ok: false, status: 400, message: "This code does not apply to this course" };
  return {
    ok: true,
    discount: {
      id: code.id,
      source: "code",
      label: `Code ${code.code} (${code.kind === "percent" ? percentText(code.value) : "fixed amount"}${code.kind === "fixed" && code.per === "attendee" ? " per attendee" : ""})`,
      kind: code.kind,
      value: code.value,
      per: code.per,
      ticketTypeIds: wholeCourse || everything ? null : targets.ticketTypeIds,
      minAttendees: code.minAttendees,
    },
  };
}

/** Automatic rules in force for a course now, as discounts; the pricing picks the best single one. */
export function ruleDiscounts(rules: DiscountRule[], ctx: { now: Date; currency: string; courseId: string }): Discount[] {
  return rules
    .filter((r) => r.active && (r.courseId == null || r.courseId === ctx.courseId)
      && (!r.validFrom || r.validFrom <= ctx.now) && (!r.validUntil || r.validUntil > ctx.now)
      && (r.kind === "percent" || r.currency === ctx.currency))
    .map((r) => ({
      id: r.id,
      source: r.ruleKind,
      label: r.name,
      kind: r.kind,
      value: r.value,
      per: r.per,
      minAttendees: r.minAttendees,
      firstPlaces: r.firstPlaces,
    }));
}

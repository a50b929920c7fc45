// Discount codes, rules and redemptions. A code's row is locked after the session's counters (see
// db/queries/places.ts for the order): bookings take places first, then the code; releases do the same.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reusable";
import { bookingDiscountLines, discountCodeTargets, discountCodes, discountRedemptions, discountRules } from "@/db/schema";

export async function findDiscountCode(tx: DbOrTx, code: string) {
  const [row] = await tx.select().from(discountCodes).where(eq(discountCodes.code, code));
  if (!row) return null;
  const targets = await tx.select().from(discountCodeTargets).where(eq(discountCodeTargets.codeId, row.id));
  return {
    code: row,
    targets: {
      courseIds: targets.flatMap((t) => (t.courseId ? [t.courseId] : [])),
      ticketTypeIds: targets.flatMap((t) => (t.ticketTypeId ? [t.ticketTypeId] : [])),
    },
  };
}

/** Rules that may apply to a course (its own and those for every course); dates are checked by the caller. */
export function discountRulesFor(tx: DbOrTx, courseId: string) {
  return rulesFor(tx, { courseId });
}

const rulesFor = reusable("course-discount-rules", (tx) => tx.select().from(discountRules)
  .where(and(eq(discountRules.active, true), sql`(${discountRules.courseId} is null or ${discountRules.courseId} = ${sql.placeholder("courseId")})`))
  .orderBy(asc(discountRules.createdAt)));

/**
 * How often `email` has used the code on bookings past checkout (paid, or paid and since cancelled): what the
 * review step can tell before a booking exists. A checkout still open is not counted here (it may be the
 * customer's own earlier attempt, released when they continue); redeemDiscountCode counts it when it is used.
 */
export async function settledUsesByEmail(tx: DbOrTx, codeId: string, email: string): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from discount_redemptions r join bookings b on b.id = r.booking_id
    where r.code_id = ${codeId} and r.email = ${email.trim().toLowerCase()} and b.status <> 'pending'`);
  return row.n;
}

/**
 * Uses a code once for a booking: one conditional increment (the check constraint backs it), then the
 * per-customer limit counted while the code's row is locked. Returns why it failed, or null.
 */
export async function redeemDiscountCode(tx: DbOrTx, p: { codeId: string; bookingId: string; email: string; amount: number; maxUsesPerEmail: number | null }) {
  const [taken] = await tx.update(discountCodes).set({ usesCount: sql`${discountCodes.usesCount} + 1` })
    .where(and(eq(discountCodes.id, p.codeId), sql`(${discountCodes.maxUses} is null or ${discountCodes.usesCount} < ${discountCodes.maxUses})`))
    .returning({ id: discountCodes.id });
  if (!taken) return "used_up" as const;
  const email = p.email.trim().toLowerCase();
  if (p.maxUsesPerEmail != null) {
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(discountRedemptions)
      .where(and(eq(discountRedemptions.codeId, p.codeId), eq(discountRedemptions.email, email), ne(discountRedemptions.bookingId, p.bookingId)));
    if (n >= p.maxUsesPerEmail) return "per_email" as const;
  }
  await tx.insert(discountRedemptions).values({ codeId: p.codeId, bookingId: p.bookingId, email, amount: p.amount });
  return null;
}

/** Gives back the code uses of bookings that will not be paid (lapsed or abandoned holds). */
export async function releaseDiscountRedemptions(tx: DbOrTx, bookingIds: string[]) {
  if (bookingIds.length === 0) return;
  const released = await tx.delete(discountRedemptions).where(inArray(discountRedemptions.bookingId, bookingIds))
    .returning({ codeId: discountRedemptions.codeId });
  const byCode = new Map<string, number>();
  for (const r of released) byCode.set(r.codeId, (byCode.get(r.codeId) ?? 0) + 1);
  // Codes in id order, so two sweepers never deadlock on each other's code rows.
  for (const [codeId, n] of [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b)))
    await tx.update(discountCodes).set({ usesCount: sql`${discountCodes.usesCount} - ${n}` }).where(eq(discountCodes.id, codeId));
}

/** A booking's discounts, each with what it took off the places (cancelled ones included), in the order applied. */
export async function bookingDiscountSummary(tx: DbOrTx, bookingId: string) {
  return tx.select({
    source: bookingDiscountLines.source,
    label: bookingDiscountLines.label,
    amount: sql<number>`sum(${bookingDiscountLines.amount})::int`,
  }).from(bookingDiscountLines)
    .where(eq(bookingDiscountLines.bookingId, bookingId))
    .groupBy(bookingDiscountLines.source, bookingDiscountLines.label)
    .orderBy(sql`min(case ${bookingDiscountLines.source} when 'code' then 1 else 0 end)`, bookingDiscountLines.label);
}

/**
 * A late payment kept its booking after the hold had lapsed (and given its code use back): the use is taken
 * again if the code has one left. Returns false when it has none; the customer has paid, so the booking stays.
 */
export async function reclaimDiscountRedemption(tx: DbOrTx, p: { bookingId: string; email: string }) {
  const [used] = await tx.select({ codeId: bookingDiscountLines.discountCodeId, amount: sql<number>`sum(${bookingDiscountLines.amount})::int` })
    .from(bookingDiscountLines)
    .where(and(eq(bookingDiscountLines.bookingId, p.bookingId), eq(bookingDiscountLines.source, "code")))
    .groupBy(bookingDiscountLines.discountCodeId);
  if (!used?.codeId) return true;
  return (await redeemDiscountCode(tx, { codeId: used.codeId, bookingId: p.bookingId, email: p.email, amount: used.amount, maxUsesPerEmail: null })) === null;
}

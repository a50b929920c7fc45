// Staff running discounts: codes one by one or in bulk, automatic rules, and each code's uses and revenue.
import { randomInt } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { bookings, courses, discountCodeTargets, discountCodes, discountRedemptions, discountRules, ticketTypes } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { zonedInstant } from "@/lib/time";
import { discountValue, type DiscountCodeInput, type DiscountRuleInput, type GenerateDiscountCodesInput } from "@/lib/validations/discounts";

/** A typed date read in the finance time zone: valid from its first minute, until the end of the last day. */
function dayStart(date: string | undefined, plusDays = 0): Date | null {
  if (!date) return null;
  const [year, month, day] = date.split("-").map(Number);
  const d = new Date(Date.UTC(year, month - 1, day + plusDays));
  return zonedInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 }, env().FINANCE_TIME_ZONE);
}

function terms(v: Omit<DiscountCodeInput, "code">) {
  return {
    description: v.description ?? null,
    kind: v.kind,
    value: discountValue(v)!,
    per: v.per,
    currency: v.kind === "fixed" ? v.currency! : null,
    validFrom: dayStart(v.validFrom),
    validUntil: dayStart(v.validUntil, 1),
    maxUses: v.maxUses ?? null,
    maxUsesPerEmail: v.maxUsesPerEmail ?? null,
    minAttendees: v.minAttendees ?? 1,
    revealsHiddenTicketTypes: v.revealsHiddenTicketTypes ?? false,
  };
}

async function insertTargets(tx: DbOrTx, codeIds: string[], v: { courseIds: string[]; ticketTypeIds: string[] }) {
  const rows = codeIds.flatMap((codeId) => [
    ...v.courseIds.map((courseId) => ({ codeId, courseId })),
    ...v.ticketTypeIds.map((ticketTypeId) => ({ codeId, ticketTypeId })),
  ]);
  for (let i = 0; i < rows.length; i += 1_000) await tx.insert(discountCodeTargets).values(rows.slice(i, i + 1_000));
}

export async function createDiscountCode(db: Db, actor: AuditActor & { id: string }, v: DiscountCodeInput) {
  return db.transaction(async (tx) => {
    const [code] = await tx.insert(discountCodes).values({ code: v.code, createdBy: actor.id, ...terms(v) })
      .onConflictDoNothing({ target: discountCodes.code }).returning();
    if (!code) throw new AppError("conflict", { fields: { code: "That code already exists" } }, "That code already exists.");
    await insertTargets(tx, [code.id], v);
    await recordAudit(tx, actor, { action: "discount_code.create", entityType: "discount_code", entityId: code.id, after: { ...code, courseIds: v.courseIds, ticketTypeIds: v.ticketTypeIds } });
    return code;
  });
}

// No 0/O or 1/I/L: codes are read aloud and typed from print.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const randomPart = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** Generates `count` unique codes (PREFIX-XXXXXXXX) as one batch; returns the batch name for its CSV. */
export async function generateDiscountCodes(db: Db, actor: AuditActor & { id: string }, v: GenerateDiscountCodesInput) {
  const batch = `${v.prefix ?? "BATCH"}-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "")}-${randomPart(4)}`;
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    // A clash with an existing code is skipped by the unique index and made up in the next round.
    for (let round = 0; ids.length < v.count && round < 10; round++) {
      const values = Array.from({ length: v.count - ids.length }, () => ({
        code: `${v.prefix ? `${v.prefix}-` : ""}${randomPart(8)}`, batch, createdBy: actor.id, ...terms(v),
      }));
      const made = await tx.insert(discountCodes).values(values).onConflictDoNothing({ target: discountCodes.code }).returning({ id: discountCodes.id });
      ids.push(...made.map((m) => m.id));
    }
    if (ids.length < v.count) throw new AppError("conflict", {}, "Could not make that many unique codes; try a longer prefix.");
    await insertTargets(tx, ids, v);
    await recordAudit(tx, actor, { action: "discount_code.generate", entityType: "discount_code", entityId: null, after: { batch, count: ids.length } });
    return { batch, count: ids.length };
  });
}

export async function createDiscountRule(db: Db, actor: AuditActor, v: DiscountRuleInput) {
  return db.transaction(async (tx) => {
    const [rule] = await tx.insert(discountRules).values({
      ruleKind: v.ruleKind, name: v.name, courseId: v.courseId ?? null, kind: v.kind, value: discountValue(v)!, per: v.per,
      currency: v.kind === "fixed" ? v.currency! : null, minAttendees: v.minAttendees ?? 1,
      validFrom: dayStart(v.validFrom), validUntil: dayStart(v.validUntil, 1), firstPlaces: v.firstPlaces ?? null,
    }).returning();
    await recordAudit(tx, actor, { action: "discount_rule.create", entityType: "discount_rule", entityId: rule.id, after: rule });
    return rule;
  });
}

export async function setDiscountRuleActive(db: Db, actor: AuditActor, id: string, active: boolean) {
  return db.transaction(async (tx) => {
    const [rule] = await tx.update(discountRules).set({ active }).where(eq(discountRules.id, id)).returning();
    if (!rule) throw new AppError("not_found");
    await recordAudit(tx, actor, { action: active ? "discount_rule.activate" : "discount_rule.deactivate", entityType: "discount_rule", entityId: id, after: rule });
  });
}

export async function archiveDiscountCode(db: Db, actor: AuditActor, id: string) {
  return db.transaction(async (tx) => {
    const [code] = await tx.update(discountCodes).set({ archivedAt: new Date() }).where(and(eq(discountCodes.id, id), isNull(discountCodes.archivedAt))).returning();
    if (!code) throw new AppError("not_found");
    await recordAudit(tx, actor, { action: "discount_code.archive", entityType: "discount_code", entityId: id, after: code });
  });
}

/** Codes with their uses and the revenue of their paid bookings (net of refunds), per currency. */
export async function listDiscountCodes(db: DbOrTx, p: { batch?: string } = {}) {
  const codes = await db.select().from(discountCodes)
    .where(p.batch ? eq(discountCodes.batch, p.batch) : undefined)
    .orderBy(desc(discountCodes.createdAt), asc(discountCodes.code)).limit(p.batch ? 10_000 : 500);
  const ids = codes.map((c) => c.id);
  const revenue = ids.length ? await db.select({
    codeId: discountRedemptions.codeId,
    currency: bookings.currency,
    paidBookings: sql<number>`count(*) filter (where ${bookings.amountPaid} > 0)::int`,
    revenue: sql<number>`coalesce(sum(${bookings.amountPaid} - ${bookings.amountRefunded}), 0)::int`,
    discounted: sql<number>`coalesce(sum(${discountRedemptions.amount}) filter (where ${bookings.amountPaid} > 0), 0)::int`,
  }).from(discountRedemptions).innerJoin(bookings, eq(bookings.id, discountRedemptions.bookingId))
    .where(inArray(discountRedemptions.codeId, ids))
    .groupBy(discountRedemptions.codeId, bookings.currency) : [];
  const targets = ids.length ? await db.select({ codeId: discountCodeTargets.codeId, course: courses.title, ticketType: ticketTypes.name })
    .from(discountCodeTargets)
    .leftJoin(courses, eq(courses.id, discountCodeTargets.courseId))
    .leftJoin(ticketTypes, eq(ticketTypes.id, discountCodeTargets.ticketTypeId))
    .where(inArray(discountCodeTargets.codeId, ids)) : [];
  return codes.map((c) => ({
    ...c,
    revenue: revenue.filter((r) => r.codeId === c.id),
    scope: targets.filter((t) => t.codeId === c.id).map((t) => t.course ?? `${t.ticketType} tickets`),
  }));
}

export function listDiscountRules(db: DbOrTx) {
  return db.select({ rule: discountRules, course: courses.title }).from(discountRules)
    .leftJoin(courses, eq(courses.id, discountRules.courseId))
    .orderBy(desc(discountRules.active), asc(discountRules.ruleKind), asc(discountRules.minAttendees));
}

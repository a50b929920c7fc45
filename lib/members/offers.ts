// Staff setting a course's or ticket type's member prices and members-only presale (lib/members/member-pricing.ts
// applies them at checkout). One save replaces the target's offers in one transaction, with an audit entry.
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { courses, memberPresales, memberPrices, ticketTypes } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { instantToLocal, localToInstant } from "@/lib/catalog/sessions";
import { moneyInput } from "@/lib/validations/catalog";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { queueEmail } from "@/lib/email/jobs";
import { checkMemberOffers, type MemberOffersFormValues } from "@/lib/validations/member-offers";

type Target = { target: "course" | "ticket_type"; id: string };

const column = (t: Target) => (t.target === "course" ? { courseId: t.id } : { ticketTypeId: t.id });

async function listPriceOf(db: DbOrTx, t: Target) {
  if (t.target === "course") {
    const [c] = await db.select({ amount: courses.priceAmount, currency: courses.currency }).from(courses).where(eq(courses.id, t.id)).for("update");
    return c ?? null;
  }
  const [row] = await db.select({ amount: ticketTypes.priceAmount, currency: courses.currency }).from(ticketTypes)
    .innerJoin(courses, eq(courses.id, ticketTypes.courseId)).where(eq(ticketTypes.id, t.id)).for("update", { of: ticketTypes });
  return row ?? null;
}

export async function memberOffersOf(db: DbOrTx, t: Target) {
  const where = t.target === "course" ? eq(memberPrices.courseId, t.id) : eq(memberPrices.ticketTypeId, t.id);
  const whereSale = t.target === "course" ? eq(memberPresales.courseId, t.id) : eq(memberPresales.ticketTypeId, t.id);
  const [prices, [presale]] = await Promise.all([db.select().from(memberPrices).where(where), db.select().from(memberPresales).where(whereSale)]);
  return { prices, presale: presale ?? null };
}

export async function saveMemberOffers(db: Db, actor: AuditActor, v: MemberOffersFormValues) {
  return db.transaction(async (tx) => {
    const list = await listPriceOf(tx, v);
    if (!list) throw new AppError("not_found", {}, "That course or ticket type no longer exists.");
    const { fields, prices } = checkMemberOffers(v, { currency: list.currency, listAmount: list.amount });
    if (Object.keys(fields).length) throw new AppError("invalid_request", { fields }, "Some answers need attention.");
    const before = await memberOffersOf(tx, v);
    const zone = env().STAFF_TIME_ZONE;
    const presale = v.presaleFrom && v.presaleUntil ? {
      startsAt: localToInstant(v.presaleFrom, zone), endsAt: localToInstant(v.presaleUntil, zone),
      levels: v.presaleLevels.length && v.presaleLevels.length < 3 ? v.presaleLevels : null,
    } : null;
    await tx.delete(memberPrices).where(v.target === "course" ? eq(memberPrices.courseId, v.id) : eq(memberPrices.ticketTypeId, v.id));
    if (prices.length) await tx.insert(memberPrices).values(prices.map((p) => ({ ...column(v), ...p })));
    await tx.delete(memberPresales).where(v.target === "course" ? eq(memberPresales.courseId, v.id) : eq(memberPresales.ticketTypeId, v.id));
    if (presale) await tx.insert(memberPresales).values({ ...column(v), ...presale });
    // Members hear when the presale opens: queued with the save (replacing an earlier window's job), sent at its
    // start; a window saved again unchanged keeps its job.
    const changed = presale && (before.presale?.startsAt.getTime() !== presale.startsAt.getTime()
      || String(before.presale?.levels ?? null) !== String(presale.levels ?? null));
    if (presale && changed && presale.endsAt > new Date())
      await queueEmail(tx, { kind: "members-presale-open", target: v.target, targetId: v.id, startsAt: presale.startsAt.toISOString() },
        { runAt: presale.startsAt });
    await recordAudit(tx, actor, {
      action: "member_offers.updated", entityType: v.target, entityId: v.id,
      before: { prices: before.prices.map((p) => [p.level, p.unitAmount]), presale: before.presale },
      after: { prices: prices.map((p) => [p.level, p.unitAmount]), presale },
    });
  });
}

/** The form's starting values for a target: prices as typed amounts, presale times in the staff time zone. */
export async function memberOffersInitial(db: DbOrTx, t: Target, currency: string) {
  const { prices, presale } = await memberOffersOf(db, t);
  const price = (level: string) => moneyInput(prices.find((p) => p.level === level)?.unitAmount, currency);
  const zone = env().STAFF_TIME_ZONE;
  return {
    prices: { silver: price("silver"), gold: price("gold"), platinum: price("platinum") },
    presaleFrom: presale ? instantToLocal(presale.startsAt, zone) : "",
    presaleUntil: presale ? instantToLocal(presale.endsAt, zone) : "",
    presaleLevels: presale?.levels ?? [],
  };
}

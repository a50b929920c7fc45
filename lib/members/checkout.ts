// Members at checkout: who counts as a member for a booking, their prices and presale rights, and their points.
// A booking is a member booking only when the email the customer proved (a one-use link opened a customer
// session) is a current member and is the booking's contact email: never because a box was ticked.
import { eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reusable";
import { inOrder } from "@/db/in-order";
import { memberPresales, memberPrices, ticketTypes, type Member } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ledgerOf, memberForEmail } from "./ledger";
import { pointsBalance } from "./points";
import { levelNames, memberPricesFor, presaleRefusals, type MemberPriceRow, type PresaleWindow } from "./member-pricing";
import type { PointsToSpend } from "@/lib/booking/pricing";

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The member a booking is for, and the member prices and presale windows of its course. */
export type MemberRules = { member: Member | null; prices: MemberPriceRow[]; windows: PresaleWindow[] };

/**
 * Reads the member (the verified session email, when it is a current member and the contact email) and the
 * course's member rules, together (db/in-order.ts). The places are not chosen yet, so the rules of every
 * ticket type of the course are read; prices only when the booking can be a member's.
 */
export async function readMemberRules(db: DbOrTx, p: { verifiedEmail?: string | null; contactEmail: string; courseId: string; now: Date }): Promise<MemberRules> {
  const email = p.verifiedEmail && same(p.verifiedEmail, p.contactEmail) ? p.verifiedEmail : null;
  const typesOfCourse = db.select({ id: ticketTypes.id }).from(ticketTypes).where(eq(ticketTypes.courseId, p.courseId));
  const target = (t: typeof memberPrices) => or(eq(t.courseId, p.courseId), inArray(t.ticketTypeId, typesOfCourse));
  const [member, prices, windows] = await inOrder([
    email ? memberForEmail(db, email, p.now) : Promise.resolve(null),
    email ? db.select().from(memberPrices).where(target(memberPrices)) : Promise.resolve([]),
    presalesOfCourse(db, { courseId: p.courseId }),
  ]);
  return { member, prices: prices as MemberPriceRow[], windows: windows as PresaleWindow[] };
}

const presalesOfCourse = reusable("course-member-presales", (db) => db.select().from(memberPresales).where(or(
  eq(memberPresales.courseId, sql.placeholder("courseId")),
  inArray(memberPresales.ticketTypeId, db.select({ id: ticketTypes.id }).from(ticketTypes).where(eq(ticketTypes.courseId, sql.placeholder("courseId")))),
)));

/** A course's presale windows, its own and its ticket types', for what its pages tell customers. */
export async function presaleWindowsOfCourse(db: DbOrTx, courseId: string): Promise<PresaleWindow[]> {
  return (await presalesOfCourse(db, { courseId })) as PresaleWindow[];
}

/** Spendable points now (read without a lock: the booking's redemption checks again under the member lock). */
export async function spendablePoints(db: DbOrTx, memberId: string, now: Date) {
  return pointsBalance(await ledgerOf(db, memberId), now);
}

export type MemberCheckout = {
  member: Member | null;
  /** The member's price for each place, for the quote; null when no place has one (or no member). */
  memberPrices: { amounts: (number | null)[]; label: string } | null;
  points: PointsToSpend | null;
  balance: number | null;
};

/**
 * The member side of a booking request: refuses places in an open presale for anyone but its members, and points
 * for a non-member or beyond the balance (409 with the field); writes nothing.
 */
export async function memberCheckout(db: DbOrTx, rules: MemberRules, p: {
  now: Date; places: { ticketTypeId: string; name: string; unitAmount: number }[]; pointsToRedeem?: number; pointValueMinor: number;
  /** The ticket types the customer could choose instead (on sale, visible to them): asked only for a refusal. */
  choosable?: () => { ticketTypeId: string }[];
}): Promise<MemberCheckout> {
  const member = rules.member;
  const level = member?.level ?? null;
  const refused = presaleRefusals({ places: p.places, windows: rules.windows, level, now: p.now });
  // The summary says what happened and what to do; the field messages name each place (not repeated above them).
  // Other tickets are suggested only when one the customer could choose is outside the presale.
  if (Object.keys(refused).length) {
    const open = (p.choosable?.() ?? []).filter((t) => Object.keys(presaleRefusals({ places: [t], windows: rules.windows, level, now: p.now })).length === 0);
    throw new AppError("member_required", { fields: refused },
      open.length > 0
        ? "During the members' presale some of these places can only be booked by members: verify your membership email below, or choose other tickets."
        : "During the members' presale only members can book these places: verify your membership email below, or book once the presale has ended.");
  }

  const amounts = member ? memberPricesFor(p.places, rules.prices, member.level) : [];
  const memberPrices = amounts.some((a) => a != null) ? { amounts, label: `Member price (${levelNames[member!.level]})` } : null;
  const wanted = p.pointsToRedeem ?? 0;
  if (wanted > 0 && !member)
    throw new AppError("member_required", { fields: { pointsToRedeem: "Only a verified member can pay with points: verify your membership email first" } },
      "Only a verified member can pay with points.");
  const balance = member ? await spendablePoints(db, member.id, p.now) : null;
  if (wanted > 0 && balance != null && wanted > balance)
    throw new AppError("points_unavailable", { balance, fields: { pointsToRedeem: `You have ${balance} points to spend` } }, `You have ${balance} points to spend.`);
  const points = wanted > 0 ? { points: wanted, valueMinor: p.pointValueMinor, label: `Reward points (${wanted})` } : null;
  return { member, memberPrices, points, balance };
}

// Reward points a booking spent, given back when its places are not kept: its hold lapsed (or its checkout was
// abandoned, or its session cancelled), or places were cancelled and refunded. A give-back is an `adjust` row
// with positive points naming the booking (staff adjustments never name one), never a change to another row.
// Each booking's member row is locked (after the booking's places and discount codes, the documented lock
// order) before its rows are summed, so two give-backs for one booking never return more than it spent.
import { and, eq, gt, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bookingAttendees, bookingDiscountLines, members, membershipLevels, pointsLedger } from "@/db/schema";

const DAY_MS = 86_400_000;
const DEFAULT_VALID_DAYS = 365;

type Spent = { bookingId: string; memberId: string; spent: number; returned: number };

/** Points each booking spent and has had back so far, for bookings that spent any. */
async function spentBy(tx: DbOrTx, bookingIds: string[]): Promise<Spent[]> {
  if (bookingIds.length === 0) return [];
  const rows = await tx.select({
    bookingId: sql<string>`${pointsLedger.bookingId}`,
    memberId: pointsLedger.memberId,
    spent: sql<number>`coalesce(-sum(${pointsLedger.points}) filter (where ${pointsLedger.kind} = 'redeem'), 0)::int`,
    returned: sql<number>`coalesce(sum(${pointsLedger.points}) filter (where ${pointsLedger.kind} = 'adjust' and ${pointsLedger.points} > 0), 0)::int`,
  }).from(pointsLedger)
    .where(and(inArray(pointsLedger.bookingId, bookingIds), isNotNull(pointsLedger.bookingId)))
    .groupBy(pointsLedger.bookingId, pointsLedger.memberId);
  return rows.filter((r) => r.spent > 0);
}

/** Points of the booking's spending already in the ledger as spent, and returns, read under the member lock. */
async function lockAndRead(tx: DbOrTx, memberId: string, bookingId: string) {
  await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for("update");
  const [row] = await spentBy(tx, [bookingId]);
  return row ?? null;
}

async function giveBack(tx: DbOrTx, s: Spent, points: number, note: string, now: Date) {
  if (points <= 0) return 0;
  const [level] = await tx.select({ days: membershipLevels.pointsValidDays }).from(membershipLevels)
    .innerJoin(members, eq(members.level, membershipLevels.level)).where(eq(members.id, s.memberId));
  // Points given back are spendable again for the level's usual validity.
  await tx.insert(pointsLedger).values({
    memberId: s.memberId, bookingId: s.bookingId, kind: "adjust", points,
    expiresAt: new Date(now.getTime() + (level?.days ?? DEFAULT_VALID_DAYS) * DAY_MS), note, createdAt: now,
  });
  return points;
}

/** Every point the bookings spent comes back (their holds lapsed, or they will never be paid). Returns the total. */
export async function returnAllBookingPoints(tx: DbOrTx, bookingIds: string[], now = new Date()): Promise<number> {
  let total = 0;
  // Members in id order, so two sweepers never deadlock on each other's member rows.
  for (const first of (await spentBy(tx, bookingIds)).sort((a, b) => a.memberId.localeCompare(b.memberId) || a.bookingId.localeCompare(b.bookingId))) {
    const s = await lockAndRead(tx, first.memberId, first.bookingId);
    if (s) total += await giveBack(tx, s, s.spent - s.returned, "Points given back: the booking was not completed", now);
  }
  return total;
}

/** Points owed back once places are cancelled: their share of the points line, every point once no place is left. */
function pointsDueBack(spent: number, share: { all: number; cancelled: number; open: number }): number {
  return share.open === 0 ? spent : Math.floor((spent * share.cancelled) / share.all);
}

/** The booking's points line by place: all of it, the cancelled places' share (with `alsoCancelling`), places left. */
async function pointsShare(tx: DbOrTx, bookingId: string, alsoCancelling: string[] = []) {
  const gone = alsoCancelling.length
    ? or(isNotNull(bookingAttendees.cancelledAt), inArray(bookingAttendees.id, alsoCancelling))!
    : isNotNull(bookingAttendees.cancelledAt);
  const [share] = await tx.select({
    all: sql<number>`coalesce(sum(${bookingDiscountLines.amount}), 0)::int`,
    cancelled: sql<number>`coalesce(sum(${bookingDiscountLines.amount}) filter (where ${gone}), 0)::int`,
    open: sql<number>`count(*) filter (where not (${gone}))::int`,
  }).from(bookingDiscountLines)
    .innerJoin(bookingAttendees, eq(bookingAttendees.id, bookingDiscountLines.attendeeId))
    .where(and(eq(bookingDiscountLines.bookingId, bookingId), eq(bookingDiscountLines.source, "points"), gt(bookingDiscountLines.amount, 0)));
  return share && share.all > 0 ? share : null;
}

/**
 * After places of a paid booking are cancelled: the points their share of the points line was worth come back
 * (rounded down; every point once all places are cancelled), less what was given back before.
 */
export async function returnPointsForCancelledPlaces(tx: DbOrTx, bookingIds: string[], now = new Date()): Promise<number> {
  let total = 0;
  for (const first of (await spentBy(tx, bookingIds)).sort((a, b) => a.memberId.localeCompare(b.memberId) || a.bookingId.localeCompare(b.bookingId))) {
    const s = await lockAndRead(tx, first.memberId, first.bookingId);
    if (!s) continue;
    const share = await pointsShare(tx, s.bookingId);
    if (!share) continue;
    total += await giveBack(tx, s, pointsDueBack(s.spent, share) - s.returned, "Points given back for cancelled places", now);
  }
  return total;
}

/** What cancelling these places (not cancelled yet) would give back, for the customer to read before they confirm. */
export async function pointsBackOnCancelling(db: DbOrTx, bookingId: string, attendeeIds: string[]): Promise<number> {
  const [s] = await spentBy(db, [bookingId]);
  if (!s) return 0;
  const share = await pointsShare(db, bookingId, attendeeIds);
  return share ? Math.max(0, pointsDueBack(s.spent, share) - s.returned) : 0;
}

/** Points a booking had given back (its hold lapsed before a late payment kept it), for taking again. */
export async function pointsReturnedTo(tx: DbOrTx, bookingId: string): Promise<Spent | null> {
  const [row] = await spentBy(tx, [bookingId]);
  return row && row.returned > 0 ? row : null;
}

// Writes to the reward points ledger: earning on a confirmed payment, reversing on a refund, redeeming.
// Lock order: a caller holding a booking row locks it first; the member row is locked after it, and is the
// one lock every movement that takes points away holds, so the balance check and the debit are one step.
import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db";
import { reusable, reusableRows, value } from "@/db/reusable";
import { bookings, members, membershipLevels, payments, pointsLedger, refunds, type Member, type PointsLedgerRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { pointsReturnedTo } from "@/db/queries/member-points";
import { lotsToExpire, pointsBalance, pointsForAmount, pointsToReverse } from "./points";

const DAY_MS = 86_400_000;

// Asked at every checkout and payment, built once (db/reusable.ts).
const validMember = reusable("member-for-email", (db) => db.select().from(members).where(and(
  eq(sql`lower(${members.email})`, sql.placeholder("email")),
  lte(members.validFrom, value("at", "timestamptz")),
  or(isNull(members.validUntil), gt(members.validUntil, value("at", "timestamptz"))),
)));

/** The membership of an email valid at `at`, if any. */
export async function memberForEmail(db: DbOrTx, email: string, at = new Date()): Promise<Member | null> {
  const [member] = await validMember(db, { email: email.trim().toLowerCase(), at: at.toISOString() });
  return member ?? null;
}

export async function ledgerOf(db: DbOrTx, memberId: string): Promise<PointsLedgerRow[]> {
  return db.select().from(pointsLedger).where(eq(pointsLedger.memberId, memberId)).orderBy(asc(pointsLedger.createdAt), asc(pointsLedger.id));
}

async function lockMember(tx: Tx, memberId: string) {
  const [member] = await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for("update");
  if (!member) throw new AppError("not_found", {}, "That member does not exist.");
}

async function balanceNow(tx: Tx, memberId: string) {
  const rows = await ledgerOf(tx, memberId);
  // The database clock, so every instance agrees on what has expired.
  const [{ now }] = await tx.execute<{ now: string }>(sql`select now()::text as now`);
  return pointsBalance(rows, new Date(now));
}

// A payment's statements, built once (db/reusable.ts).
const paymentWithEmail = reusable("payment-with-contact-email", (tx) => tx.select({ payment: payments, email: bookings.contactEmail })
  .from(payments).innerJoin(bookings, eq(bookings.id, payments.bookingId)).where(eq(payments.id, sql.placeholder("paymentId"))));
const levelRow = reusable("membership-level", (tx) => tx.select().from(membershipLevels).where(eq(membershipLevels.level, sql.placeholder("level"))));
const insertEarned = reusableRows("insert-earned-points", pointsLedger, ["memberId", "bookingId", "paymentId", "kind", "points", "expiresAt", "note"],
  (on, rows) => on.insert(pointsLedger).values(rows as unknown as (typeof pointsLedger.$inferInsert)[])
    .onConflictDoNothing()
    .returning({ id: pointsLedger.id }));

/**
 * Credits the points a confirmed payment earns when the booking's contact email is a valid member at the
 * time. In the payment's transaction; the unique index on earn rows per payment makes a replay a no-op.
 */
export async function earnPointsForPayment(tx: Tx, paymentId: string): Promise<number> {
  const [row] = await paymentWithEmail(tx, { paymentId });
  if (!row) return 0;
  const member = await memberForEmail(tx, row.email, row.payment.receivedAt);
  if (!member) return 0;
  const [level] = await levelRow(tx, { level: member.level });
  if (!level) return 0;
  const points = pointsForAmount(row.payment.amount, row.payment.currency, level.pointsPerUnit);
  if (points <= 0) return 0;
  const inserted = await insertEarned(tx, [{
    memberId: member.id, bookingId: row.payment.bookingId, paymentId, kind: "earn", points,
    expiresAt: new Date(row.payment.receivedAt.getTime() + level.pointsValidDays * DAY_MS),
    note: `Earned on ${row.payment.amount} ${row.payment.currency}`,
  }]);
  return inserted.length ? points : 0;
}

/**
 * Takes back the refunded share of what the refunded payment earned. Capped at the member's current
 * balance (points already spent stay spent), so the balance never goes below zero. Once per refund.
 */
export async function reversePointsForRefund(tx: Tx, refundId: string): Promise<number> {
  const [row] = await tx.select({ refund: refunds, payment: payments })
    .from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.id, refundId));
  if (!row) return 0;
  const [earned] = await tx.select().from(pointsLedger)
    .where(and(eq(pointsLedger.paymentId, row.payment.id), eq(pointsLedger.kind, "earn")));
  if (!earned) return 0;
  await lockMember(tx, earned.memberId);
  const [{ reversed }] = await tx.select({ reversed: sql<number>`coalesce(-sum(${pointsLedger.points}), 0)::int` }).from(pointsLedger)
    .where(and(eq(pointsLedger.paymentId, row.payment.id), eq(pointsLedger.kind, "reverse")));
  const due = pointsToReverse(earned.points, reversed, row.payment.amount, row.refund.amount);
  const points = Math.min(due, await balanceNow(tx, earned.memberId));
  if (points <= 0) return 0;
  const inserted = await tx.insert(pointsLedger).values({
    memberId: earned.memberId, bookingId: row.refund.bookingId, paymentId: row.payment.id, refundId, kind: "reverse", points: -points,
    note: `Reversed for a refund of ${row.refund.amount} ${row.refund.currency}`,
  }).onConflictDoNothing().returning({ id: pointsLedger.id });
  return inserted.length ? points : 0;
}

/**
 * Spends points. Locks the member row, then checks the balance before writing the redeem row, so concurrent
 * redemptions queue on the lock and none can overdraw. Throws 409 with the balance when there is not enough.
 */
export async function redeemPoints(tx: Tx, memberId: string, points: number, o: { bookingId?: string; note?: string } = {}): Promise<PointsLedgerRow> {
  if (!Number.isInteger(points) || points <= 0)
    throw new AppError("invalid_request", { fields: { points: "Enter a whole number of points above zero" } });
  await lockMember(tx, memberId);
  const balance = await balanceNow(tx, memberId);
  if (points > balance)
    throw new AppError("conflict", { balance, fields: { points: `Only ${balance} points are available` } }, "Not enough points.");
  const [row] = await tx.insert(pointsLedger).values({
    memberId, bookingId: o.bookingId ?? null, kind: "redeem", points: -points, note: o.note ?? null,
  }).returning();
  return row;
}

/**
 * The maintenance pass's part: an expire row for every lot past its expiry that none closes yet, with what
 * the lot still held. Per member, under the member row's lock (so a redemption in flight is seen, and two
 * instances running the pass take turns); the unique index on the closed lot is the last word. Returns the
 * number of lots closed.
 */
export async function expirePoints(db: Db, { batch = 200 } = {}): Promise<number> {
  const due = await db.execute<{ member_id: string }>(sql`
    select distinct lot.member_id from points_ledger lot
    where lot.points > 0 and lot.expires_at <= now()
      and not exists (select 1 from points_ledger e where e.expires_ledger_id = lot.id)
    limit ${batch}`);
  let closed = 0;
  for (const { member_id: memberId } of due) {
    closed += await db.transaction(async (tx) => {
      await lockMember(tx, memberId);
      const rows = await ledgerOf(tx, memberId);
      // The database clock, as for the balance: every instance agrees on what has expired.
      const [{ now }] = await tx.execute<{ now: string }>(sql`select now()::text as now`);
      const lots = lotsToExpire(rows, new Date(now));
      if (!lots.length) return 0;
      const inserted = await tx.insert(pointsLedger).values(lots.map((l) => ({
        memberId, kind: "expire" as const, points: l.points ? -l.points : 0, expiresLedgerId: l.ledgerId,
        note: l.points ? `Expired on ${l.expiredAt.toISOString().slice(0, 10)}` : "Expired, nothing left",
      }))).onConflictDoNothing().returning({ id: pointsLedger.id });
      return inserted.length;
    });
  }
  return closed;
}

/** A ledger row as people read it: with the reference of the booking it moved points for. */
export type LedgerLine = PointsLedgerRow & { bookingReference: string | null };
export type MemberPoints = { member: Member; balance: number; ledger: LedgerLine[] };

async function ledgerLines(db: DbOrTx, memberId: string): Promise<LedgerLine[]> {
  const rows = await db.select({ row: pointsLedger, bookingReference: bookings.reference }).from(pointsLedger)
    .leftJoin(bookings, eq(bookings.id, pointsLedger.bookingId))
    .where(eq(pointsLedger.memberId, memberId)).orderBy(asc(pointsLedger.createdAt), asc(pointsLedger.id));
  return rows.map(({ row, bookingReference }) => ({ ...row, bookingReference }));
}

/** What a signed-in customer sees of their membership; null for an email that is not a member now. */
export async function memberPointsForEmail(db: DbOrTx, email: string, now = new Date()): Promise<MemberPoints | null> {
  const member = await memberForEmail(db, email, now);
  if (!member) return null;
  const ledger = await ledgerLines(db, member.id);
  return { member, balance: pointsBalance(ledger, now), ledger };
}

/**
 * A late payment kept a booking whose lapsed hold had given its points back: the points are spent again, as
 * many as the balance still allows (the customer has paid; the booking stays). Returns the points taken.
 */
export async function reclaimReturnedPoints(tx: Tx, bookingId: string): Promise<number> {
  const returned = await pointsReturnedTo(tx, bookingId);
  if (!returned) return 0;
  await lockMember(tx, returned.memberId);
  const again = await pointsReturnedTo(tx, bookingId);
  const points = Math.min(again?.returned ?? 0, await balanceNow(tx, returned.memberId));
  if (points <= 0) return 0;
  await tx.insert(pointsLedger).values({ memberId: returned.memberId, bookingId, kind: "redeem", points: -points, note: "Spent again: a late payment kept the booking" });
  return points;
}

/** A member's card for staff: any member, valid now or not; null for an unknown id. */
export async function memberPointsById(db: DbOrTx, memberId: string, now = new Date()): Promise<MemberPoints | null> {
  const [member] = await db.select().from(members).where(eq(members.id, memberId));
  if (!member) return null;
  const ledger = await ledgerLines(db, member.id);
  return { member, balance: pointsBalance(ledger, now), ledger };
}

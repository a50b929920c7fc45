// Reward points: what a payment earns, what a refund takes back, and the balance a ledger adds up to.
import { minorUnitDigits } from "@/lib/format";

export type LedgerEntry = {
  kind: "earn" | "reverse" | "redeem" | "adjust";
  points: number;
  createdAt: Date;
  expiresAt: Date | null;
  /** The payment an earn row came from, or the payment a reverse row's refund gave money back from. */
  paymentId?: string | null;
};

/** Points for an amount in minor units: whole currency units times the level's rate, rounded down. */
export function pointsForAmount(amount: number, currency: string, pointsPerUnit: number): number {
  if (amount <= 0 || pointsPerUnit <= 0) return 0;
  const unit = 10 ** minorUnitDigits(currency);
  return Math.floor((amount * pointsPerUnit) / unit);
}

/**
 * The points a refund takes back: the same share of what the payment earned as the refund is of the
 * payment, rounded up (a refund never leaves a fraction of a point behind), and never more than is left
 * of that payment's earning after earlier reversals.
 */
export function pointsToReverse(earned: number, alreadyReversed: number, paymentAmount: number, refundAmount: number): number {
  if (earned <= 0 || paymentAmount <= 0 || refundAmount <= 0) return 0;
  const share = Math.ceil((earned * Math.min(refundAmount, paymentAmount)) / paymentAmount);
  return Math.max(0, Math.min(share, earned - alreadyReversed));
}

type Lot = { remaining: number; expiresAt: Date | null; paymentId: string | null };

/**
 * The spendable balance at `now`, by this rule (first in, first out):
 * - every earn row (and positive adjustment) is a lot, spendable until its `expiresAt` (none: forever);
 * - rows are replayed in time order; a debit (redeem, reverse, negative adjustment) takes from the lots
 *   still valid at its time, a reversal from its own payment's lot first, then the oldest lots first;
 * - what a lot still holds when it expires is gone; a debit no valid lot covered is owed by later lots.
 * The balance is what the valid lots hold at `now`, less any debt, and never below zero.
 */
export function pointsBalance(entries: readonly LedgerEntry[], now: Date): number {
  const rows = [...entries].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const lots: Lot[] = [];
  let debt = 0;
  const valid = (lot: Lot, at: Date) => lot.remaining > 0 && (lot.expiresAt === null || lot.expiresAt.getTime() > at.getTime());

  for (const row of rows) {
    if (row.points > 0) {
      const lot: Lot = { remaining: row.points, expiresAt: row.expiresAt, paymentId: row.paymentId ?? null };
      const paid = Math.min(debt, lot.remaining);
      lot.remaining -= paid;
      debt -= paid;
      lots.push(lot);
      continue;
    }
    let owed = -row.points;
    const order = row.kind === "reverse" && row.paymentId
      ? [...lots.filter((l) => l.paymentId === row.paymentId), ...lots.filter((l) => l.paymentId !== row.paymentId)]
      : lots;
    for (const lot of order) {
      if (owed === 0) break;
      if (!valid(lot, row.createdAt)) continue;
      const take = Math.min(owed, lot.remaining);
      lot.remaining -= take;
      owed -= take;
    }
    debt += owed;
  }
  const held = lots.filter((l) => valid(l, now)).reduce((sum, l) => sum + l.remaining, 0);
  return Math.max(0, held - debt);
}

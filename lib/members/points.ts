// Reward points: what a payment earns, what a refund takes back, and the balance a ledger adds up to.
import { minorUnitDigits } from "@/lib/format";

export type LedgerEntry = {
  /** Needed to tell which lots have been closed by an expire row (lotsToExpire). */
  id?: string;
  kind: "earn" | "reverse" | "redeem" | "adjust" | "expire";
  points: number;
  createdAt: Date;
  expiresAt: Date | null;
  /** The payment an earn row came from, or the payment a reverse row's refund gave money back from. */
  paymentId?: string | null;
  /** On an expire row: the lot it closes. */
  expiresLedgerId?: string | null;
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

type Lot = { id: string | null; remaining: number; expiresAt: Date | null; paymentId: string | null };

const valid = (lot: Lot, at: Date) => lot.remaining > 0 && (lot.expiresAt === null || lot.expiresAt.getTime() > at.getTime());

/**
 * Replays the ledger (first in, first out):
 * - every earn row (and positive adjustment) is a lot, spendable until its `expiresAt` (none: forever);
 * - rows are replayed in time order; a debit (redeem, reverse, negative adjustment) takes from the lots
 *   still valid at its time, a reversal from its own payment's lot first, then the oldest lots first;
 * - what a lot still holds when it expires is gone; a debit no valid lot covered is owed by later lots.
 * Expire rows only record that loss (written later by the maintenance pass), so they take no part: the
 * result is the same whether or not they have been written yet.
 */
function replay(entries: readonly LedgerEntry[]): { lots: Lot[]; debt: number } {
  const rows = entries.filter((r) => r.kind !== "expire").sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const lots: Lot[] = [];
  let debt = 0;

  for (const row of rows) {
    if (row.points > 0) {
      const lot: Lot = { id: row.id ?? null, remaining: row.points, expiresAt: row.expiresAt, paymentId: row.paymentId ?? null };
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
  return { lots, debt };
}

/** The spendable balance at `now`: what the valid lots hold, less any debt, never below zero (see replay). */
export function pointsBalance(entries: readonly LedgerEntry[], now: Date): number {
  const { lots, debt } = replay(entries);
  const held = lots.filter((l) => valid(l, now)).reduce((sum, l) => sum + l.remaining, 0);
  return Math.max(0, held - debt);
}

/**
 * The lots expired by `now` that no expire row closes yet, each with what it still held when it expired
 * (zero for a lot spent in full: its expire row then only marks it closed). Written as expire rows of
 * `-points`, they make the ledger's rows add up to the balance.
 */
export function lotsToExpire(entries: readonly LedgerEntry[], now: Date): { ledgerId: string; points: number; expiredAt: Date }[] {
  const closed = new Set(entries.filter((r) => r.kind === "expire" && r.expiresLedgerId).map((r) => r.expiresLedgerId!));
  return replay(entries).lots
    .filter((l) => l.id !== null && l.expiresAt !== null && l.expiresAt.getTime() <= now.getTime() && !closed.has(l.id))
    .map((l) => ({ ledgerId: l.id!, points: l.remaining, expiredAt: l.expiresAt! }));
}

// A course's cancellation policy: what a cancellation refunds, and the same policy in plain words. Pure, unit-tested.
import type { CancellationBand } from "@/db/schema";
import { formatMoney } from "@/lib/format";

export type CancellationPolicy = {
  /** Most generous first: hoursBefore strictly falling, refundPercent never rising (the database checks it too). */
  bands: CancellationBand[];
  /** Whether the deposit of a deposit booking comes back under the bands; when false it is always kept. */
  depositRefundable: boolean;
  /** Kept from each cancellation's refund (never more than the refund), in minor units. */
  feeAmount: number;
};

export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = {
  bands: [{ hoursBefore: 336, refundPercent: 100 }, { hoursBefore: 48, refundPercent: 50 }],
  depositRefundable: false,
  feeAmount: 0,
};

export function policyOf(course: { cancellationBands: CancellationBand[]; cancellationDepositRefundable: boolean; cancellationFeeAmount: number }): CancellationPolicy {
  return { bands: course.cancellationBands, depositRefundable: course.cancellationDepositRefundable, feeAmount: course.cancellationFeeAmount };
}

const HOUR_MS = 3_600_000;

/** "14 days", "1 day", "48 hours", "1 hour": whole days when the hours divide into them. */
export function durationText(hours: number): string {
  if (hours > 0 && hours % 24 === 0) return hours === 24 ? "1 day" : `${hours / 24} days`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

/** How long before the start something happened, as a person says it: "3 hours", "2 days" (whole days from two on). */
export function leadTimeText(hours: number): string {
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : durationText(hours);
}

/** The band that applies this many whole hours before the start, or null (no refund). */
export function bandFor(policy: CancellationPolicy, hoursBefore: number): CancellationBand | null {
  return policy.bands.find((b) => hoursBefore >= b.hoursBefore) ?? null;
}

/**
 * The policy as sentences a customer reads on the terms page and the review step. `deposit`: whether a deposit
 * can come into it (the course offers one, or the booking paid one); where it cannot, deposits go unmentioned.
 */
export function policySentences(policy: CancellationPolicy, currency: string, { deposit = true } = {}): string[] {
  const sentences: string[] = [];
  const bands = policy.bands;
  if (bands.length === 0 || bands.every((b) => b.refundPercent === 0)) {
    sentences.push("Cancellations are not refunded.");
  } else {
    const refunded = (p: number) => (p === 100 ? "you get everything you paid back" : p === 0 ? "there is no refund" : `you get ${p}% of what you paid back`);
    bands.forEach((b, i) => {
      const upper = i === 0 ? null : bands[i - 1].hoursBefore;
      const when = b.hoursBefore === 0
        ? upper == null ? "If you cancel any time before the start" : `If you cancel less than ${durationText(upper)} before the start`
        : upper == null ? `If you cancel at least ${durationText(b.hoursBefore)} before the start`
          : `If you cancel between ${durationText(b.hoursBefore)} and ${durationText(upper)} before the start`;
      sentences.push(`${when}, ${refunded(b.refundPercent)}.`);
    });
    const last = bands[bands.length - 1];
    if (last.hoursBefore > 0) sentences.push(`If you cancel less than ${durationText(last.hoursBefore)} before the start, there is no refund.`);
  }
  if (deposit) sentences.push(policy.depositRefundable
    ? "A deposit is refunded under the same terms as the rest."
    : "A deposit is not refundable: it is kept whenever you cancel.");
  if (policy.feeAmount > 0) sentences.push(`A cancellation fee of ${formatMoney(policy.feeAmount, currency)} is taken from any refund.`);
  sentences.push("You can cancel the whole booking or some attendees from your booking page until the session starts; refunds go back the way you paid.");
  return sentences;
}

export type CancellationQuoteInput = {
  policy: CancellationPolicy;
  startsAt: Date;
  now: Date;
  paymentOption: "full" | "deposit";
  /** The price still in force: total less earlier credit notes (what earlier cancellations kept stays in it). */
  value: number;
  /** Paid and not yet refunded (pending refunds deducted). */
  netPaid: number;
  /**
   * Every place still booked, in the order it was booked (places added later come last), with what it was sold
   * for; `cancel` marks the places to cancel. Cancelling all of them cancels the booking.
   */
  active: { unitAmount: number; depositAmount: number | null; cancel: boolean }[];
};

/**
 * The money paid for each place still booked. What earlier cancellations kept is set aside first (it stays
 * invoiced for the places it was kept for); the rest pays the places in the order they were booked: first what each
 * was due up front (its deposit on a deposit booking, else its price), then the rest of each price. So a place
 * added later and not paid for yet has had nothing paid for it, whatever the others cost.
 */
export function paidPerPlace(p: Pick<CancellationQuoteInput, "value" | "netPaid" | "paymentOption" | "active">): { paid: number[]; keptEarlier: number; over: number } {
  const activeValue = p.active.reduce((acc, a) => acc + a.unitAmount, 0);
  const keptEarlier = Math.max(0, Math.min(p.value - activeValue, p.netPaid));
  let left = Math.max(0, p.netPaid - keptEarlier);
  const paid = p.active.map(() => 0);
  const pay = (i: number, upTo: number) => {
    const amount = Math.max(0, Math.min(left, upTo - paid[i]));
    paid[i] += amount;
    left -= amount;
  };
  p.active.forEach((a, i) => pay(i, p.paymentOption === "deposit" && a.depositAmount != null ? a.depositAmount : a.unitAmount));
  p.active.forEach((a, i) => pay(i, a.unitAmount));
  return { paid, keptEarlier, over: left };
}

export type CancellationQuote = {
  hoursBefore: number;
  refundPercent: number;
  band: CancellationBand | null;
  cancelsEverything: boolean;
  /** What the cancelled places were sold for (what remains of the price when every place goes). */
  placesValue: number;
  /** The part of the money paid that belongs to these places. */
  paidForPlaces: number;
  /**
   * The money paid for each place still booked, in the order of `active` (paidPerPlace): what the customer is
   * shown per place, from the same figures the refund is worked out from.
   */
  placesPaid: number[];
  depositKept: number;
  feeAmount: number;
  refundAmount: number;
};

/**
 * What a customer's cancellation refunds, in minor units, rounded down:
 * paid for the places (paidPerPlace; what earlier cancellations kept is never paid out again) − the deposit when
 * the policy keeps it → × the band's percentage → − the fee (at most what is left). Throws when the session has
 * started.
 */
export function quoteCancellation(p: CancellationQuoteInput): CancellationQuote {
  const msBefore = p.startsAt.getTime() - p.now.getTime();
  if (msBefore <= 0) throw new RangeError("The session has started: places can no longer be cancelled.");
  const chosen = p.active.filter((a) => a.cancel);
  if (chosen.length === 0) throw new RangeError("Choose places that are still booked.");
  const hoursBefore = Math.floor(msBefore / HOUR_MS);
  const band = bandFor(p.policy, hoursBefore);
  const refundPercent = band?.refundPercent ?? 0;
  const cancelsEverything = chosen.length === p.active.length;
  const { paid, keptEarlier, over } = paidPerPlace(p);
  const remaining = Math.max(0, p.value - keptEarlier);
  const placesValue = cancelsEverything ? remaining : Math.min(remaining, chosen.reduce((acc, x) => acc + x.unitAmount, 0));
  // Every place going takes all that was paid for places still booked (an overpayment too); else theirs.
  const paidForPlaces = p.active.reduce((acc, a, i) => acc + (a.cancel ? paid[i] : 0), cancelsEverything ? over : 0);
  const deposits = chosen.reduce((acc, x) => acc + (x.depositAmount ?? 0), 0);
  const depositKept = p.paymentOption === "deposit" && !p.policy.depositRefundable ? Math.min(paidForPlaces, deposits) : 0;
  const gross = Math.floor(((paidForPlaces - depositKept) * refundPercent) / 100);
  const feeAmount = Math.min(p.policy.feeAmount, gross);
  return {
    hoursBefore, refundPercent, band, cancelsEverything, placesValue, paidForPlaces, placesPaid: paid, depositKept, feeAmount, refundAmount: gross - feeAmount,
  };
}

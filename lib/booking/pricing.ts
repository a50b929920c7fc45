// Prices for a booking, in integer minor units. Pure functions, unit-tested.
//
// Discounts. Automatic rules (group bands, early bird) never stack with each other: the one that saves the
// most on the list prices applies (the first listed on a tie). A discount code then applies to what is left
// after it. Each discount is worked out for the booking and shared among the places it covers:
// - a percentage: round-half-up(percent x the covered places' amounts), in minor units;
// - a fixed amount per booking: at most the covered places' amounts;
// - a fixed amount per attendee: at most each covered place's amount.
// A booking-level amount is shared by largest remainder in proportion to each place's amount (ties to the
// earlier place), so the places' paid amounts add up to the total exactly and none falls below zero. The
// currency's decimals play no part: everything is whole minor units (0-, 2- and 3-decimal currencies alike).
//
// Members. A verified member's price for a place (its level's member price) comes off first, as a "member"
// discount of the difference, so the automatic rules and the code then work on what the member pays. Reward
// points come off last, after the code: a fixed amount for the booking (points x the value of a point), shared
// among the places like any booking-level discount. Points are a price reduction, not a payment: the places'
// paid amounts, the invoice's tax and any refund are all worked out on what is left after them.
import { AppError } from "@/lib/errors";

export type PaymentOption = "full" | "deposit";

export type PlacePrice = { ticketTypeId?: string; name?: string; unitAmount: number; depositAmount: number | null };

/** Places of one type at one price: how the review step, checkout and invoice group them. */
export type QuoteLine = { ticketTypeId?: string; name?: string; unitAmount: number; depositAmount: number | null; quantity: number; amount: number };

export type DiscountSource = "code" | "group" | "early_bird" | "member" | "points";

/** A discount to apply: a code, or an automatic rule already found to be in force (dates are the caller's). */
export type Discount = {
  id?: string;
  source: DiscountSource;
  label: string;
  kind: "percent" | "fixed";
  /** Basis points for a percentage (1000 = 10 %), minor units for a fixed amount. */
  value: number;
  /** A fixed amount off each covered place, or off the booking once. */
  per: "attendee" | "booking";
  /** The ticket types it covers; null or empty covers every place. */
  ticketTypeIds?: string[] | null;
  /** Applies only to bookings of at least this many attendees (group bands, code minimums). */
  minAttendees?: number;
  /** Early bird by places: only the session's first N places, counted after those already taken. */
  firstPlaces?: number | null;
};

export type AppliedDiscount = { id?: string; source: DiscountSource; label: string; amount: number; /** Points spent (the points line). */ points?: number };

/** Reward points to spend on a booking and what one point is worth, in minor units of the booking's currency. */
export type PointsToSpend = { points: number; valueMinor: number; label?: string };

/** One place of the quote: its list price, what each discount took off it (by index into discounts), and what is paid. */
export type PlaceAmount = { listAmount: number; discountAmount: number; paidAmount: number; depositAmount: number | null; discounts: number[] };

export type Quote = {
  currency: string;
  /** The places at their list prices, before any discount. */
  listAmount: number;
  /** Every discount together: listAmount - totalAmount. */
  discountAmount: number;
  /** The discounts that took something off, in the order applied. */
  discounts: AppliedDiscount[];
  places: PlaceAmount[];
  /** The price paid for every place when they all cost the same, otherwise null. */
  unitAmount: number | null;
  attendeeCount: number;
  /** What the booking costs, after discounts. */
  totalAmount: number;
  /** Charged at checkout: the total, or each place's deposit (its full price where its type has none). */
  amountDueNow: number;
  /** Left to pay later; zero when paying in full. */
  balanceAmount: number;
  /** The deposit of every place when they all share one, otherwise null. */
  depositPerAttendee: number | null;
  lines: QuoteLine[];
};

/** Groups places by type and price, in the order first seen. */
export function quoteLines(places: PlacePrice[]): QuoteLine[] {
  const lines = new Map<string, QuoteLine>();
  for (const p of places) {
    const key = `${p.ticketTypeId ?? ""}:${p.unitAmount}:${p.depositAmount ?? ""}`;
    const line = lines.get(key) ?? { ticketTypeId: p.ticketTypeId, name: p.name, unitAmount: p.unitAmount, depositAmount: p.depositAmount, quantity: 0, amount: 0 };
    line.quantity++;
    line.amount += p.unitAmount;
    lines.set(key, line);
  }
  return [...lines.values()];
}

function uniform<T>(values: T[]): T | null {
  return values.every((v) => v === values[0]) ? values[0] : null;
}

/** Shares `amount` among places in proportion to `weights` by largest remainder; each share is at most its weight. */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > total) throw new RangeError("amount must be a whole number between 0 and the weights' sum");
  if (amount === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((amount * w) / total));
  let left = amount - shares.reduce((a, x) => a + x, 0);
  const byRemainder = weights.map((w, i) => ({ i, r: (amount * w) % total })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i, r } of byRemainder) {
    if (left === 0) break;
    if (r === 0) continue;
    shares[i]++;
    left--;
  }
  return shares;
}

function roundHalfUp(numerator: number, denominator: number) {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

function assertDiscount(d: Discount) {
  if (!Number.isSafeInteger(d.value) || d.value < 0) throw new RangeError("a discount's value must be a non-negative integer");
  if (d.kind === "percent" && d.value > 10_000) throw new RangeError("a percentage is at most 10000 basis points");
}

/** Which places a discount covers, given the booking's places and the session's places already taken. */
export function coveredPlaces(d: Discount, places: PlacePrice[], placesTakenBefore = 0): boolean[] {
  if (places.length < (d.minAttendees ?? 1)) return places.map(() => false);
  const types = d.ticketTypeIds?.length ? new Set(d.ticketTypeIds) : null;
  return places.map((p, i) =>
    (!types || (p.ticketTypeId != null && types.has(p.ticketTypeId))) &&
    (d.firstPlaces == null || placesTakenBefore + i < d.firstPlaces));
}

/** What one discount takes off each place, given what each place still costs. */
export function discountShares(d: Discount, amounts: number[], covered: boolean[]): number[] {
  assertDiscount(d);
  const base = amounts.map((a, i) => (covered[i] ? a : 0));
  const sum = base.reduce((a, x) => a + x, 0);
  if (d.kind === "fixed" && d.per === "attendee") return base.map((a, i) => (covered[i] ? Math.min(a, d.value) : 0));
  const amount = d.kind === "percent" ? roundHalfUp(sum * d.value, 10_000) : Math.min(d.value, sum);
  return allocate(amount, base);
}

/** The price of a booking of places that may be of different ticket types, with its discounts (see the file's head). */
export function quotePlaces(p: {
  places: PlacePrice[];
  currency: string;
  option: PaymentOption;
  depositAllowed?: boolean;
  /** Automatic rules in force now for this course; the best single one applies. */
  automatic?: Discount[];
  /** A code the customer gave, applied after the automatic rule. */
  code?: Discount | null;
  /** Places of the session already held or booked (early bird by places). */
  placesTakenBefore?: number;
  /** A verified member's price for each place (null: none for that place), with the line's label. */
  memberPrices?: { amounts: (number | null)[]; label: string } | null;
  /** Reward points a verified member spends, taken off last. */
  points?: PointsToSpend | null;
}): Quote {
  if (p.places.length < 1) throw new RangeError("a booking needs at least one place");
  for (const place of p.places) {
    if (!Number.isSafeInteger(place.unitAmount) || place.unitAmount < 0) throw new RangeError("unitAmount must be a non-negative integer");
    if (place.depositAmount != null && (!Number.isSafeInteger(place.depositAmount) || place.depositAmount < 0))
      throw new RangeError("depositAmount must be a non-negative integer");
  }
  const list = p.places.map((x) => x.unitAmount);
  const discounts: AppliedDiscount[] = [];
  const perPlace: number[][] = p.places.map(() => []);
  let remaining = [...list];
  const apply = (d: Discount, shares: number[]) => {
    const amount = shares.reduce((a, x) => a + x, 0);
    if (amount === 0) return;
    const index = discounts.push({ id: d.id, source: d.source, label: d.label, amount }) - 1;
    shares.forEach((s, i) => { if (s > 0) perPlace[i][index] = s; });
    remaining = remaining.map((a, i) => a - shares[i]);
  };

  if (p.memberPrices) {
    const shares = p.places.map((x, i) => {
      const member = p.memberPrices!.amounts[i];
      if (member == null) return 0;
      if (!Number.isSafeInteger(member) || member < 0) throw new RangeError("a member price must be a non-negative integer");
      return Math.max(0, x.unitAmount - member);
    });
    apply({ source: "member", label: p.memberPrices.label, kind: "fixed", value: 0, per: "attendee" }, shares);
  }

  let best: { d: Discount; shares: number[]; amount: number } | null = null;
  for (const d of p.automatic ?? []) {
    const shares = discountShares(d, remaining, coveredPlaces(d, p.places, p.placesTakenBefore));
    const amount = shares.reduce((a, x) => a + x, 0);
    if (amount > (best?.amount ?? 0)) best = { d, shares, amount };
  }
  if (best) apply(best.d, best.shares);
  if (p.code) {
    const covered = coveredPlaces(p.code, p.places, p.placesTakenBefore);
    if (p.places.length < (p.code.minAttendees ?? 1))
      throw new AppError("invalid_request", { fields: { discountCode: `This code needs at least ${p.code.minAttendees} attendees` } });
    if (!covered.some(Boolean))
      throw new AppError("invalid_request", { fields: { discountCode: "This code does not apply to the tickets chosen" } });
    apply(p.code, discountShares(p.code, remaining, covered));
  }
  if (p.points && p.points.points > 0) {
    const { points, valueMinor } = p.points;
    if (!Number.isSafeInteger(points) || !Number.isSafeInteger(valueMinor) || valueMinor < 1) throw new RangeError("points and their value must be positive integers");
    const left = remaining.reduce((a, x) => a + x, 0);
    const most = Math.floor(left / valueMinor);
    if (points > most)
      throw new AppError("invalid_request", { fields: { pointsToRedeem: most === 0 ? "Nothing is left to pay with points" : `At most ${most} points can be used on this booking` } });
    const before = discounts.length;
    apply({ source: "points", label: p.points.label ?? `Reward points (${points})`, kind: "fixed", value: points * valueMinor, per: "booking" },
      allocate(points * valueMinor, remaining));
    if (discounts.length > before) discounts[before].points = points;
  }

  const placeAmounts: PlaceAmount[] = p.places.map((x, i) => ({
    listAmount: x.unitAmount,
    discountAmount: x.unitAmount - remaining[i],
    paidAmount: remaining[i],
    // A deposit never exceeds what the place costs after its discounts.
    depositAmount: x.depositAmount == null ? null : Math.min(x.depositAmount, remaining[i]),
    discounts: discounts.map((_, j) => perPlace[i][j] ?? 0),
  }));
  const listAmount = list.reduce((acc, x) => acc + x, 0);
  const totalAmount = remaining.reduce((acc, x) => acc + x, 0);
  const common = {
    currency: p.currency,
    listAmount,
    discountAmount: listAmount - totalAmount,
    discounts,
    places: placeAmounts,
    unitAmount: uniform(remaining),
    attendeeCount: p.places.length,
    totalAmount,
    depositPerAttendee: uniform(placeAmounts.map((x) => x.depositAmount)),
    lines: quoteLines(p.places),
  };
  if (p.option === "deposit") {
    if (p.places.every((x) => x.depositAmount == null) || p.depositAllowed === false)
      throw new AppError("invalid_request", { fields: { paymentOption: "A deposit is not available for this session" } });
    const amountDueNow = placeAmounts.reduce((acc, x) => acc + (x.depositAmount ?? x.paidAmount), 0);
    return { ...common, amountDueNow, balanceAmount: totalAmount - amountDueNow };
  }
  return { ...common, amountDueNow: totalAmount, balanceAmount: 0 };
}

/** A booking of `attendeeCount` places at one price (a course with a single ticket type). */
export function quoteBooking(p: {
  unitAmount: number;
  depositAmount: number | null;
  currency: string;
  attendeeCount: number;
  option: PaymentOption;
  depositAllowed?: boolean;
}): Quote {
  if (!Number.isInteger(p.attendeeCount) || p.attendeeCount < 1) throw new RangeError("attendeeCount must be a positive integer");
  const places = Array.from({ length: p.attendeeCount }, () => ({ unitAmount: p.unitAmount, depositAmount: p.depositAmount }));
  return quotePlaces({ places, currency: p.currency, option: p.option, depositAllowed: p.depositAllowed });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the balance of a deposit booking falls due: a number of days before the session starts. */
export function balanceDueAt(sessionStartsAt: Date, daysBefore: number): Date {
  return new Date(sessionStartsAt.getTime() - daysBefore * DAY_MS);
}

/** A deposit only makes sense while the balance date is still at least a day away. */
export function depositAvailable(p: { depositAmount: number | null; sessionStartsAt: Date; daysBefore: number; now: Date }) {
  if (p.depositAmount == null) return false;
  return balanceDueAt(p.sessionStartsAt, p.daysBefore).getTime() - p.now.getTime() >= DAY_MS;
}

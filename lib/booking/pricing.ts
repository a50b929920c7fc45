// Prices for a booking, in integer minor units. Pure functions, unit-tested.
import { AppError } from "@/lib/errors";

export type PaymentOption = "full" | "deposit";

export type PlacePrice = { ticketTypeId?: string; name?: string; unitAmount: number; depositAmount: number | null };

/** Places of one type at one price: how the review step, checkout and invoice group them. */
export type QuoteLine = { ticketTypeId?: string; name?: string; unitAmount: number; depositAmount: number | null; quantity: number; amount: number };

export type Quote = {
  currency: string;
  /** The price of every place when they all cost the same, otherwise null. */
  unitAmount: number | null;
  attendeeCount: number;
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

/** The price of a booking of places that may be of different ticket types. */
export function quotePlaces(p: { places: PlacePrice[]; currency: string; option: PaymentOption; depositAllowed?: boolean }): Quote {
  if (p.places.length < 1) throw new RangeError("a booking needs at least one place");
  for (const place of p.places) {
    if (!Number.isSafeInteger(place.unitAmount) || place.unitAmount < 0) throw new RangeError("unitAmount must be a non-negative integer");
    if (place.depositAmount != null && (!Number.isSafeInteger(place.depositAmount) || place.depositAmount < 0))
      throw new RangeError("depositAmount must be a non-negative integer");
  }
  const totalAmount = p.places.reduce((acc, x) => acc + x.unitAmount, 0);
  const common = {
    currency: p.currency,
    unitAmount: uniform(p.places.map((x) => x.unitAmount)),
    attendeeCount: p.places.length,
    totalAmount,
    depositPerAttendee: uniform(p.places.map((x) => x.depositAmount)),
    lines: quoteLines(p.places),
  };
  if (p.option === "deposit") {
    if (p.places.every((x) => x.depositAmount == null) || p.depositAllowed === false)
      throw new AppError("invalid_request", { fields: { paymentOption: "A deposit is not available for this session" } });
    const amountDueNow = p.places.reduce((acc, x) => acc + (x.depositAmount ?? x.unitAmount), 0);
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

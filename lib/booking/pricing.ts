// Prices for a booking, in integer minor units. Pure functions, unit-tested.
import { AppError } from "@/lib/errors";

export type PaymentOption = "full" | "deposit";

export type Quote = {
  currency: string;
  unitAmount: number;
  attendeeCount: number;
  totalAmount: number;
  /** Charged at checkout: the total, or the deposit for every place. */
  amountDueNow: number;
  /** Left to pay later; zero when paying in full. */
  balanceAmount: number;
  depositPerAttendee: number | null;
};

export function quoteBooking(p: {
  unitAmount: number;
  depositAmount: number | null;
  currency: string;
  attendeeCount: number;
  option: PaymentOption;
  depositAllowed?: boolean;
}): Quote {
  if (!Number.isInteger(p.unitAmount) || p.unitAmount < 0) throw new RangeError("unitAmount must be a non-negative integer");
  if (!Number.isInteger(p.attendeeCount) || p.attendeeCount < 1) throw new RangeError("attendeeCount must be a positive integer");
  const totalAmount = p.unitAmount * p.attendeeCount;
  if (p.option === "deposit") {
    if (p.depositAmount == null || p.depositAllowed === false)
      throw new AppError("invalid_request", { fields: { paymentOption: "A deposit is not available for this session" } });
    const amountDueNow = p.depositAmount * p.attendeeCount;
    return {
      currency: p.currency, unitAmount: p.unitAmount, attendeeCount: p.attendeeCount, totalAmount,
      amountDueNow, balanceAmount: totalAmount - amountDueNow, depositPerAttendee: p.depositAmount,
    };
  }
  return {
    currency: p.currency, unitAmount: p.unitAmount, attendeeCount: p.attendeeCount, totalAmount,
    amountDueNow: totalAmount, balanceAmount: 0, depositPerAttendee: p.depositAmount,
  };
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

// What a customer still owes on a booking, from its money columns. Pure, unit-tested.
import type { Booking } from "@/db/schema";

export type BookingMoney = Pick<Booking, "totalAmount" | "creditedAmount" | "amountPaid" | "amountRefunded">;

/** The price after credit notes: cancelled places and price reductions no longer count. */
export function bookingValue(b: BookingMoney): number {
  return b.totalAmount - b.creditedAmount;
}

/** Money received and kept: payments less what went back. */
export function netPaid(b: BookingMoney): number {
  return b.amountPaid - b.amountRefunded;
}

/** The balance still to pay; never negative (a cancellation fee kept leaves nothing owed). */
export function amountOwed(b: BookingMoney): number {
  return Math.max(0, bookingValue(b) - netPaid(b));
}

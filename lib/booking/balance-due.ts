// When a booking's balance falls due after it moves to another session, and how that date reads to the customer.
// Pure, unit-tested: the move applies it, the move form previews it, the booking page and emails print it.
import { formatDate } from "@/lib/format";
import { balanceDueAt, depositAvailable } from "./pricing";

/**
 * The balance date a part-paid booking takes on the session it moves to: that session's usual date, as a deposit
 * booked there directly would have. Where the session would not take a deposit today (its ticket types sell none,
 * or its balance date is less than a day away or already gone), the balance falls due with the move itself, never on
 * a date already past.
 */
export function balanceDueOnMove(p: { sessionStartsAt: Date; depositOffered: boolean; daysBefore: number; now: Date }): { dueAt: Date; dueNow: boolean } {
  const offered = depositAvailable({ depositAmount: p.depositOffered ? 1 : null, sessionStartsAt: p.sessionStartsAt, daysBefore: p.daysBefore, now: p.now });
  return offered ? { dueAt: balanceDueAt(p.sessionStartsAt, p.daysBefore), dueNow: false } : { dueAt: p.now, dueNow: true };
}

/** Whether a balance date has arrived: from then on it is "due now", not "due by" a day that may be behind us. */
export function balanceDueNow(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() <= now.getTime();
}

/** "due now" or "due by Tue, 15 Dec 2026", for a balance still owed; null without a date. */
export function balanceDueText(dueAt: Date | null, now: Date, timeZone: string): string | null {
  if (!dueAt) return null;
  return balanceDueNow(dueAt, now) ? "due now" : `due by ${formatDate(dueAt, timeZone)}`;
}

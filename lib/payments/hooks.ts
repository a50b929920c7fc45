// What else happens, inside the same transaction, when money moves: documents, emails, live staff updates.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

export const BOOKING_PAID_CHANNEL = "turnout_booking_paid";

export type PaymentApplied = { bookingId: string; paymentId: string; kind: "full" | "deposit" | "balance"; eventId: string | null };

export async function afterPaymentApplied(tx: Tx, e: PaymentApplied) {
  // Delivered to every listening app instance when (and only if) the transaction commits.
  await tx.execute(sql`select pg_notify(${BOOKING_PAID_CHANNEL}, ${JSON.stringify({ bookingId: e.bookingId, kind: e.kind })})`);
}

export type RefundSucceeded = { refundId: string; bookingId: string; paymentId: string; amount: number; countsAgainstBooking: boolean };

export async function afterRefundSucceeded(_tx: Tx, _e: RefundSucceeded) {
  // Credit notes and refund emails attach here (finance).
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getBookingDetail } from "@/db/queries/bookings";
import { amountOwed } from "@/lib/booking/balance";
import { bookingAccessToken } from "@/lib/booking/reference";
import { bookingForCheckout } from "@/lib/payments/balance-checkout";
import { env } from "@/lib/env";
import { formatMoney, formatSessionWhen, formatTimeZoned } from "@/lib/format";
import { PayForm } from "../pay-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Test checkout", robots: { index: false } };

export default async function SimulatedCheckoutPage({ params }: { params: Promise<{ checkoutId: string }> }) {
  const { checkoutId } = await params;
  if (env().paymentMode !== "simulated") notFound();
  const db = getDb();
  const found = await bookingForCheckout(db, checkoutId);
  if (!found) notFound();
  const { booking, purpose } = found;
  const detail = (await getBookingDetail(db, booking.id))!;
  const isBalance = purpose === "balance";
  const amount = formatMoney(isBalance ? amountOwed(booking) : booking.amountDueNow, booking.currency);
  const open = isBalance
    ? booking.status === "confirmed" && amountOwed(booking) > 0 && (booking.balanceCheckoutExpiresAt ?? new Date(0)) > new Date()
    : booking.status === "pending" && booking.holdExpiresAt > new Date();
  const bookingUrl = `/bookings/${booking.reference}?token=${bookingAccessToken(booking.id)}`;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div role="note" className="rounded-md border-2 border-dashed border-amber-600 bg-amber-50 p-4 text-amber-950">
        <p className="font-bold uppercase tracking-wide">Test mode: simulated checkout</p>
        <p className="text-sm">No card is needed and no money moves. Paying here sends the same signed payment event Stripe would send.</p>
      </div>
      <h1 className="text-2xl font-bold">Pay for booking {booking.reference}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-stone-300 bg-white p-4">
        <dt className="text-stone-600">Course</dt><dd>{detail.course.title}</dd>
        <dt className="text-stone-600">When</dt><dd>{formatSessionWhen(detail.session.startsAt, detail.session.endsAt, detail.venue.timeZone)}</dd>
        <dt className="text-stone-600">Places</dt><dd>{detail.attendees.filter((a) => !a.cancelledAt).length}</dd>
        <dt className="text-stone-600">{isBalance ? "Balance due" : booking.paymentOption === "deposit" ? "Deposit due" : "Amount due"}</dt>
        <dd className="font-semibold">{amount}</dd>
      </dl>
      {open ? (
        <>
          {!isBalance && <p className="text-sm text-stone-700">Places held until {formatTimeZoned(booking.holdExpiresAt, detail.venue.timeZone)}.</p>}
          <PayForm checkoutId={checkoutId} amountLabel={amount} isBalance={isBalance} />
        </>
      ) : (
        <p className="rounded-md bg-stone-100 p-4">
          This checkout is closed ({isBalance ? (amountOwed(booking) === 0 ? "already paid" : "it has expired")
            : booking.status === "confirmed" ? "already paid" : closedBecause(booking.statusReason)}).{" "}
          <Link href={bookingUrl} className="underline">See your booking</Link>
        </p>
      )}
    </div>
  );
}

/** Why a first payment's checkout closed before it was paid. */
function closedBecause(reason: string | null): string {
  if (reason === "session_rescheduled") return "the session moved to another time or place";
  if (reason === "session_cancelled") return "the session was cancelled";
  return "the hold has ended";
}

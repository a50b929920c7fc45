import { placeSummaries } from "@/lib/booking/place-summary";
import type { Metadata } from "next";
import { RELEASED_BY_CLIENT } from "@/lib/booking/release-hold";
import Link from "next/link";
import { notFound } from "next/navigation";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { courses } from "@/db/schema";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { discountTotals } from "@/lib/invoices/snapshot";
import { uninvoicedAmount } from "@/lib/invoices/issue-supplementary-invoice";
import { balanceInvoiceText } from "@/lib/invoices/balance-invoice-text";
import { getInvoiceByBookingId, listCreditNotesForBooking, listRefundsForBooking, listSupplementaryInvoicesForBooking } from "@/db/queries/finance";
import { amountOwed } from "@/lib/booking/balance";
import { balanceDueText } from "@/lib/booking/balance-due";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { formatDate, formatMoney, formatSessionWhen, formatTimeZoned } from "@/lib/format";
import { isOfflineProvider } from "@/lib/payments/offline-methods";
import { BookingStatusWatch } from "@/components/booking/booking-status-watch";
import { qrSvg, validTickets } from "@/lib/tickets/render";
import { PayBalanceForm } from "./pay-balance-form";
import { CancellationNotice } from "@/components/booking/cancellation-notice";
import { latestCancellation } from "@/lib/self-service/cancel-booking";
import { BookingHistory } from "@/components/customer/booking-history";
import { bookingHistory, changeBlocker } from "@/lib/booking/change-booking";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your booking", robots: { index: false } };

const priorityText = { critical: "Critical", high: "High", standard: "Standard" } as const;

export default async function BookingPage({ params, searchParams }: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<{ token?: string; from?: string; cancelled?: string }>;
}) {
  const { reference } = await params;
  const { token, from, cancelled } = await searchParams;
  const db = getDb();
  const found = await getBookingByReference(db, reference.toUpperCase());
  // Same answer for an unknown reference and a wrong token.
  if (!found || !verifyBookingAccessToken(found.id, token)) notFound();
  const d = (await getBookingDetail(db, found.id))!;
  const b = d.booking;
  const tz = d.venue.timeZone;
  const places = placeSummaries(d.attendees);
  const money = (n: number) => formatMoney(n, b.currency);
  const holdOpen = b.status === "pending" && b.holdExpiresAt > new Date();
  const owed = amountOwed(b);
  // A balance whose date has come (a move can make it due at once) reads "due now", never "due by" a past day.
  const now = new Date();
  const [invoice, creditNotes, refundRows, valid, supplementary, history, [course]] = await Promise.all([
    getInvoiceByBookingId(db, b.id), listCreditNotesForBooking(db, b.id), listRefundsForBooking(db, b.id), validTickets(db, d),
    listSupplementaryInvoicesForBooking(db, b.id), bookingHistory(db, b.id),
    db.select({ cutoffHours: courses.changeCutoffHours }).from(courses).where(eq(courses.id, d.course.id)),
  ]);
  // What a raised price (a longer span, a place added) adds to the balance is billed when it is paid, on a
  // supplementary invoice (lib/invoices/issue-supplementary-invoice.ts): the balance panel says which invoice.
  const uninvoiced = b.status === "confirmed" && owed > 0 ? await uninvoicedAmount(db, b.id) : 0;
  // Changes online close before the start (the same rule as the change page): after that, the page says so.
  const changesClosed = changeBlocker({ booking: b, sessionStatus: d.session.status, startsAt: d.session.startsAt, cutoffHours: course.cutoffHours, timeZone: tz, now });
  // A refund that failed at the card issuer is not money back: the page never calls it a refund.
  const refundFailed = refundRows.some((r) => r.status === "failed" && r.countsAgainstBooking) && b.amountRefunded < b.amountPaid;
  // Refunds decided but not yet through: at the card provider, or waiting to be paid back by hand (a transfer).
  const refundsUnderWay = refundRows.filter((r) => r.status === "pending" && r.countsAgainstBooking).reduce((n, r) => n + r.amount, 0);
  // The QR codes are drawn here by the qrcode library (trusted markup, no user input inside).
  const tickets = await Promise.all(valid.map(async (t) => ({ ...t, svg: await qrSvg(t.qrText) })));
  const lastCancellation = cancelled ? await latestCancellation(db, b.id) : null;
  // What brought the customer here: the booking just paid for at checkout, its balance just paid, places just
  // cancelled, or a later visit (the link in an email, the customer's list of bookings). The page's heading and
  // "what happens next" speak of that: a booking made weeks ago is not greeted as just confirmed.
  const arrival = lastCancellation ? "places-cancelled"
    : from === "balance" && owed === 0 ? "balance-paid"
    : from === "checkout" ? "booked" : "visit";
  const documentUrl = (number: string) => `/bookings/${b.reference}/documents/${number}?token=${encodeURIComponent(token ?? "")}`;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <BookingStatusWatch pending={b.status === "pending" && from === "checkout"} paid={b.status === "confirmed"}
        reference={b.reference} courseSlug={d.course.slug} />
      <div aria-live="polite" className="space-y-2">
        {lastCancellation && <CancellationNotice places={lastCancellation.cancellation.attendeeIds.length}
          refundAmount={lastCancellation.cancellation.refundAmount} currency={b.currency} creditNote={lastCancellation.creditNote} />}
        {b.status === "confirmed" && (
          <div className="rounded-lg border-2 border-brand-600 bg-brand-50 p-5">
            <h1 className="text-2xl font-bold text-brand-800">{arrival === "balance-paid" ? "Balance paid" : arrival === "booked" ? "Booking confirmed" : "Your booking"}</h1>
            <p className="mt-1">
              {arrival === "balance-paid" ? <>Thank you, {b.contactName}. Your booking is paid in full; we email a receipt to {b.contactEmail}. </>
                : arrival === "places-cancelled" ? <>The places left on this booking stay confirmed. </>
                : arrival === "visit" ? <>This booking is confirmed. </>
                : <>Thank you, {b.contactName}. </>}
              Your reference is <strong className="font-mono text-lg" data-testid="booking-reference">{b.reference}</strong>.
            </p>
          </div>
        )}
        {b.status === "pending" && (
          <div className="rounded-lg border-2 border-amber-500 bg-amber-50 p-5">
            <h1 className="text-2xl font-bold">{from === "checkout" ? "Confirming your payment…" : "Awaiting payment"}</h1>
            <p className="mt-1">Reference <strong className="font-mono">{b.reference}</strong>.
              {holdOpen ? <> Your places are held until {formatTimeZoned(b.holdExpiresAt, tz)}.</> : <> The hold on your places has ended.</>}
            </p>
            {holdOpen && b.checkoutUrl && from !== "checkout" && (
              <a href={b.checkoutUrl} className="mt-3 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">Return to payment</a>
            )}
          </div>
        )}
        {(b.status === "expired" || b.status === "cancelled") && (
          <div className="rounded-lg border-2 border-stone-400 bg-stone-100 p-5">
            <h1 className="text-2xl font-bold">Booking not completed</h1>
            <p className="mt-1">{stoppedCheckout(b.statusReason) ?? `Booking ${b.reference} was not paid, so its places were released.`} Nothing was charged.</p>
            <Link href={`/book/${d.course.slug}`} className="mt-3 inline-block underline">Start a new booking</Link>
          </div>
        )}
        {b.status === "refunded" && (
          <div className="rounded-lg border-2 border-stone-400 bg-stone-100 p-5">
            <h1 className="text-2xl font-bold">{refundedHeading(b.statusReason, refundFailed, !b.confirmedAt)}</h1>
            <p className="mt-1">
              {refundFailed
                ? "This booking has been cancelled. Your refund has not gone through yet; we will be in touch about returning your money."
                : b.statusReason === "late_payment_no_capacity"
                  ? "Your payment arrived after the hold on your places ended, and the session filled up meanwhile. We have refunded your payment in full."
                  : stoppedCheckout(b.statusReason) && !b.confirmedAt
                  ? `${stoppedCheckout(b.statusReason)} Your payment arrived after that, so we are refunding it in full to the card you paid with.`
                  : `${cancelledBy(b.statusReason)} ${refundLine(b.amountRefunded + refundsUnderWay, b.amountPaid, money, d.payments.some((p) => isOfflineProvider(p.provider)), b.statusReason === "cancelled_by_customer")}`}
            </p>
          </div>
        )}
      </div>

      {b.status === "confirmed" && arrival === "booked" && (
        <section aria-labelledby="next" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="next" className="text-lg font-semibold">What happens next</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>We email a confirmation to {b.contactEmail} with your invoice, the list of attendees and a calendar file.</li>
            <li>Attendees who gave an email address receive the details of their own place.</li>
            <li>We pass each attendee&apos;s requirements to the team preparing the session; we will call you if we need to know more.</li>
            {owed > 0 && b.balanceDueAt && (
              <li>The balance of {money(owed)} is {balanceDueText(b.balanceDueAt, now, tz)}.</li>
            )}
            <li>Keep this page&apos;s link: it is how you see your booking.</li>
          </ul>
        </section>
      )}

      <section aria-labelledby="details" className="rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="details" className="text-lg font-semibold">{d.course.title}</h2>
        <p>{formatSessionWhen(d.session.startsAt, d.session.endsAt, tz)}</p>
        <p>{d.venue.name}, {d.venue.addressLine1}, {d.venue.city} {d.venue.postalCode}</p>
        {b.status === "confirmed" && (
          <p className="mt-1"><a href={`/bookings/${b.reference}/calendar.ics?token=${encodeURIComponent(token ?? "")}`} className="font-medium text-brand-700 underline">
            Add to your calendar (.ics)</a></p>
        )}
        <h3 className="mt-4 font-semibold">Attendees</h3>
        <ol className="mt-1 list-decimal space-y-2 pl-5">
          {d.attendees.map((a) => (
            <li key={a.id}>
              {a.cancelledAt ? <><s>{a.firstName} {a.lastName}</s> <span className="text-stone-600">(place cancelled)</span></> : <>{a.firstName} {a.lastName}</>}
              {/* A cancelled place's seat went back on sale: it is not theirs to show. */}
              {!a.cancelledAt && places.get(a.id) && <span className="text-stone-700"> · {places.get(a.id)}</span>}
              {a.requirements.length > 0 ? (
                <ul className="list-disc pl-5 text-stone-700">
                  {a.requirements.map((r) => <li key={r.id}>{r.label} ({priorityText[r.priority]}){r.details ? `: ${r.details}` : ""}</li>)}
                </ul>
              ) : <span className="text-stone-600"> · no special requirements</span>}
            </li>
          ))}
        </ol>
        <h3 className="mt-4 font-semibold">Payment</h3>
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
          {d.discounts.length > 0 && <>
            <dt>Places at list price</dt><dd className="text-right">{money(d.attendees.reduce((acc, a) => acc + a.listAmount, 0))}</dd>
            {discountTotals({ ...d, attendees: d.attendees.map((a) => ({ ...a, cancelledAt: null })) }).map((x) => (
              <div key={x.label} className="contents"><dt>{x.label}</dt><dd className="text-right">−{money(x.amount)}</dd></div>
            ))}
          </>}
          <dt>Total</dt><dd className="text-right">{money(b.totalAmount)}</dd>
          {b.creditedAmount > 0 && <><dt>Credited</dt><dd className="text-right">−{money(b.creditedAmount)}</dd></>}
          <dt>Paid</dt><dd className="text-right">{money(b.amountPaid)}</dd>
          {b.amountRefunded > 0 && <><dt>Refunded</dt><dd className="text-right">{money(b.amountRefunded)}</dd></>}
          {b.status === "confirmed" && owed > 0 && <><dt className="font-semibold">Balance due</dt><dd className="text-right font-semibold">{money(owed)}</dd></>}
        </dl>
      </section>

      {tickets.length > 0 && (
        <section aria-labelledby="tickets" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="tickets" className="text-lg font-semibold">Tickets</h2>
          <p className="mt-1">Each attendee shows their QR code at the door, on a phone or printed.{" "}
            <a href={`/api/v1/bookings/${b.reference}/tickets.pdf?token=${encodeURIComponent(token ?? "")}`} className="font-medium text-brand-700 underline">Download the tickets (PDF, one per page)</a></p>
          <ul className="mt-3 grid gap-4 sm:grid-cols-2">
            {tickets.map((t) => (
              <li key={t.ticketId} className="rounded-md border border-stone-200 p-3 text-center">
                <div role="img" aria-label={`QR code of ${t.name}'s ticket`} className="mx-auto w-44" dangerouslySetInnerHTML={{ __html: t.svg }} />
                <p className="mt-2 font-semibold">{t.name}</p>
                <p className="text-sm text-stone-700">{[t.ticketType, t.seat].filter(Boolean).join(" · ")}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {b.status === "confirmed" && owed > 0 && token && (
        <section id="balance" aria-labelledby="balance-heading" className="rounded-lg border-2 border-accent-500 bg-white p-5">
          <h2 id="balance-heading" className="text-lg font-semibold">Pay the balance</h2>
          <p className="mt-1">{money(owed)} is {balanceDueText(b.balanceDueAt, now, tz) ?? "due"}. {balanceInvoiceText(invoice?.number ?? null, uninvoiced, owed, money)}</p>
          {from === "balance" && <p role="status" className="mt-2 text-stone-700">If you have just paid, it can take a moment to show here: refresh the page shortly.</p>}
          <div className="mt-3"><PayBalanceForm reference={b.reference} token={token} amountLabel={money(owed)} /></div>
        </section>
      )}

      {b.status === "confirmed" && token && d.session.startsAt > new Date() && (
        <section aria-labelledby="cancel-heading" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="cancel-heading" className="text-lg font-semibold">Cancel places</h2>
          <p className="mt-1">Cancel the whole booking or some attendees; you see exactly what will be refunded before you confirm.</p>
          <a href={`/bookings/${b.reference}/cancel?token=${encodeURIComponent(token)}`} className="mt-2 inline-block font-medium text-brand-700 underline">Cancel places or the booking</a>
        </section>
      )}

      {invoice && (
        <section aria-labelledby="documents" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="documents" className="text-lg font-semibold">{creditNotes.length ? "Invoice and credit notes" : "Invoice"}</h2>
          <ul className="mt-2 space-y-1">
            <li><a href={documentUrl(invoice.number)} className="font-medium text-brand-700 underline">Download invoice {invoice.number} (PDF)</a></li>
            {supplementary.map((inv) => (
              <li key={inv.id}><a href={documentUrl(inv.number)} className="font-medium text-brand-700 underline">Download invoice {inv.number} (PDF)</a>{" "}
                <span className="text-stone-600">· {money(inv.totalAmount)} in addition to invoice {invoice.number}, {formatDate(inv.issuedAt, tz)}</span></li>
            ))}
            {creditNotes.map((cn) => (
              <li key={cn.id}><a href={documentUrl(cn.number)} className="font-medium text-brand-700 underline">Download credit note {cn.number} (PDF)</a>{" "}
                <span className="text-stone-600">· {money(cn.totalAmount)}, {formatDate(cn.issuedAt, tz)}</span></li>
            ))}
          </ul>
        </section>
      )}

      {b.status === "confirmed" && changesClosed && <p>{changesClosed}</p>}
      {b.status === "confirmed" && !changesClosed && (b.spanStartsAt
        // A booking by the hour: staff move it, and more attendees book again (lib/booking/change-booking.ts).
        ? <p>To change names or needs, <Link href="/my-bookings" className="font-medium text-brand-700 underline">sign in to my bookings</Link> with {b.contactEmail}; to change the date or times, contact us.</p>
        // Reserved seats: names and needs online; seats, the date and more places are not changed online.
        : d.session.seatingPlanId
          ? <p>To change names or needs, <Link href="/my-bookings" className="font-medium text-brand-700 underline">sign in to my bookings</Link> with {b.contactEmail}; seats and the date cannot be changed online, and more places are booked again, choosing their seats.</p>
          : <p>To change names, needs or the date, or to add attendees, <Link href="/my-bookings" className="font-medium text-brand-700 underline">sign in to my bookings</Link> with {b.contactEmail}.</p>)}
      {history.length > 0 && <BookingHistory history={history} timeZone={tz} />}
    </div>
  );
}

/** A refunded booking's heading: it was cancelled (with whatever the policy gave back), or only its late payment returned. */
/** `neverConfirmed`: the payment came too late for the booking, which was never confirmed. */
function refundedHeading(reason: string | null, refundFailed: boolean, neverConfirmed: boolean): string {
  if (!refundFailed && (reason === "late_payment_no_capacity" || (neverConfirmed && stoppedCheckout(reason)))) return "Payment refunded";
  return "Booking cancelled";
}

/** A checkout staff stopped by moving or cancelling the session (lib/catalog/sessions.ts); null for any other ending. */
function stoppedCheckout(reason: string | null): string | null {
  if (reason === "session_rescheduled")
    return "We moved this session to another time or place while you were paying, so we stopped your checkout: the session as it is now is shown below, and you are welcome to book it again.";
  if (reason === "session_cancelled") return "We cancelled this session while you were paying, so we stopped your checkout.";
  if (reason === RELEASED_BY_CLIENT) return "This checkout was cancelled where you booked, and its places were given back.";
  return null;
}

function cancelledBy(reason: string | null): string {
  if (reason === "cancelled_by_customer") return "You cancelled this booking.";
  if (reason === "session_cancelled") return "The session was cancelled, and this booking with it.";
  return "This booking has been cancelled.";
}

/**
 * How much of what was paid comes back (refunded, or decided and on its way), and which way: the whole of it,
 * part of it, or nothing. The cancellation policy is named only for the customer's own cancellation.
 */
function refundLine(refunding: number, paid: number, money: (n: number) => string, offline: boolean, byCustomer: boolean): string {
  const way = offline ? "the way you paid: to your card, or by bank transfer for what you paid by transfer or in cash" : "to the card you paid with";
  if (paid === 0) return "Nothing was paid, so nothing is owed back.";
  if (refunding === 0) return byCustomer ? `Under the cancellation policy none of the ${money(paid)} you paid is refunded.` : `None of the ${money(paid)} you paid is refunded.`;
  if (refunding >= paid) return `Everything you paid, ${money(paid)}, goes back ${way}.`;
  return `${money(refunding)} of the ${money(paid)} you paid goes back ${way}${byCustomer ? ", as the cancellation policy allows" : ""}.`;
}

import { randomUUID } from "node:crypto";
import { placeSummaries } from "@/lib/booking/place-summary";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/admin/format";
import { PriorityBadge } from "@/components/admin/requirements/session-card";
import { ActionButton } from "@/components/admin/action-button";
import { getDb } from "@/db";
import { ticketsOfBooking } from "@/db/queries/tickets";
import { reissueTicket, resendConfirmation } from "./actions";
import { getBookingHistory } from "@/db/queries/admin";
import { BookingHistory } from "@/components/customer/booking-history";
import { bookingHistory } from "@/lib/booking/change-booking";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { discountTotals } from "@/lib/invoices/snapshot";
import { amountOwed } from "@/lib/booking/balance";
import { dueAtBookingText, paymentStatusText } from "@/lib/booking/payment-status";
import { answersOfBookings } from "@/db/queries/questions";
import { answerDisplay } from "@/lib/validations/questions";
import { SpanChangeForm } from "@/components/admin/span-change-form";
import { changeBookingSeatsAction, changeBookingSpanAction } from "@/app/admin/bookings/actions";
import { SeatChangeForm } from "@/components/admin/seat-change-form";
import { seatChangeOptions } from "@/lib/booking/seat-change";
import { localDate, localTime } from "@/lib/slots/schedule";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { formatDate, formatMoney, formatSessionWhen } from "@/lib/format";
import { handRefundStatusText } from "@/lib/invoices/status";
import { isOfflineProvider, offlineMethodText, toPayBackByHand, type OfflinePaymentMethod } from "@/lib/payments/offline-methods";
import { offlinePaymentReferences } from "@/lib/payments/offline-payment";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Booking" };

const STATUSES = { pending: "Awaiting payment", confirmed: "Confirmed", expired: "Expired", cancelled: "Cancelled", refunded: "Refunded" } as const;

export default async function BookingAdminPage({ params }: { params: Promise<{ reference: string }> }) {
  const staff = await requireStaffPage(["admin", "finance"]);
  const { reference } = await params;
  const db = getDb();
  const found = await getBookingByReference(db, decodeURIComponent(reference).toUpperCase());
  if (!found) notFound();
  const [d, history, changes] = await Promise.all([getBookingDetail(db, found.id), getBookingHistory(db, found.id), bookingHistory(db, found.id, { staffView: true })]);
  if (!d) notFound();
  const b = d.booking;
  const tz = d.venue.timeZone;
  const places = placeSummaries(d.attendees);
  // A cancelled place names its type where a place of this booking would (placeSummary's rule: several types, a
  // type other than the only "Standard", or a seated session), never the seat it gave back.
  const typesInBooking = new Set(d.attendees.map((a) => a.ticketTypeId)).size;
  const cancelledTypeShown = (a: (typeof d.attendees)[number]) => typesInBooking > 1 || a.ticketType.name !== "Standard" || d.session.seatingPlanId != null;
  const cancelledPlaces = d.attendees.filter((a) => a.cancelledAt).length;
  const staffTz = env().STAFF_TIME_ZONE;
  const money = (n: number) => formatMoney(n, b.currency);
  const at = (x: Date) => formatDateTime(x, staffTz);
  const seesNeeds = staff.role === "admin";
  const ticketOf = new Map((await ticketsOfBooking(db, d.booking.id)).map((t) => [t.attendeeId, t]));
  // Sensitive answers (dates of birth, who may collect a child) are shown to admins only.
  const answers = await answersOfBookings(db, [b.id], { includeSensitive: seesNeeds });
  // A confirmed seated booking: its session and the course's other seated sessions, with every seat's state.
  const seating = await seatChangeOptions(db, d);
  // Money paid by transfer or in cash: how finance recorded it, and what of it finance has still to pay back by hand.
  const references = await offlinePaymentReferences(db, b.id, d.payments);
  const byHand = toPayBackByHand(d.payments, history.refunds);

  return (
    <div className="space-y-6">
      <Link href="/admin/bookings" className="underline">All bookings</Link>
      <div className="space-y-1">
        <h1 className="text-3xl font-bold">Booking <span className="font-mono">{b.reference}</span></h1>
        <p className="text-lg">{byHand > 0 && b.status === "refunded" ? "Cancelled" : STATUSES[b.status]} · {byHand > 0 ? handRefundStatusText(byHand, b.currency) : paymentStatusText(b)}{b.statusReason ? ` · ${b.statusReason.replaceAll("_", " ")}` : ""}</p>
        <p className="text-stone-700">Made {at(b.createdAt)}{b.confirmedAt ? `, confirmed ${at(b.confirmedAt)}` : ""}</p>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="session" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="session" className="text-lg font-semibold">Session</h2>
          <p>{staff.role === "admin" ? <Link href={`/admin/sessions/${d.session.id}`} className="underline">{d.course.title}</Link> : d.course.title}</p>
          <p>{formatSessionWhen(d.session.startsAt, d.session.endsAt, tz)}</p>
          <p>{d.venue.name}, {d.venue.city}</p>
          {d.session.status === "cancelled" && <p className="font-semibold text-red-800">This session has been cancelled.</p>}
        </section>
        <section aria-labelledby="contact" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="contact" className="text-lg font-semibold">Contact</h2>
          <p>{b.contactName}{b.organisation ? `, ${b.organisation}` : ""}</p>
          <p><a href={`mailto:${b.contactEmail}`} className="underline">{b.contactEmail}</a> · {b.contactPhone}</p>
          {b.billingLine1 && (
            <p className="mt-2 text-stone-700">Invoice to: {[b.billingLine1, b.billingLine2, b.billingCity, b.billingPostalCode, b.billingCountry].filter(Boolean).join(", ")}{b.vatId ? ` · VAT ${b.vatId}` : ""}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="attendees" className="rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="attendees" className="text-lg font-semibold">
          Attendees ({cancelledPlaces ? `${d.attendees.length - cancelledPlaces} of ${d.attendees.length}; ${cancelledPlaces} cancelled` : d.attendees.length})
        </h2>
        <ol className="mt-2 space-y-3">
          {d.attendees.map((a) => (
            <li key={a.id} className="border-t border-stone-200 pt-2">
              <p className="font-medium">{a.position}. {a.firstName} {a.lastName}{a.isBooker ? " (the booker)" : ""}{a.email ? ` · ${a.email}` : ""}
                {/* A cancelled place's seat went back on sale: its type is said, not the seat. */}
                {!a.cancelledAt && places.get(a.id) && <span className="font-normal text-stone-700"> · {places.get(a.id)}</span>}
                {a.cancelledAt && cancelledTypeShown(a) && <span className="font-normal text-stone-700"> · {a.ticketType.name}</span>}
                {a.cancelledAt && <span className="font-semibold text-red-800"> · Place cancelled {at(a.cancelledAt)}</span>}</p>
              {staff.role === "admin" && ticketOf.get(a.id) && !a.cancelledAt && b.status === "confirmed" && (
                <div className="mt-1 flex flex-wrap items-center gap-3 text-sm">
                  <span>Ticket v{ticketOf.get(a.id)!.version}{ticketOf.get(a.id)!.reissuedAt ? `, reissued ${at(ticketOf.get(a.id)!.reissuedAt!)}` : ""}</span>
                  <ActionButton action={reissueTicket} input={{ attendeeId: a.id }} busyLabel="Reissuing…"
                    confirm={`Reissue ${a.firstName} ${a.lastName}'s ticket? The old QR code will stop working.`}>
                    Reissue ticket<span className="sr-only"> of {a.firstName} {a.lastName}</span>
                  </ActionButton>
                </div>
              )}
              {/* Needs are health information: admins prepare sessions with them, finance has no call to see them. */}
              <AnswerList answers={answers.filter((x) => x.attendeeId === a.id)} />
              {!seesNeeds ? null : a.requirements.length === 0 ? <p className="text-stone-600">No special requirements</p> : (
                <ul className="mt-1 space-y-1">
                  {a.requirements.map((r) => (
                    <li key={r.id}>
                      <PriorityBadge priority={r.priority} /> {r.label}{r.details ? `: ${r.details}` : ""}
                      <span className="text-sm text-stone-600"> · {r.acknowledgedAt ? `acknowledged ${at(r.acknowledgedAt)}` : "not yet acknowledged"}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>

      {answers.some((x) => x.attendeeId === null) && (
        <section aria-labelledby="booking-answers" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="booking-answers" className="text-lg font-semibold">Answers for the booking</h2>
          <AnswerList answers={answers.filter((x) => x.attendeeId === null)} />
        </section>
      )}

      {b.spanStartsAt && b.spanEndsAt && b.status === "confirmed" && (
        <SpanChangeForm bookingId={b.id} timeZone={tz} changeBookingSpanAction={changeBookingSpanAction} date={localDate(b.spanStartsAt, tz)}
          start={localTime(b.spanStartsAt, tz)} end={localTime(b.spanEndsAt, tz)} />
      )}

      {seating && (
        <SeatChangeForm bookingId={b.id} changeBookingSeatsAction={changeBookingSeatsAction}
          places={seating.places.map(({ unitAmount: _u, ...p }) => p)}
          sessions={seating.sessions.map((s) => ({
            id: s.id, current: s.current, planName: s.planName, seats: s.seats,
            label: `${formatSessionWhen(s.startsAt, s.endsAt, s.timeZone)}, ${s.venueName}${s.current ? "" : ` (${s.left} places left)`}`,
            places: Object.fromEntries(Object.entries(s.places).map(([id, t]) => [id, t && { typeName: t.typeName, seatClass: t.seatClass, priceText: money(t.priceAmount) }])),
          }))} />
      )}

      <section aria-labelledby="money" className="rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="money" className="text-lg font-semibold">Payments</h2>
        <dl className="grid max-w-md grid-cols-[1fr_auto] gap-x-4 gap-y-1">
          {d.discounts.length > 0 && <>
            <dt>Places at list price</dt><dd className="text-right">{money(d.attendees.reduce((acc, a) => acc + a.listAmount, 0))}</dd>
            {discountTotals({ ...d, attendees: d.attendees.map((a) => ({ ...a, cancelledAt: null })) }).map((x) => <div key={x.label} className="contents"><dt>{x.label}</dt><dd className="text-right">−{money(x.amount)}</dd></div>)}
          </>}
          <dt>{b.unitAmount != null ? `${b.attendeeCount} × ${money(b.unitAmount)}` : `${b.attendeeCount} places`}</dt><dd className="text-right">{money(b.totalAmount)}</dd>
          <dt>{dueAtBookingText(b)}</dt><dd className="text-right">{money(b.amountDueNow)}</dd>
          <dt>Paid</dt><dd className="text-right">{money(b.amountPaid)}</dd>
          <dt>Refunded</dt><dd className="text-right">{money(b.amountRefunded)}</dd>
          {/* Credit notes lower the price (a cancelled place, a cheaper span or session) without changing the total above. */}
          {b.creditedAmount > 0 && <>
            <dt>Credited (credit notes)</dt><dd className="text-right">−{money(b.creditedAmount)}</dd>
            <dt>Price now</dt><dd className="text-right">{money(b.totalAmount - b.creditedAmount)}</dd>
          </>}
          {b.status === "confirmed" && amountOwed(b) > 0 && <><dt>Still owed</dt><dd className="text-right font-semibold">{money(amountOwed(b))}</dd></>}
          {b.balanceDueAt && b.status === "confirmed" && amountOwed(b) > 0 && <><dt>Balance due by</dt><dd className="text-right">{formatDateTime(b.balanceDueAt, tz)}</dd></>}
        </dl>
        {d.payments.length > 0 && (
          <table className="mt-3 w-full text-left text-sm">
            <caption className="text-left font-medium">Payments received</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">Amount</th><th scope="col">Refunded</th><th scope="col">Provider id or method</th></tr></thead>
            <tbody>{d.payments.map((p) => (
              <tr key={p.id} className="border-t border-stone-200">
                {/* Finance records the day money arrived by hand, not the time: the time stored is a placeholder. */}
                <td>{isOfflineProvider(p.provider) ? formatDate(p.receivedAt, staffTz) : at(p.receivedAt)}</td><td>{p.kind}</td><td>{formatMoney(p.amount, p.currency)}</td>
                <td>{formatMoney(p.amountRefunded, p.currency)}</td>
                {isOfflineProvider(p.provider)
                  ? <td>{offlinePaymentText(p.provider, references.get(p.id) ?? null, formatDate(p.receivedAt, staffTz))}</td>
                  : <td className="font-mono">{p.providerPaymentId}</td>}
              </tr>
            ))}</tbody>
          </table>
        )}
        {history.refunds.length > 0 && (
          <table className="mt-3 w-full text-left text-sm">
            <caption className="text-left font-medium">Refunds</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Amount</th><th scope="col">Reason</th><th scope="col">Status</th></tr></thead>
            <tbody>{history.refunds.map((r) => (
              <tr key={r.id} className="border-t border-stone-200"><td>{at(r.createdAt)}</td><td>{formatMoney(r.amount, r.currency)}</td>
                <td>{r.reason.replaceAll("_", " ")}</td><td>{r.status === "pending" && toPayBackByHand(d.payments, [r]) > 0 ? "to pay back by hand" : r.status}{r.lastError ? ` (${r.lastError})` : ""}</td></tr>
            ))}</tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="hold" className="rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="hold" className="text-lg font-semibold">Hold on places</h2>
        <p>
          {b.status === "pending"
            ? (b.holdExpiresAt > new Date() ? `${b.attendeeCount} places held until ${at(b.holdExpiresAt)}.` : `The hold lapsed at ${at(b.holdExpiresAt)}; the places are released shortly.`)
            : b.releasedAt ? `${b.attendeeCount} held places were released ${at(b.releasedAt)}.`
            : b.status === "confirmed" ? `The hold became ${b.attendeeCount} booked places when payment arrived.` : "No places held."}
        </p>
      </section>

      <section aria-labelledby="history" className="rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="history" className="text-lg font-semibold">History</h2>
        {history.logs.length === 0 ? <p className="text-stone-600">Nothing recorded.</p> : (
          <ol className="mt-2 space-y-1 text-sm">
            {history.logs.map((l) => (
              <li key={l.id}><span className="text-stone-600">{at(l.createdAt)}</span> · <span className="font-medium">{l.type.replaceAll("_", " ")}</span>: {l.message}</li>
            ))}
          </ol>
        )}
        {staff.role === "admin" && (
          <p className="mt-3 text-sm"><Link href={`/admin/audit?entity=booking&id=${b.id}`} className="underline">Staff actions on this booking</Link></p>
        )}
        {b.status === "confirmed" && (
          <div className="mt-3">
            <ActionButton action={resendConfirmation} input={{ bookingId: b.id, requestId: randomUUID() }} busyLabel="Sending…"
              confirm={`Email the confirmation with its documents to ${b.contactEmail} again?`}
              doneLabel="Sent: the confirmation is on its way and shows under Emails once delivered.">
              Email the confirmation again
            </ActionButton>
          </div>
        )}
        {history.emails.length > 0 && (
          <>
            <h3 className="mt-4 font-semibold">Emails</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {history.emails.map((m) => <li key={m.id}><span className="text-stone-600">{at(m.createdAt)}</span> · {m.subject} → {m.toAddress} ({m.status})</li>)}
            </ul>
          </>
        )}
      </section>
      <BookingHistory history={changes} timeZone={tz} staffView />
    </div>
  );
}

/** "Bank transfer, reference TRN 123, received Thu, 3 Dec 2026": money finance recorded as received outside the checkout. */
function offlinePaymentText(method: OfflinePaymentMethod, reference: string | null, receivedOn: string): string {
  return `${offlineMethodText[method]}${reference ? `, reference ${reference}` : ""}, received ${receivedOn}`;
}

/** Answers to the course's custom questions; sensitive ones are marked (and loaded only for admins). */
function AnswerList({ answers }: { answers: { id: string; label: string; value: string | number | boolean | string[]; sensitive: boolean; kind?: string }[] }) {
  if (answers.length === 0) return null;
  return (
    <dl className="mt-1 grid grid-cols-1 gap-x-4 sm:grid-cols-[auto_1fr]">
      {answers.map((x) => (
        <div key={x.id} className="contents">
          <dt className="text-stone-700">{x.label}{x.sensitive && <span className="text-sm"> (sensitive)</span>}</dt>
          <dd>{answerDisplay(x.value, x.kind)}</dd>
        </div>
      ))}
    </dl>
  );
}

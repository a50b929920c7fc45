import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getBookingByReference, getBookingDetail } from "@/db/queries/bookings";
import { getInvoiceByBookingId } from "@/db/queries/finance";
import { verifyBookingAccessToken } from "@/lib/booking/reference";
import { AppError } from "@/lib/errors";
import { formatMoney, formatSessionWhen } from "@/lib/format";
import { durationText, policySentences } from "@/lib/self-service/cancellation-policy";
import { placeSummaries } from "@/lib/booking/place-summary";
import { checkedInAttendees, previewCancellation, type CancellationPreview } from "@/lib/self-service/cancel-booking";
import { pointsBackOnCancelling } from "@/db/queries/member-points";
import { isOfflineProvider } from "@/lib/payments/offline-methods";
import { FocusedAlert } from "@/components/ui/focused-alert";
import { ConfirmCancellationForm } from "./confirm-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cancel places", robots: { index: false } };

export default async function CancelBookingPage({ params, searchParams }: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<{ token?: string; attendee?: string | string[]; choose?: string }>;
}) {
  const { reference } = await params;
  const { token, attendee, choose } = await searchParams;
  const db = getDb();
  const found = await getBookingByReference(db, reference.toUpperCase());
  if (!found || !token || !verifyBookingAccessToken(found.id, token)) notFound();
  const d = (await getBookingDetail(db, found.id))!;
  const b = d.booking;
  const back = `/bookings/${b.reference}?token=${encodeURIComponent(token)}`;
  const chosen = (Array.isArray(attendee) ? attendee : attendee ? [attendee] : []).slice(0, 12);
  const money = (n: number) => formatMoney(n, b.currency);
  const active = d.attendees.filter((a) => !a.cancelledAt);
  // Each place's ticket type where it says something (the booking page's rule).
  const summaries = placeSummaries(active);
  const named = (a: (typeof active)[number]) => `${a.firstName} ${a.lastName}${summaries.get(a.id) ? ` (${summaries.get(a.id)})` : ""}`;
  /** What was paid for a place, beside its price when they differ (a deposit, a place added and not yet paid for). */
  const paidText = (p: CancellationPreview, attendeeId: string) => {
    const a = active.find((x) => x.id === attendeeId)!;
    const paid = p.places.find((x) => x.attendeeId === attendeeId)?.paid ?? 0;
    const price = paid === a.unitAmount ? `paid ${money(paid)}` : `paid ${money(paid)} of its ${money(a.unitAmount)} price`;
    return a.discountAmount > 0 ? `${price}, after ${money(a.discountAmount)} off` : price;
  };

  const arrived = await checkedInAttendees(db, active.map((a) => a.id));
  let preview: CancellationPreview | null = null;
  let whole: CancellationPreview | null = null;
  let problem: string | null = null;
  try {
    // Without a choice yet, check that the booking can be cancelled at all (every place): that preview gives what
    // each place was paid and what cancelling them all refunds, from the code the cancellation itself runs.
    // Places already checked in at the door are not offered (the cancellation refuses them, naming them).
    const open = active.filter((a) => !arrived.includes(a.id)).map((a) => a.id);
    const p = await previewCancellation(db, b.id, chosen.length ? chosen : arrived.length ? open : []);
    if (chosen.length) preview = p;
    else whole = p;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problem = err.message;
  }
  const invoice = preview ? await getInvoiceByBookingId(db, b.id) : null;
  const paidOffline = d.payments.some((p) => isOfflineProvider(p.provider));
  const one = preview?.attendeeIds.length === 1;
  // Reward points the booking spent come back with its places (their share of them): said before confirming.
  const pointsBack = preview ? await pointsBackOnCancelling(db, b.id, preview.attendeeIds)
    : whole ? await pointsBackOnCancelling(db, b.id, whole.attendeeIds) : 0;
  // The form was sent with no attendee ticked: said beside the choice, not a silent reload.
  const nothingChosen = choose === "1" && chosen.length === 0;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Cancel places</h1>
        <p className="mt-1">{d.course.title}, {formatSessionWhen(d.session.startsAt, d.session.endsAt, d.venue.timeZone)} · booking <span className="font-mono">{b.reference}</span></p>
      </div>

      {problem && (
        <FocusedAlert className="rounded-md border-2 border-red-700 bg-red-50 p-4">
          <p className="font-medium text-red-800">{problem}</p>
          <Link href={chosen.length ? `/bookings/${b.reference}/cancel?token=${encodeURIComponent(token)}` : back} className="mt-2 inline-block font-medium text-brand-700 underline">
            {chosen.length ? "Choose again" : "Back to your booking"}
          </Link>
        </FocusedAlert>
      )}

      {!problem && !preview && (
        <form method="get" className="space-y-4 rounded-lg border border-stone-300 bg-white p-5">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="choose" value="1" />
          {nothingChosen && (
            <FocusedAlert id="choose-error" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">
              Tick at least one attendee whose place you want to cancel.
            </FocusedAlert>
          )}
          <fieldset aria-describedby={nothingChosen ? "choose-error" : undefined}>
            <legend className="text-lg font-semibold">Which places do you want to cancel?</legend>
            <p className="text-stone-700">Tick every attendee whose place you want to cancel. Ticking all of them cancels the whole booking.</p>
            <ul className="mt-3 space-y-2" data-testid="places-paid">
              {whole?.places.filter((p) => !arrived.includes(p.attendeeId)).map(({ attendeeId }) => {
                const a = active.find((x) => x.id === attendeeId)!;
                return (
                  <li key={a.id} className="flex items-center gap-3">
                    <input type="checkbox" id={`attendee-${a.id}`} name="attendee" value={a.id} className="h-5 w-5" />
                    <label htmlFor={`attendee-${a.id}`}>{named(a)} <span className="text-stone-600">· {paidText(whole, a.id)}</span></label>
                  </li>
                );
              })}
            </ul>
            {arrived.length > 0 && (
              <p className="mt-2 text-stone-700">
                Already checked in at the door, so not cancelled online: {active.filter((a) => arrived.includes(a.id)).map(named).join(", ")}.
              </p>
            )}
          </fieldset>
          {whole && (
            <div className="space-y-1 text-stone-800" data-testid="refund-now">
              <p>Cancelling now{whole.quote.band ? `, at least ${durationText(whole.quote.band.hoursBefore)} before the start,` : ", this close to the start,"}{" "}
                {whole.quote.refundPercent === 0 ? "refunds nothing of what you paid" : `refunds ${whole.quote.refundPercent}% of what you paid for the places you cancel`}
                {whole.quote.depositKept > 0 ? ", less the deposits, which are kept" : ""}
                {whole.quote.feeAmount > 0 ? `, less a cancellation fee of ${money(whole.quote.feeAmount)}` : ""}.</p>
              <p>Cancelling {arrived.length ? "every place not yet checked in" : "the whole booking"} now refunds <strong>{money(whole.quote.refundAmount)}</strong>
                {pointsBack > 0 && <> and gives back <strong>{pointsBack} reward {pointsBack === 1 ? "point" : "points"}</strong></>}. The next step shows the exact refund for the places you tick before anything is cancelled.</p>
            </div>
          )}
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">Show what will be refunded</button>
          <p><Link href={back} className="font-medium text-brand-700 underline">Keep my booking as it is</Link></p>
        </form>
      )}

      {preview && (
        <section aria-labelledby="refund-heading" className="space-y-4 rounded-lg border-2 border-accent-500 bg-white p-5">
          <h2 id="refund-heading" className="text-lg font-semibold">What you get back</h2>
          <p>You are cancelling {preview.quote.cancelsEverything ? "the whole booking" : one ? "this place" : "these places"}:{" "}
            <strong>{active.filter((a) => preview.attendeeIds.includes(a.id)).map(named).join(", ")}</strong>.</p>
          <ul className="list-disc pl-5" data-testid="cancelled-places-paid">
            {preview.places.filter((x) => x.cancel).map((x) => {
              const a = active.find((y) => y.id === x.attendeeId)!;
              return <li key={a.id}>{a.firstName} {a.lastName}: {paidText(preview, a.id)}</li>;
            })}
          </ul>
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1" data-testid="cancellation-quote">
            <dt>Paid for {one ? "this place" : "these places"}</dt><dd className="text-right">{money(preview.quote.paidForPlaces)}</dd>
            {preview.quote.depositKept > 0 && <><dt>Deposit kept (not refundable)</dt><dd className="text-right">−{money(preview.quote.depositKept)}</dd></>}
            <dt>Refund band: {preview.quote.band ? `at least ${durationText(preview.quote.band.hoursBefore)} before the start` : "too close to the start"}</dt>
            <dd className="text-right">{preview.quote.refundPercent}%</dd>
            {preview.quote.feeAmount > 0 && <><dt>Cancellation fee</dt><dd className="text-right">−{money(preview.quote.feeAmount)}</dd></>}
            <dt className="font-semibold">{paidOffline ? "Refund" : "Refund to your card"}</dt><dd className="text-right font-semibold" data-testid="refund-amount">{money(preview.quote.refundAmount)}</dd>
            {pointsBack > 0 && <><dt>Reward points back to your balance</dt><dd className="text-right" data-testid="points-back">{pointsBack}</dd></>}
          </dl>
          <p>{preview.credit > 0
            ? <>We will issue a credit note of {money(preview.credit)} against invoice {invoice?.number ?? "for this booking"}{preview.credit > preview.quote.refundAmount ? `, which also clears what was still owed for ${one ? "this place" : "these places"}` : ""}.</>
            : <>Nothing is refunded, and nothing more is owed for {one ? "this place" : "these places"}.</>}
            {" "}{one ? "The place goes" : "The places go"} back on sale and cannot be restored.</p>
          {paidOffline && preview.quote.refundAmount > 0 && (
            <p>What you paid by bank transfer or in cash is paid back to you by bank transfer; what you paid by card goes back to the card.</p>
          )}
          <ConfirmCancellationForm reference={b.reference} token={token} attendeeIds={preview.attendeeIds} idempotencyKey={randomUUID()}
            label={preview.quote.cancelsEverything ? "Cancel the whole booking" : `Cancel ${preview.attendeeIds.length === 1 ? "this place" : `these ${preview.attendeeIds.length} places`}`} />
          <p><Link href={back} className="font-medium text-brand-700 underline">Keep my booking as it is</Link></p>
        </section>
      )}

      {preview && (
        <section aria-labelledby="policy-heading" className="rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="policy-heading" className="text-lg font-semibold">Cancellation policy</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">{policySentences(preview.policy, b.currency, { deposit: b.paymentOption === "deposit" }).map((s) => <li key={s}>{s}</li>)}</ul>
        </section>
      )}
    </div>
  );
}

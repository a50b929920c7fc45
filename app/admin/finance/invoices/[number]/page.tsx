import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getBookingDetail } from "@/db/queries/bookings";
import { getInvoiceForDesk, listCreditNotesForBooking, listInvoicesForBooking, listRefundsForBooking } from "@/db/queries/finance";
import { InvoiceStatusBadge } from "@/components/finance/status-badge";
import { RefundForm } from "@/components/finance/refund-form";
import { markOfflineRefundPaidAction, recordOfflinePaymentAction, refundBookingAction } from "@/app/admin/finance/actions";
import { OfflinePaymentSection } from "@/components/finance/offline-payment-form";
import { ActionButton } from "@/components/admin/action-button";
import { isOfflineProvider, offlineMethodText, toPayBackByHand } from "@/lib/payments/offline-methods";
import { requireStaffPage } from "@/lib/auth/guard";
import { amountOwed, netPaid } from "@/lib/booking/balance";
import { env } from "@/lib/env";
import { formatDate, formatMoney, minorUnitDigits } from "@/lib/format";
import { formatTaxRate } from "@/lib/invoices/amounts";
import { invoiceOnDesk } from "@/lib/invoices/desk";
import { isoDay } from "@/lib/invoices/periods";
import { handRefundStatusText, invoiceStatus, invoiceStatusText } from "@/lib/invoices/status";
import { refundableAmount } from "@/lib/payments/refund-booking";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: `Invoice ${(await params).number}` };
}

const refundStatusText = { pending: "Pending", succeeded: "Refunded", failed: "Failed" } as const;
const kindText = { full: "Payment in full", deposit: "Deposit", balance: "Balance" } as const;

export default async function InvoicePage({ params }: { params: Promise<{ number: string }> }) {
  await requireStaffPage(["finance", "admin"]);
  const { number } = await params;
  const db = getDb();
  const invoice = await getInvoiceForDesk(db, number.toUpperCase());
  if (!invoice) notFound();
  const e = env();
  const [d, creditNotes, refundRows, refundable, bookingInvoices, onDesk] = await Promise.all([
    getBookingDetail(db, invoice.bookingId), listCreditNotesForBooking(db, invoice.bookingId),
    listRefundsForBooking(db, invoice.bookingId), refundableAmount(db, invoice.bookingId), listInvoicesForBooking(db, invoice.bookingId),
    invoiceOnDesk(db, invoice, { now: new Date(), reminderDays: e.BALANCE_REMINDER_DAYS }),
  ]);
  if (!d) notFound();
  const b = d.booking;
  const tz = e.FINANCE_TIME_ZONE;
  const money = (n: number) => formatMoney(n, invoice.currency);
  // As the desk's list says it: a supplementary invoice by its own share of the money, the booking's own by the rest.
  const status = onDesk?.status ?? invoiceStatus(b, new Date(), e.BALANCE_REMINDER_DAYS);
  // A refund of money paid by transfer or in cash is not made until finance pays it back: until then the booking's own
  // invoice reads as what is still to pay back, not "Refunded" or "Paid" (as on the list).
  const byHand = onDesk ? onDesk.toPayBackByHand : toPayBackByHand(d.payments, refundRows);
  const statusText = onDesk?.statusText ?? (byHand > 0 ? handRefundStatusText(byHand, invoice.currency) : invoiceStatusText(status, b));
  const invoiced = bookingInvoices.reduce((acc, i) => acc + i.totalAmount, 0);
  const activePlaces = d.attendees.filter((a) => !a.cancelledAt);
  const canRefund = (b.status === "confirmed" || b.status === "refunded") && refundable > 0;
  // Refunds of money paid by transfer or in cash: finance pays them back and marks them.
  const offlinePayments = new Set(d.payments.filter((p) => isOfflineProvider(p.provider)).map((p) => p.id));
  const handRefunds = new Set(refundRows.filter((r) => offlinePayments.has(r.paymentId)).map((r) => r.id));
  const owed = b.status === "confirmed" ? amountOwed(b) : 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-stone-600"><Link href="/admin/finance" className="underline">Invoices</Link> /</p>
          <h1 className="flex items-center gap-3 text-3xl font-bold"><span className="font-mono">{invoice.number}</span> <InvoiceStatusBadge status={status} text={statusText} awaitsHandRefund={byHand > 0} /></h1>
        </div>
        <a href={`/admin/finance/documents/${invoice.number}`} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">Download PDF</a>
      </div>

      <section aria-labelledby="issued" className="grid gap-4 rounded-lg border border-stone-300 bg-white p-5 sm:grid-cols-2">
        <h2 id="issued" className="sr-only">As issued</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-stone-600">Issued</dt><dd>{formatDate(invoice.issuedAt, tz)}</dd>
          <dt className="text-stone-600">Supply date</dt><dd>{formatDate(invoice.supplyDate, tz)}</dd>
          <dt className="text-stone-600">Booking</dt><dd className="font-mono">{b.reference}</dd>
          <dt className="text-stone-600">Course</dt><dd>{d.course.title}, {formatDate(d.session.startsAt, d.venue.timeZone)}</dd>
          <dt className="text-stone-600">PDF SHA-256</dt><dd className="font-mono text-xs break-all">{invoice.pdfSha256 ?? "not rendered yet"}</dd>
        </dl>
        <div>
          <p className="font-semibold">{invoice.buyer.name}</p>
          {invoice.buyer.organisation && <p>{invoice.buyer.organisation}</p>}
          {invoice.buyer.addressLines.map((l, i) => <p key={i}>{l}</p>)}
          {invoice.buyer.email && <p className="text-stone-700">{invoice.buyer.email}</p>}
          {invoice.buyer.vatId && <p>VAT ID {invoice.buyer.vatId}</p>}
        </div>
      </section>

      <section aria-labelledby="lines" className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
        <table className="w-full text-left">
          <caption id="lines" className="p-3 text-left text-lg font-semibold">Lines as invoiced</caption>
          <thead className="bg-stone-100 text-sm"><tr><th scope="col" className="p-3">Description</th><th scope="col" className="p-3 text-right">Amount</th></tr></thead>
          <tbody>
            {invoice.lines.map((l, i) => (
              <tr key={i} className="border-t border-stone-200"><td className="p-3">{l.description}<br /><span className="text-sm text-stone-600">{l.detail}</span></td>
                <td className="p-3 text-right tabular-nums">{money(l.amount)}</td></tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-stone-300">
            <tr><th scope="row" className="p-3 text-right font-normal">Net</th><td className="p-3 text-right tabular-nums">{money(invoice.subtotalAmount)}</td></tr>
            <tr><th scope="row" className="p-3 text-right font-normal">VAT at {formatTaxRate(invoice.taxRateBasisPoints)}</th><td className="p-3 text-right tabular-nums">{money(invoice.taxAmount)}</td></tr>
            <tr><th scope="row" className="p-3 text-right">Total</th><td className="p-3 text-right font-semibold tabular-nums">{money(invoice.totalAmount)}</td></tr>
          </tfoot>
        </table>
      </section>

      <section aria-labelledby="now" className="rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="now" className="text-lg font-semibold">Where the booking stands</h2>
        {bookingInvoices.length > 1 && <p className="mt-1 text-sm text-stone-600">Across its invoices {bookingInvoices.map((i) => i.number).join(", ")}.</p>}
        <dl className="mt-2 grid max-w-md grid-cols-[1fr_auto] gap-x-4 gap-y-1">
          <dt>Invoiced</dt><dd className="text-right tabular-nums">{money(invoiced)}</dd>
          <dt>Credited</dt><dd className="text-right tabular-nums">{money(b.creditedAmount)}</dd>
          <dt>Paid, less refunds</dt><dd className="text-right tabular-nums">{money(netPaid(b))}</dd>
          <dt className="font-semibold">Outstanding</dt><dd className="text-right font-semibold tabular-nums">{money(b.status === "confirmed" ? amountOwed(b) : 0)}</dd>
          {b.balanceDueAt && amountOwed(b) > 0 && <><dt>Balance due by</dt><dd className="text-right">{formatDate(b.balanceDueAt, tz)}</dd></>}
        </dl>
        <h3 className="mt-4 font-semibold">Payments</h3>
        <ul className="mt-1 space-y-1">
          {d.payments.map((p) => (
            <li key={p.id}>{formatDate(p.receivedAt, tz)}: {kindText[p.kind]} {formatMoney(p.amount, p.currency)}
              {isOfflineProvider(p.provider) && <span className="text-stone-700"> by {offlineMethodText[p.provider].toLowerCase()}</span>}
              {p.amountRefunded > 0 && <span className="text-stone-700"> ({formatMoney(p.amountRefunded, p.currency)} refunded)</span>}</li>
          ))}
        </ul>
        {refundRows.length > 0 && (
          <>
            <h3 className="mt-4 font-semibold">Refunds</h3>
            <ul className="mt-1 space-y-1">
              {refundRows.map((r) => (
                <li key={r.id}>{formatDate(r.createdAt, tz)}: {formatMoney(r.amount, r.currency)}, {r.reason} ·{" "}
                  <span className={r.status === "succeeded" ? "text-brand-800" : "text-amber-800"}>{handRefunds.has(r.id) && r.status === "pending" ? "To pay back by hand" : refundStatusText[r.status]}</span>
                  {handRefunds.has(r.id) && r.status === "pending" && (
                    <ActionButton action={markOfflineRefundPaidAction} input={{ refundId: r.id }}
                      confirm={`Mark ${formatMoney(r.amount, r.currency)} as paid back to the customer? They are then sent the credit note.`}
                      doneLabel="Marked as paid back.">
                      Mark as paid back<span className="sr-only"> {formatMoney(r.amount, r.currency)}</span>
                    </ActionButton>
                  )}
                  {r.lastError && r.status !== "succeeded" && <span className="text-sm text-stone-600"> (last error: {r.lastError})</span>}</li>
              ))}
            </ul>
          </>
        )}
        {creditNotes.length > 0 && (
          <>
            <h3 className="mt-4 font-semibold">Credit notes</h3>
            <ul className="mt-1 space-y-1">
              {creditNotes.map((c) => (
                <li key={c.id}><a href={`/admin/finance/documents/${c.number}`} className="font-mono text-brand-700 underline">{c.number}</a>{" "}
                  {formatDate(c.issuedAt, tz)}: credit {money(c.totalAmount)}, refund {money(c.refundAmount)}, {c.reason}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <OfflinePaymentSection open={owed > 0 && b.amountPaid > 0} recordOfflinePaymentAction={recordOfflinePaymentAction} bookingId={b.id}
        currency={invoice.currency} owedInput={(owed / 10 ** minorUnitDigits(invoice.currency)).toFixed(minorUnitDigits(invoice.currency))}
        owedText={money(owed)} today={isoDay(new Date(), e.FINANCE_TIME_ZONE)} />

      <section aria-labelledby="refund" className="space-y-2">
        <h2 id="refund" className="text-lg font-semibold">Refund</h2>
        {canRefund ? (
          <RefundForm refundBookingAction={refundBookingAction} paidOffline={offlinePayments.size > 0} bookingId={b.id} currency={invoice.currency} fractionDigits={minorUnitDigits(invoice.currency)} refundable={refundable}
            places={activePlaces.map((a) => ({ id: a.id, name: `${a.firstName} ${a.lastName}` }))} />
        ) : (
          <p className="text-stone-700">Nothing on this booking can be refunded.</p>
        )}
      </section>
    </div>
  );
}

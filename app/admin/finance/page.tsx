import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { courseOptions } from "@/db/queries/admin";
import { InvoiceStatusBadge } from "@/components/finance/status-badge";
import { FinanceFilterForm } from "@/components/finance/filter-form";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { formatDate, formatMoney } from "@/lib/format";
import { invoiceDesk, type CurrencyTotals } from "@/lib/invoices/desk";
import { monthOf } from "@/lib/invoices/periods";
import { exportRangeFor, readFinanceFilter, type RawSearchParams } from "@/lib/invoices/desk-filter";
import { TotalsTable } from "@/components/finance/totals-table";
import { EXPORT_TOO_LONG, exportSpanAllowed, filterQuery } from "@/lib/validations/finance";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invoices" };

const SHOWN = 500;

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaffPage(["finance", "admin"]);
  const { filter, errors } = readFinanceFilter(await searchParams);
  const e = env();
  const now = new Date();
  const tz = e.FINANCE_TIME_ZONE;
  const [{ invoices, totals }, courses] = await Promise.all([
    invoiceDesk(getDb(), filter, { now, reminderDays: e.BALANCE_REMINDER_DAYS, timeZone: tz }),
    courseOptions(getDb()),
  ]);
  const range = exportRangeFor(filter, monthOf(now, tz));
  // The exports carry the whole filter: they hold what this list shows.
  const exportQuery = filterQuery({ ...filter, ...range });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-3xl font-bold">Invoices</h1>
        <div className="text-sm">
          <p className="font-medium">Export what this filter shows, issued {formatDate(`${range.from}T12:00:00Z`, tz)} to {formatDate(`${range.to}T12:00:00Z`, tz)}:</p>
          {/* A span the exports refuse is said here, rather than linked to an error. */}
          {exportSpanAllowed(range) ? (
            <p className="mt-1 flex gap-3">
              <a href={`/admin/finance/export/csv?${exportQuery}`} className="font-semibold text-brand-700 underline">CSV for accounting</a>
              <a href={`/admin/finance/export/zip?${exportQuery}`} className="font-semibold text-brand-700 underline">ZIP of PDFs</a>
            </p>
          ) : <p className="mt-1 font-medium text-red-800">{EXPORT_TOO_LONG}: narrow the dates to export.</p>}
          <p className="text-stone-600">Uses the search, status, course and dates of the filter (this month without dates).</p>
        </div>
      </div>
      <FinanceFilterForm action="/admin/finance" filter={filter} withStatus errors={errors} courses={courses} />
      <TotalsTable<CurrencyTotals> caption="Totals for this filter" countLabel="Invoices" totals={totals} columns={[
        { label: "Net", value: (t) => t.subtotal }, { label: "VAT", value: (t) => t.tax }, { label: "Invoiced", value: (t) => t.total },
        { label: "Credited", value: (t) => t.credited }, { label: "Paid", value: (t) => t.paid }, { label: "Outstanding", value: (t) => t.owed },
      ]} />
      <p role="status">
        {invoices.length === 0 ? "No invoices match." : invoices.length > SHOWN
          ? `Showing the newest ${SHOWN} of ${invoices.length} invoices; narrow the filter to see the rest (the totals count them all).`
          : `${invoices.length} invoice${invoices.length === 1 ? "" : "s"}.`}
      </p>
      {invoices.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left" aria-label="Invoices">
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">Number</th><th scope="col" className="p-3">Issued</th><th scope="col" className="p-3">Customer</th>
              <th scope="col" className="p-3">Booking</th><th scope="col" className="p-3 text-right">Total</th><th scope="col" className="p-3 text-right">Paid</th>
              <th scope="col" className="p-3 text-right">Outstanding</th><th scope="col" className="p-3">Status</th><th scope="col" className="p-3">PDF</th>
            </tr></thead>
            <tbody>
              {invoices.slice(0, SHOWN).map((i) => (
                <tr key={i.id} className="border-t border-stone-200 align-top">
                  <td className="p-3 whitespace-nowrap"><Link href={`/admin/finance/invoices/${i.number}`} className="font-mono underline">{i.number}</Link></td>
                  <td className="p-3 whitespace-nowrap">{formatDate(i.issuedAt, tz)}</td>
                  <td className="p-3">{i.buyer.name}{i.buyer.organisation && <><br /><span className="text-sm text-stone-700">{i.buyer.organisation}</span></>}</td>
                  <td className="p-3 font-mono text-sm whitespace-nowrap">{i.booking.reference}</td>
                  <td className="p-3 text-right tabular-nums">{formatMoney(i.totalAmount, i.currency)}</td>
                  <td className="p-3 text-right tabular-nums">{formatMoney(i.paid, i.currency)}</td>
                  <td className="p-3 text-right tabular-nums">{formatMoney(i.owed, i.currency)}</td>
                  <td className="p-3"><InvoiceStatusBadge status={i.status} text={i.statusText} awaitsHandRefund={i.toPayBackByHand > 0} /></td>
                  <td className="p-3"><a href={`/admin/finance/documents/${i.number}`} className="text-brand-700 underline" aria-label={`Download ${i.number} as PDF`}>Download</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

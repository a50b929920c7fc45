import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { courseOptions } from "@/db/queries/admin";
import { FinanceFilterForm } from "@/components/finance/filter-form";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { formatDate, formatMoney } from "@/lib/format";
import { creditNoteDesk, type CreditNoteTotals } from "@/lib/invoices/desk";
import { readFinanceFilter, type RawSearchParams } from "@/lib/invoices/desk-filter";
import { creditNoteRefundLabel } from "@/lib/invoices/status";
import { TotalsTable } from "@/components/finance/totals-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Credit notes" };

export default async function CreditNotesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireStaffPage(["finance", "admin"]);
  const { filter, errors } = readFinanceFilter(await searchParams);
  const tz = env().FINANCE_TIME_ZONE;
  const [{ creditNotes, totals }, courses] = await Promise.all([
    creditNoteDesk(getDb(), { ...filter, status: undefined }, { timeZone: tz }),
    courseOptions(getDb()),
  ]);
  return (
    <div className="space-y-5">
      <h1 className="text-3xl font-bold">Credit notes</h1>
      <FinanceFilterForm action="/admin/finance/credit-notes" filter={filter} withStatus={false} errors={errors} courses={courses} />
      <TotalsTable<CreditNoteTotals> caption="Totals for this filter" countLabel="Credit notes" totals={totals} columns={[
        { label: "Net", value: (t) => t.subtotal }, { label: "VAT", value: (t) => t.tax }, { label: "Credited", value: (t) => t.total },
        { label: "Refunded", value: (t) => t.refunded },
      ]} />
      <p role="status">{creditNotes.length === 0 ? "No credit notes match." : `${creditNotes.length} credit note${creditNotes.length === 1 ? "" : "s"}.`}</p>
      {creditNotes.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left" aria-label="Credit notes">
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">Number</th><th scope="col" className="p-3">Issued</th><th scope="col" className="p-3">Credits invoice</th>
              <th scope="col" className="p-3">Customer</th><th scope="col" className="p-3 text-right">Credit</th><th scope="col" className="p-3 text-right">Refunded</th>
              <th scope="col" className="p-3">Reason</th><th scope="col" className="p-3">PDF</th>
            </tr></thead>
            <tbody>
              {creditNotes.map((c) => (
                <tr key={c.id} className="border-t border-stone-200 align-top">
                  <td className="p-3 font-mono whitespace-nowrap">{c.number}</td>
                  <td className="p-3 whitespace-nowrap">{formatDate(c.issuedAt, tz)}</td>
                  <td className="p-3 whitespace-nowrap"><Link href={`/admin/finance/invoices/${c.invoice.number}`} className="font-mono underline">{c.invoice.number}</Link></td>
                  <td className="p-3">{c.invoice.buyer.name}</td>
                  <td className="p-3 text-right tabular-nums">{formatMoney(c.totalAmount, c.currency)}</td>
                  <td className="p-3 text-right tabular-nums">{formatMoney(c.refundAmount, c.currency)}{c.refundStatus && c.refundStatus !== "succeeded" && <span className="block text-sm text-amber-800">{creditNoteRefundLabel(c.refundStatus)}</span>}</td>
                  <td className="p-3">{c.reason}</td>
                  <td className="p-3"><a href={`/admin/finance/documents/${c.number}`} className="text-brand-700 underline" aria-label={`Download ${c.number} as PDF`}>Download</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

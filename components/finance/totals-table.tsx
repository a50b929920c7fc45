import { formatMoney } from "@/lib/format";

export type TotalsColumn<T> = { label: string; value: (t: T) => number };

/** Totals for the filter, one row per currency (amounts in different currencies are never added). */
export function TotalsTable<T extends { currency: string; count: number }>({ caption, countLabel, totals, columns }: {
  caption: string;
  countLabel: string;
  totals: T[];
  columns: TotalsColumn<T>[];
}) {
  if (totals.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-lg border border-brand-600 bg-brand-50">
      <table className="w-full text-left" aria-label={caption}>
        <caption className="px-3 pt-3 text-left font-semibold text-brand-800">{caption}</caption>
        <thead className="text-sm"><tr>
          <th scope="col" className="p-3">Currency</th><th scope="col" className="p-3 text-right">{countLabel}</th>
          {columns.map((c) => <th key={c.label} scope="col" className="p-3 text-right">{c.label}</th>)}
        </tr></thead>
        <tbody>
          {totals.map((t) => (
            <tr key={t.currency} className="border-t border-brand-100">
              <th scope="row" className="p-3">{t.currency}</th>
              <td className="p-3 text-right">{t.count}</td>
              {columns.map((c) => <td key={c.label} className="p-3 text-right tabular-nums">{formatMoney(c.value(t), t.currency)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

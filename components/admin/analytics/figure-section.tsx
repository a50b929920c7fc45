// One dashboard figure: its heading, what it counts, a CSV link, its chart(s) and the same figures as a
// real table (the accessible alternative to the chart, and the whole list where a chart shows the first rows).
import type { LoadedFigure } from "@/lib/analytics/load";

export function FigureSection({ figure, csvHref, children, openTable = false, emptyText = "Nothing in this period." }: {
  figure: LoadedFigure;
  csvHref: string;
  children?: React.ReactNode;
  /** Tables without a chart are shown open: they are the figure. */
  openTable?: boolean;
  emptyText?: string;
}) {
  const headingId = `figure-${figure.id}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-stone-300 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-xl font-semibold">{figure.title}</h2>
        <a href={csvHref} className="font-semibold text-brand-700 underline" download>
          CSV<span className="sr-only"> of {figure.title.toLowerCase()}</span>
        </a>
      </div>
      <p className="text-sm text-stone-700">{figure.description}</p>
      {figure.cells.length === 0 ? <p>{emptyText}</p> : (
        <>
          {children}
          <details open={openTable || !children} className="group">
            <summary className="cursor-pointer font-medium text-brand-800">Table: {figure.title}</summary>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full text-left text-sm" data-figure={figure.id}>
                <caption className="sr-only">{figure.title}</caption>
                <thead>
                  <tr className="border-b border-stone-300">
                    {figure.headers.map((h, i) => (
                      <th key={h} scope="col" className={`px-2 py-1.5 font-semibold ${figure.numeric[i] ? "text-right" : ""}`}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {figure.cells.map((row, r) => (
                    <tr key={r} className="border-b border-stone-200 last:border-0">
                      {row.map((cell, i) => i === 0
                        ? <th key={i} scope="row" className="px-2 py-1.5 font-medium">{cell}</th>
                        : <td key={i} className={`px-2 py-1.5 ${figure.numeric[i] ? "text-right tabular-nums" : ""}`}>{cell}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

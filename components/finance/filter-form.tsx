// The finance desk's search: a plain GET form, so a filtered list is a link finance can share or bookmark.
import { invoiceStatusFilterLabel, invoiceStatuses } from "@/lib/invoices/status";
import type { FinanceFilterInput } from "@/lib/validations/finance";

const input = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5";

export function FinanceFilterForm({ action, filter, withStatus, errors, courses }: {
  action: string;
  filter: FinanceFilterInput;
  withStatus: boolean;
  errors: Record<string, string>;
  courses: { id: string; title: string }[];
}) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter documents"
      className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
      <div className="sm:col-span-2">
        <label htmlFor="f-q" className="font-medium">Number or customer</label>
        <input id="f-q" name="q" type="search" defaultValue={filter.q} placeholder="INV-2026-00012, name, organisation, email or booking" className={input} />
      </div>
      <div>
        <label htmlFor="f-from" className="font-medium">Issued from</label>
        <input id="f-from" name="from" type="date" defaultValue={filter.from} aria-invalid={errors.from ? true : undefined}
          aria-describedby={errors.from ? "f-from-error" : undefined} className={input} />
        {errors.from && <p id="f-from-error" className="text-sm font-medium text-red-700">{errors.from}</p>}
      </div>
      <div>
        <label htmlFor="f-to" className="font-medium">Issued to</label>
        <input id="f-to" name="to" type="date" defaultValue={filter.to} aria-invalid={errors.to ? true : undefined}
          aria-describedby={errors.to ? "f-to-error" : undefined} className={input} />
        {errors.to && <p id="f-to-error" className="text-sm font-medium text-red-700">{errors.to}</p>}
      </div>
      {withStatus && (
        <div>
          <label htmlFor="f-status" className="font-medium">Status</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""} className={input}>
            <option value="">Any</option>
            {invoiceStatuses.map((s) => <option key={s} value={s}>{invoiceStatusFilterLabel[s]}</option>)}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="f-course" className="font-medium">Course</label>
        <select id="f-course" name="course" defaultValue={filter.course ?? ""} className={input}
          aria-invalid={errors.course ? true : undefined} aria-describedby={errors.course ? "f-course-error" : undefined}>
          <option value="">Any</option>
          {courses.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </select>
        {errors.course && <p id="f-course-error" className="text-sm font-medium text-red-700">{errors.course}</p>}
      </div>
      <div className="flex gap-2 lg:col-span-5">
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">Filter</button>
        <a href={action} className="inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-5 py-2.5 font-semibold text-stone-800">Clear</a>
      </div>
    </form>
  );
}

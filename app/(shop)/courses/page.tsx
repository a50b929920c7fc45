import type { Metadata } from "next";
import { publicCategories, publicTicketTypes, publicUpcomingSessions } from "@/lib/catalog/public-listings";
import { SessionList } from "@/components/catalog/session-list";
import { readCatalogueFilter } from "@/lib/validations/catalogue-filter";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Courses" };

export default async function CoursesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { filter, errors } = readCatalogueFilter(await searchParams);
  const { from, to } = filter;
  const categories = await publicCategories();
  const category = filter.category && categories.includes(filter.category) ? filter.category : undefined;
  const sessions = await publicUpcomingSessions({
    category,
    fromDay: from,
    toDay: to,
  });
  const ticketTypes = await publicTicketTypes(sessions);
  const input = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5";
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Courses</h1>
      <form method="get" className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-4 sm:items-end" aria-label="Filter sessions">
        <div>
          <label htmlFor="category" className="font-medium">Category</label>
          <select id="category" name="category" defaultValue={category ?? ""} className={input}>
            <option value="">All categories</option>
            {categories.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="font-medium">From</label>
          <input id="from" name="from" type="date" defaultValue={from} className={input}
            aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "from-error" : undefined} />
          {errors.from && <p id="from-error" className="text-sm font-medium text-red-700">{errors.from}</p>}
        </div>
        <div>
          <label htmlFor="to" className="font-medium">To</label>
          <input id="to" name="to" type="date" defaultValue={to} className={input}
            aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "to-error" : undefined} />
          {errors.to && <p id="to-error" className="text-sm font-medium text-red-700">{errors.to}</p>}
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">Show sessions</button>
      </form>
      <p role="status" className="text-stone-700">{sessions.length} {sessions.length === 1 ? "session" : "sessions"}</p>
      <SessionList sessions={sessions} ticketTypes={ticketTypes} />
    </div>
  );
}

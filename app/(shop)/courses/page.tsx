import type { Metadata } from "next";
import { getDb } from "@/db";
import { listCategories, listUpcomingSessions } from "@/db/queries/catalog";
import { ticketAvailability } from "@/db/queries/ticket-types";
import { presentTicketTypes } from "@/lib/catalog/public-ticket-types";
import { SessionList } from "@/components/catalog/session-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Courses" };

const dateOnly = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export default async function CoursesPage({ searchParams }: { searchParams: Promise<{ category?: string; from?: string; to?: string }> }) {
  const sp = await searchParams;
  const from = dateOnly(sp.from);
  const to = dateOnly(sp.to);
  const db = getDb();
  const categories = await listCategories(db);
  const category = categories.includes(sp.category ?? "") ? sp.category : undefined;
  const sessions = await listUpcomingSessions(db, {
    category,
    fromDay: from,
    toDay: to,
  });
  const ticketTypes = new Map([...(await ticketAvailability(db, sessions))]
    .map(([id, list]) => [id, presentTicketTypes(list, sessions.find((s) => s.id === id)!.course.currency)]));
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
          <input id="from" name="from" type="date" defaultValue={from} className={input} />
        </div>
        <div>
          <label htmlFor="to" className="font-medium">To</label>
          <input id="to" name="to" type="date" defaultValue={to} className={input} />
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">Show sessions</button>
      </form>
      <p role="status" className="text-stone-700">{sessions.length} {sessions.length === 1 ? "session" : "sessions"}</p>
      <SessionList sessions={sessions} ticketTypes={ticketTypes} />
    </div>
  );
}

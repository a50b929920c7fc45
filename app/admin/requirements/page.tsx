import type { Metadata } from "next";
import { getDb } from "@/db";
import { courseOptions } from "@/db/queries/admin";
import { listDashboardSessions } from "@/db/queries/requirements";
import { sessionArrivals } from "@/lib/check-in/arrivals";
import { LiveUpdates } from "@/components/admin/requirements/live-updates";
import { SessionCard } from "@/components/admin/requirements/session-card";
import { acknowledgeRequirement, addChecklistItem, removeChecklistItem, setChecklistItemDone } from "@/app/admin/requirements/actions";
import { env } from "@/lib/env";
import { requireStaffPage } from "@/lib/auth/guard";
import { formatDate } from "@/lib/format";
import { CATEGORIES, PRIORITIES, categoryLabel, priorityLabel, seesSensitiveAnswers } from "@/lib/requirements/dashboard";
import { loadDashboard } from "@/lib/requirements/load-dashboard";
import { dashboardFilterQuery, parseDashboardFilter } from "@/lib/validations/requirements";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Requirements" };

const input = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5";

export default async function RequirementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaffPage(["admin"]);
  const filter = parseDashboardFilter(await searchParams);
  const db = getDb();
  const [dashboard, courses, sessionChoices] = await Promise.all([
    loadDashboard(db, filter, new Date(), { includeSensitive: seesSensitiveAnswers(staff.role) }),
    courseOptions(db),
    listDashboardSessions(db, { course: filter.course }),
  ]);
  const query = dashboardFilterQuery(filter);
  const { totals } = dashboard;
  const attention = dashboard.sessions.filter((s) => s.unacknowledgedCritical > 0);

  const arrivals = new Map(await Promise.all(dashboard.sessions.map(async (s) => [s.id, await sessionArrivals(getDb(), s.id)] as const)));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">Requirements</h1>
          <p className="text-stone-700">Needs of attendees on confirmed bookings for the coming sessions, most urgent first.</p>
        </div>
        <div className="flex gap-3">
          <a href={`/admin/requirements/export/csv${query ? `?${query}` : ""}`} download className="rounded-md border border-stone-300 bg-white px-4 py-2 font-semibold hover:bg-stone-100">Export CSV</a>
          <a href={`/admin/requirements/export/pdf${query ? `?${query}` : ""}`} className="rounded-md border border-stone-300 bg-white px-4 py-2 font-semibold hover:bg-stone-100">Printable PDF</a>
        </div>
      </div>

      <LiveUpdates sessionId={filter.session ?? undefined} />

      <form method="get" aria-label="Filter requirements" className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
        <div>
          <label htmlFor="f-course" className="font-medium">Course</label>
          <select id="f-course" name="course" defaultValue={filter.course ?? ""} className={input}>
            <option value="">All courses</option>
            {courses.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-session" className="font-medium">Session</label>
          <select id="f-session" name="session" defaultValue={filter.session ?? ""} className={input}>
            <option value="">All sessions</option>
            {sessionChoices.map((s) => <option key={s.id} value={s.id}>{s.course.title}, {formatDate(s.startsAt, s.venue.timeZone)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="font-medium">From</label>
          <input id="f-from" name="from" type="date" defaultValue={filter.from} className={input} />
        </div>
        <div>
          <label htmlFor="f-to" className="font-medium">To</label>
          <input id="f-to" name="to" type="date" defaultValue={filter.to} className={input} />
        </div>
        <div>
          <label htmlFor="f-category" className="font-medium">Category</label>
          <select id="f-category" name="category" defaultValue={filter.category ?? ""} className={input}>
            <option value="">All categories</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel[c]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-priority" className="font-medium">Priority</label>
          <select id="f-priority" name="priority" defaultValue={filter.priority ?? ""} className={input}>
            <option value="">All priorities</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{priorityLabel[p]}</option>)}
          </select>
        </div>
        <div className="flex gap-3 sm:col-span-3 lg:col-span-6">
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">Apply filters</button>
          {query && <a href="/admin/requirements" className="self-center underline">Clear filters</a>}
        </div>
      </form>

      <section aria-labelledby="summary" className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 md:grid-cols-2">
        <h2 id="summary" className="sr-only">Summary</h2>
        <table className="text-left">
          <caption className="text-left font-semibold">By priority</caption>
          <tbody>
            {PRIORITIES.map((p) => <tr key={p}><th scope="row" className="pr-6 font-normal">{priorityLabel[p]}</th><td data-testid={`count-${p}`}>{totals.byPriority[p]}</td></tr>)}
            <tr className="border-t border-stone-200"><th scope="row" className="pr-6">Total</th><td className="font-semibold">{totals.total}</td></tr>
          </tbody>
        </table>
        <table className="text-left">
          <caption className="text-left font-semibold">By category</caption>
          <tbody>
            {CATEGORIES.map((c) => <tr key={c}><th scope="row" className="pr-6 font-normal">{categoryLabel[c]}</th><td>{totals.byCategory[c]}</td></tr>)}
          </tbody>
        </table>
      </section>

      {attention.length > 0 && (
        <section aria-labelledby="attention" className="rounded-lg border-2 border-red-700 bg-red-50 p-4">
          <h2 id="attention" className="font-semibold text-red-800">
            {attention.length} {attention.length === 1 ? "session has" : "sessions have"} Critical needs not yet acknowledged
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {attention.map((s) => (
              <li key={s.id}><a href={`#session-${s.id}`} className="underline">{s.course.title}, {formatDate(s.startsAt, s.venue.timeZone)}</a> — {s.unacknowledgedCritical} Critical</li>
            ))}
          </ul>
        </section>
      )}

      {dashboard.sessions.length === 0
        ? <p className="rounded-lg border border-stone-300 bg-white p-5">No upcoming sessions match these filters.</p>
        : dashboard.sessions.map((s) => <SessionCard key={s.id} s={s} exportQuery={query} retentionDays={env().REQUIREMENT_RETENTION_DAYS} arrivals={arrivals.get(s.id)}
          actions={{ acknowledgeRequirement, addChecklistItem, removeChecklistItem, setChecklistItemDone }} />)}
    </div>
  );
}

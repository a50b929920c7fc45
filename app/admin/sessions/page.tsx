import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { courseOptions, listSessionsForAdmin, venueOptions } from "@/db/queries/admin";
import { SessionTable } from "@/components/admin/catalog/session-table";
import { requireStaffPage } from "@/lib/auth/guard";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

const input = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5";

export default async function SessionsAdminPage({ searchParams }: { searchParams: Promise<{ course?: string; venue?: string; when?: string; status?: string }> }) {
  await requireStaffPage(["admin"]);
  const sp = await searchParams;
  const filter = {
    courseId: sp.course && isUuid(sp.course) ? sp.course : undefined,
    venueId: sp.venue && isUuid(sp.venue) ? sp.venue : undefined,
    when: (["upcoming", "past", "all"] as const).find((w) => w === sp.when) ?? "upcoming",
    status: (["scheduled", "cancelled"] as const).find((s) => s === sp.status),
  };
  const db = getDb();
  const [rows, courses, venues] = await Promise.all([listSessionsForAdmin(db, filter), courseOptions(db), venueOptions(db)]);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Sessions</h1>
        <Link href="/admin/sessions/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">Schedule a session</Link>
      </div>
      <form method="get" aria-label="Filter sessions" className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-5 sm:items-end">
        <div><label htmlFor="s-course" className="font-medium">Course</label>
          <select id="s-course" name="course" defaultValue={filter.courseId ?? ""} className={input}>
            <option value="">All courses</option>{courses.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select></div>
        <div><label htmlFor="s-venue" className="font-medium">Venue</label>
          <select id="s-venue" name="venue" defaultValue={filter.venueId ?? ""} className={input}>
            <option value="">All venues</option>{venues.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
          </select></div>
        <div><label htmlFor="s-when" className="font-medium">When</label>
          <select id="s-when" name="when" defaultValue={filter.when} className={input}>
            <option value="upcoming">Upcoming</option><option value="past">Past</option><option value="all">All</option>
          </select></div>
        <div><label htmlFor="s-status" className="font-medium">Status</label>
          <select id="s-status" name="status" defaultValue={filter.status ?? ""} className={input}>
            <option value="">Any</option><option value="scheduled">Scheduled</option><option value="cancelled">Cancelled</option>
          </select></div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">Show sessions</button>
      </form>
      <SessionTable rows={rows} showCourse />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listVenuesForAdmin } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { assessmentProgress, VENUE_FEATURES } from "@/lib/requirements/venue-features";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Venues" };

export default async function VenuesAdminPage() {
  await requireStaffPage(["admin"]);
  const rows = await listVenuesForAdmin(getDb());
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Venues</h1>
        <Link href="/admin/venues/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">New venue</Link>
      </div>
      <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
        <table className="w-full text-left">
          <thead className="bg-stone-100 text-sm"><tr>
            <th scope="col" className="p-3">Venue</th><th scope="col" className="p-3">Town</th>
            <th scope="col" className="p-3">Accessibility assessed</th><th scope="col" className="p-3">Lacks</th><th scope="col" className="p-3">Status</th>
          </tr></thead>
          <tbody>
            {rows.map(({ venue: v, statuses }) => {
              const p = assessmentProgress(statuses);
              const lacks = VENUE_FEATURES.filter((f) => statuses[f.code] === "no").map((f) => f.label);
              return (
                <tr key={v.id} className="border-t border-stone-200">
                  <td className="p-3"><Link href={`/admin/venues/${v.id}`} className="font-medium underline">{v.name}</Link></td>
                  <td className="p-3">{v.city}</td>
                  <td className="p-3">{p.answered} of {p.total} ({p.requiredAnswered} of {p.requiredTotal} required)</td>
                  <td className="p-3">{lacks.length ? lacks.join(", ") : "—"}</td>
                  <td className="p-3">{v.archivedAt ? "Archived" : "In use"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

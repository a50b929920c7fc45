import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listRequirementTemplatesForAdmin } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { categoryLabel, priorityLabel } from "@/lib/requirements/dashboard";
import { venueFeatureLabel } from "@/lib/requirements/venue-features";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Requirement types" };

export default async function RequirementTemplatesPage() {
  await requireStaffPage(["admin"]);
  const rows = await listRequirementTemplatesForAdmin(getDb());
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Requirement types</h1>
        <Link href="/admin/requirement-templates/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">New requirement type</Link>
      </div>
      <p className="text-stone-700">The needs attendees can choose when booking, how urgent each is, and the preparation it brings.</p>
      <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
        <table className="w-full text-left">
          <thead className="bg-stone-100 text-sm"><tr>
            <th scope="col" className="p-3">Requirement</th><th scope="col" className="p-3">Category</th><th scope="col" className="p-3">Priority</th>
            <th scope="col" className="p-3">Tasks</th><th scope="col" className="p-3">Venue features</th><th scope="col" className="p-3">Status</th>
          </tr></thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} className="border-t border-stone-200 align-top">
                <td className="p-3"><Link href={`/admin/requirement-templates/${t.id}`} className="font-medium underline">{t.label}</Link></td>
                <td className="p-3">{categoryLabel[t.category]}</td>
                <td className="p-3">{priorityLabel[t.priority]}</td>
                <td className="p-3">{t.checklistItems.length}</td>
                <td className="p-3">{t.venueFeatures.map(venueFeatureLabel).join(", ") || "—"}</td>
                <td className="p-3">{t.active ? "Offered" : "Archived"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

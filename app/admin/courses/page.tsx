import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listCoursesForAdmin } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Courses" };

export default async function CoursesAdminPage() {
  await requireStaffPage(["admin"]);
  const rows = await listCoursesForAdmin(getDb());
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Courses</h1>
        <Link href="/admin/courses/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">New course</Link>
      </div>
      <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
        <table className="w-full text-left">
          <thead className="bg-stone-100 text-sm"><tr>
            <th scope="col" className="p-3">Course</th><th scope="col" className="p-3">Category</th><th scope="col" className="p-3">Price</th>
            <th scope="col" className="p-3">Deposit</th><th scope="col" className="p-3">Upcoming sessions</th><th scope="col" className="p-3">Status</th>
          </tr></thead>
          <tbody>
            {rows.map(({ course: c, upcomingSessions }) => (
              <tr key={c.id} className="border-t border-stone-200">
                <td className="p-3"><Link href={`/admin/courses/${c.id}`} className="font-medium underline">{c.title}</Link></td>
                <td className="p-3">{c.category}</td>
                <td className="p-3">{formatMoney(c.priceAmount, c.currency)}</td>
                <td className="p-3">{c.depositAmount ? formatMoney(c.depositAmount, c.currency) : "—"}</td>
                <td className="p-3">{upcomingSessions}</td>
                <td className="p-3">{c.status === "active" ? "Offered" : "Archived"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import { formatDateTime } from "@/components/admin/format";
import { StaffUserForm } from "@/components/admin/staff-user-form";
import { StaffUserRowActions } from "@/components/admin/staff-user-row-actions";
import { createStaffUser, disableStaffUser, enableStaffUser, updateStaffUser } from "@/app/admin/users/actions";
import { getDb } from "@/db";
import { listStaffUsers } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staff" };

export default async function StaffUsersPage() {
  const me = await requireStaffPage(["admin"]);
  const rows = await listStaffUsers(getDb());
  const tz = env().STAFF_TIME_ZONE;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Staff</h1>
      <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
        <table className="w-full text-left">
          <thead className="bg-stone-100 text-sm"><tr>
            <th scope="col" className="p-3">Email</th><th scope="col" className="p-3">Name</th><th scope="col" className="p-3">Status</th>
            <th scope="col" className="p-3">Last sign-in link used</th><th scope="col" className="p-3">Role and access</th>
          </tr></thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-t border-stone-200 align-top">
                <td className="p-3">{u.email}{u.id === me.id ? " (you)" : ""}</td>
                <td className="p-3">{u.name ?? "—"}</td>
                <td className="p-3">{u.disabledAt ? `Disabled ${formatDateTime(u.disabledAt, tz)}` : "Active"}</td>
                <td className="p-3">{u.emailVerified ? formatDateTime(u.emailVerified, tz) : "Never"}</td>
                <td className="p-3"><StaffUserRowActions id={u.id} email={u.email} role={u.role} name={u.name} disabled={Boolean(u.disabledAt)} self={u.id === me.id}
                  actions={{ disableStaffUser, enableStaffUser, updateStaffUser }} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="add" className="max-w-4xl space-y-3">
        <h2 id="add" className="text-xl font-semibold">Add a staff member</h2>
        <StaffUserForm createStaffUser={createStaffUser} />
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { AddMemberForm, ImportMembersForm } from "@/components/admin/members/member-forms";
import { createMemberAction, importMembersAction } from "@/app/admin/members/actions";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { listMembers } from "@/lib/members/admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

const levelLabel = { silver: "Silver", gold: "Gold", platinum: "Platinum" } as const;

export default async function MembersPage() {
  await requireStaffPage(["admin"]);
  const rows = await listMembers(getDb());
  const zone = env().FINANCE_TIME_ZONE;
  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-3xl font-bold">Members</h1>
      <p className="text-stone-700">Fan-club members earn reward points on paid bookings made with their email.</p>
      <section aria-labelledby="members-list" className="space-y-2">
        <h2 id="members-list" className="text-xl font-semibold">All members ({rows.length})</h2>
        {rows.length === 0 ? <p>No members yet.</p> : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <thead><tr className="border-b border-stone-300">
                <th scope="col" className="p-2">Number</th><th scope="col" className="p-2">Email</th><th scope="col" className="p-2">Name</th>
                <th scope="col" className="p-2">Level</th><th scope="col" className="p-2">Valid from</th><th scope="col" className="p-2">Valid until</th>
                <th scope="col" className="p-2"><span className="sr-only">Points</span></th>
              </tr></thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} className="border-b border-stone-200">
                    <td className="p-2 font-mono">{m.memberNumber}</td><td className="p-2">{m.email}</td><td className="p-2">{m.name ?? ""}</td>
                    <td className="p-2">{levelLabel[m.level]}</td><td className="p-2">{formatDate(m.validFrom, zone)}</td>
                    <td className="p-2">{m.validUntil ? formatDate(new Date(m.validUntil.getTime() - 1), zone) : "No end"}</td>
                    <td className="p-2"><Link href={`/admin/members/${m.id}`} className="underline">Points<span className="sr-only"> of member {m.memberNumber}</span></Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="members-add" className="space-y-2">
        <h2 id="members-add" className="text-xl font-semibold">Add a member</h2>
        <AddMemberForm createMemberAction={createMemberAction} />
      </section>
      <section aria-labelledby="members-import" className="space-y-2">
        <h2 id="members-import" className="text-xl font-semibold">Import members</h2>
        <ImportMembersForm importMembersAction={importMembersAction} />
      </section>
    </div>
  );
}

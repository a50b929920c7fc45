import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { PointsHistory } from "@/components/customer/membership";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { memberPointsById } from "@/lib/members/ledger";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Member points" };

const levelLabel = { silver: "Silver", gold: "Gold", platinum: "Platinum" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function MemberPointsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  const data = UUID.test(id) ? await memberPointsById(getDb(), id) : null;
  if (!data) notFound();
  const { member, balance, ledger } = data;
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/admin/members" className="underline">All members</Link>
      <h1 className="text-3xl font-bold">Member {member.memberNumber}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">Email</dt><dd>{member.email}</dd>
        {member.name && <><dt className="font-medium">Name</dt><dd>{member.name}</dd></>}
        <dt className="font-medium">Level</dt><dd>{levelLabel[member.level]}</dd>
        <dt className="font-medium">Points balance</dt><dd data-testid="points-balance"><strong>{balance}</strong></dd>
      </dl>
      <section aria-labelledby="points-history" className="space-y-2">
        <h2 id="points-history" className="text-xl font-semibold">Points history</h2>
        <PointsHistory ledger={ledger} timeZone={env().FINANCE_TIME_ZONE} />
      </section>
    </div>
  );
}

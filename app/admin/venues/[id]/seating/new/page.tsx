import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GridSeatingPlanForm, ImportSeatingPlanForm } from "@/components/admin/seating/seating-plan-forms";
import { createGridSeatingPlan, importSeatingPlan } from "@/app/admin/venues/actions";
import { getDb } from "@/db";
import { getVenue } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New seating plan" };

export default async function NewSeatingPlanPage({ params, searchParams }: {
  params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  const grid = (await searchParams).method === "grid";
  if (!isUuid(id)) notFound();
  const data = await getVenue(getDb(), id);
  if (!data) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={`/admin/venues/${id}#seating`} className="underline">Back to {data.venue.name}</Link>
      <h1 className="text-3xl font-bold">New seating plan for {data.venue.name}</h1>
      <nav aria-label="Ways to make a plan">
        <ul className="flex gap-4">
          <li><Link href={`/admin/venues/${id}/seating/new`} aria-current={grid ? undefined : "page"} className={grid ? "underline" : "font-semibold"}>Import from CSV</Link></li>
          <li><Link href={`/admin/venues/${id}/seating/new?method=grid`} aria-current={grid ? "page" : undefined} className={grid ? "font-semibold" : "underline"}>Build a grid</Link></li>
        </ul>
      </nav>
      {grid ? <GridSeatingPlanForm venueId={id} createGridSeatingPlan={createGridSeatingPlan} />
        : <ImportSeatingPlanForm venueId={id} importSeatingPlan={importSeatingPlan} />}
    </div>
  );
}

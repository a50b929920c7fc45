import type { Metadata } from "next";
import Link from "next/link";
import { emptySlotOffering } from "@/components/admin/slots/form-defaults";
import { SlotOfferingForm } from "@/components/admin/slots/slot-offering-form";
import { createSlotOffering } from "@/app/admin/offerings/actions";
import { getDb } from "@/db";
import { venuesInUse } from "@/db/queries/admin-slot-offerings";
import { requireStaffPage } from "@/lib/auth/guard";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New time-slot offering" };

export default async function NewSlotOfferingPage({ searchParams }: { searchParams: Promise<{ venue?: string }> }) {
  await requireStaffPage(["admin"]);
  const { venue } = await searchParams;
  const venues = await venuesInUse(getDb());
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/admin/offerings" className="underline">All time-slot offerings</Link>
      <h1 className="text-3xl font-bold">New time-slot offering</h1>
      {venues.length === 0
        ? <p>Add a <Link href="/admin/venues/new" className="underline">venue</Link> first: an offering takes place at one.</p>
        : <SlotOfferingForm save={createSlotOffering} venues={venues} initial={{ ...emptySlotOffering, venueId: venue && isUuid(venue) ? venue : "" }} />}
    </div>
  );
}

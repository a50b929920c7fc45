import type { Metadata } from "next";
import Link from "next/link";
import { createVenue } from "@/app/admin/venues/actions";
import { VenueForm } from "@/components/admin/catalog/venue-form";
import { requireStaffPage } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New venue" };

export default async function NewVenuePage() {
  await requireStaffPage(["admin"]);
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/admin/venues" className="underline">All venues</Link>
      <h1 className="text-3xl font-bold">New venue</h1>
      <VenueForm save={createVenue} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listSlotOfferingsForAdmin } from "@/db/queries/admin-slot-offerings";
import { requireStaffPage } from "@/lib/auth/guard";
import { formatMoney } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Time slots" };

export default async function SlotOfferingsPage() {
  await requireStaffPage(["admin"]);
  const rows = await listSlotOfferingsForAdmin(getDb());
  const locations = [...new Map(rows.map((r) => [r.venue.id, r.venue])).values()];
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Time slots</h1>
        <Link href="/admin/offerings/new" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">New offering</Link>
      </div>
      <p className="text-stone-700">Offerings booked by the hour at a location: customers choose a date and a span of slots.</p>
      {rows.length === 0 ? <p>No time-slot offerings yet.</p> : (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">Time-slot offerings</caption>
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">Offering</th><th scope="col" className="p-3">Location</th><th scope="col" className="p-3">Slots</th>
              <th scope="col" className="p-3">Standard / peak rate</th><th scope="col" className="p-3">Status</th>
            </tr></thead>
            <tbody>
              {rows.map(({ course: c, offering: o, venue: v }) => (
                <tr key={c.id} className="border-t border-stone-200">
                  <td className="p-3"><Link href={`/admin/offerings/${c.id}`} className="font-medium underline">{c.title}</Link></td>
                  <td className="p-3"><Link href={`/admin/locations/${v.id}`} className="underline">{v.name}</Link></td>
                  <td className="p-3">{o.slotMinutes} min, {o.capacityPerSlot} places</td>
                  <td className="p-3">{formatMoney(o.standardRateAmount, c.currency)} / {formatMoney(o.peakRateAmount, c.currency)}</td>
                  <td className="p-3">{c.status === "archived" ? "Archived" : "On sale"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {locations.length > 0 && (
        <section aria-labelledby="locations-h" className="space-y-2">
          <h2 id="locations-h" className="text-xl font-semibold">Opening hours and closures</h2>
          <ul className="list-disc pl-5">
            {locations.map((v) => <li key={v.id}><Link href={`/admin/locations/${v.id}`} className="underline">{v.name}</Link></li>)}
          </ul>
        </section>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { archiveSeatingPlan, deleteSeatingPlan, restoreSeatingPlan } from "@/app/admin/venues/actions";
import { ActionButton } from "@/components/admin/action-button";
import { SeatLegend, SeatMap, seatName } from "@/components/admin/seating/seat-map";
import { getDb } from "@/db";
import { seatingPlanForStaff } from "@/db/queries/admin-seating";
import { requireStaffPage } from "@/lib/auth/guard";
import { FLAG_MARKS } from "@/lib/seating/draw";
import { formatSessionWhen } from "@/lib/format";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Seating plan" };

export default async function SeatingPlanPage({ params }: { params: Promise<{ id: string; planId: string }> }) {
  await requireStaffPage(["admin"]);
  const { id, planId } = await params;
  if (!isUuid(id) || !isUuid(planId)) notFound();
  const data = await seatingPlanForStaff(getDb(), planId);
  if (!data || data.plan.venueId !== id) notFound();
  const { plan, venue, seats, sessions } = data;
  const sold = sessions.some((s) => s.bookings > 0);
  return (
    <div className="space-y-6">
      <Link href={`/admin/venues/${id}#seating`} className="underline">Back to {venue.name}</Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-3xl font-bold">{plan.name}{plan.archivedAt && <span className="ml-2 text-lg text-stone-600">(archived)</span>}</h1>
        <div className="flex flex-wrap gap-2">
          {plan.archivedAt
            ? <ActionButton action={restoreSeatingPlan} input={{ id: planId }} busyLabel="Restoring…">Use again</ActionButton>
            : <ActionButton action={archiveSeatingPlan} input={{ id: planId }} busyLabel="Archiving…"
              confirm="Archive this plan? It can no longer be chosen for sessions; sessions using it keep it.">Archive plan</ActionButton>}
          {!sold && <ActionButton action={deleteSeatingPlan} input={{ id: planId }} danger busyLabel="Deleting…" redirectTo={`/admin/venues/${id}#seating`}
            confirm="Delete this plan and its seats? Sessions using it go back to places without seat numbers.">Delete plan</ActionButton>}
        </div>
      </div>
      <p>{seats.length} seats at {venue.name}. {sold ? "Places have been sold on this plan, so it can be archived but not deleted." : ""}</p>

      <section aria-labelledby="map-h" className="space-y-3">
        <h2 id="map-h" className="text-xl font-semibold">Seat map</h2>
        <SeatMap seats={seats} idPrefix="plan-map" label={`Seat map of ${plan.name}: ${seats.length} seats. The list below has every seat.`} />
        <SeatLegend seats={seats} idPrefix="plan-map" />
      </section>

      <section aria-labelledby="sessions-h" className="space-y-3">
        <h2 id="sessions-h" className="text-xl font-semibold">Sessions using this plan</h2>
        {sessions.length === 0 ? <p className="text-stone-700">None yet. Choose the plan on a session&apos;s page.</p> : (
          <ul className="list-disc space-y-1 pl-6">
            {sessions.map((s) => (
              <li key={s.id}><Link href={`/admin/sessions/${s.id}`} className="underline">{s.courseTitle}, {formatSessionWhen(s.startsAt, s.endsAt, venue.timeZone)}</Link>
                {s.status === "cancelled" && " (cancelled)"} · {s.bookings} {s.bookings === 1 ? "booking" : "bookings"}</li>
            ))}
          </ul>
        )}
      </section>

      <details className="rounded-lg border border-stone-300 bg-white p-4">
        <summary className="cursor-pointer font-semibold">Every seat ({seats.length})</summary>
        <table className="mt-3 w-full text-left">
          <thead className="bg-stone-100 text-sm"><tr>
            <th scope="col" className="p-2">Seat</th><th scope="col" className="p-2">Class</th><th scope="col" className="p-2">Marks</th>
            <th scope="col" className="p-2">Position (x, y)</th>
          </tr></thead>
          <tbody>
            {seats.map((s) => (
              <tr key={s.id} className="border-t border-stone-200">
                <td className="p-2">{seatName(s)}</td><td className="p-2">{s.seatClass}</td>
                <td className="p-2">{s.flags.map((f) => FLAG_MARKS[f].label).join(", ")}</td><td className="p-2">{s.x}, {s.y}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

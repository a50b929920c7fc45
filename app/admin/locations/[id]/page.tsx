import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { addClosures, removeClosure, saveOpeningHours } from "@/app/admin/locations/actions";
import { ActionButton } from "@/components/admin/action-button";
import { ClosureForm } from "@/components/admin/slots/closure-form";
import { OpeningHoursForm } from "@/components/admin/slots/opening-hours-form";
import { getDb } from "@/db";
import { locationForAdmin } from "@/db/queries/admin-slot-offerings";
import { requireStaffPage } from "@/lib/auth/guard";
import { localDate, minuteLabel } from "@/lib/slots/schedule";
import { calendarDayText } from "@/lib/slots/span";
import { isUuid } from "@/lib/validations/ids";
import { WEEKDAYS, type WeekdayKey } from "@/lib/validations/slot-offerings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Opening hours and closures" };

export default async function LocationAdminPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const head = await locationForAdmin(db, id, localDate(new Date(Date.now() - 86_400_000), "UTC"));
  if (!head) notFound();
  const today = localDate(new Date(), head.venue.timeZone);
  const closures = head.closures.filter((c) => c.localDate >= today);
  const { venue: v, hours, offerings } = head;
  const initial = Object.fromEntries(WEEKDAYS.map((d) => [d.key, hours.filter((h) => h.weekday === d.iso)
    .map((h) => `${minuteLabel(h.opensAt)}–${minuteLabel(h.closesAt)}`).join(", ")])) as Record<WeekdayKey, string>;
  return (
    <div className="space-y-6">
      <Link href="/admin/offerings" className="underline">All time-slot offerings</Link>
      <h1 className="text-3xl font-bold">{v.name}: opening hours and closures</h1>
      <p>
        {offerings.length === 0 ? "No time-slot offerings here yet. " : <>Used by {offerings.map((o, i) => (
          <span key={o.id}>{i > 0 && ", "}<Link href={`/admin/offerings/${o.id}`} className="underline">{o.title}</Link></span>
        ))}. </>}
        <Link href={`/admin/offerings/new?venue=${v.id}`} className="underline">Add an offering here</Link> ·{" "}
        <Link href={`/admin/venues/${v.id}`} className="underline">Address and accessibility</Link>
      </p>
      <section aria-labelledby="hours-h" className="max-w-3xl space-y-3">
        <h2 id="hours-h" className="text-xl font-semibold">Opening hours</h2>
        <OpeningHoursForm venueId={v.id} initial={initial} timeZone={v.timeZone} saveOpeningHours={saveOpeningHours} />
      </section>
      <section id="closures" aria-labelledby="closures-h" className="max-w-3xl space-y-3">
        <h2 id="closures-h" className="text-xl font-semibold">Closures and shorter days</h2>
        <p className="text-sm text-stone-700">A closure that would leave a booking outside opening time is refused, naming the bookings: move or refund them first.</p>
        {closures.length === 0 ? <p className="text-stone-700">No closures to come.</p> : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-300 bg-white">
            {closures.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
                <span>
                  <span className="font-medium">{calendarDayText(c.localDate)}</span>: {c.reason}
                  {c.opensAt != null && c.closesAt != null ? ` (open ${minuteLabel(c.opensAt)}–${minuteLabel(c.closesAt)})` : " (closed all day)"}
                </span>
                <ActionButton action={removeClosure} input={{ id: c.id }} busyLabel="Removing…" danger>
                  Remove<span className="sr-only"> closure on {calendarDayText(c.localDate)}</span>
                </ActionButton>
              </li>
            ))}
          </ul>
        )}
        <ClosureForm venueId={v.id} addClosures={addClosures} />
      </section>
    </div>
  );
}

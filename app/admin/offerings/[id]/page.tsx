import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { archiveCourse, restoreCourse } from "@/app/admin/courses/actions";
import {
  addPeakWindow, archiveQuestion, createQuestion, removePeakWindow, restoreQuestion, updateSlotOffering,
} from "@/app/admin/offerings/actions";
import { ActionButton } from "@/components/admin/action-button";
import { PeakWindowForm } from "@/components/admin/slots/peak-window-form";
import { QuestionsSection } from "@/components/admin/slots/questions-section";
import { SlotOfferingForm } from "@/components/admin/slots/slot-offering-form";
import { getDb } from "@/db";
import { questionsForAdmin, upcomingSlotBookingCount } from "@/db/queries/admin-slot-offerings";
import { getSlotOffering } from "@/db/queries/time-slots";
import { requireStaffPage } from "@/lib/auth/guard";
import { minuteLabel } from "@/lib/slots/schedule";
import { moneyInput } from "@/lib/validations/catalog";
import { isUuid } from "@/lib/validations/ids";
import { WEEKDAYS } from "@/lib/validations/slot-offerings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Time-slot offering" };

const dayNames = (days: number[]) => days.map((d) => WEEKDAYS.find((w) => w.iso === d)?.label ?? String(d)).join(", ");

export default async function SlotOfferingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const data = await getSlotOffering(db, id);
  if (!data) notFound();
  const [questions, upcoming] = await Promise.all([questionsForAdmin(db, id), upcomingSlotBookingCount(db, id)]);
  const { course: c, offering: o, venue: v, peakWindows } = data;
  const num = (n: number | null) => (n == null ? "" : String(n));
  return (
    <div className="space-y-6">
      <Link href="/admin/offerings" className="underline">All time-slot offerings</Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-3xl font-bold">{c.title}{c.status === "archived" && <span className="ml-2 text-lg text-stone-600">(archived)</span>}</h1>
        {c.status === "active"
          ? <ActionButton action={archiveCourse} input={{ id }} confirm="Stop selling this offering? Bookings made go ahead." busyLabel="Archiving…">Stop selling</ActionButton>
          : <ActionButton action={restoreCourse} input={{ id }} busyLabel="Restoring…">Sell again</ActionButton>}
      </div>
      <p>
        At <Link href={`/admin/locations/${v.id}`} className="underline">{v.name}</Link> ({v.timeZone}): opening hours and closures are set
        for the location. {upcoming} {upcoming === 1 ? "booking" : "bookings"} still to come.
      </p>
      <div className="max-w-3xl">
        <SlotOfferingForm id={id} save={updateSlotOffering} venueName={`${v.name}, ${v.city}`} upcoming={upcoming} initial={{
          venueId: v.id, title: c.title, slug: c.slug, summary: c.summary, description: c.description, category: c.category, currency: c.currency,
          slotMinutes: String(o.slotMinutes), capacityPerSlot: String(o.capacityPerSlot),
          standardRate: moneyInput(o.standardRateAmount, c.currency), peakRate: moneyInput(o.peakRateAmount, c.currency),
          minSpanMinutes: String(o.minSpanMinutes), maxSpanMinutes: String(o.maxSpanMinutes), bookAheadDays: String(o.bookAheadDays),
          latestMinutesBeforeStart: String(o.latestMinutesBeforeStart), minAgeYears: num(o.minAgeYears), maxAgeYears: num(o.maxAgeYears),
          checkOutRequired: o.checkOutRequired,
        }} />
      </div>
      <section id="peak-windows" aria-labelledby="peaks-h" className="max-w-3xl space-y-3">
        <h2 id="peaks-h" className="text-xl font-semibold">Peak windows</h2>
        <p className="text-sm text-stone-700">A slot starting inside a peak window costs the peak rate.</p>
        {peakWindows.length === 0 ? <p className="text-stone-700">No peak windows: every slot costs the standard rate.</p> : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-300 bg-white">
            {peakWindows.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
                <span>{minuteLabel(w.startsAt)}–{minuteLabel(w.endsAt)} on {dayNames(w.weekdays)}</span>
                <ActionButton action={removePeakWindow} input={{ id: w.id }} busyLabel="Removing…" danger>
                  Remove<span className="sr-only"> peak window {minuteLabel(w.startsAt)}–{minuteLabel(w.endsAt)}</span>
                </ActionButton>
              </li>
            ))}
          </ul>
        )}
        <PeakWindowForm courseId={id} timeZone={v.timeZone} addPeakWindow={addPeakWindow} />
      </section>
      <QuestionsSection courseId={id} rows={questions} actions={{ archiveQuestion, restoreQuestion, createQuestion }} />
    </div>
  );
}

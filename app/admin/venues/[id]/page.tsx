import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { archiveVenue, restoreVenue, saveVenueAssessment, updateVenue } from "@/app/admin/venues/actions";
import { ActionButton } from "@/components/admin/action-button";
import { VenueAssessmentForm } from "@/components/admin/catalog/venue-assessment-form";
import { VenueForm } from "@/components/admin/catalog/venue-form";
import { formatDateTime, personName } from "@/components/admin/format";
import { ProgressBar } from "@/components/admin/progress-bar";
import { getDb } from "@/db";
import { getVenue } from "@/db/queries/admin";
import { venueSeatingPlans } from "@/db/queries/admin-seating";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { assessmentProgress } from "@/lib/requirements/venue-features";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Venue" };

export default async function VenueAdminPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const data = await getVenue(db, id);
  if (!data) notFound();
  const plans = await venueSeatingPlans(db, id);
  const { venue: v, features } = data;
  const current = Object.fromEntries(features.map(({ f, by }) => [f.feature, {
    status: f.status, notes: f.notes,
    updated: by?.email ? `Last changed by ${personName(by as { name: string | null; email: string })}, ${formatDateTime(f.updatedAt, env().STAFF_TIME_ZONE)}` : undefined,
  }]));
  const progress = assessmentProgress(Object.fromEntries(features.map(({ f }) => [f.feature, f.status])));
  return (
    <div className="space-y-6">
      <Link href="/admin/venues" className="underline">All venues</Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-3xl font-bold">{v.name}{v.archivedAt && <span className="ml-2 text-lg text-stone-600">(archived)</span>}</h1>
        {v.archivedAt
          ? <ActionButton action={restoreVenue} input={{ id }} busyLabel="Restoring…">Use again</ActionButton>
          : <ActionButton action={archiveVenue} input={{ id }} confirm="Archive this venue? No new sessions can be scheduled there." busyLabel="Archiving…">Archive venue</ActionButton>}
      </div>
      <div className="max-w-3xl">
        <VenueForm id={id} save={updateVenue} initial={{
          name: v.name, slug: v.slug, addressLine1: v.addressLine1, addressLine2: v.addressLine2 ?? "", city: v.city,
          postalCode: v.postalCode, country: v.country, timeZone: v.timeZone,
        }} />
      </div>
      <section id="seating" aria-labelledby="seating-h" className="max-w-3xl space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="seating-h" className="text-xl font-semibold">Seating plans</h2>
          {!v.archivedAt && <Link href={`/admin/venues/${id}/seating/new`} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">Add a seating plan</Link>}
        </div>
        {plans.length === 0 ? <p className="text-stone-700">No seating plans: sessions here sell places without seat numbers.</p> : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-300 bg-white">
            {plans.map(({ plan, seats, sessions }) => (
              <li key={plan.id} className="p-3">
                <Link href={`/admin/venues/${id}/seating/${plan.id}`} className="font-semibold underline">{plan.name}</Link>
                {plan.archivedAt && <span className="text-stone-600"> (archived)</span>}
                <span className="text-stone-700"> · {seats} seats · used by {sessions} {sessions === 1 ? "session" : "sessions"}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section id="accessibility" aria-labelledby="access-h" className="max-w-3xl space-y-3">
        <h2 id="access-h" className="text-xl font-semibold">Accessibility assessment</h2>
        <ProgressBar label="Features assessed" done={progress.answered} total={progress.total} doneWord="assessed" />
        <p className="text-sm text-stone-700">{progress.requiredAnswered} of {progress.requiredTotal} required features assessed. Sessions here warn when an attendee needs a feature marked “No” or not yet known.</p>
        <VenueAssessmentForm venueId={id} current={current} saveVenueAssessment={saveVenueAssessment} />
      </section>
    </div>
  );
}

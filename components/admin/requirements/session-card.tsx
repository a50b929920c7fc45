import Link from "next/link";
import { ArrivalsSummary } from "@/components/admin/arrivals-summary";
import type { SessionArrivals } from "@/lib/check-in/arrivals";
import { ProgressBar } from "@/components/admin/progress-bar";
import { formatDateTime, personName } from "@/components/admin/format";
import { formatSessionWhen, formatTime } from "@/lib/format";
import { categoryLabel, priorityLabel, type DashboardSession } from "@/lib/requirements/dashboard";
import { requirementsRemovedAt } from "@/lib/privacy/retention";
import { AcknowledgeButton } from "./acknowledge-button";
import { Checklist, type ChecklistActions, type ChecklistItemView } from "./checklist";
import type { StaffAction } from "@/lib/auth/staff-action";

/** The staff actions of the dashboard, passed in by the page. */
export type RequirementActions = ChecklistActions & { acknowledgeRequirement: StaffAction<unknown> };

const priorityStyle = {
  critical: "border-red-700 bg-red-50 text-red-800",
  high: "border-amber-600 bg-amber-50 text-amber-900",
  standard: "border-stone-400 bg-stone-50 text-stone-800",
} as const;

export function PriorityBadge({ priority }: { priority: keyof typeof priorityStyle }) {
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-bold uppercase tracking-wide ${priorityStyle[priority]}`}>{priorityLabel[priority]}</span>;
}

export function SessionCard({ s, exportQuery, retentionDays, arrivals, actions }: {
  s: DashboardSession; exportQuery: string; retentionDays: number; arrivals?: SessionArrivals; actions: RequirementActions;
}) {
  const tz = s.venue.timeZone;
  const when = formatSessionWhen(s.startsAt, s.endsAt, tz);
  const title = `${s.course.title}, ${when}`;
  const headingId = `session-${s.id}`;
  const attention = s.unacknowledgedCritical > 0;
  const items: ChecklistItemView[] = s.checklist.items.map((i) => ({
    id: i.id, label: i.label, source: i.source, forWhom: i.attendeeName ? `${i.attendeeName} (${i.requirementLabel})` : null,
    done: Boolean(i.doneAt), doneText: i.doneAt ? `Done by ${personName(i.doneBy)}, ${formatDateTime(i.doneAt, tz)}` : null,
  }));
  const categories = Object.entries(s.counts.byCategory).filter(([, n]) => n > 0);
  const q = new URLSearchParams(exportQuery);
  q.set("session", s.id);

  return (
    <section aria-labelledby={headingId} data-session-id={s.id} data-attention={attention || undefined}
      className={`space-y-4 rounded-lg border bg-white p-5 ${attention ? "border-2 border-red-700 shadow-md" : "border-stone-300"}`}>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-xl font-semibold">
            <Link href={`/admin/sessions/${s.id}`} className="hover:underline">{title}</Link>
          </h2>
          <p className="text-stone-700">{s.venue.name}, {s.venue.city} · {s.capacityPerSlot != null
            ? `${s.placesBooked} ${s.placesBooked === 1 ? "place" : "places"} booked over the day, at most ${s.capacityPerSlot} per slot`
            : `${s.placesBooked} of ${s.capacity} places booked`}</p>
          <p className="text-sm text-stone-700">Requirement answers are deleted on {formatDateTime(requirementsRemovedAt(s.endsAt, retentionDays), tz)}</p>
          {arrivals && <div className="mt-2"><ArrivalsSummary sessionId={s.id} arrivals={arrivals} title={title} /></div>}
        </div>
        <div className="flex gap-3 text-sm">
          <a href={`/admin/requirements/export/csv?${q}`} className="underline" download>CSV<span className="sr-only"> for {title}</span></a>
          <a href={`/admin/requirements/export/pdf?${q}`} className="underline">Printable PDF<span className="sr-only"> for {title}</span></a>
          <a href={`/admin/requirements/export/answers?${q}`} className="underline" download>Answers CSV<span className="sr-only"> for {title}</span></a>
        </div>
      </header>

      {attention && (
        <p className="rounded-md bg-red-700 px-3 py-2 font-semibold text-white">
          {s.unacknowledgedCritical} Critical {s.unacknowledgedCritical === 1 ? "need has" : "needs have"} not been acknowledged
        </p>
      )}

      <p className="text-sm text-stone-700" aria-label="Counts">
        {s.counts.total} {s.counts.total === 1 ? "requirement" : "requirements"}:{" "}
        {(["critical", "high", "standard"] as const).map((p) => `${priorityLabel[p]} ${s.counts.byPriority[p]}`).join(" · ")}
        {categories.length > 0 && <> — {categories.map(([c, n]) => `${categoryLabel[c as keyof typeof categoryLabel]} ${n}`).join(", ")}</>}
      </p>

      {s.gaps.length > 0 && (
        <div className="rounded-md border-2 border-amber-600 bg-amber-50 p-3" data-testid="venue-warning">
          <p className="font-semibold">Venue check needed at {s.venue.name}</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {s.gaps.map((g) => (
              <li key={g.feature}>
                {g.status === "no" ? <strong>Lacks {g.label.toLowerCase()}</strong> : <>Not yet assessed: {g.label.toLowerCase()}</>}
                {" "}— needed by {g.neededBy.map((n) => `${n.attendeeName} (${n.requirementLabel})`).join(", ")}
              </li>
            ))}
          </ul>
          <Link href={`/admin/venues/${s.venue.id}#accessibility`} className="text-sm underline">Open the venue&apos;s accessibility assessment</Link>
        </div>
      )}

      {s.groups.length === 0 ? <p className="text-stone-600">No special requirements from confirmed bookings.</p> : (
        <div className="space-y-4">
          {s.groups.map((g) => (
            <div key={g.priority} className="space-y-2">
              <h3 className="font-semibold">{priorityLabel[g.priority]} ({g.requirements.length})</h3>
              <ol className="space-y-2" aria-label={`${priorityLabel[g.priority]} requirements`}>
                {g.requirements.map((r) => (
                  <li key={r.id} data-priority={r.priority} data-requirement-id={r.id} className={`rounded-md border-l-4 p-3 ${priorityStyle[r.priority]}`}>
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="space-y-1">
                        <p><PriorityBadge priority={r.priority} /> <span className="font-semibold">{r.label}</span> <span className="text-sm">({categoryLabel[r.category]})</span></p>
                        <p className="text-stone-900"><span className="font-medium">{r.attendeeName}</span>{r.place ? ` · ${r.place}` : ""} · booking{" "}
                          <Link href={`/admin/bookings/${r.reference}`} className="font-mono underline">{r.reference}</Link></p>
                        {r.details && <p className="text-stone-800">“{r.details}”</p>}
                      </div>
                      <div className="text-sm">
                        {r.acknowledgedAt
                          ? <p className="text-stone-700">Acknowledged by {personName(r.acknowledgedBy)}, {formatDateTime(r.acknowledgedAt, tz)}</p>
                          : <AcknowledgeButton requirementId={r.id} what={`${r.label} for ${r.attendeeName}`} acknowledgeRequirement={actions.acknowledgeRequirement} />}
                      </div>
                    </div>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}

      {s.answers.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-semibold">Answers to questions ({s.answers.length})</h3>
          <ul className="grid gap-2 md:grid-cols-2" aria-label={`Answers to questions for ${title}`}>
            {s.answers.map((g) => (
              <li key={g.key} className="rounded-md border border-stone-200 p-3" data-answers-of={g.who}>
                <p>
                  <span className="font-medium">{g.who}</span>
                  {g.span && <> · {formatTime(g.span.startsAt, tz)}–{formatTime(g.span.endsAt, tz)}</>} · booking{" "}
                  <Link href={`/admin/bookings/${g.reference}`} className="font-mono underline">{g.reference}</Link>
                </p>
                <dl className="mt-1 grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-1 text-sm">
                  {g.items.map((x, i) => (
                    <div key={i} className="contents">
                      <dt className="text-stone-700">{x.label}{x.sensitive && <span> (sensitive)</span>}</dt>
                      <dd className="text-stone-900">{x.text}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </div>
      )}

      <details className="rounded-md border border-stone-200 p-3" open={s.checklist.total > 0}>
        <summary className="cursor-pointer font-semibold">
          Preparation checklist <span className="font-normal text-stone-700">({s.checklist.done} of {s.checklist.total} done)</span>
        </summary>
        <div className="mt-3 space-y-3">
          <ProgressBar label={`Checklist for ${s.course.title}`} done={s.checklist.done} total={s.checklist.total} />
          <Checklist sessionId={s.id} sessionLabel={title} items={items} actions={actions} />
        </div>
      </details>
    </section>
  );
}

import type { Metadata } from "next";
import { getDb } from "@/db";
import { doorSessions } from "@/db/queries/check-ins";
import { CheckInDesk } from "@/components/check-in/check-in-desk";
import { CheckInOfflineSupport } from "@/components/check-in/offline-support";
import { requireStaffPage } from "@/lib/auth/guard";
import { formatDate, formatSessionWhen } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Check-in", manifest: "/check-in.webmanifest" };

export default async function CheckInPage({ searchParams }: { searchParams: Promise<{ session?: string }> }) {
  const staff = await requireStaffPage(["door", "admin"]);
  const now = new Date();
  const sessions = await doorSessions(getDb(), now);
  const { session: asked } = await searchParams;
  // Today's first session (in its venue's zone) unless one was picked.
  const today = sessions.find((s) => formatDate(s.startsAt, s.timeZone) === formatDate(now, s.timeZone) && s.endsAt > now);
  const chosen = sessions.find((s) => s.id === asked) ?? today ?? sessions[0];
  // Door staff at the wrong night's list would admit people a day early: the page says so above the scanner.
  const notToday = chosen && formatDate(chosen.startsAt, chosen.timeZone) !== formatDate(now, chosen.timeZone);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <h1 className="text-3xl font-bold">Check-in</h1>
      <CheckInOfflineSupport />
      {sessions.length === 0 ? <p>No sessions today or coming up.</p> : (
        <form method="get" className="flex flex-wrap items-end gap-3">
          {/* max-w-full: a long session title must wrap the choice, not widen the page past a phone's screen. */}
          <label className="block min-w-0 max-w-full">
            <span className="block font-medium">Session</span>
            <select name="session" defaultValue={chosen?.id} className="mt-1 max-w-full rounded-md border border-stone-400 bg-white px-3 py-2">
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>{s.title} · {formatSessionWhen(s.startsAt, s.endsAt, s.timeZone)} · {s.venueName}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded-md border border-stone-400 bg-white px-4 font-semibold">Open</button>
        </form>
      )}
      {chosen && (
        <>
          <p className="text-lg"><span className="font-semibold">{chosen.title}</span>, {formatSessionWhen(chosen.startsAt, chosen.endsAt, chosen.timeZone)}, {chosen.venueName}
            {/* Door staff may download it too (tests/authz-matrix.ts). A file from a route handler: a plain link, which Next does not prefetch as a page. */}
            {" · "}<a className="text-brand-700 underline" href={`/admin/check-in/arrivals?session=${chosen.id}`}>Arrivals CSV</a>
          </p>
          {notToday && (
            <p role="note" className="rounded-md border-2 border-amber-500 bg-amber-50 p-3 font-semibold">
              This session is not today: it is on {formatDate(chosen.startsAt, chosen.timeZone)}. Check that you have the right session before admitting anyone.
            </p>
          )}
          <CheckInDesk key={chosen.id} sessionId={chosen.id} staffName={staff.name ?? staff.email} />
        </>
      )}
    </div>
  );
}

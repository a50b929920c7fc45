// A booking's history of changes (who, when, before and after), on the customer's and staff's booking pages.
import type { BookingChange } from "@/db/schema";
import { formatDate, formatMoney, formatSessionWhen, formatTime } from "@/lib/format";

const actionText: Record<string, string> = { attendees_updated: "Attendee details changed", attendees_added: "Attendees added", moved: "Moved to another session", seats_changed: "Seats changed" };
const actorText: Record<string, string> = { booker: "the booker", attendee: "an attendee", api: "the booking's API client", staff: "staff" };

type Snapshot = {
  attendees?: {
    position?: number; firstName: string; lastName: string; email?: string | null; requirements?: { label: string; details: string | null }[];
    /** The place's ticket type (recorded for places added, and for details changed since types were recorded). */
    ticketType?: string;
    /** A seated place's seat (staff changing seats or moving a seated booking). */
    seat?: string | null;
  }[];
  startsAt?: string; totalAmount?: number; activeAttendees?: number;
  /** A time-slot booking's span (moved by staff). */
  spanStartsAt?: string; spanEndsAt?: string;
  /** The session's times and venue (staff moved the whole session), the times in that venue's time zone. */
  endsAt?: string; venueId?: string; venueName?: string; timeZone?: string;
  /** Places cancelled (lib/booking/places-cancelled-change.ts): the refund the cancellation sent back, in minor units. */
  refundAmount?: number; currency?: string;
};

/** A move of a time-slot booking names its span; a rescheduled session, what changed; any other move, its session. */
function labelOf(h: BookingChange): string {
  const before = h.before as Snapshot;
  const after = h.after as Snapshot;
  if (h.action === "moved" && after.spanStartsAt) return "Moved to another time";
  if (h.action === "session_rescheduled") {
    const time = before.startsAt !== after.startsAt || before.endsAt !== after.endsAt;
    const venue = before.venueId !== after.venueId;
    return `Session moved to another ${time && venue ? "time and venue" : venue ? "venue" : "time"}`;
  }
  if (h.action === "places_cancelled")
    return after.activeAttendees === 0 ? "Booking cancelled" : (before.attendees?.length ?? 0) === 1 ? "Place cancelled" : "Places cancelled";
  return actionText[h.action] ?? h.action;
}

function describe(s: Snapshot, timeZone: string): string {
  const parts: string[] = [];
  if (s.startsAt && s.endsAt && s.venueName) parts.push(`${formatSessionWhen(s.startsAt, s.endsAt, s.timeZone ?? timeZone)} at ${s.venueName}`);
  else if (s.startsAt) parts.push(`session of ${formatDate(s.startsAt, timeZone)} ${formatTime(s.startsAt, timeZone)}`);
  if (s.spanStartsAt && s.spanEndsAt)
    parts.push(`${formatDate(s.spanStartsAt, timeZone)} ${formatTime(s.spanStartsAt, timeZone)}–${formatTime(s.spanEndsAt, timeZone)}`);
  if (s.activeAttendees != null) parts.push(`${s.activeAttendees} attendee(s)`);
  for (const a of s.attendees ?? []) {
    if (a.seat !== undefined) {
      parts.push(`${a.firstName} ${a.lastName}: ${a.seat ?? "no seat"}`);
      continue;
    }
    const needs = a.requirements?.length ? a.requirements.map((r) => r.details ? `${r.label}: ${r.details}` : r.label).join("; ") : "no special requirements";
    // The type as recorded with the change: a record names what the place was, whatever the session sells today.
    parts.push(`${a.firstName} ${a.lastName}${a.email ? ` <${a.email}>` : ""} (${a.ticketType ? `${a.ticketType} ticket; ` : ""}${needs})`);
  }
  return parts.join(" · ") || "—";
}

/** Who lost their place, and what the cancellation refunded (as decided then: the payment section follows the refund itself). */
function CancelledPlaces({ before, after }: { before: Snapshot; after: Snapshot }) {
  const names = (before.attendees ?? []).map((a) => `${a.firstName} ${a.lastName}`).join(", ") || "—";
  const left = after.activeAttendees ? ` · ${after.activeAttendees} ${after.activeAttendees === 1 ? "attendee" : "attendees"} still booked` : "";
  const refund = after.refundAmount && after.currency ? formatMoney(after.refundAmount, after.currency) : "none";
  return (
    <>
      <p className="text-stone-700">{`Cancelled: ${names}${left}`}</p>
      <p className="text-stone-700">{`Refund: ${refund}`}</p>
    </>
  );
}

/** `staffView`: the staff page names staff by address; customers see "the box office", never a staff member's address. */
export function BookingHistory({ history, timeZone, staffView = false }: { history: BookingChange[]; timeZone: string; staffView?: boolean }) {
  const who = (h: BookingChange) => h.actorKind === "staff" && !staffView
    ? "the box office"
    : `${actorText[h.actorKind] ?? h.actorKind}${h.actorEmail ? ` (${h.actorEmail})` : ""}`;
  return (
    <section aria-labelledby="change-history" className="rounded-lg border border-stone-300 bg-white p-5">
      <h2 id="change-history" className="text-lg font-semibold">History of changes</h2>
      {history.length === 0 ? <p className="text-stone-700">No changes since the booking was made.</p> : (
        <ol className="mt-2 space-y-3" data-testid="booking-history">
          {history.map((h) => (
            <li key={h.id}>
              <p className="font-medium">{labelOf(h)} by {who(h)}, {formatDate(h.createdAt, timeZone)} {formatTime(h.createdAt, timeZone)}</p>
              {h.action === "places_cancelled" ? <CancelledPlaces before={h.before as Snapshot} after={h.after as Snapshot} /> : <>
                <p className="text-stone-700">Before: {describe(h.before as Snapshot, timeZone)}</p>
                <p className="text-stone-700">After: {describe(h.after as Snapshot, timeZone)}</p>
              </>}
              {staffView && h.reason && <p className="whitespace-pre-line text-stone-700">Reason: {h.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

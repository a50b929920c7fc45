// A booking's change history as it goes into a person's export: whole for a booking they made (as the booking
// itself does), and for a place they hold in someone else's booking only what concerns that place.
import type { BookingChange } from "@/db/schema";
import { normaliseEmail } from "./person";

/** The person in someone else's booking: their places there, their address, the names their places carried. */
export type PlaceHolder = { email: string; placeIds: ReadonlySet<string>; names: readonly string[] };

type Snapshot = Record<string, unknown>;
const isRecord = (v: unknown): v is Snapshot => typeof v === "object" && v !== null && !Array.isArray(v);
const attendeesOf = (v: unknown): Snapshot[] => (isRecord(v) && Array.isArray(v.attendees) ? v.attendees.filter(isRecord) : []);
const fullName = (o: Snapshot) => `${o.firstName ?? ""} ${o.lastName ?? ""}`.trim().toLowerCase();

/**
 * Whether a snapshot in the history is of the person: it carries their address, or it is of their place, carries no
 * address and one of their names. A snapshot of their place under another name or address is of whoever held the
 * place then (a place handed on): theirs to see, not this person's.
 */
export function isOfHolder(o: Snapshot, who: PlaceHolder): boolean {
  if (typeof o.email === "string") return normaliseEmail(o.email) === who.email;
  if (typeof o.attendeeId !== "string" || !who.placeIds.has(o.attendeeId)) return false;
  return who.names.some((n) => n.toLowerCase() === fullName(o));
}

/** The names the person's places carried in snapshots that carry their address (before a change of name). */
export function namesInHistory(changes: Pick<BookingChange, "before" | "after">[], who: Pick<PlaceHolder, "email" | "placeIds">): string[] {
  const names: string[] = [];
  for (const c of changes) {
    for (const o of [...attendeesOf(c.before), ...attendeesOf(c.after)]) {
      if (typeof o.email === "string" && normaliseEmail(o.email) === who.email && typeof o.attendeeId === "string" && who.placeIds.has(o.attendeeId))
        names.push(`${o.firstName ?? ""} ${o.lastName ?? ""}`.trim());
    }
  }
  return names;
}

const CHANGE_TO_PLACES = new Set(["attendees_updated", "attendees_added", "seats_changed"]);

/**
 * The entries of someone else's booking that concern the person's place: changes to their place's details, needs,
 * answers and seat (the snapshots of other places left out), and the booking's moves and the session's new time or
 * place (which moved them too; without the booking's amounts, which are the booker's). Who made a change is given
 * as its kind (booker, attendee, API, staff) and, where it was them, their address. Staff's reason is given where
 * the change concerned their place only; where it also concerned other people's places, or the booking as a whole,
 * it may be about them, and is withheld (`reasonWithheld`).
 */
export function historyOfPlace(changes: BookingChange[], who: PlaceHolder) {
  const out = [];
  for (const c of changes) {
    const theirs = (v: unknown) => attendeesOf(v).filter((o) => isOfHolder(o, who));
    const others = [...attendeesOf(c.before), ...attendeesOf(c.after)].some((o) => !isOfHolder(o, who));
    const before = theirs(c.before);
    const after = theirs(c.after);
    let snapshots: { before: unknown; after: unknown };
    if (CHANGE_TO_PLACES.has(c.action)) {
      if (before.length === 0 && after.length === 0) continue;
      snapshots = { before: { attendees: before }, after: { attendees: after } };
    } else if (c.action === "moved") {
      const session = (v: unknown, attendees: Snapshot[]) => ({
        sessionId: isRecord(v) ? v.sessionId : undefined, startsAt: isRecord(v) ? v.startsAt : undefined,
        ...(attendeesOf(v).length ? { attendees } : {}),
      });
      snapshots = { before: session(c.before, before), after: session(c.after, after) };
    } else if (c.action === "session_rescheduled") {
      // The session's times and venue: nobody's personal data.
      snapshots = { before: c.before, after: c.after };
    } else continue;
    const own = c.actorEmail !== null && normaliseEmail(c.actorEmail) === who.email;
    // Erasure takes a reason with the snapshots it sits beside; one about the whole booking (an unseated move) is the booker's.
    const withheld = c.reason !== null && (others || (before.length === 0 && after.length === 0));
    out.push({
      id: c.id, bookingId: c.bookingId, action: c.action, actorKind: c.actorKind, actorEmail: own ? c.actorEmail : null, ...snapshots,
      reason: withheld ? null : c.reason, ...(withheld ? { reasonWithheld: true } : {}), createdAt: c.createdAt,
    });
  }
  return out;
}

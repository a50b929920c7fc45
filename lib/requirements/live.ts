// Live dashboard updates across app instances: PostgreSQL NOTIFY (sent inside the transaction that paid a
// booking or changed a requirement, so only committed changes are announced) and one LISTEN connection
// per process that fans each notification out to the open Server-Sent Event streams.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { getDb, getSql } from "@/db";
import { bookings, courseSessions, courses, specialRequirements, venues } from "@/db/schema";
import { formatDate } from "@/lib/format";
import { BOOKING_PAID_CHANNEL } from "@/lib/payments/hooks";
import { CHECK_IN_CHANNEL } from "@/lib/check-in/check-in";
import { log } from "@/lib/log";

export const REQUIREMENTS_CHANGED_CHANNEL = "turnout_requirements_changed";

export type LiveEvent =
  | {
      type: "booking-paid"; bookingId: string; reference: string; sessionId: string; message: string;
      requirements: number; critical: number;
    }
  | { type: "requirements-changed"; sessionId: string }
  | { type: "check-in"; sessionId: string };

/** Tells every dashboard that a session's needs or checklist changed; delivered on commit. */
export async function notifyRequirementsChanged(tx: DbOrTx, sessionId: string) {
  await tx.execute(sql`select pg_notify(${REQUIREMENTS_CHANGED_CHANNEL}, ${JSON.stringify({ sessionId })})`);
}

/** The notification text for a newly paid booking, from the database (so every instance says the same). */
export async function describePaidBooking(db: DbOrTx, bookingId: string): Promise<Extract<LiveEvent, { type: "booking-paid" }> | null> {
  const [b] = await db
    .select({
      reference: bookings.reference, sessionId: bookings.sessionId, attendeeCount: bookings.attendeeCount,
      courseTitle: courses.title, startsAt: courseSessions.startsAt, timeZone: venues.timeZone, venueName: venues.name,
    })
    .from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.status, "confirmed")));
  if (!b) return null;
  const reqs = await db.select({ priority: specialRequirements.priority }).from(specialRequirements)
    .where(eq(specialRequirements.bookingId, bookingId));
  const critical = reqs.filter((r) => r.priority === "critical").length;
  const people = `${b.attendeeCount} ${b.attendeeCount === 1 ? "attendee" : "attendees"}`;
  const needs = reqs.length === 0 ? "no special requirements"
    : `${reqs.length} special ${reqs.length === 1 ? "requirement" : "requirements"}${critical ? ` (${critical} Critical)` : ""}`;
  return {
    type: "booking-paid", bookingId, reference: b.reference, sessionId: b.sessionId, requirements: reqs.length, critical,
    message: `New booking ${b.reference}: ${b.courseTitle}, ${formatDate(b.startsAt, b.timeZone)} at ${b.venueName} — ${people}, ${needs}.`,
  };
}

type Listener = (e: LiveEvent) => void;
type Hub = { listeners: Set<Listener>; started: Promise<void> | null; client: unknown };
const globalHub = globalThis as unknown as { turnoutLiveHub?: Hub };

function hub(): Hub {
  globalHub.turnoutLiveHub ??= { listeners: new Set(), started: null, client: null };
  return globalHub.turnoutLiveHub;
}

function broadcast(e: LiveEvent) {
  for (const l of hub().listeners) {
    try {
      l(e);
    } catch (err) {
      log.error({ err }, "live listener failed");
    }
  }
}

async function onBookingPaid(payload: string) {
  const { bookingId, kind } = JSON.parse(payload) as { bookingId: string; kind: string };
  // A balance payment changes no needs; a first payment (full or deposit) brings a booking onto the dashboard.
  if (kind === "balance") return;
  const event = await describePaidBooking(getDb(), bookingId);
  if (event) broadcast(event);
}

function startListening(): Promise<void> {
  const h = hub();
  const client = getSql();
  // A new pool (tests open one per file) needs its own LISTEN.
  if (h.client !== client) {
    h.client = client;
    h.started = null;
  }
  // postgres.js gives LISTEN its own connection and re-subscribes after a reconnect.
  h.started ??= Promise.all([
    client.listen(BOOKING_PAID_CHANNEL, (payload) => {
      onBookingPaid(payload).catch((err) => log.error({ err }, "live: booking-paid notification failed"));
    }),
    client.listen(CHECK_IN_CHANNEL, (payload) => {
      try {
        const { sessionId } = JSON.parse(payload) as { sessionId: string };
        broadcast({ type: "check-in", sessionId });
      } catch (err) {
        log.error({ err }, "live: bad check-in payload");
      }
    }),
    client.listen(REQUIREMENTS_CHANGED_CHANNEL, (payload) => {
      try {
        const { sessionId } = JSON.parse(payload) as { sessionId: string };
        broadcast({ type: "requirements-changed", sessionId });
      } catch (err) {
        log.error({ err }, "live: bad requirements-changed payload");
      }
    }),
  ]).then(() => undefined, (err) => {
    h.started = null;
    throw err;
  });
  return h.started;
}

/** Subscribes to live events; resolves once this process is listening. Call the returned function to stop. */
export async function subscribeLive(listener: Listener): Promise<() => void> {
  hub().listeners.add(listener);
  try {
    await startListening();
  } catch (err) {
    hub().listeners.delete(listener);
    throw err;
  }
  return () => hub().listeners.delete(listener);
}

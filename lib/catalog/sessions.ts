// Sessions as admins run them. Times are typed as the venue's local time. Capacity never drops below the
// places sold (booked + held in checkout): checked under a row lock here, and by a check constraint in the
// database. A session with bookings is never deleted, only cancelled, which tells its bookers by email.
import { queueNewSessionNotice } from "@/lib/members/notifications";
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { voidTickets } from "@/db/queries/tickets";
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { CHECK_VIOLATION, pgErrorOf } from "@/db/pg-error";
import { bookingChanges, bookings, courseSessions, courses, slotOfferings, venues, type CourseSession } from "@/db/schema";
import { calendarChanged, logPaymentEvent } from "@/db/queries/bookings";
import { closeSessionWaitlist, lockOpenOffers } from "@/lib/self-service/waitlist";
import { releaseHeldPlaces } from "@/db/queries/places";
import type { Staff } from "@/lib/auth/guard";
import { fieldError } from "@/lib/validations/field-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { emailKey, queueEmail } from "@/lib/email/jobs";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { paymentProvider } from "@/lib/payments/provider";
import { notifyRequirementsChanged } from "@/lib/requirements/live";
import { dateParts, dateTimeFormat } from "@/lib/intl";
import { plusDays, zonedInstant } from "@/lib/time";
import type { SessionFieldValues, SessionValues } from "@/lib/validations/catalog";
import { log } from "@/lib/log";
import { countBookings } from "@/lib/metrics/events";

export const SESSION_CANCELLED_TASK = "send-session-cancelled-email";

/** "2026-12-01T09:30" in `timeZone` → the instant. */
export function localToInstant(local: string, timeZone: string): Date {
  const [date, time] = local.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return zonedInstant({ year, month, day, hour, minute }, timeZone);
}

/**
 * A wall-clock time the venue's clocks skip (the hour they go forward) would silently become another time: staff
 * are told instead. `local` is a datetime-local value; the error is on `field`.
 */
function refuseSkippedTime(field: "startsAt" | "endsAt", local: string, instant: Date, timeZone: string) {
  if (instantToLocal(instant, timeZone) === local.slice(0, 16)) return;
  const [date, time] = local.split("T");
  throw fieldError(field, `There is no ${time.slice(0, 5)} on ${date} in ${timeZone}: the clocks go forward that night. Choose another time`);
}

/** Both times of a session form as instants in the venue's time zone, each one a time its clocks show. */
function sessionInstants(v: { startsAt: string; endsAt: string }, timeZone: string) {
  const startsAt = localToInstant(v.startsAt, timeZone);
  const endsAt = localToInstant(v.endsAt, timeZone);
  refuseSkippedTime("startsAt", v.startsAt, startsAt, timeZone);
  refuseSkippedTime("endsAt", v.endsAt, endsAt, timeZone);
  return { startsAt, endsAt };
}

/** The instant as the venue's wall-clock time, for a datetime-local field. */
export function instantToLocal(instant: Date, timeZone: string): string {
  const p = dateParts(dateTimeFormat("en-CA", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  }), instant);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

async function lockSession(tx: Tx, id: string): Promise<CourseSession> {
  const [row] = await tx.select().from(courseSessions).where(eq(courseSessions.id, id)).for("update");
  if (!row) throw new AppError("session_not_found");
  return row;
}

async function venueFor(tx: Tx, venueId: string, { allowArchived = false } = {}) {
  const [venue] = await tx.select().from(venues).where(eq(venues.id, venueId));
  if (!venue || (venue.archivedAt && !allowArchived)) throw fieldError("venueId", "Choose a venue that is in use");
  return venue;
}

async function courseFor(tx: Tx, courseId: string, { allowArchived = false } = {}) {
  const [course] = await tx.select().from(courses).where(eq(courses.id, courseId));
  if (!course || (course.status !== "active" && !allowArchived)) throw fieldError("courseId", "Choose a course that is offered");
  return course;
}

function capacityBelowSold(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === CHECK_VIOLATION && pg.constraint === "course_sessions_places_within_capacity";
}

export function soldMessage(s: { placesBooked: number; placesHeld: number }) {
  const sold = s.placesBooked + s.placesHeld;
  const held = s.placesHeld ? `, ${s.placesHeld} held in checkout` : "";
  return `Capacity cannot be below the ${sold} ${sold === 1 ? "place" : "places"} already sold (${s.placesBooked} booked${held})`;
}

/** "2026-12-01T09:30" moved by whole days, as a wall-clock time: the same time of day whatever the clocks do. */
function shiftLocalDays(local: string, days: number): string {
  const [date, time] = local.split("T");
  return `${plusDays(date, days)}T${time}`;
}

/**
 * A new session, and with `repeatWeeks` its weekly repeats: the same local times on the same weekday (a week
 * across a change of the clocks keeps its wall-clock time). All or none are created; a repeat whose time the
 * clocks skip is refused, naming its date. Members hear of them in one email. Returns them in date order.
 */
export async function createSession(db: Db, staff: Staff, v: SessionValues, now = new Date()) {
  return db.transaction(async (tx) => {
    await courseFor(tx, v.courseId);
    const venue = await venueFor(tx, v.venueId);
    const created: CourseSession[] = [];
    for (let week = 0; week <= (v.repeatWeeks ?? 0); week++) {
      const { startsAt, endsAt } = sessionInstants({ startsAt: shiftLocalDays(v.startsAt, 7 * week), endsAt: shiftLocalDays(v.endsAt, 7 * week) }, venue.timeZone);
      if (startsAt <= now) throw fieldError("startsAt", "The start must be in the future");
      if (endsAt <= startsAt) throw fieldError("endsAt", "The end must be after the start");
      const [session] = await tx.insert(courseSessions)
        .values({ courseId: v.courseId, venueId: v.venueId, startsAt, endsAt, capacity: v.capacity, checkOutRequired: v.checkOutRequired }).returning();
      await recordAudit(tx, staff, { action: "session.create", entityType: "course_session", entityId: session.id, after: session });
      created.push(session);
    }
    // Fan-club members of the chosen levels hear of the new dates (lib/members/notifications.ts).
    await queueNewSessionNotice(tx, created.map((s) => s.id), v.notifyLevels);
    return created;
  });
}

/**
 * Saves a session's fields. Moving it to another time or venue tells its confirmed bookings (announceNewTimeOrPlace)
 * and stops its checkouts in progress (stopCheckouts): a customer pays for the time and place they
 * chose, never for one they were not shown.
 *
 * Lock order, as cancelSession and the payment webhook: the session's pending booking rows (by id), then the
 * session row. Whether the session moves is first read without a lock; a move that only shows under the lock
 * (another edit in between) is refused as a conflict rather than taking the booking rows after the session's.
 */
export async function updateSession(db: Db, staff: Staff, id: string, v: SessionFieldValues, now = new Date()) {
  try {
    const result = await db.transaction(async (tx) => {
      const moving = await movesSession(tx, id, v);
      const pendingLocked = moving ? await lockPendingSessionBookings(tx, id) : null;
      // The lock makes bookings wait: no place can be sold between this check and the update.
      const before = await lockSession(tx, id);
      if (before.status === "cancelled") throw new AppError("conflict", {}, "This session is cancelled and can no longer be changed.");
      // A day of a time-slot offering follows its offering: its hours and places are counted per slot there.
      const [slotOffering] = await tx.select({ courseId: slotOfferings.courseId }).from(slotOfferings).where(eq(slotOfferings.courseId, before.courseId));
      if (slotOffering)
        throw new AppError("conflict", {}, "This is a day of a time-slot offering: its opening hours and places per slot are set on the offering, not here.");
      const [{ n: bookingCount }] = await tx.select({ n: count() }).from(bookings).where(eq(bookings.sessionId, id));
      if (v.courseId !== before.courseId) {
        if (bookingCount > 0) throw fieldError("courseId", "A session with bookings cannot move to another course");
        await courseFor(tx, v.courseId);
      }
      const venue = await venueFor(tx, v.venueId, { allowArchived: v.venueId === before.venueId });
      // A seating plan belongs to one venue.
      if (v.venueId !== before.venueId && before.seatingPlanId)
        throw fieldError("venueId", "This session uses a seating plan of its venue: choose no seating plan before moving it to another venue");
      const { startsAt, endsAt } = sessionInstants(v, venue.timeZone);
      if (startsAt.getTime() !== before.startsAt.getTime() && startsAt <= now) throw fieldError("startsAt", "The start must be in the future");
      if (endsAt <= startsAt) throw fieldError("endsAt", "The end must be after the start");
      const moved = startsAt.getTime() !== before.startsAt.getTime() || endsAt.getTime() !== before.endsAt.getTime() || v.venueId !== before.venueId;
      if (moved && !pendingLocked)
        throw new AppError("conflict", {}, "This session was changed by someone else meanwhile. Reload it and save again.");
      // Checkouts stopped by the move give their places back before the capacity is checked against the rest.
      const stopped = moved && pendingLocked!.length
        ? await stopCheckouts(tx, inArray(bookings.id, pendingLocked!.map((b) => b.id)), {
          statusReason: "session_rescheduled",
          log: "Session moved to another time or venue by staff; checkout stopped and hold released",
          event: "Session moved to another time or venue while the booking was in checkout",
        }, now)
        : [];
      const held = before.placesHeld - stopped.reduce((sum, b) => sum + b.attendeeCount, 0);
      if (v.capacity < before.placesBooked + held) throw fieldError("capacity", soldMessage({ ...before, placesHeld: held }));
      const [after] = await tx.update(courseSessions)
        .set({ courseId: v.courseId, venueId: v.venueId, startsAt, endsAt, capacity: v.capacity, checkOutRequired: v.checkOutRequired })
        .where(eq(courseSessions.id, id)).returning();
      await recordAudit(tx, staff, {
        action: "session.update", entityType: "course_session", entityId: id, before,
        after: stopped.length ? { ...after, checkoutsStopped: stopped.length } : after,
      });
      await notifyRequirementsChanged(tx, id);
      const told = await announceNewTimeOrPlace(tx, staff, before, after, now);
      return { session: Object.assign(after, { bookersTold: told, checkoutsStopped: stopped.length }), stopped };
    });
    await expireCheckouts(result.stopped.map((b) => b.checkoutSessionId));
    countBookings("cancelled", result.stopped.length);
    return result.session;
  } catch (err) {
    if (capacityBelowSold(err)) throw fieldError("capacity", "Capacity cannot be below the places already sold");
    throw err;
  }
}

/** Whether the values would give the session another time or venue (read without a lock; checked again under it). */
async function movesSession(tx: Tx, id: string, v: SessionFieldValues): Promise<boolean> {
  const [row] = await tx.select({ startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt, venueId: courseSessions.venueId, timeZone: venues.timeZone })
    .from(courseSessions).innerJoin(venues, eq(venues.id, v.venueId)).where(eq(courseSessions.id, id));
  if (!row) return false; // lockSession says the session is not there
  if (row.venueId !== v.venueId) return true;
  try {
    const { startsAt, endsAt } = sessionInstants(v, row.timeZone);
    return startsAt.getTime() !== row.startsAt.getTime() || endsAt.getTime() !== row.endsAt.getTime();
  } catch {
    return false; // a time the venue skips: refused with its field error under the lock
  }
}

type PendingCheckout = { id: string; attendeeCount: number; checkoutSessionId: string | null };

/** The session's bookings in checkout (not time-slot spans, which keep their own times), locked by id. */
async function lockPendingSessionBookings(tx: Tx, sessionId: string): Promise<PendingCheckout[]> {
  return tx.select({ id: bookings.id, attendeeCount: bookings.attendeeCount, checkoutSessionId: bookings.checkoutSessionId })
    .from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, "pending"), isNull(bookings.spanStartsAt)))
    .orderBy(asc(bookings.id)).for("update");
}

type StopReason = { statusReason: "session_rescheduled" | "session_cancelled"; log: string; event: string };

/**
 * Stops the checkouts in progress among `which` bookings: each still pending is cancelled with the reason, its
 * places and seats released, the release logged and `booking.cancelled` sent. Their checkouts are expired after
 * commit (expireCheckouts); a payment that still arrives is refunded in full with an email saying why
 * (lib/payments/record-payment.ts), and the booking's page says so. Used when staff cancel a session, and when they
 * move one: the customer chose the old time or venue, and the checkout still shows it.
 */
async function stopCheckouts(tx: Tx, which: SQL, why: StopReason, now: Date): Promise<PendingCheckout[]> {
  const stopped = await tx.update(bookings)
    .set({ status: "cancelled", statusReason: why.statusReason, releasedAt: now, updatedAt: now })
    .where(and(which, eq(bookings.status, "pending")))
    .returning({ id: bookings.id, attendeeCount: bookings.attendeeCount, checkoutSessionId: bookings.checkoutSessionId });
  await releaseHeldPlaces(tx, stopped.map((b) => b.id));
  for (const b of stopped) {
    await logPaymentEvent(tx, { bookingId: b.id, type: "hold_released", message: why.log });
    await emitBookingEvent(tx, "booking.cancelled", b.id, { reason: why.event });
  }
  return stopped;
}

/** Closes checkouts still open so they cannot be paid (a payment that still arrives is refunded automatically). */
async function expireCheckouts(ids: (string | null)[]) {
  for (const id of ids) {
    if (!id) continue;
    await paymentProvider().expireCheckout(id)
      .catch((err) => log.error({ err, checkoutSessionId: id }, "could not expire checkout"));
  }
}

/** A session's times and venue as a booking's history keeps them; the venue's time zone shows the times as they were. */
async function timeAndPlace(tx: Tx, s: CourseSession) {
  const [venue] = await tx.select({ name: venues.name, timeZone: venues.timeZone }).from(venues).where(eq(venues.id, s.venueId));
  return { sessionId: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), venueId: s.venueId, venueName: venue.name, timeZone: venue.timeZone };
}

/**
 * A session moved to another time or venue: each of its bookings gets a new version of its calendar event,
 * and each confirmed one an entry in its history (by staff: "the box office" to the customer), an email saying
 * when and where it is now (queued here, so it exists if and only if the change commits) and a `booking.changed`
 * webhook. Time-slot bookings keep their own spans. Returns how many bookings were told.
 */
async function announceNewTimeOrPlace(tx: Tx, staff: Staff, before: CourseSession, after: CourseSession, now: Date): Promise<number> {
  if (before.startsAt.getTime() === after.startsAt.getTime() && before.endsAt.getTime() === after.endsAt.getTime() && before.venueId === after.venueId) return 0;
  const changed = await tx.update(bookings).set({ ...calendarChanged(now), updatedAt: now })
    .where(and(eq(bookings.sessionId, after.id), inArray(bookings.status, ["pending", "confirmed"]), isNull(bookings.spanStartsAt)))
    .returning({ id: bookings.id, status: bookings.status, sequence: bookings.calendarSequence });
  const confirmed = changed.filter((b) => b.status === "confirmed").sort((x, y) => x.id.localeCompare(y.id));
  if (confirmed.length === 0) return 0;
  const from = await timeAndPlace(tx, before);
  const to = await timeAndPlace(tx, after);
  await tx.insert(bookingChanges).values(confirmed.map((b) => ({
    bookingId: b.id, action: "session_rescheduled", actorKind: "staff", actorEmail: staff.email, before: from, after: to, createdAt: now,
  })));
  const was = { startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString(), venueId: before.venueId };
  for (const b of confirmed) {
    await queueEmail(tx, { kind: "session-changed", bookingId: b.id, sequence: b.sequence, was });
    await emitBookingEvent(tx, "booking.changed", b.id, { changes: ["session_rescheduled"] });
  }
  return confirmed.length;
}

/**
 * Cancels a session: no more bookings; checkouts in progress are cancelled and their places released; every
 * confirmed booking is refunded in full and its booker told in one email (a job per booking, queued here and
 * run after commit: see lib/catalog/session-cancelled-email.tsx).
 *
 * Lock order: the session's booking rows (by id), then the session row, as the payment webhook does (the
 * booking, then its places and the session). Taking the session first would deadlock with a payment in flight.
 */
export async function cancelSession(db: Db, staff: Staff, p: { id: string; reason: string }, now = new Date()) {
  const result = await db.transaction(async (tx) => {
    await tx.select({ id: bookings.id }).from(bookings)
      .where(and(eq(bookings.sessionId, p.id), inArray(bookings.status, ["pending", "confirmed"])))
      .orderBy(asc(bookings.id)).for("update");
    // Waiting-list offers hold places too: locked before the session, like booking rows.
    const offers = await lockOpenOffers(tx, p.id);
    const before = await lockSession(tx, p.id);
    if (before.status === "cancelled") return { session: before, notified: 0, pendingCancelled: [] as { checkoutSessionId: string | null }[], openCheckouts: [] as string[] };
    const pending = await stopCheckouts(tx, eq(bookings.sessionId, p.id), {
      statusReason: "session_cancelled", log: "Session cancelled by staff; hold released", event: `Session cancelled: ${p.reason}`,
    }, now);
    await closeSessionWaitlist(tx, p.id, offers, now);
    const [after] = await tx.update(courseSessions).set({ status: "cancelled" }).where(eq(courseSessions.id, p.id)).returning();
    await voidTickets(tx, { sessionId: p.id, reason: "cancelled", now });
    const confirmed = await tx.select({ id: bookings.id, balanceCheckoutSessionId: bookings.balanceCheckoutSessionId }).from(bookings)
      .where(and(eq(bookings.sessionId, p.id), inArray(bookings.status, ["confirmed"])));
    for (const b of confirmed) {
      await enqueueJob(tx, SESSION_CANCELLED_TASK, { bookingId: b.id, reason: p.reason, staff: { id: staff.id, email: staff.email }, at: now.toISOString() },
        { jobKey: `session-cancelled:${b.id}` });
      // Nobody is asked to pay the balance of a session that will not run.
      await tx.execute(sql`select graphile_worker.remove_job(${`email:${emailKey({ kind: "balance-reminder", bookingId: b.id })}`})`);
    }
    await recordAudit(tx, staff, {
      action: "session.cancel", entityType: "course_session", entityId: p.id,
      before: { status: before.status, placesHeld: before.placesHeld },
      after: { status: after.status, placesHeld: after.placesHeld, reason: p.reason, bookersNotified: confirmed.length, checkoutsCancelled: pending.length },
    });
    await notifyRequirementsChanged(tx, p.id);
    const openCheckouts = [
      ...pending.map((b) => b.checkoutSessionId),
      ...confirmed.map((b) => b.balanceCheckoutSessionId),
    ].filter((id): id is string => Boolean(id));
    return { session: after, notified: confirmed.length, pendingCancelled: pending, openCheckouts };
  });
  // Close checkouts still open, first payments and balances alike.
  await expireCheckouts(result.openCheckouts);
  countBookings("cancelled", result.pendingCancelled.length);
  return { session: result.session, notified: result.notified, checkoutsCancelled: result.pendingCancelled.length };
}

/** Only a session nobody ever booked can be deleted. */
export async function deleteSession(db: Db, staff: Staff, id: string) {
  return db.transaction(async (tx) => {
    const before = await lockSession(tx, id);
    const [{ n }] = await tx.select({ n: count() }).from(bookings).where(eq(bookings.sessionId, id));
    if (n > 0)
      throw new AppError("conflict", { bookings: n },
        "This session has bookings, so it cannot be deleted. Cancel it instead: its bookers are told by email.");
    await tx.delete(courseSessions).where(eq(courseSessions.id, id));
    await recordAudit(tx, staff, { action: "session.delete", entityType: "course_session", entityId: id, before });
    return { id };
  });
}

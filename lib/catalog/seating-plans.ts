// Seating plans as staff run them: imported from CSV or built as a grid, archived, deleted while unused;
// a session's choice of plan; and seats blocked by staff in one session (house seats, a broken seat).
// A seat is taken at most once per session by session_seats' primary key: blocking inserts with
// ON CONFLICT DO NOTHING, so a seat held or booked meanwhile is reported, never overwritten.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { seatsLeftBesideOffers } from "@/db/queries/places";
import {
  bookingAttendees, bookings, courseSessions, seatingPlans, seats, sessionSeats, venues, type CourseSession, type SeatingPlan,
} from "@/db/schema";
import type { Staff } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/record-audit";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { AppError } from "@/lib/errors";
import { parseSeatingCsv } from "@/lib/seating/csv";
import { gridSeats, type ClassRange } from "@/lib/seating/grid";
import type { PlanSeat } from "@/lib/seating/plan-seats";
import { fieldError } from "@/lib/validations/field-error";
import { queueWaitlistOffers } from "@/lib/self-service/waitlist-queue";

const seatName = (s: { section: string; row: string; number: string }) => `${s.section} ${s.row}${s.number}`;

function nameTaken(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === "seating_plans_venue_name_key";
}

async function lockPlan(tx: Tx, id: string): Promise<SeatingPlan> {
  const [row] = await tx.select().from(seatingPlans).where(eq(seatingPlans.id, id)).for("update");
  if (!row) throw new AppError("not_found", {}, "That seating plan does not exist.");
  return row;
}

async function insertPlan(db: Db, staff: Staff, p: { venueId: string; name: string; seats: PlanSeat[]; source: string }) {
  try {
    return await db.transaction(async (tx) => {
      const [venue] = await tx.select().from(venues).where(eq(venues.id, p.venueId));
      if (!venue) throw new AppError("not_found", {}, "That venue does not exist.");
      if (venue.archivedAt) throw new AppError("conflict", {}, "This venue is archived: use it again before adding seating plans.");
      const [plan] = await tx.insert(seatingPlans).values({ venueId: p.venueId, name: p.name }).returning();
      // Batches keep each statement well under PostgreSQL's limit of 65,535 parameters.
      for (let i = 0; i < p.seats.length; i += 1_000)
        await tx.insert(seats).values(p.seats.slice(i, i + 1_000).map((s) => ({ ...s, planId: plan.id })));
      const classes = Object.fromEntries([...new Set(p.seats.map((s) => s.seatClass))]
        .map((c) => [c, p.seats.filter((s) => s.seatClass === c).length]));
      await recordAudit(tx, staff, {
        action: "seating_plan.create", entityType: "seating_plan", entityId: plan.id,
        after: { ...plan, source: p.source, seats: p.seats.length, classes },
      });
      return { plan, seats: p.seats.length };
    });
  } catch (err) {
    if (nameTaken(err)) throw fieldError("name", "This venue already has a plan with this name");
    throw err;
  }
}

/** A plan from CSV: any problem in any line refuses the whole file, with every problem listed (line and column). */
export async function createSeatingPlanFromCsv(db: Db, staff: Staff, p: { venueId: string; name: string; csv: string }) {
  const parsed = parseSeatingCsv(p.csv);
  if (!parsed.ok)
    throw new AppError("invalid_request", { fields: { csv: parsed.errors.join(". ") }, problems: parsed.errors },
      `The CSV has ${parsed.errors.length === 1 ? "a problem" : "problems"}; nothing was saved.`);
  return insertPlan(db, staff, { venueId: p.venueId, name: p.name, seats: parsed.seats, source: "csv" });
}

export async function createGridSeatingPlan(db: Db, staff: Staff, p: {
  venueId: string; name: string; section: string; rows: number; seatsPerRow: number; defaultClass: string; ranges: ClassRange[];
}) {
  return insertPlan(db, staff, { venueId: p.venueId, name: p.name, seats: gridSeats(p), source: "grid" });
}

/** Archived plans cannot be chosen for more sessions; sessions already using one keep it. */
export async function setSeatingPlanArchived(db: Db, staff: Staff, id: string, archived: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockPlan(tx, id);
    if (Boolean(before.archivedAt) === archived) return before;
    const [after] = await tx.update(seatingPlans).set({ archivedAt: archived ? new Date() : null }).where(eq(seatingPlans.id, id)).returning();
    await recordAudit(tx, staff, {
      action: archived ? "seating_plan.archive" : "seating_plan.restore", entityType: "seating_plan", entityId: id,
      before: { archivedAt: before.archivedAt }, after: { archivedAt: after.archivedAt },
    });
    return after;
  });
}

/**
 * Deletes a plan no place was ever sold on: sessions using it (none with bookings) go back to unnumbered
 * places and lose their blocked seats. A plan with sales is archived instead.
 */
export async function deleteSeatingPlan(db: Db, staff: Staff, id: string) {
  return db.transaction(async (tx) => {
    const before = await lockPlan(tx, id);
    const using = await tx.select({ id: courseSessions.id }).from(courseSessions).where(eq(courseSessions.seatingPlanId, id))
      .orderBy(asc(courseSessions.id)).for("update");
    const sessionIds = using.map((s) => s.id);
    const [{ sold }] = await tx.select({ sold: count() }).from(bookingAttendees)
      .innerJoin(seats, eq(seats.id, bookingAttendees.seatId)).where(eq(seats.planId, id));
    const [{ booked }] = sessionIds.length
      ? await tx.select({ booked: count() }).from(bookings).where(inArray(bookings.sessionId, sessionIds))
      : [{ booked: 0 }];
    if (sold > 0 || booked > 0)
      throw new AppError("conflict", { sessions: sessionIds.length },
        "Places have been sold on this plan, so it cannot be deleted. Archive it instead: sessions using it keep it.");
    const [{ seatCount }] = await tx.select({ seatCount: count() }).from(seats).where(eq(seats.planId, id));
    if (sessionIds.length) {
      await tx.delete(sessionSeats).where(and(inArray(sessionSeats.sessionId, sessionIds), eq(sessionSeats.status, "blocked")));
      await tx.update(courseSessions).set({ seatingPlanId: null }).where(inArray(courseSessions.id, sessionIds));
    }
    await tx.delete(seatingPlans).where(eq(seatingPlans.id, id)); // Its seats go with it (on delete cascade).
    await recordAudit(tx, staff, {
      action: "seating_plan.delete", entityType: "seating_plan", entityId: id,
      before: { ...before, seats: seatCount, sessions: sessionIds },
    });
    return { id, venueId: before.venueId };
  });
}

async function lockSession(tx: Tx, id: string): Promise<CourseSession> {
  const [row] = await tx.select().from(courseSessions).where(eq(courseSessions.id, id)).for("update");
  if (!row) throw new AppError("session_not_found");
  return row;
}

/** A session's plan (one of its venue's, not archived) or none; only while none of its seats is claimed. */
export async function setSessionSeatingPlan(db: Db, staff: Staff, p: { sessionId: string; planId: string | null }) {
  // Lapsed checkouts still hold their seats until released: release them first, as bookings do.
  await db.transaction((tx) => releaseExpiredHolds(tx, { sessionId: p.sessionId }));
  return db.transaction(async (tx) => {
    const before = await lockSession(tx, p.sessionId);
    if (before.status === "cancelled") throw new AppError("conflict", {}, "This session is cancelled and can no longer be changed.");
    if (before.seatingPlanId === p.planId) return before;
    const claims = await tx.select({ status: sessionSeats.status, n: count() }).from(sessionSeats)
      .where(eq(sessionSeats.sessionId, p.sessionId)).groupBy(sessionSeats.status);
    if (claims.length) {
      const what = claims.map((c) => `${c.n} ${c.status}`).join(", ");
      throw fieldError("planId", `The plan cannot change while seats of this session are held, booked or blocked (${what})`);
    }
    if (p.planId) {
      const [plan] = await tx.select().from(seatingPlans).where(eq(seatingPlans.id, p.planId));
      if (!plan || plan.venueId !== before.venueId) throw fieldError("planId", "Choose a seating plan of this session's venue");
      if (plan.archivedAt) throw fieldError("planId", "This seating plan is archived: choose another or use it again");
    }
    const [after] = await tx.update(courseSessions).set({ seatingPlanId: p.planId }).where(eq(courseSessions.id, p.sessionId)).returning();
    await recordAudit(tx, staff, {
      action: "session.seating_plan", entityType: "course_session", entityId: p.sessionId,
      before: { seatingPlanId: before.seatingPlanId }, after: { seatingPlanId: after.seatingPlanId },
    });
    return after;
  });
}

async function planSeatsById(tx: Tx, planId: string | null, seatIds: string[]) {
  if (!planId) throw new AppError("conflict", {}, "This session has no seating plan.");
  const rows = await tx.select({ id: seats.id, section: seats.section, row: seats.row, number: seats.number, sortOrder: seats.sortOrder }).from(seats)
    .where(and(eq(seats.planId, planId), inArray(seats.id, seatIds)));
  if (rows.length !== seatIds.length) throw fieldError("seatIds", "Some of the chosen seats are not on this session's seating plan");
  return new Map(rows.map((r) => [r.id, r]));
}

export type BlockOutcome = { blocked: string[]; alreadyBlocked: string[]; unavailable: { seat: string; status: "held" | "booked" }[] };

/**
 * Blocks seats of a session. Seats already held or booked are reported and left alone; seats already
 * blocked stay blocked with their note. Places offered to the waiting list hold no seat until their customer
 * books (they choose it then), so, as for a checkout, blocking must leave a seat to sell for each of them: a
 * block that would not is refused (409) and blocks nothing.
 */
export async function blockSessionSeats(db: Db, staff: Staff, p: { sessionId: string; seatIds: string[]; note?: string | undefined }): Promise<BlockOutcome> {
  await db.transaction((tx) => releaseExpiredHolds(tx, { sessionId: p.sessionId }));
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(courseSessions).where(eq(courseSessions.id, p.sessionId));
    if (!session) throw new AppError("session_not_found");
    if (session.status === "cancelled") throw new AppError("conflict", {}, "This session is cancelled and can no longer be changed.");
    const byId = await planSeatsById(tx, session.seatingPlanId, p.seatIds);
    // Seats first and in id order, like every checkout: the two never wait on each other in a circle.
    const ids = [...p.seatIds].sort();
    const inserted = await tx.insert(sessionSeats)
      .values(ids.map((seatId) => ({ sessionId: p.sessionId, seatId, status: "blocked" as const, note: p.note ?? null })))
      .onConflictDoNothing().returning({ seatId: sessionSeats.seatId });
    // Then the session's row, as every writer of places and every offer takes it after its seats (the lock order,
    // db/queries/places.ts): the plan cannot change meanwhile, and the offers counted below are all there are.
    const [now] = await tx.select({ planId: courseSessions.seatingPlanId }).from(courseSessions)
      .where(eq(courseSessions.id, p.sessionId)).for("no key update");
    if (now.planId !== session.seatingPlanId) throw new AppError("conflict", {}, "The session's seating plan just changed: reload the page.");
    if (inserted.length) {
      const left = await seatsLeftBesideOffers(tx, p.sessionId, new Date());
      if (left != null && left < 0) throw offeredSeatsError(inserted.length, -left);
    }
    const got = new Set(inserted.map((r) => r.seatId));
    const missed = ids.filter((id) => !got.has(id));
    const others = missed.length
      ? await tx.select({ seatId: sessionSeats.seatId, status: sessionSeats.status }).from(sessionSeats)
        .where(and(eq(sessionSeats.sessionId, p.sessionId), inArray(sessionSeats.seatId, missed)))
      : [];
    // Reported in reading order, as staff see the seats.
    const order = (a: { seatId: string }, b: { seatId: string }) => byId.get(a.seatId)!.sortOrder - byId.get(b.seatId)!.sortOrder;
    const name = (o: { seatId: string }) => seatName(byId.get(o.seatId)!);
    const outcome: BlockOutcome = {
      blocked: [...inserted].sort(order).map(name),
      alreadyBlocked: others.filter((o) => o.status === "blocked").sort(order).map(name),
      unavailable: others.filter((o) => o.status !== "blocked").sort(order).map((o) => ({ seat: name(o), status: o.status as "held" | "booked" })),
    };
    if (outcome.blocked.length)
      await recordAudit(tx, staff, {
        action: "session.block_seats", entityType: "course_session", entityId: p.sessionId,
        after: { seats: outcome.blocked, seatIds: ids.filter((id) => got.has(id)), note: p.note ?? null },
      });
    return outcome;
  });
}

/** A block that would take `short` of the seats open waiting-list offers need, of the `wanted` free seats asked for. */
function offeredSeatsError(wanted: number, short: number): AppError {
  const allowed = Math.max(0, wanted - short);
  const message = allowed === 0
    ? "These seats are kept for customers offered places from the waiting list: none of them can be blocked until those offers are taken up or lapse."
    : `Only ${allowed} of the ${wanted} free seats chosen can be blocked: the others are kept for customers offered places from the waiting list until those offers are taken up or lapse.`;
  return new AppError("conflict", { reason: "offered_to_waitlist", blockable: allowed, fields: { seatIds: message } }, message);
}

/**
 * Unblocks seats of a session: only rows staff blocked are deleted, never a held or booked seat. Seats back on
 * sale may be places for the waiting list: the offer job is queued in this transaction, as a cancellation does.
 */
export async function unblockSessionSeats(db: Db, staff: Staff, p: { sessionId: string; seatIds: string[] }) {
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(courseSessions).where(eq(courseSessions.id, p.sessionId));
    if (!session) throw new AppError("session_not_found");
    const byId = await planSeatsById(tx, session.seatingPlanId, p.seatIds);
    const removed = await tx.delete(sessionSeats)
      .where(and(eq(sessionSeats.sessionId, p.sessionId), inArray(sessionSeats.seatId, p.seatIds), eq(sessionSeats.status, "blocked")))
      .returning({ seatId: sessionSeats.seatId, note: sessionSeats.note });
    const unblocked = removed.sort((a, b) => byId.get(a.seatId)!.sortOrder - byId.get(b.seatId)!.sortOrder).map((r) => seatName(byId.get(r.seatId)!));
    if (removed.length) {
      await recordAudit(tx, staff, {
        action: "session.unblock_seats", entityType: "course_session", entityId: p.sessionId,
        before: { seats: unblocked, seatIds: removed.map((r) => r.seatId), notes: [...new Set(removed.map((r) => r.note).filter(Boolean))] },
      });
      await queueWaitlistOffers(tx, p.sessionId);
    }
    return { unblocked, notBlocked: p.seatIds.length - removed.length };
  });
}

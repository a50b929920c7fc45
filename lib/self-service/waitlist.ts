// The waiting list of a full session: joining, leaving, offering freed places to the first waiting customer whose
// request fits (holding the places for them), lapsing unused offers, and turning an offer into a booking's hold.
//
// Lock order (extends db/queries/places.ts): waiting-list entries of the session in queue order, or one offer
// row, come first; then the places of a ticket type, then the session. Offers hold places through the same
// conditional updates as checkouts, so the capacity and quota checks give each freed place to one offer only. On a
// seated session offers and checkouts both check, under the session's row lock, that each place open offers hold
// still has a seat free to sell (db/queries/places.ts), so neither takes the other's last seat.
import { emitEvent } from "@/lib/webhooks/emit";
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db";
import { bookings, courseSessions, courses, ticketTypeInventory, ticketTypes, waitlistEntries, waitlistOffers, type WaitlistEntry, type WaitlistOffer } from "@/db/schema";
import { inSavepoint } from "@/db/savepoint";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { getSessionAvailability } from "@/db/queries/catalog";
import { sessionTicketTypes } from "@/db/queries/ticket-types";
import { holdOfferPlaces, offersHaveSeats, releaseHeldPlaces, releaseOfferPlaces } from "@/db/queries/places";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { queueEmail } from "@/lib/email/jobs";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { WAITLIST_MAX_PLACES } from "@/lib/validations/waitlist";
import { queueWaitlistOffers } from "./waitlist-queue";

const HOUR_MS = 3_600_000;

const placesWord = (n: number) => `${n} ${n === 1 ? "place" : "places"}`;

/** A bearer token for one waiting-list entry or offer, derived from its id so nothing secret is stored. */
export function waitlistToken(kind: "entry" | "offer", id: string): string {
  return createHmac("sha256", env().APP_SECRET).update(`waitlist-${kind}:${id}`).digest("base64url");
}

export function verifyWaitlistToken(kind: "entry" | "offer", id: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(waitlistToken(kind, id));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function leaveWaitlistUrl(entryId: string) {
  return `${env().APP_URL}/waitlist/${entryId}/leave?token=${waitlistToken("entry", entryId)}`;
}

export function offerUrl(offerId: string) {
  return `${env().APP_URL}/waitlist/offers/${offerId}?token=${waitlistToken("offer", offerId)}`;
}

/**
 * Places a session (and, when named, a ticket type of it) can still sell now: the session's as the availability
 * API counts them (never more than its seats free to sell, blocked seats out), within the type's quota.
 */
export async function placesLeft(db: DbOrTx, sessionId: string, ticketTypeId: string | null) {
  const availability = await getSessionAvailability(db, sessionId);
  if (!availability) return 0;
  let left = availability.available;
  if (ticketTypeId) {
    const [t] = await db.select({ quota: ticketTypes.quota, booked: ticketTypeInventory.placesBooked, held: ticketTypeInventory.placesHeld })
      .from(ticketTypes)
      .leftJoin(ticketTypeInventory, and(eq(ticketTypeInventory.ticketTypeId, ticketTypes.id), eq(ticketTypeInventory.sessionId, sessionId)))
      .where(eq(ticketTypes.id, ticketTypeId));
    if (t?.quota != null) left = Math.min(left, t.quota - (t.booked ?? 0) - (t.held ?? 0));
  }
  return Math.max(0, left);
}

/** The one ticket type of a session anyone can buy, or null when there are several (or none): whose places the join page counts. */
export function onlyTypeOnSale<T extends { visible: boolean }>(types: T[]): T | null {
  const onSale = types.filter((t) => t.visible);
  return onSale.length === 1 ? onSale[0] : null;
}

type WaitedForType = { name: string; quota: number | null; maxPerBooking: number };

/**
 * The most places one request on a session's list could ever be offered: no more than the form takes, than the
 * session's capacity, than the quota of the ticket type the places are for, or than that type sells to one booking
 * (the offer is booked as one). A request for more would wait for ever while smaller ones behind it are served.
 */
export function mostPlacesToWaitFor(capacity: number, type: Omit<WaitedForType, "name"> | null): number {
  return Math.min(WAITLIST_MAX_PLACES, capacity, type?.quota ?? WAITLIST_MAX_PLACES, type?.maxPerBooking ?? WAITLIST_MAX_PLACES);
}

/**
 * What a customer asking for more places than `mostPlacesToWaitFor` can do, said on the places field: by what
 * limits them (the type's most per booking, its quota when they chose it, or the session).
 */
function tooManyPlaces(capacity: number, type: WaitedForType | null, chosen: boolean) {
  const most = mostPlacesToWaitFor(capacity, type);
  const askFor = most === 1 ? "ask for 1" : `ask for ${most} or fewer`;
  const orAnother = chosen ? ", or choose another ticket type" : "";
  if (type && most === type.maxPerBooking && most < mostPlacesToWaitFor(capacity, { quota: type.quota, maxPerBooking: WAITLIST_MAX_PLACES }))
    return `${type.name} tickets are sold at most ${most} to a booking: ${askFor}${orAnother}`;
  if (type && chosen && most < mostPlacesToWaitFor(capacity, null)) return `${type.name} has ${placesWord(most)} on this session in all: ${askFor}${orAnother}`;
  return `This session has ${placesWord(most)} in all: ${askFor}`;
}

async function waitableSession(db: DbOrTx, sessionId: string, now: Date) {
  const [row] = await db.select({ session: courseSessions, course: { id: courses.id, slug: courses.slug, title: courses.title, kind: courses.kind, status: courses.status } })
    .from(courseSessions).innerJoin(courses, eq(courses.id, courseSessions.courseId)).where(eq(courseSessions.id, sessionId));
  if (!row) throw new AppError("session_not_found", { fields: { sessionId: "That session does not exist" } });
  if (row.course.kind !== "sessions" || row.session.status !== "scheduled" || row.course.status !== "active" || row.session.startsAt <= now)
    throw new AppError("session_not_bookable", {}, "This session has no waiting list.");
  return row;
}

export type JoinWaitlistInput = { sessionId: string; ticketTypeId: string | null; email: string; places: number; note: string | null };

/**
 * 400 when the request asks for more places than the session could ever offer it (mostPlacesToWaitFor); 409 when
 * there are places to book now, or this email already waits for this session. Nothing is written then.
 */
export async function joinWaitlist(db: Db, input: JoinWaitlistInput, now = new Date()): Promise<WaitlistEntry> {
  return db.transaction(async (tx) => {
    const { session } = await waitableSession(tx, input.sessionId, now);
    // The type whose places the request is for: the one chosen, or else the only one on sale, as the join page counts.
    let type: (WaitedForType & { id: string }) | null;
    const types = await sessionTicketTypes(tx, input.sessionId);
    if (input.ticketTypeId) {
      // One the join page offers: a visible type this session sells.
      type = types.find((t) => t.id === input.ticketTypeId && t.visible) ?? null;
      if (!type) throw new AppError("invalid_request", { fields: { ticketTypeId: "Choose a ticket type of this session" } });
    } else type = onlyTypeOnSale(types);
    const most = mostPlacesToWaitFor(session.capacity, type);
    if (input.places > most) {
      const problem = tooManyPlaces(session.capacity, type, Boolean(input.ticketTypeId));
      throw new AppError("invalid_request", { reason: "too_many_places", most, fields: { places: problem } }, `${problem}.`);
    }
    const left = await placesLeft(tx, input.sessionId, type?.id ?? null);
    if (left >= input.places) {
      const free = `${placesWord(left)} ${left === 1 ? "is" : "are"} free`;
      const them = left === 1 ? "it" : "them";
      throw new AppError("conflict", { reason: "places_available", fields: { places: `${free} now: book ${them} instead, or ask for more than ${left} if you need more` } },
        `${free} on this session now: book ${them} instead. Join the waiting list only if you need more than ${left}.`);
    }
    // Saved with the type it was counted against, so that its offer holds that type's places within its quota.
    const [entry] = await tx.insert(waitlistEntries).values({
      sessionId: input.sessionId, ticketTypeId: type?.id ?? null, email: input.email.trim(), places: input.places, note: input.note?.trim() || null,
      createdAt: now, updatedAt: now,
    }).returning();
    await queueEmail(tx, { kind: "waitlist-joined", entryId: entry.id });
    return entry;
  }).catch((err) => {
    const pg = pgErrorOf(err);
    if (pg?.code === UNIQUE_VIOLATION && pg.constraint === "waitlist_entries_active_email_key")
      throw new AppError("conflict", { reason: "already_waiting", fields: { email: "This email is already on the waiting list for this session" } },
        "This email is already on the waiting list for this session.");
    throw err;
  });
}

/** Releases an open offer's places and closes it; the caller holds the offer's row lock. */
async function closeOffer(tx: Tx, offer: WaitlistOffer, status: "lapsed" | "withdrawn", now: Date) {
  await releaseOfferPlaces(tx, { sessionId: offer.sessionId, ticketTypeId: offer.ticketTypeId, count: offer.places });
  await tx.update(waitlistOffers).set({ status, closedAt: now }).where(eq(waitlistOffers.id, offer.id));
}

/** The customer (with the link from their email) or staff take an entry off the list; an open offer is withdrawn. */
export async function leaveWaitlist(db: Db, entryId: string, actor: AuditActor | null, now = new Date()) {
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId)).for("update");
    if (!entry) throw new AppError("not_found", {}, "This waiting-list link is not valid.");
    if (entry.status !== "waiting" && entry.status !== "offered")
      throw new AppError("conflict", { reason: "not_waiting" }, "You are no longer on this waiting list.");
    const [offer] = await tx.select().from(waitlistOffers)
      .where(and(eq(waitlistOffers.entryId, entry.id), eq(waitlistOffers.status, "open"))).for("update");
    if (offer) {
      await closeOffer(tx, offer, "withdrawn", now);
      await queueWaitlistOffers(tx, entry.sessionId);
    }
    await tx.update(waitlistEntries).set({ status: "left", updatedAt: now }).where(eq(waitlistEntries.id, entry.id));
    if (actor) await recordAudit(tx, actor, { action: "waitlist.remove", entityType: "waitlist_entry", entityId: entry.id, before: { status: entry.status }, after: { status: "left" } });
    return entry;
  });
}

async function quotaOf(tx: DbOrTx, ticketTypeId: string | null) {
  if (!ticketTypeId) return null;
  const [t] = await tx.select({ quota: ticketTypes.quota }).from(ticketTypes).where(eq(ticketTypes.id, ticketTypeId));
  return t?.quota ?? null;
}

/** Holds the entry's places and writes its offer, or answers null when they are not free. The entry is locked. */
async function offerTo(tx: Tx, entry: WaitlistEntry, now: Date, offeredBy: string | null): Promise<WaitlistOffer | null> {
  // The counters the hold checks know nothing of seats: a seated session's places need seats free to sell too.
  if ((await placesLeft(tx, entry.sessionId, entry.ticketTypeId)) < entry.places) return null;
  const quota = await quotaOf(tx, entry.ticketTypeId);
  return inSavepoint(tx, async (sp) => {
    if (!(await holdOfferPlaces(sp, { sessionId: entry.sessionId, ticketTypeId: entry.ticketTypeId, quota, count: entry.places }))) return null;
    const [offer] = await sp.insert(waitlistOffers).values({
      entryId: entry.id, sessionId: entry.sessionId, ticketTypeId: entry.ticketTypeId, places: entry.places,
      expiresAt: new Date(now.getTime() + env().WAITLIST_OFFER_HOURS * HOUR_MS), offeredBy, createdAt: now,
    }).returning();
    // Checked again under the session's row lock: a checkout may have taken a seat since placesLeft counted them.
    if (!(await offersHaveSeats(sp, entry.sessionId, now))) return null;
    await sp.update(waitlistEntries).set({ status: "offered", updatedAt: now }).where(eq(waitlistEntries.id, entry.id));
    await queueEmail(sp, { kind: "waitlist-offer", offerId: offer.id });
    await emitEvent(sp, "waitlist.offered", {
      offerId: offer.id, entryId: entry.id, sessionId: entry.sessionId, ticketTypeId: entry.ticketTypeId, places: entry.places,
      expiresAt: offer.expiresAt.toISOString(),
    });
    return offer;
  });
}

/**
 * Offers a session's free places down its waiting list in queue order: each waiting customer whose request
 * fits gets their places held and an email; one whose request does not fit keeps their turn for later while
 * smaller requests behind them may be served. Runs again safely at any time and from several processes: the
 * entries are locked in queue order, so concurrent runs take turns, and the holds are conditional updates.
 */
export async function offerWaitlistPlaces(db: Db, sessionId: string, now = new Date()): Promise<WaitlistOffer[]> {
  return db.transaction(async (tx) => {
    const [session] = await tx.select({ status: courseSessions.status, startsAt: courseSessions.startsAt }).from(courseSessions).where(eq(courseSessions.id, sessionId));
    if (!session || session.status !== "scheduled" || session.startsAt <= now) return [];
    const waiting = await tx.select().from(waitlistEntries)
      .where(and(eq(waitlistEntries.sessionId, sessionId), eq(waitlistEntries.status, "waiting")))
      .orderBy(asc(waitlistEntries.position), asc(waitlistEntries.createdAt)).for("update");
    const offers: WaitlistOffer[] = [];
    let left = await placesLeft(tx, sessionId, null);
    for (const entry of waiting) {
      if (left <= 0) break;
      if (entry.places > left) continue;
      const offer = await offerTo(tx, entry, now, null);
      if (offer) {
        offers.push(offer);
        left -= offer.places;
      }
    }
    return offers;
  });
}

/** Staff offer places to one waiting customer out of turn; 409 when they are not free. */
export async function offerPlacesByHand(db: Db, actor: AuditActor & { id: string }, entryId: string, now = new Date()): Promise<WaitlistOffer> {
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId)).for("update");
    if (!entry) throw new AppError("not_found");
    if (entry.status !== "waiting") throw new AppError("conflict", {}, "Only a waiting customer can be offered places.");
    await waitableSession(tx, entry.sessionId, now);
    const offer = await offerTo(tx, entry, now, actor.id);
    if (!offer) throw new AppError("insufficient_capacity", { available: await placesLeft(tx, entry.sessionId, entry.ticketTypeId) },
      entry.places === 1 ? "There is no free place to offer." : `There are not ${entry.places} free places to offer.`);
    await recordAudit(tx, actor, { action: "waitlist.offer", entityType: "waitlist_entry", entityId: entry.id, after: { offerId: offer.id, places: offer.places } });
    return offer;
  });
}

/** Staff move an entry one step up or down the queue (it swaps positions with its neighbour). */
export async function moveWaitlistEntry(db: Db, actor: AuditActor, entryId: string, direction: "up" | "down") {
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId));
    if (!entry) throw new AppError("not_found");
    // Lock the session's queue in queue order, as the offering job does.
    const queue = await tx.select().from(waitlistEntries)
      .where(and(eq(waitlistEntries.sessionId, entry.sessionId), inArray(waitlistEntries.status, ["waiting", "offered"])))
      .orderBy(asc(waitlistEntries.position), asc(waitlistEntries.createdAt)).for("update");
    const i = queue.findIndex((e) => e.id === entryId);
    if (i < 0) throw new AppError("conflict", {}, "This customer is no longer on the waiting list.");
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= queue.length) return;
    const [a, b] = [queue[i], queue[j]];
    await tx.update(waitlistEntries).set({ position: b.position }).where(eq(waitlistEntries.id, a.id));
    await tx.update(waitlistEntries).set({ position: a.position }).where(eq(waitlistEntries.id, b.id));
    await recordAudit(tx, actor, { action: "waitlist.reorder", entityType: "waitlist_entry", entityId: a.id, before: { position: a.position }, after: { position: b.position, direction } });
  });
}

/** Open offers past their time: places given back, the customer's turn over, the next in line offered. */
export async function lapseExpiredOffers(db: Db, now = new Date(), limit = 100): Promise<WaitlistOffer[]> {
  const lapsed = await db.transaction(async (tx) => {
    const due = await tx.select().from(waitlistOffers)
      .where(and(eq(waitlistOffers.status, "open"), lte(waitlistOffers.expiresAt, now)))
      .orderBy(asc(waitlistOffers.expiresAt)).limit(limit).for("update", { skipLocked: true });
    for (const offer of due) {
      await closeOffer(tx, offer, "lapsed", now);
      await tx.update(waitlistEntries).set({ status: "lapsed", updatedAt: now }).where(eq(waitlistEntries.id, offer.entryId));
    }
    return due;
  });
  for (const sessionId of new Set(lapsed.map((o) => o.sessionId))) await offerWaitlistPlaces(db, sessionId, now);
  return lapsed;
}

/**
 * The maintenance pass: lapse offers, then offer places wherever a session with people waiting has room (places
 * freed by lapsed holds, refunds or a capacity raised by staff all end up here).
 */
export async function sweepWaitlists(db: Db, now = new Date()) {
  const lapsed = await lapseExpiredOffers(db, now);
  const sessions = await db.selectDistinct({ id: waitlistEntries.sessionId }).from(waitlistEntries)
    .innerJoin(courseSessions, eq(courseSessions.id, waitlistEntries.sessionId))
    .where(and(eq(waitlistEntries.status, "waiting"), eq(courseSessions.status, "scheduled"), gt(courseSessions.startsAt, now),
      sql`${courseSessions.placesBooked} + ${courseSessions.placesHeld} < ${courseSessions.capacity}`));
  let offered = 0;
  for (const s of sessions) offered += (await offerWaitlistPlaces(db, s.id, now)).length;
  return { lapsed: lapsed.length, offered };
}

/** An offer a customer may use now, or the reason they cannot. */
export async function usableOffer(db: DbOrTx, offerId: string, now = new Date()) {
  const [row] = await db.select({ offer: waitlistOffers, entry: waitlistEntries, course: { slug: courses.slug, title: courses.title } })
    .from(waitlistOffers).innerJoin(waitlistEntries, eq(waitlistEntries.id, waitlistOffers.entryId))
    .innerJoin(courseSessions, eq(courseSessions.id, waitlistOffers.sessionId)).innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(waitlistOffers.id, offerId));
  if (!row) throw new AppError("not_found", {}, "This offer link is not valid.");
  if (row.offer.status === "accepted") throw new AppError("conflict", { reason: "offer_used" }, "This offer has already been used to book.");
  if (row.offer.status !== "open" || row.offer.expiresAt <= now)
    throw new AppError("conflict", { reason: "offer_lapsed" }, "This offer has ended: the places were offered to the next person waiting.");
  return row;
}

/**
 * Inside a booking's transaction, before it holds its places: the offer's places are released so the booking's
 * own hold takes them (the net change is nil, so nobody else can slip in), and the offer is marked used.
 */
export async function claimWaitlistOffer(tx: Tx, p: { offerId: string; sessionId: string; attendees: number; bookingId: string; now: Date }) {
  const [offer] = await tx.select().from(waitlistOffers).where(eq(waitlistOffers.id, p.offerId)).for("update");
  if (!offer || offer.sessionId !== p.sessionId) throw new AppError("invalid_request", { fields: { sessionId: "This offer is for another session" } });
  if (offer.status !== "open" || offer.expiresAt <= p.now)
    throw new AppError("conflict", { reason: "offer_lapsed" }, "This waiting-list offer has ended or was already used.");
  if (p.attendees > offer.places)
    throw new AppError("invalid_request", { fields: { attendees: `Your offer holds ${placesWord(offer.places)}` } }, `Your offer holds ${placesWord(offer.places)}.`);
  await releaseOfferPlaces(tx, { sessionId: offer.sessionId, ticketTypeId: offer.ticketTypeId, count: offer.places });
  await tx.update(waitlistOffers).set({ status: "accepted", bookingId: p.bookingId, closedAt: p.now }).where(eq(waitlistOffers.id, offer.id));
  await tx.update(waitlistEntries).set({ status: "booked", updatedAt: p.now }).where(eq(waitlistEntries.id, offer.entryId));
  // Places offered but not booked go on to the next in line.
  if (p.attendees < offer.places) await queueWaitlistOffers(tx, offer.sessionId);
}

/**
 * Gives back the places of unpaid bookings that are ending (checkout lapsed, failed, given up or replaced). A
 * booking made through a waiting-list offer did not use the offer up: while the offer's time lasts, its places are
 * held for that customer again and the offer's link works again; after it, they go to the next in line with the
 * rest (the sweep). The offers are locked before any place moves, as the lock order wants.
 */
export async function releaseUnpaidPlaces(tx: Tx, bookingIds: string[], now: Date) {
  const offers = bookingIds.length
    ? await tx.select({ offer: waitlistOffers, places: bookings.attendeeCount }).from(waitlistOffers)
      .innerJoin(bookings, eq(bookings.id, waitlistOffers.bookingId))
      .where(and(inArray(waitlistOffers.bookingId, bookingIds), eq(waitlistOffers.status, "accepted")))
      .orderBy(asc(waitlistOffers.id)).for("update", { of: waitlistOffers })
    : [];
  await releaseHeldPlaces(tx, bookingIds);
  for (const { offer, places } of offers) {
    if (offer.expiresAt <= now) continue;
    const quota = await quotaOf(tx, offer.ticketTypeId);
    const held = await inSavepoint(tx, async (sp) =>
      (await holdOfferPlaces(sp, { sessionId: offer.sessionId, ticketTypeId: offer.ticketTypeId, quota, count: places })) || null);
    if (!held) continue;
    await tx.update(waitlistOffers).set({ status: "open", bookingId: null, closedAt: null, places }).where(eq(waitlistOffers.id, offer.id));
    await tx.update(waitlistEntries).set({ status: "offered", updatedAt: now }).where(eq(waitlistEntries.id, offer.entryId));
  }
}

/** A session's list for staff, in queue order, with each entry's latest offer. */
export async function listWaitlist(db: DbOrTx, sessionId: string) {
  const entries = await db.select().from(waitlistEntries).where(eq(waitlistEntries.sessionId, sessionId))
    .orderBy(asc(waitlistEntries.position), asc(waitlistEntries.createdAt));
  const offers = entries.length ? await db.select().from(waitlistOffers).where(inArray(waitlistOffers.entryId, entries.map((e) => e.id))) : [];
  return entries.map((e) => ({
    ...e,
    offer: offers.filter((o) => o.entryId === e.id).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null,
  }));
}

/**
 * A session cancelled by staff: its open offers are withdrawn (places given back) and nobody waits any more.
 * Call `lockOpenOffers` before locking the session and `closeSessionWaitlist` after, keeping the lock order.
 */
export async function lockOpenOffers(tx: Tx, sessionId: string) {
  const offers = await tx.select().from(waitlistOffers).where(and(eq(waitlistOffers.sessionId, sessionId), eq(waitlistOffers.status, "open")))
    .orderBy(asc(waitlistOffers.id)).for("update");
  // The queue too, in queue order as the offering job takes it, so neither waits on the other holding the session.
  await tx.select({ id: waitlistEntries.id }).from(waitlistEntries)
    .where(and(eq(waitlistEntries.sessionId, sessionId), inArray(waitlistEntries.status, ["waiting", "offered"])))
    .orderBy(asc(waitlistEntries.position), asc(waitlistEntries.createdAt)).for("update");
  return offers;
}

export async function closeSessionWaitlist(tx: Tx, sessionId: string, offers: WaitlistOffer[], now: Date) {
  for (const offer of offers) await closeOffer(tx, offer, "withdrawn", now);
  await tx.update(waitlistEntries).set({ status: "left", updatedAt: now })
    .where(and(eq(waitlistEntries.sessionId, sessionId), inArray(waitlistEntries.status, ["waiting", "offered"])));
}

/** A booking through an offer locks the offer first, before its session (the lock order of cancelSession). */
export async function lockWaitlistOffer(tx: Tx, offerId: string) {
  await tx.select({ id: waitlistOffers.id }).from(waitlistOffers).where(eq(waitlistOffers.id, offerId)).for("update");
}

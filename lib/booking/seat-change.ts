// Staff putting a seated booking's places in other seats, on its own session or on the session it moves to.
// A seat must suit the place as in the customer's seat step: of its ticket type's class (lib/booking/ticket-rules.ts)
// and, for a wheelchair space, kept for attendees who asked for step-free access or use a wheelchair
// (lib/seating/seat-choice.ts). Checked here before the seats are claimed; the claim itself is the database's.
import { and, asc, eq, gt, inArray, ne } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db";
import { courseSessions, requirementTemplates, seats, sessionSeats, venues, type Seat, type TicketType } from "@/db/schema";
import type { BookingDetail } from "@/db/queries/bookings";
import { getSessionAvailability } from "@/db/queries/catalog";
import { moveBookedSeats, type HoldOutcome } from "@/db/queries/places";
import { sessionSeatMap, type SessionSeat } from "@/db/queries/seating";
import { sessionTicketTypes } from "@/db/queries/ticket-types";
import { inSavepoint } from "@/db/savepoint";
import { AppError } from "@/lib/errors";
import { seatSuits, whyNotSuitable, WHEELCHAIR_CODES } from "@/lib/seating/seat-choice";
import { releaseExpiredHolds } from "./release-expired-holds";
import { seatClassError, seatLabel, typeOnSession } from "./ticket-rules";

/** A new seat for one of the booking's places; an empty seatId keeps the place where it is (on its own session). */
export type SeatChoice = { attendeeId: string; seatId: string };

type Place = BookingDetail["attendees"][number];

/** The booking's places whose attendees asked for step-free access or use a wheelchair: they may take wheelchair spaces. */
export async function wheelchairPlaces(db: DbOrTx, d: BookingDetail): Promise<Set<string>> {
  const ids = [...new Set(d.attendees.flatMap((a) => a.requirements.map((r) => r.templateId)))];
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: requirementTemplates.id }).from(requirementTemplates)
    .where(and(inArray(requirementTemplates.id, ids), inArray(requirementTemplates.code, [...WHEELCHAIR_CODES])));
  const wanted = new Set(rows.map((r) => r.id));
  return new Set(d.attendees.filter((a) => a.requirements.some((r) => wanted.has(r.templateId))).map((a) => a.id));
}

const placeName = (a: Pick<Place, "firstName" | "lastName">) => `${a.firstName} ${a.lastName}`;

/**
 * Checks staff's choice of seats on `session` (the booking's own, or the one it moves to, `moving`): each place on
 * the booking once, each seat on the plan, chosen once, not blocked, of the place's ticket class, a wheelchair space
 * only for who asked for one; on a move every place needs a seat. Field errors keyed `seats.<i>.seatId`. Returns
 * the places that change seat, with their new seats.
 */
export async function checkSeatChoices(tx: Tx, p: {
  d: BookingDetail; session: { id: string; seatingPlanId: string }; choices: SeatChoice[]; moving: boolean;
  typeOf: (place: Place) => Pick<TicketType, "name" | "seatClass">;
}): Promise<{ place: Place; seat: Seat }[]> {
  const active = p.d.attendees.filter((a) => !a.cancelledAt);
  const byId = new Map(active.map((a) => [a.id, a]));
  const wanted = [...new Set(p.choices.map((c) => c.seatId).filter(Boolean))];
  const [planSeats, blocked, wheelchair] = await Promise.all([
    wanted.length ? tx.select().from(seats).where(and(eq(seats.planId, p.session.seatingPlanId), inArray(seats.id, wanted))) : Promise.resolve([]),
    wanted.length
      ? tx.select({ seatId: sessionSeats.seatId }).from(sessionSeats)
        .where(and(eq(sessionSeats.sessionId, p.session.id), eq(sessionSeats.status, "blocked"), inArray(sessionSeats.seatId, wanted)))
      : Promise.resolve([]),
    wheelchairPlaces(tx, p.d),
  ]);
  const seatOf = new Map(planSeats.map((s) => [s.id, s]));
  const blockedIds = new Set(blocked.map((b) => b.seatId));
  const staying = new Map(active.filter((a) => a.seatId && !p.choices.some((c) => c.attendeeId === a.id && c.seatId)).map((a) => [a.seatId!, a]));
  const fields: Record<string, string> = {};
  const used = new Map<string, number>();
  const chosen: { place: Place; seat: Seat }[] = [];

  p.choices.forEach((c, i) => {
    const key = `seats.${i}.seatId`;
    const place = byId.get(c.attendeeId);
    if (!place) { fields[`seats.${i}.attendeeId`] = "This place is not on the booking"; return; }
    if (p.choices.findIndex((x) => x.attendeeId === c.attendeeId) !== i) { fields[`seats.${i}.attendeeId`] = `${placeName(place)} is listed twice`; return; }
    if (!c.seatId) {
      if (p.moving) fields[key] = `Choose a seat on the new session for ${placeName(place)}`;
      return;
    }
    const seat = seatOf.get(c.seatId);
    if (!seat) { fields[key] = "That seat is not part of this session's seating plan"; return; }
    const label = seatLabel(seat);
    used.set(seat.id, (used.get(seat.id) ?? 0) + 1);
    const type = p.typeOf(place);
    const classError = seatClassError(seat, type);
    if (used.get(seat.id)! > 1) fields[key] = `${label} is chosen twice`;
    else if (!p.moving && place.seatId === seat.id) fields[key] = `${placeName(place)} already sits in ${label}; choose another seat or leave it as it is`;
    else if (blockedIds.has(seat.id)) fields[key] = `${label} is not for sale (blocked by staff); choose another seat`;
    else if (!p.moving && staying.has(seat.id)) fields[key] = `${label} is ${placeName(staying.get(seat.id)!)}'s seat on this booking; give them another seat too, or choose another`;
    else if (classError) fields[key] = classError;
    else if (!seatSuits(seat, { seatClass: null, wheelchair: wheelchair.has(place.id) }))
      fields[key] = `${label} ${whyNotSuitable(seat, [{ seatClass: null, wheelchair: false }])}`;
    else chosen.push({ place, seat });
  });
  if (p.moving) {
    const missing = active.filter((a) => !p.choices.some((c) => c.attendeeId === a.id));
    if (missing.length) fields.seats = `Choose a seat on the new session for ${missing.map(placeName).join(", ")}`;
  } else if (chosen.length === 0 && Object.keys(fields).length === 0) {
    fields.seats = "Choose a new seat for at least one place";
  }
  if (Object.keys(fields).length) throw new AppError("invalid_request", { fields });
  return chosen;
}

/**
 * Puts the places in their new seats on `sessionId` (places given a null seat lose theirs), seats first in the lock
 * order, every seat involved in (session, seat) order (db/queries/places.ts), so changes crossing one another wait
 * rather than deadlock. A seat held by a checkout whose hold lapsed is freed and tried again; a seat someone else has answers 409
 * naming it, keyed to the form's field, and nothing of the attempt stays.
 */
export async function claimNewSeats(tx: Tx, p: {
  bookingId: string; sessionId: string; now: Date;
  places: { attendeeId: string; seatId: string | null }[];
  fieldOf: (attendeeId: string) => string;
}) {
  let failed: Exclude<HoldOutcome, { ok: true }> | null = null;
  const attempt = () => inSavepoint(tx, async (sp) => {
    const outcome = await moveBookedSeats(sp, { bookingId: p.bookingId, sessionId: p.sessionId, places: p.places });
    if (outcome.ok) return outcome;
    failed = outcome;
    return null;
  });
  if (await attempt()) return;
  await releaseExpiredHolds(tx, { sessionId: p.sessionId, now: p.now });
  if (await attempt()) return;
  const last = failed as Exclude<HoldOutcome, { ok: true }> | null;
  const seatIds = last?.reason === "seats" ? last.seatIds : [];
  const taken = seatIds.length ? await tx.select().from(seats).where(inArray(seats.id, seatIds)) : [];
  const fields: Record<string, string> = {};
  for (const x of p.places) {
    const seat = taken.find((t) => t.id === x.seatId);
    if (seat) fields[p.fieldOf(x.attendeeId)] = `${seatLabel(seat)} was just taken; choose another seat`;
  }
  const labels = taken.map(seatLabel);
  throw new AppError("seat_unavailable", { fields, seats: taken.map((t) => ({ id: t.id, label: seatLabel(t) })) },
    `That seat was just taken${labels.length ? ` (${labels.join("; ")})` : ""}: choose another seat.`);
}

export type SeatChangeSession = {
  id: string; startsAt: Date; endsAt: Date; venueName: string; timeZone: string; current: boolean;
  left: number; planName: string; seats: SessionSeat[];
  /** Per place: the ticket it would hold there (its seat class), or null when the session does not sell it. */
  places: Record<string, { typeName: string; seatClass: string | null; priceAmount: number } | null>;
};

/**
 * What the staff booking page offers a confirmed seated booking: its own session and every later scheduled session
 * of the course with a seating plan, each with its seats' states and the ticket each place would hold there.
 */
export async function seatChangeOptions(db: DbOrTx, d: BookingDetail, now = new Date()) {
  if (d.booking.status !== "confirmed" || !d.session.seatingPlanId) return null;
  const active = d.attendees.filter((a) => !a.cancelledAt);
  if (active.length === 0) return null;
  const rows = await db.select({ session: courseSessions, venueName: venues.name, timeZone: venues.timeZone }).from(courseSessions)
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(and(eq(courseSessions.courseId, d.course.id), eq(courseSessions.status, "scheduled"), gt(courseSessions.startsAt, now), ne(courseSessions.id, d.session.id)))
    .orderBy(asc(courseSessions.startsAt));
  const candidates = [{ session: d.session, venueName: d.venue.name, timeZone: d.venue.timeZone }, ...rows.filter((r) => r.session.seatingPlanId)];
  const wheelchair = await wheelchairPlaces(db, d);
  const sessions: SeatChangeSession[] = [];
  for (const c of candidates) {
    const [map, types, availability] = await Promise.all([
      sessionSeatMap(db, c.session.id), sessionTicketTypes(db, c.session.id, { includeRetired: c.session.id === d.session.id }),
      // Places left as the catalogue and the availability API count them: never more than the seats free to sell.
      getSessionAvailability(db, c.session.id),
    ]);
    if (!map) continue;
    sessions.push({
      id: c.session.id, startsAt: c.session.startsAt, endsAt: c.session.endsAt, venueName: c.venueName, timeZone: c.timeZone,
      current: c.session.id === d.session.id, left: availability?.available ?? 0,
      planName: map.planName, seats: map.seats,
      places: Object.fromEntries(active.map((a) => {
        const t = typeOnSession(types, a);
        return [a.id, t ? { typeName: t.name, seatClass: t.seatClass, priceAmount: t.priceAmount } : null];
      })),
    });
  }
  return {
    sessions,
    places: active.map((a) => ({
      attendeeId: a.id, position: a.position, name: placeName(a), typeName: a.ticketType.name, unitAmount: a.unitAmount,
      seatId: a.seatId, seatLabel: a.seat?.label ?? null, wheelchair: wheelchair.has(a.id),
    })),
  };
}

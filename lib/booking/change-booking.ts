// Changes to a paid booking. Customers, until the course's cut-off: attendee details and needs, attendees added
// (places taken now, the difference paid through the balance checkout), a move to another session of the
// same course (the difference charged through the checkout or refunded with a credit note). Staff, at any time
// before the session is over, also what customers cannot do themselves: a seated booking's places put in other
// seats, or moved with new seats to another seated session. One transaction per request, locks in the
// documented order (booking, seats, types, session); every change is written to booking_changes, announced to
// the requirements dashboard and to webhooks, and the booker (and attendees affected) get their tickets again by
// email.
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db";
import {
  bookingAnswers, bookingAttendees, bookingChanges, slotOfferings, bookings, courseSessions, courses, idempotencyKeys, requirementTemplates,
  specialRequirements, ticketTypeInventory, type Booking, type TicketType,
} from "@/db/schema";
import { calendarChanged, getBookingDetail, lockBooking, type BookingDetail } from "@/db/queries/bookings";
import { getSessionAvailability } from "@/db/queries/catalog";
import { bookAddedPlaces, moveBookedPlaces, type HoldOutcome } from "@/db/queries/places";
import { arrivedAttendees } from "@/db/queries/check-ins";
import { asksForWheelchairSpace } from "@/lib/seating/seat-choice";
import { listCourseQuestions } from "@/db/queries/questions";
import { syncGeneratedChecklist } from "@/db/queries/requirements";
import { sessionTicketTypes } from "@/db/queries/ticket-types";
import { inSavepoint } from "@/db/savepoint";
import { queueEmail } from "@/lib/email/jobs";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDate, formatTimeZoned } from "@/lib/format";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { paymentProvider } from "@/lib/payments/provider";
import { refundablePayments, refundBooking } from "@/lib/payments/refund-booking";
import { notifyRequirementsChanged } from "@/lib/requirements/live";
import { moveTicketsAndTasks } from "./move-to-session";
import { releaseExpiredHolds } from "./release-expired-holds";
import { checkSeatChoices, claimNewSeats, type SeatChoice } from "./seat-change";
import { seatLabel, typeOnSession } from "./ticket-rules";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { renewTickets } from "@/lib/tickets/issue";
import { localDate } from "@/lib/slots/schedule";
import { fieldErrors } from "@/lib/validations/booking";
import type { AttendeeChange, BookingChangeInput, NewAttendee } from "@/lib/validations/booking-change";
import { answersSchemaFor, type AgeRule, type AnswerValue, type ParsedAnswers } from "@/lib/validations/questions";
import { attendeeLimitProblem, checkAddedTypes, placesPerType } from "./added-place-types";
import { amountOwed, bookingValue } from "./balance";
import { requestHash } from "./create-booking";
import { balanceDueAt } from "./pricing";
import { balanceDueOnMove } from "./balance-due";
import { log } from "@/lib/log";

/**
 * Who asks: the booker (or an API client with the booking's token) may change anything; an attendee only their own
 * place; staff anything, past the cut-off too, and seats.
 */
export type ChangeActor =
  | { kind: "booker"; email: string }
  | { kind: "api"; email: null }
  | { kind: "attendee"; email: string }
  | { kind: "staff"; email: string; id: string | null };

export type ChangeResult = {
  replayed: boolean;
  changeIds: string[];
  /** Refunded to the customer because the new session costs less (a credit note was issued). */
  refunded: number;
  creditNoteNumber: string | null;
  /** Still to pay after the change (more places, dearer session), through the balance checkout. */
  amountOwed: number;
  checkoutUrl: string | null;
  /** How much the booking's price went up (more places, a dearer session) or down (a cheaper one), in minor units. */
  priceChange: number;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The moment a session's bookings stop being changeable online. */
export function changeCutoffAt(startsAt: Date, cutoffHours: number): Date {
  return new Date(startsAt.getTime() - cutoffHours * HOUR_MS);
}

/** Why a booking cannot be changed now, or null. Staff are not held to the cut-off, only to the session's end. */
export function changeBlocker(p: {
  booking: Pick<Booking, "status">; sessionStatus: string; startsAt: Date; cutoffHours: number; timeZone: string; now: Date;
  staff?: { endsAt: Date };
}): string | null {
  if (p.booking.status === "cancelled" || p.booking.status === "refunded") return "This booking has been cancelled.";
  if (p.booking.status === "expired") return "This booking was not paid in time, so its places were released.";
  if (p.booking.status !== "confirmed") return "Only a paid booking can be changed.";
  if (p.sessionStatus !== "scheduled") return "This session has been cancelled.";
  if (p.staff) return p.staff.endsAt <= p.now ? "This session is over." : null;
  const cutoff = changeCutoffAt(p.startsAt, p.cutoffHours);
  if (p.now >= cutoff)
    return `Changes closed on ${formatDate(cutoff, p.timeZone)} at ${formatTimeZoned(cutoff, p.timeZone)}, ${p.cutoffHours} hours before the start. Please contact us.`;
  return null;
}

type AttendeeSnapshot = {
  attendeeId: string; position: number; firstName: string; lastName: string; email: string | null;
  /** The place's ticket type, named in the history and the emails. */
  ticketType: string;
  requirements: { templateId: string; label: string; details: string | null }[];
  answers?: Record<string, AnswerValue>;
};

function snapshotOf(a: BookingDetail["attendees"][number], answers?: Record<string, AnswerValue>): AttendeeSnapshot {
  return {
    attendeeId: a.id, position: a.position, firstName: a.firstName, lastName: a.lastName, email: a.email, ticketType: a.ticketType.name,
    requirements: a.requirements.map((r) => ({ templateId: r.templateId, label: r.label, details: r.details })).sort((x, y) => x.templateId.localeCompare(y.templateId)),
    ...(answers ? { answers: sortedKeys(answers) } : {}),
  };
}

const sortedKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/**
 * New answers to the course's per-attendee questions, checked with the wizard's schema (dates of birth against the
 * offering's ages on the booked day); field errors keyed `attendees.<i>.answers.<questionId>`.
 */
async function checkAttendeeAnswers(tx: Tx, d: BookingDetail, changes: AttendeeChange[]) {
  const withAnswers = changes.map((c, i) => ({ c, i })).filter(({ c }) => c.answers);
  if (withAnswers.length === 0) return null;
  const questions = (await listCourseQuestions(tx, d.course.id)).filter((q) => q.scope === "per_attendee");
  let age: AgeRule | undefined;
  if (d.booking.spanStartsAt) {
    const [o] = await tx.select({ min: slotOfferings.minAgeYears, max: slotOfferings.maxAgeYears }).from(slotOfferings).where(eq(slotOfferings.courseId, d.course.id));
    if (o) age = { onDate: localDate(d.booking.spanStartsAt, d.venue.timeZone), minYears: o.min, maxYears: o.max };
  }
  const fields: Record<string, string> = {};
  const parsed = new Map<string, Record<string, AnswerValue>>();
  for (const { c, i } of withAnswers) {
    const known = new Set(questions.map((q) => q.id));
    for (const k of Object.keys(c.answers!)) if (!known.has(k)) fields[`attendees.${i}.answers.${k}`] = "Unknown question";
    const result = answersSchemaFor(questions, 1, age).safeParse({ attendees: [c.answers] });
    if (!result.success) {
      for (const [k, v] of Object.entries(fieldErrors(result.error))) fields[k.replace(/^attendees\.0\./, `attendees.${i}.answers.`)] = v;
      continue;
    }
    const values = (result.data as ParsedAnswers).attendees[0] ?? {};
    parsed.set(c.attendeeId, Object.fromEntries(Object.entries(values).filter((e): e is [string, AnswerValue] => e[1] !== undefined)));
  }
  if (Object.keys(fields).length) throw new AppError("invalid_request", { fields });
  return { questions, parsed };
}

const sameEmail = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

type NeedLists = { requirements: { templateId: string; details?: string }[] }[];

/** The active requirement types named, and what is wrong with the needs as given (an unknown type, details missing). */
async function checkNeeds(db: DbOrTx, lists: NeedLists, prefix: (i: number) => string) {
  const ids = [...new Set(lists.flatMap((l) => l.requirements.map((r) => r.templateId)))];
  const rows = ids.length ? await db.select().from(requirementTemplates).where(and(inArray(requirementTemplates.id, ids), eq(requirementTemplates.active, true))) : [];
  const byId = new Map(rows.map((t) => [t.id, t]));
  const fields: Record<string, string> = {};
  lists.forEach((l, i) => l.requirements.forEach((r, j) => {
    const t = byId.get(r.templateId);
    if (!t) fields[`${prefix(i)}.requirements.${j}.templateId`] = "Unknown requirement";
    else if (t.detailsRequired && !r.details) fields[`${prefix(i)}.requirements.${j}.details`] = `Describe the ${t.label.toLowerCase()}`;
  }));
  return { byId, fields };
}

/**
 * What is wrong with the needs of a form, by field path, for a form that failed its other checks first: the
 * customer is told every problem at once, not the needs' only after the names are right.
 */
export async function needProblems(db: DbOrTx, lists: NeedLists, prefix: (i: number) => string): Promise<Record<string, string>> {
  return (await checkNeeds(db, lists, prefix)).fields;
}

async function activeTemplates(tx: Tx, lists: NeedLists, prefix: (i: number) => string) {
  const { byId, fields } = await checkNeeds(tx, lists, prefix);
  if (Object.keys(fields).length) throw new AppError("invalid_request", { fields });
  return byId;
}

/** Attendee details and needs: names and emails updated; needs kept (details updated), removed or added. */
async function applyAttendeeChanges(tx: Tx, d: BookingDetail, changes: AttendeeChange[], actor: ChangeActor) {
  const fields: Record<string, string> = {};
  changes.forEach((c, i) => {
    const a = d.attendees.find((x) => x.id === c.attendeeId);
    if (!a || a.cancelledAt) fields[`attendees.${i}.attendeeId`] = "This attendee is not on the booking";
  });
  if (Object.keys(fields).length) throw new AppError("invalid_request", { fields });
  if (actor.kind === "attendee" && changes.some((c) => !sameEmail(d.attendees.find((x) => x.id === c.attendeeId)!.email, actor.email)))
    throw new AppError("forbidden", {}, "Attendees can change only their own details.");
  const templates = await activeTemplates(tx, changes, (i) => `attendees.${i}`);
  // A wheelchair space is kept for who needs it (as at booking): the need cannot go while the seat stays. Staff,
  // who can change the seat, may.
  if (actor.kind !== "staff") {
    changes.forEach((c, i) => {
      const a = d.attendees.find((x) => x.id === c.attendeeId)!;
      const needsIt = asksForWheelchairSpace(c.requirements.map((r) => templates.get(r.templateId)?.code));
      if (a.seat?.flags.includes("wheelchair") && !needsIt)
        fields[`attendees.${i}.requirements`] = `${c.firstName} ${c.lastName} has a wheelchair space (${a.seat.label}), kept for attendees who need step-free access or use a wheelchair: keep that need, or ask us to change the seat.`;
    });
    if (Object.keys(fields).length) throw new AppError("invalid_request", { fields });
  }
  const answers = await checkAttendeeAnswers(tx, d, changes);
  const oldAnswers = answers
    ? await tx.select().from(bookingAnswers).where(and(eq(bookingAnswers.bookingId, d.booking.id), inArray(bookingAnswers.attendeeId, [...answers.parsed.keys()])))
    : [];
  const answersOf = (attendeeId: string) => Object.fromEntries(oldAnswers.filter((x) => x.attendeeId === attendeeId).map((x) => [x.questionId, x.value]));

  const before: AttendeeSnapshot[] = [];
  const after: AttendeeSnapshot[] = [];
  for (const c of changes) {
    const a = d.attendees.find((x) => x.id === c.attendeeId)!;
    const newAnswers = answers?.parsed.get(a.id);
    const old = snapshotOf(a, newAnswers ? answersOf(a.id) : undefined);
    const next: AttendeeSnapshot = {
      attendeeId: a.id, position: a.position, firstName: c.firstName, lastName: c.lastName, email: c.email ?? null, ticketType: a.ticketType.name,
      requirements: c.requirements.map((r) => ({ templateId: r.templateId, label: templates.get(r.templateId)!.label, details: r.details ?? null }))
        .sort((x, y) => x.templateId.localeCompare(y.templateId)),
      ...(newAnswers ? { answers: sortedKeys(newAnswers) } : {}),
    };
    if (JSON.stringify(old) === JSON.stringify(next)) continue;
    before.push(old);
    after.push(next);
    await tx.update(bookingAttendees).set({ firstName: c.firstName, lastName: c.lastName, email: c.email ?? null }).where(eq(bookingAttendees.id, a.id));
    const wanted = new Map(c.requirements.map((r) => [r.templateId, r.details ?? null]));
    const gone = a.requirements.filter((r) => !wanted.has(r.templateId)).map((r) => r.id);
    if (gone.length) await tx.delete(specialRequirements).where(inArray(specialRequirements.id, gone));
    for (const r of a.requirements) {
      if (!wanted.has(r.templateId) || wanted.get(r.templateId) === r.details) continue;
      // New details need a fresh look from staff: the acknowledgement goes.
      await tx.update(specialRequirements).set({ details: wanted.get(r.templateId), acknowledgedAt: null, acknowledgedBy: null })
        .where(eq(specialRequirements.id, r.id));
    }
    if (newAnswers && answers) {
      await tx.delete(bookingAnswers).where(and(eq(bookingAnswers.bookingId, d.booking.id), eq(bookingAnswers.attendeeId, a.id)));
      const rows = Object.entries(newAnswers).map(([questionId, value]) => {
        const q = answers.questions.find((x) => x.id === questionId)!;
        return { bookingId: d.booking.id, attendeeId: a.id, questionId, label: q.label, sensitive: q.sensitive, value };
      });
      if (rows.length) await tx.insert(bookingAnswers).values(rows);
    }
    const added = c.requirements.filter((r) => !a.requirements.some((x) => x.templateId === r.templateId));
    if (added.length) {
      await tx.insert(specialRequirements).values(added.map((r) => {
        const t = templates.get(r.templateId)!;
        return { bookingId: d.booking.id, attendeeId: a.id, templateId: t.id, category: t.category, priority: t.priority, label: t.label, details: r.details ?? null };
      }));
    }
  }
  return before.length ? { before: { attendees: before }, after: { attendees: after } } : null;
}

type HoldFailure = Exclude<HoldOutcome, { ok: true }>;

function holdError(outcome: HoldFailure, available: number): AppError {
  if (outcome.reason === "quota") return new AppError("insufficient_capacity", { available, ticketTypeId: outcome.ticketTypeId }, "There are not enough tickets of that type left.");
  if (outcome.reason === "offers")
    return new AppError("insufficient_capacity", { available, reason: "offered_to_waitlist" }, "The seats left on that session are kept for customers offered places from the waiting list.");
  return new AppError("insufficient_capacity", { available });
}

/**
 * Takes places in a savepoint, answering why it could not (null when it did). Lapsed checkout holds count on the
 * session's counters until released, so after a refusal they are released and the places tried once more, as a
 * new booking does; the conditional updates still decide.
 */
async function takePlaces(tx: Tx, sessionId: string, now: Date, take: (sp: Tx) => Promise<HoldOutcome>): Promise<HoldFailure | null> {
  let failed: HoldFailure | null = null;
  const attempt = () => inSavepoint(tx, async (sp) => {
    const outcome = await take(sp);
    if (outcome.ok) return outcome;
    failed = outcome; // The savepoint is rolled back: nothing of this attempt stays.
    return null;
  });
  if (await attempt()) return null;
  await releaseExpiredHolds(tx, { sessionId, now });
  if (await attempt()) return null;
  return (failed as HoldFailure | null) ?? { ok: false, reason: "capacity" };
}

/**
 * The places left on a session when a change could not take them, as the availability API counts them (never more
 * than the seats free to sell, blocked seats out). Seats the refused change already claimed there count as free.
 */
async function placesLeft(tx: Tx, sessionId: string, bookingId: string) {
  return (await getSessionAvailability(tx, sessionId, { exceptBookingId: bookingId }))?.available ?? 0;
}

/**
 * A quota that refused added places, as a field error on the first place of that type: how many of the type are
 * left, from the counters (the refused places were rolled back; lapsed holds were released before the retry).
 */
async function addedQuotaError(tx: Tx, sessionId: string, chosen: TicketType[], ticketTypeId: string): Promise<AppError> {
  const type = chosen.find((t) => t.id === ticketTypeId)!;
  const [counted] = await tx.select({ booked: ticketTypeInventory.placesBooked, held: ticketTypeInventory.placesHeld }).from(ticketTypeInventory)
    .where(and(eq(ticketTypeInventory.sessionId, sessionId), eq(ticketTypeInventory.ticketTypeId, type.id)));
  const left = Math.max(0, (type.quota ?? 0) - (counted?.booked ?? 0) - (counted?.held ?? 0));
  const wanted = chosen.filter((t) => t.id === type.id).length;
  return new AppError("insufficient_capacity", {
    available: left, ticketTypeId: type.id,
    fields: { [`addAttendees.${chosen.indexOf(type)}.ticketTypeId`]: left === 0 ? `${type.name} tickets are sold out` : `Only ${left} ${type.name} ${left === 1 ? "ticket is" : "tickets are"} left` },
  }, left === 0 ? `${type.name} tickets are sold out for this session.` : `There are not enough ${type.name} tickets left for ${wanted} more attendee(s).`);
}

async function applyAddAttendees(tx: Tx, d: BookingDetail, added: NewAttendee[], now: Date) {
  if (d.session.seatingPlanId) throw new AppError("change_not_allowed", {}, "Places on a session with reserved seating are added by booking again, choosing seats.");
  if (d.booking.spanStartsAt) throw new AppError("change_not_allowed", {}, "Attendees of a booking by the hour are added by booking again.");
  const active = d.attendees.filter((a) => !a.cancelledAt).length;
  const limit = attendeeLimitProblem(d.attendees.length, added.length);
  if (limit) throw new AppError("invalid_request", { fields: { addAttendees: limit } });
  const templates = await activeTemplates(tx, added, (i) => `addAttendees.${i}`);
  const types = await sessionTicketTypes(tx, d.session.id, { includeRetired: false, lock: true });
  const checked = checkAddedTypes({
    types, wanted: added.map((a) => a.ticketTypeId), held: placesPerType(d.attendees.filter((a) => !a.cancelledAt)), now,
  });
  if (Object.keys(checked.fields).length) throw new AppError("invalid_request", { fields: checked.fields });
  const chosen = checked.chosen as TicketType[];

  const firstPosition = Math.max(0, ...d.attendees.map((a) => a.position)) + 1;
  const rows = await tx.insert(bookingAttendees).values(added.map((a, i) => ({
    bookingId: d.booking.id, position: firstPosition + i, firstName: a.firstName, lastName: a.lastName, email: a.email ?? null,
    ticketTypeId: chosen[i].id, unitAmount: chosen[i].priceAmount, depositAmount: chosen[i].depositAmount, createdAt: now,
  }))).returning({ id: bookingAttendees.id, position: bookingAttendees.position });
  const idAt = (i: number) => rows.find((r) => r.position === firstPosition + i)!.id;
  const needRows = added.flatMap((a, i) => a.requirements.map((r) => {
    const t = templates.get(r.templateId)!;
    return { bookingId: d.booking.id, attendeeId: idAt(i), templateId: t.id, category: t.category, priority: t.priority, label: t.label, details: r.details ?? null };
  }));
  if (needRows.length) await tx.insert(specialRequirements).values(needRows);

  const failed = await takePlaces(tx, d.session.id, now, (sp) => bookAddedPlaces(sp, {
    sessionId: d.session.id, bookingId: d.booking.id,
    places: added.map((_, i) => ({ attendeeId: idAt(i), ticketTypeId: chosen[i].id, quota: chosen[i].quota, seatId: null })),
  }));
  if (failed?.reason === "quota") throw await addedQuotaError(tx, d.session.id, chosen, failed.ticketTypeId);
  if (failed) throw holdError(failed, await placesLeft(tx, d.session.id, d.booking.id));

  const extra = chosen.reduce((acc, t) => acc + t.priceAmount, 0);
  return {
    extra,
    count: added.length,
    before: { activeAttendees: active },
    after: {
      activeAttendees: active + added.length, addedAmount: extra,
      attendees: added.map((a, i) => ({ attendeeId: idAt(i), position: firstPosition + i, firstName: a.firstName, lastName: a.lastName, email: a.email ?? null, ticketType: chosen[i].name, unitAmount: chosen[i].priceAmount, requirements: a.requirements.map((r) => ({ templateId: r.templateId, label: templates.get(r.templateId)!.label, details: r.details ?? null })) })),
    },
  };
}

/** Staff moving a booking choose every place's seat on the new session (when it has a seating plan). */
type StaffMove = { seats: SeatChoice[]; actorId: string | null };

async function applyMove(tx: Tx, d: BookingDetail, toSessionId: string, cutoffHours: number, now: Date, staff: StaffMove | null) {
  if (toSessionId === d.session.id) throw new AppError("invalid_request", { fields: { sessionId: "The booking is already on this session" } });
  if (d.booking.spanStartsAt) throw new AppError("change_not_allowed", {}, "A booking by the hour is moved by staff.");
  const [target] = await tx.select({ session: courseSessions, courseStatus: courses.status }).from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(courseSessions.id, toSessionId))
    .for("key share", { of: courseSessions });
  if (!target || target.session.courseId !== d.course.id)
    throw new AppError("invalid_request", { fields: { sessionId: "Choose another session of the same course" } });
  if (target.session.status !== "scheduled" || target.courseStatus !== "active" || target.session.startsAt <= now)
    throw new AppError("session_not_bookable", { fields: { sessionId: "That session can no longer be booked" } });
  if (!staff && changeCutoffAt(target.session.startsAt, cutoffHours) <= now)
    throw new AppError("session_not_bookable", { fields: { sessionId: "That session starts too soon to move to" } }, "That session starts too soon to move to.");
  const seated = Boolean(d.session.seatingPlanId || target.session.seatingPlanId);
  if (seated && !staff)
    throw new AppError("change_not_allowed", {}, "Bookings with reserved seats are moved, and seats changed, by staff: contact us.");
  if (staff && !target.session.seatingPlanId && staff.seats.some((c) => c.seatId))
    throw new AppError("invalid_request", { fields: { sessionId: "That session has no reserved seating" } });

  // Someone already let in cannot be sent elsewhere: their check-in would follow their ticket to the new session.
  const arrived = await arrivedAttendees(tx, d.booking.id, d.session.id);
  if (arrived.length)
    throw new AppError("change_not_allowed", {}, `${arrived.join(", ")} ${arrived.length === 1 ? "is" : "are"} already checked in at this session: undo the check-in at the door before moving the booking.`);

  const active = d.attendees.filter((a) => !a.cancelledAt);
  const types = await sessionTicketTypes(tx, target.session.id, { includeRetired: false, lock: true });
  // The same type when the new session sells it, else a type of the same name (a session's own types).
  const mapped = active.map((a) => typeOnSession(types, a));
  const missing = active.filter((_, i) => !mapped[i]);
  if (missing.length)
    throw new AppError("session_not_bookable", { fields: { sessionId: `That session does not sell ${[...new Set(missing.map((a) => a.ticketType.name))].join(", ")} tickets` } }, "That session does not sell the same tickets.");

  // Seats first (the lock order): the old session's are given back, the new one's claimed, then types and sessions.
  let seatsAfter = new Map<string, string>();
  if (seated && staff) {
    const chosen = target.session.seatingPlanId
      ? await checkSeatChoices(tx, { d, session: { id: target.session.id, seatingPlanId: target.session.seatingPlanId }, choices: staff.seats, moving: true, typeOf: (a) => mapped[active.indexOf(a)]! })
      : [];
    seatsAfter = new Map(chosen.map((c) => [c.place.id, seatLabel(c.seat)]));
    const seatOf = new Map(chosen.map((c) => [c.place.id, c.seat.id]));
    await claimNewSeats(tx, {
      bookingId: d.booking.id, sessionId: target.session.id, now,
      places: active.map((a) => ({ attendeeId: a.id, seatId: seatOf.get(a.id) ?? null })),
      fieldOf: (id) => `seats.${staff.seats.findIndex((c) => c.attendeeId === id)}.seatId`,
    });
  }

  const failed = await takePlaces(tx, target.session.id, now, (sp) => moveBookedPlaces(sp, {
    fromSessionId: d.session.id, toSessionId: target.session.id, seated: Boolean(target.session.seatingPlanId), now,
    from: active.map((a) => ({ ticketTypeId: a.ticketTypeId })),
    to: mapped.map((t) => ({ ticketTypeId: t!.id, quota: t!.quota })),
  }));
  if (failed) throw holdError(failed, await placesLeft(tx, target.session.id, d.booking.id));

  let delta = 0;
  for (const [i, a] of active.entries()) {
    const t = mapped[i]!;
    delta += t.priceAmount - a.unitAmount;
    await tx.update(bookingAttendees).set({ ticketTypeId: t.id, unitAmount: t.priceAmount, depositAmount: t.depositAmount }).where(eq(bookingAttendees.id, a.id));
  }
  // Tickets and the old session's generated tasks move; the new session gains its tasks (below).
  await moveTicketsAndTasks(tx, {
    bookingId: d.booking.id, fromSessionId: d.session.id, toSessionId: target.session.id, now,
    needIds: active.flatMap((a) => a.requirements.map((r) => r.id)),
  });
  // A seated move names each place's seat before and after, for the history and the emails.
  const seatsOf = (label: (a: (typeof active)[number]) => string | null) => seated
    ? { attendees: active.map((a) => ({ attendeeId: a.id, position: a.position, firstName: a.firstName, lastName: a.lastName, seat: label(a) })) }
    : {};
  return {
    delta,
    toSession: target.session,
    // Whether a deposit could be taken on the places as they are on the new session (its balance date rule).
    depositOffered: mapped.some((t) => t!.depositAmount != null),
    before: { sessionId: d.session.id, startsAt: d.session.startsAt.toISOString(), totalAmount: active.reduce((acc, a) => acc + a.unitAmount, 0), ...seatsOf((a) => a.seat?.label ?? null) },
    after: {
      sessionId: target.session.id, startsAt: target.session.startsAt.toISOString(), totalAmount: mapped.reduce((acc, t) => acc + t!.priceAmount, 0), difference: delta,
      ...seatsOf((a) => seatsAfter.get(a.id) ?? null),
    },
  };
}

/** Staff put some of a seated booking's places in other seats of its session; those places' tickets get new codes. */
async function applySeatChange(tx: Tx, d: BookingDetail, choices: SeatChoice[], now: Date, actorId: string | null) {
  if (!d.session.seatingPlanId) throw new AppError("change_not_allowed", {}, "This booking's session has no reserved seating.");
  if (d.booking.spanStartsAt) throw new AppError("change_not_allowed", {}, "A booking by the hour has no seats.");
  const types = new Map((await sessionTicketTypes(tx, d.session.id, { includeRetired: true, lock: true })).map((t) => [t.id, t]));
  const chosen = await checkSeatChoices(tx, {
    d, session: { id: d.session.id, seatingPlanId: d.session.seatingPlanId }, choices, moving: false,
    typeOf: (a) => types.get(a.ticketTypeId) ?? { name: a.ticketType.name, seatClass: null },
  });
  await claimNewSeats(tx, {
    bookingId: d.booking.id, sessionId: d.session.id, now,
    places: chosen.map((c) => ({ attendeeId: c.place.id, seatId: c.seat.id })),
    fieldOf: (id) => `seats.${choices.findIndex((c) => c.attendeeId === id)}.seatId`,
  });
  // The old tickets named the old seats: they stop admitting anyone, the new ones go out by email.
  await renewTickets(tx, { bookingId: d.booking.id, sessionId: d.session.id, attendeeIds: chosen.map((c) => c.place.id), now, revokedBy: actorId });
  const snapshot = (seat: (c: (typeof chosen)[number]) => string | null) => ({
    attendees: chosen.map((c) => ({ attendeeId: c.place.id, position: c.place.position, firstName: c.place.firstName, lastName: c.place.lastName, seat: seat(c) })),
  });
  return { before: snapshot((c) => c.place.seat?.label ?? null), after: snapshot((c) => seatLabel(c.seat)) };
}

/**
 * More to pay after a change (places added, a dearer session): the booking is part-paid, like a deposit's, with a
 * balance date (its own, else the usual days before the session, or the start when that has passed) and the
 * balance reminder, so places taken and never paid for are chased rather than forgotten.
 */
async function oweBalance(tx: Tx, bookingId: string, now: Date) {
  const [row] = await tx.select({ booking: bookings, startsAt: courseSessions.startsAt }).from(bookings)
    .innerJoin(courseSessions, eq(courseSessions.id, bookings.sessionId)).where(eq(bookings.id, bookingId));
  if (amountOwed(row.booking) === 0) return;
  const usual = balanceDueAt(row.startsAt, env().BALANCE_DUE_DAYS);
  const dueAt = row.booking.balanceDueAt ?? (usual > now ? usual : row.startsAt);
  await tx.update(bookings).set({ balanceDueAt: dueAt, ...(row.booking.paymentStatus === "paid" ? { paymentStatus: "deposit_paid" as const } : {}) })
    .where(eq(bookings.id, bookingId));
  const remindAt = new Date(dueAt.getTime() - env().BALANCE_REMINDER_DAYS * DAY_MS);
  if (remindAt > now) await queueEmail(tx, { kind: "balance-reminder", bookingId }, { runAt: remindAt });
}

/** unit_amount stays set only while every place costs the same and the total is exactly that many of them. */
async function refreshUnitAmount(tx: Tx, bookingId: string) {
  await tx.execute(sql`update bookings b set unit_amount = case
      when (select count(distinct a.unit_amount) from booking_attendees a where a.booking_id = b.id) = 1
        and b.total_amount = (select min(a.unit_amount) from booking_attendees a where a.booking_id = b.id) * b.attendee_count
      then (select min(a.unit_amount) from booking_attendees a where a.booking_id = b.id) else null end
    where b.id = ${bookingId}`);
}

/**
 * Applies one request's changes, all or nothing. With an idempotency key (scoped to the booking), a retry,
 * even a concurrent one, changes nothing more and answers the current state.
 */
export async function changeBooking(db: Db, p: {
  bookingId: string; actor: ChangeActor; change: Partial<BookingChangeInput>; idempotencyKey?: string | null; now?: Date;
  /** Staff only: new seats for the booking's places, on its session or (with change.sessionId) the one it moves to. */
  seats?: SeatChoice[];
  /** Staff only: why, kept with the change in the booking's history (shown to staff, never to customers). */
  reason?: string | null;
}): Promise<ChangeResult> {
  const now = p.now ?? new Date();
  const key = p.idempotencyKey?.trim() || null;
  const scope = `bookings.change:${p.bookingId}`;
  const hash = requestHash(p.change);
  if (p.actor.kind === "attendee" && (p.change.addAttendees || p.change.sessionId))
    throw new AppError("forbidden", {}, "Only the person who made the booking can add attendees or move it.");
  const staff = p.actor.kind === "staff" ? { seats: p.seats ?? [], actorId: p.actor.id } : null;
  if (p.seats && !staff) throw new AppError("forbidden", {}, "Seats are changed by staff.");
  const reason = p.reason?.trim() || null;
  if (reason && !staff) throw new AppError("forbidden", {}, "Only staff give a reason for a change.");

  const outcome = await db.transaction(async (tx) => {
    if (key) {
      const claimed = await tx.insert(idempotencyKeys).values({ scope, key, requestHash: hash, bookingId: p.bookingId })
        .onConflictDoNothing().returning({ id: idempotencyKeys.id });
      if (claimed.length === 0) {
        const [prior] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
        if (!prior || prior.requestHash !== hash) throw new AppError("idempotency_key_reused");
        return { replayed: true as const };
      }
    }
    const booking = await lockBooking(tx, p.bookingId);
    if (!booking) throw new AppError("booking_not_found");
    const d = (await getBookingDetail(tx, booking.id))!;
    const [course] = await tx.select({ cutoffHours: courses.changeCutoffHours }).from(courses).where(eq(courses.id, d.course.id));
    const blocker = changeBlocker({
      booking, sessionStatus: d.session.status, startsAt: d.session.startsAt, cutoffHours: course.cutoffHours, timeZone: d.venue.timeZone, now,
      staff: staff ? { endsAt: d.session.endsAt } : undefined,
    });
    if (blocker) throw new AppError("change_not_allowed", {}, blocker);

    const changes: { action: "attendees_updated" | "attendees_added" | "moved" | "seats_changed"; before: unknown; after: unknown }[] = [];
    const sessions = new Set<string>([d.session.id]);
    let extra = 0;
    let delta = 0;
    let addedCount = 0;

    if (p.change.attendees) {
      const r = await applyAttendeeChanges(tx, d, p.change.attendees, p.actor);
      if (r) changes.push({ action: "attendees_updated", ...r });
    }
    // Moving first: attendees added after it are priced and placed on the new session.
    if (p.change.sessionId) {
      const r = await applyMove(tx, (await getBookingDetail(tx, booking.id))!, p.change.sessionId, course.cutoffHours, now, staff);
      await tx.update(bookings).set({
        sessionId: r.toSession.id,
        // A balance keeps a date, the new session's; never one already past (then it is due with the move).
        balanceDueAt: booking.balanceDueAt
          ? balanceDueOnMove({ sessionStartsAt: r.toSession.startsAt, depositOffered: r.depositOffered, daysBefore: env().BALANCE_DUE_DAYS, now }).dueAt
          : null,
        ...calendarChanged(now),
      }).where(eq(bookings.id, booking.id));
      delta = r.delta;
      sessions.add(r.toSession.id);
      changes.push({ action: "moved", before: r.before, after: r.after });
    } else if (staff && p.seats) {
      const r = await applySeatChange(tx, (await getBookingDetail(tx, booking.id))!, p.seats, now, staff.actorId);
      changes.push({ action: "seats_changed", ...r });
    }
    if (p.change.addAttendees) {
      const r = await applyAddAttendees(tx, (await getBookingDetail(tx, booking.id))!, p.change.addAttendees, now);
      extra = r.extra;
      addedCount = r.count;
      changes.push({ action: "attendees_added", before: r.before, after: r.after });
    }
    if (changes.length === 0) return { replayed: false as const, changeIds: [], refund: 0, expireCheckout: null, priceChange: 0 };

    // Money: a dearer session or more places raise the total (paid as a balance); a cheaper session refunds
    // what was paid beyond the new price (credit note, after commit) and lowers the total by the rest.
    const rise = extra + Math.max(0, delta);
    const fall = Math.max(0, -delta);
    const paidBeyond = Math.max(0, (booking.amountPaid - booking.amountRefunded) - (bookingValue(booking) - fall));
    const refund = Math.min(fall, paidBeyond, (await refundablePayments(tx, booking.id)).reduce((acc, x) => acc + x.refundable, 0));
    const moneyChanged = rise > 0 || fall > 0;
    await tx.update(bookings).set({
      attendeeCount: sql`${bookings.attendeeCount} + ${addedCount}`,
      totalAmount: sql`${bookings.totalAmount} + ${rise} - ${fall - refund}`,
      // Set again just below when every place still costs the same (the check constraint sees one statement at a time).
      unitAmount: null,
      ...(moneyChanged ? { balanceCheckoutSessionId: null, balanceCheckoutUrl: null, balanceCheckoutExpiresAt: null } : {}),
      updatedAt: now,
    }).where(eq(bookings.id, booking.id));
    await refreshUnitAmount(tx, booking.id);
    if (rise > 0) await oweBalance(tx, booking.id, now);

    const inserted = await tx.insert(bookingChanges).values(changes.map((c) => ({
      bookingId: booking.id, action: c.action, actorKind: p.actor.kind, actorEmail: p.actor.email,
      before: JSON.parse(JSON.stringify(c.before)), after: JSON.parse(JSON.stringify(c.after)), reason, createdAt: now,
    }))).returning({ id: bookingChanges.id, createdAt: bookingChanges.createdAt });
    const changeIds = inserted.map((r) => r.id);
    await emitBookingEvent(tx, "booking.changed", booking.id, { changes: changes.map((c) => c.action) });
    if (p.actor.kind === "staff") {
      for (const c of changes)
        await recordAudit(tx, { id: p.actor.id, email: p.actor.email } as AuditActor, {
          action: `booking.${c.action}`, entityType: "booking", entityId: booking.id, before: c.before, after: reason ? { ...(c.after as object), reason } : c.after,
        });
    }

    await syncGeneratedChecklist(tx, [...sessions], { bookingId: booking.id });
    for (const s of [...sessions].sort()) await notifyRequirementsChanged(tx, s);
    // The tickets go out again, as they are now; the email names what changed.
    await queueEmail(tx, { kind: "booking-changed", changeId: changeIds[changeIds.length - 1] });
    return { replayed: false as const, changeIds, refund, expireCheckout: moneyChanged ? booking.balanceCheckoutSessionId : null, priceChange: rise - fall };
  });

  let refunded = 0;
  let creditNoteNumber: string | null = null;
  if (!outcome.replayed) {
    if (outcome.expireCheckout) await paymentProvider().expireCheckout(outcome.expireCheckout).catch((err) => log.error({ err }, "could not expire balance checkout"));
    if (outcome.refund > 0) {
      const r = await refundBooking(db, {
        bookingId: p.bookingId, attendeeIds: [], amount: outcome.refund, reason: "moved_to_cheaper_session",
        idempotencyKey: `booking-change:${outcome.changeIds[outcome.changeIds.length - 1]}`,
      }, p.actor.kind === "staff" ? { id: p.actor.id, email: p.actor.email } as AuditActor : { id: null, email: p.actor.email ?? "customer (API)" }, now);
      refunded = outcome.refund;
      creditNoteNumber = r.creditNoteNumber;
    }
  }
  const [after] = await db.select().from(bookings).where(eq(bookings.id, p.bookingId));
  const owed = after.status === "confirmed" ? amountOwed(after) : 0;
  let checkoutUrl: string | null = null;
  // A checkout when the change itself asks for money: a dearer date or added places, or a balance the change made
  // due at once (a move to a date too close for a deposit). A balance not due yet stays on the booking page to pay
  // by its date, as before the change.
  const dueNow = !outcome.replayed && (outcome.priceChange > 0 || Boolean(after.balanceDueAt && after.balanceDueAt <= now));
  if (owed > 0 && !outcome.replayed && outcome.changeIds.length && dueNow) {
    // The change stands even if the provider cannot be reached now: the booking page offers the checkout again.
    checkoutUrl = await openBalanceCheckout(db, p.bookingId, now).then((c) => c.url, (err) => {
      log.error({ err }, "balance checkout after a change failed");
      return null;
    });
  }
  else if (owed > 0 && after.balanceCheckoutUrl && after.balanceCheckoutExpiresAt && after.balanceCheckoutExpiresAt > now) checkoutUrl = after.balanceCheckoutUrl;
  return {
    replayed: outcome.replayed, changeIds: outcome.replayed ? [] : outcome.changeIds, refunded, creditNoteNumber, amountOwed: owed, checkoutUrl,
    priceChange: outcome.replayed ? 0 : outcome.priceChange,
  };
}

/**
 * The history shown on the booking page, oldest first. Staff's reasons are for staff: without `staffView` they are
 * left out, so no customer page can show one by mistake.
 */
export async function bookingHistory(db: Db | Tx, bookingId: string, { staffView = false } = {}) {
  const rows = await db.select().from(bookingChanges).where(eq(bookingChanges.bookingId, bookingId)).orderBy(asc(bookingChanges.createdAt), asc(bookingChanges.id));
  return staffView ? rows : rows.map((r) => ({ ...r, reason: null }));
}

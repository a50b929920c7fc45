// Creating a booking: validate against the catalogue, hold the places, record everything, open a checkout.
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import type { Booking, NewBooking, NewBookingAttendee } from "@/db/schema";
import {
  bookingAttendees, bookings, courseSessions, courses, idempotencyKeys, requirementTemplates, seats, sessionSeats, specialRequirements, ticketTypeInventory, venues,
  type CourseSession, type TicketType,
} from "@/db/schema";
import { getBookingById, logPaymentEvent } from "@/db/queries/bookings";
import { holdPlaces, type HoldOutcome } from "@/db/queries/places";
import { sessionTicketTypes } from "@/db/queries/ticket-types";
import { inOrder } from "@/db/in-order";
import { inSavepoint } from "@/db/savepoint";
import { anyUuid, reusable, reusableRows } from "@/db/reusable";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isSlotBooking, type BookingRequest } from "@/lib/validations/booking";
import type { SpanToHold } from "@/db/queries/places";
import { resolveSlotSpan, slotFullError, type ResolvedSpan } from "./slot-booking";
import { answerRowsFor, checkAnswers } from "./booking-answers";
import { bookingAnswers, bookingDiscountLines } from "@/db/schema";
import { bookingDiscountSummary, redeemDiscountCode } from "@/db/queries/discounts";
import { discountCodeError, loadBookingDiscounts, sessionPlacesTaken, USED_BY_EMAIL } from "@/lib/discounts/booking-discounts";
import { balanceDueAt, depositAvailable, quotePlaces, type AppliedDiscount } from "./pricing";
import { memberCheckout, readMemberRules } from "@/lib/members/checkout";
import { redeemPoints } from "@/lib/members/ledger";
import { checkPlaceChoices, onSale, seatLabel } from "./ticket-rules";
import { holdExpiresAt } from "./hold";
import { bookingAccessToken, bookingReference } from "./reference";
import { bookingPageUrl, openCheckout, type CheckoutAbout } from "./open-checkout";
import { confirmWithoutPayment } from "./confirm-without-payment";
import { releaseExpiredHolds } from "./release-expired-holds";
import { claimWaitlistOffer, lockWaitlistOffer } from "@/lib/self-service/waitlist";
import { log, logBookingReference } from "@/lib/log";
import { countBookings } from "@/lib/metrics/events";
import { subscribedEndpoints } from "@/lib/webhooks/emit";
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { asksForWheelchairSpace } from "@/lib/seating/seat-choice";

export type CreatedBooking = {
  bookingId: string;
  reference: string;
  accessToken: string;
  /** Confirmed at once when nothing is due now (checkoutUrl is then the booking's own page); a replay: as it is now. */
  status: Booking["status"];
  /** The places at list price, and each discount taken off (the total is after them). */
  listAmount: number;
  discounts: { source: AppliedDiscount["source"]; label: string; amount: number }[];
  totalAmount: number;
  amountDue: number;
  currency: string;
  holdExpiresAt: string;
  checkoutUrl: string;
};

type Options = {
  idempotencyKey?: string | null; now?: Date;
  /** Whose keys these are (an API key's id): one caller's key never replays another caller's booking. */
  idempotencyClient?: string | null;
  /** A waiting-list offer (its link's token already checked): the booking takes the places it holds. */
  waitlistOfferId?: string | null;
  /** The email of the customer session this request came with: a member booking needs it (lib/members/checkout.ts). */
  verifiedEmail?: string | null;
  /** An answer to a question the course does not ask is a 400 (the REST API), not dropped (the wizard). */
  refuseUnaskedAnswers?: boolean;
};

export const IDEMPOTENCY_SCOPE = "bookings.create";

/** Thrown inside replayOfEarlierRequest's transaction to undo a claim of a key that turned out to be new. */
class NewKey extends Error {}

/**
 * The booking an earlier request with the same Idempotency-Key made, answered as a replay answers it; null when
 * the key is new (nothing is written). A request still in flight with the key is waited for (its claim's unique
 * index). Lets a retry through once the hold limits refuse new bookings: a replay holds nothing more.
 */
export async function replayOfEarlierRequest(db: Db, input: BookingRequest, options: Options): Promise<(CreatedBooking & { replayed: boolean }) | null> {
  const key = options.idempotencyKey?.trim() || null;
  if (!key) return null;
  const scope = options.idempotencyClient ? `${IDEMPOTENCY_SCOPE}:${options.idempotencyClient}` : IDEMPOTENCY_SCOPE;
  try {
    await db.transaction(async (tx) => {
      const claimed = await tx.insert(idempotencyKeys).values({ scope, key, requestHash: requestHash(input) }).onConflictDoNothing()
        .returning({ id: idempotencyKeys.id });
      if (claimed.length) throw new NewKey();
    });
  } catch (err) {
    if (err instanceof NewKey) return null;
    throw err;
  }
  // The key is taken: createBooking answers its booking, or 409 when it was given for another request.
  return createBooking(db, input, options);
}

export function requestHash(input: unknown): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

/**
 * Creates a pending booking holding its places, then opens a checkout for it. With an idempotency key,
 * a retry (even a concurrent one) returns the first booking and creates nothing.
 */
export async function createBooking(db: Db, input: BookingRequest, options: Options = {}): Promise<CreatedBooking & { replayed: boolean }> {
  const now = options.now ?? new Date();
  const key = options.idempotencyKey?.trim() || null;
  const hash = requestHash(input);
  const scope = options.idempotencyClient ? `${IDEMPOTENCY_SCOPE}:${options.idempotencyClient}` : IDEMPOTENCY_SCOPE;

  const result = await withReferenceRetry(() =>
    db.transaction(async (tx) => {
      if (key) {
        const claimed = await tx.insert(idempotencyKeys)
          .values({ scope, key, requestHash: hash })
          .onConflictDoNothing()
          .returning({ id: idempotencyKeys.id });
        // A concurrent request with the same key waits on the unique index, then lands here.
        if (claimed.length === 0) {
          const [prior] = await tx.select().from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
          if (!prior || prior.requestHash !== hash || !prior.bookingId) throw new AppError("idempotency_key_reused");
          return { bookingId: prior.bookingId, replayed: true, created: null };
        }
      }
      const created = await insertPendingBooking(tx, input, now, options.waitlistOfferId ?? null, options.verifiedEmail ?? null, options.refuseUnaskedAnswers ?? false);
      const bookingId = created.booking.id;
      if (key)
        await tx.update(idempotencyKeys).set({ bookingId })
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      return { bookingId, replayed: false, created };
    }),
  );

  const booking = result.created?.booking ?? await getBookingById(db, result.bookingId);
  if (!booking) throw new AppError("booking_not_found");
  logBookingReference(booking.reference);
  if (!result.replayed) {
    countBookings("created");
    log.info({ bookingId: booking.id, sessionId: booking.sessionId, places: booking.attendeeCount }, "booking created; places held");
  }
  // Nothing due now (discounts or points cover it): no checkout, the booking is confirmed here and the
  // customer is sent to its page. A replay finds it confirmed already.
  const free = booking.amountDueNow === 0;
  // A retry of a booking that is no longer waiting for payment (paid, lapsed, cancelled) answers it as it is now,
  // with its page instead of a checkout.
  const settled = result.replayed && booking.status !== "pending" && !free;
  if (free) await confirmWithoutPayment(db, booking.id, now);
  const checkoutUrl = free ? bookingPageUrl(booking, "&from=checkout")
    : settled ? bookingPageUrl(booking)
    : booking.checkoutUrl ?? (await openCheckout(db, booking, now, result.created?.checkoutAbout)).url;
  // A booking made just now with no discount line has nothing to sum.
  const discounts = result.created && !result.created.discounted ? [] : await bookingDiscountSummary(db, booking.id);
  return {
    bookingId: booking.id,
    reference: booking.reference,
    accessToken: bookingAccessToken(booking.id),
    status: settled ? booking.status : free && (await getBookingById(db, booking.id))?.status === "confirmed" ? "confirmed" : "pending",
    listAmount: booking.totalAmount + discounts.reduce((acc, d) => acc + d.amount, 0),
    discounts,
    totalAmount: booking.totalAmount,
    // Owed at checkoutUrl: nothing once the booking is paid, lapsed or cancelled (its page has no checkout).
    amountDue: settled ? 0 : booking.amountDueNow,
    currency: booking.currency,
    holdExpiresAt: booking.holdExpiresAt.toISOString(),
    checkoutUrl,
    replayed: result.replayed,
  };
}

// Key share: other bookings still update the counters, but staff changing the session (its seating plan, its
// status) wait until this booking commits, so seats are never taken from a plan being replaced.
const bookableSession = reusable("booking-session", (on) => on
  .select({ session: courseSessions, course: courses, venue: venues })
  .from(courseSessions)
  .innerJoin(courses, eq(courses.id, courseSessions.courseId))
  .innerJoin(venues, eq(venues.id, courseSessions.venueId))
  .where(eq(courseSessions.id, sql.placeholder("sessionId")))
  .for("key share", { of: courseSessions }));

// The booking's own row, with every column it sets named, so the statement is the same for every booking.
const insertBooking = reusableRows("insert-booking", bookings, [
  "reference", "sessionId", "status", "paymentOption", "attendeeCount", "currency", "unitAmount", "totalAmount", "amountDueNow",
  "balanceDueAt", "holdExpiresAt", "contactName", "contactEmail", "contactPhone", "organisation", "billingLine1", "billingLine2",
  "billingCity", "billingPostalCode", "billingCountry", "vatId", "termsAcceptedAt", "paymentProvider", "spanStartsAt", "spanEndsAt",
  "spanPrice", "createdAt", "updatedAt",
], (on, rows) => on.insert(bookings).values(rows as unknown as NewBooking[]).returning());

const insertAttendees = reusableRows("insert-attendees", bookingAttendees, [
  "bookingId", "position", "firstName", "lastName", "email", "isBooker", "ticketTypeId", "unitAmount", "discountAmount", "depositAmount", "seatId",
], (on, rows) => on.insert(bookingAttendees).values(rows as unknown as NewBookingAttendee[])
  .returning({ id: bookingAttendees.id, position: bookingAttendees.position }));

/** The session a booking of fixed times names; time-slot offerings are booked by span instead. */
async function resolveSession(tx: Tx, sessionId: string, now: Date) {
  const [session] = await bookableSession(tx, { sessionId });
  if (!session) throw new AppError("session_not_found", { fields: { sessionId: "That session does not exist" } });
  if (session.course.kind === "time_slots")
    throw new AppError("invalid_request", { fields: { sessionId: "Book this offering with offeringId, startsAt and endsAt" } });
  if (session.session.status !== "scheduled" || session.course.status !== "active" || session.session.startsAt <= now)
    throw new AppError("session_not_bookable");
  return session;
}

/** Everything a booking request costs, checked against the catalogue and its discounts; writes nothing lasting. */
export async function priceBookingRequest(tx: Tx, input: BookingRequest, now: Date, verifiedEmail: string | null = null, refuseUnaskedAnswers = false) {
  // A time-slot booking: its span is checked against the day's slots and priced, then attached to the slot day.
  let span: ResolvedSpan | null = null;
  let session: Awaited<ReturnType<typeof resolveSession>>;
  if (isSlotBooking(input)) {
    span = await resolveSlotSpan(tx, input, now);
    session = { session: span.slotDay, course: span.offering.course, venue: span.offering.venue };
  } else {
    session = await resolveSession(tx, input.sessionId, now);
  }

  // Independent reads, sent together (db/in-order.ts); their errors come in this order.
  const [templates, answers, discounts, placeRows, memberRules] = await inOrder([
    checkRequirements(tx, input),
    checkAnswers(tx, session.course.id, input, span, { refuseUnasked: refuseUnaskedAnswers }),
    loadBookingDiscounts(tx, {
      courseId: session.course.id, currency: session.course.currency, sessionId: session.session.id, now, code: input.discountCode,
      email: input.contact.email,
    }),
    loadPlaceRows(tx, session.session, input),
    readMemberRules(tx, { verifiedEmail, contactEmail: input.contact.email, courseId: session.course.id, now }),
  ]);
  const revealsHidden = discounts.code?.row.revealsHiddenTicketTypes ?? false;
  const chosen = checkPlaces(session.session, input, now, placeRows, templates, revealsHidden);
  // Each place of a span costs the span's price per attendee, with no deposit.
  const places = span ? chosen.map((p) => ({ ...p, type: { ...p.type, priceAmount: span.price.perAttendee, depositAmount: null } })) : chosen;
  const { BALANCE_DUE_DAYS, POINT_VALUE_MINOR } = env();
  // Member prices, presale rights and points: only for a verified member who is the contact (lib/members/checkout.ts).
  const member = await memberCheckout(tx, memberRules, {
    now,
    places: places.map((p) => ({ ticketTypeId: p.type.id, name: p.type.name, unitAmount: p.type.priceAmount })),
    pointsToRedeem: input.pointsToRedeem, pointValueMinor: POINT_VALUE_MINOR,
    choosable: () => placeRows.types.filter((t) => onSale(t, now) && (t.visible || revealsHidden)).map((t) => ({ ticketTypeId: t.id })),
  });
  const priceWith = (placesTakenBefore: number, option = input.paymentOption) => quotePlaces({
    places: places.map((p) => ({ ticketTypeId: p.type.id, name: p.type.name, unitAmount: p.type.priceAmount, depositAmount: p.type.depositAmount })),
    currency: session.course.currency,
    option,
    depositAllowed: !span && depositAvailable({
      depositAmount: places.some((p) => p.type.depositAmount != null) ? 1 : null,
      sessionStartsAt: session.session.startsAt, daysBefore: BALANCE_DUE_DAYS, now,
    }),
    automatic: discounts.automatic,
    code: discounts.code?.discount ?? null,
    placesTakenBefore,
    memberPrices: member.memberPrices,
    points: member.points,
  });
  const quote = priceWith(discounts.placesTakenBefore);
  return { span, session, templates, answers, places, discounts, quote, priceWith, member };
}

/** What the steps after the transaction need from it, so that they need not read it back. */
type InsertedBooking = { booking: Booking; checkoutAbout: CheckoutAbout; discounted: boolean };

async function insertPendingBooking(
  tx: Tx, input: BookingRequest, now: Date, waitlistOfferId: string | null, verifiedEmail: string | null, refuseUnaskedAnswers: boolean,
): Promise<InsertedBooking> {
  if (waitlistOfferId) await lockWaitlistOffer(tx, waitlistOfferId);
  const { span, session, templates, answers, places, discounts, quote, priceWith, member } = await priceBookingRequest(tx, input, now, verifiedEmail, refuseUnaskedAnswers);
  const count = input.attendees.length;
  const { BALANCE_DUE_DAYS, HOLD_MINUTES } = env();

  const [booking] = await insertBooking(tx, [{
    reference: bookingReference(),
    sessionId: session.session.id,
    status: "pending",
    paymentOption: input.paymentOption,
    attendeeCount: count,
    currency: quote.currency,
    unitAmount: quote.unitAmount,
    totalAmount: quote.totalAmount,
    amountDueNow: quote.amountDueNow,
    balanceDueAt: input.paymentOption === "deposit" ? balanceDueAt(session.session.startsAt, BALANCE_DUE_DAYS) : null,
    holdExpiresAt: holdExpiresAt(now, HOLD_MINUTES),
    contactName: input.contact.name,
    contactEmail: input.contact.email,
    contactPhone: input.contact.phone,
    organisation: input.contact.organisation ?? null,
    billingLine1: input.billing?.line1 ?? null,
    billingLine2: input.billing?.line2 ?? null,
    billingCity: input.billing?.city ?? null,
    billingPostalCode: input.billing?.postalCode ?? null,
    billingCountry: input.billing?.country ?? null,
    vatId: input.billing?.vatId ?? null,
    termsAcceptedAt: now,
    paymentProvider: env().paymentMode,
    spanStartsAt: span?.startsAt ?? null,
    spanEndsAt: span?.endsAt ?? null,
    spanPrice: span ? { slotMinutes: span.offering.offering.slotMinutes, lines: span.price.lines.map(({ amount: _a, ...l }) => l) } : null,
    createdAt: now,
    updatedAt: now,
  }]);

  // The rows that name only the booking are written together (one round trip), with the endpoints that will
  // hear of the booking; then the rows that name an attendee.
  const [attendeeRows, , subscribed] = await inOrder([insertAttendees(tx,
    input.attendees.map((a, i) => ({
      bookingId: booking.id,
      position: i + 1,
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email ?? null,
      isBooker: a.isBooker ?? false,
      ticketTypeId: places[i].type.id,
      unitAmount: quote.places[i].paidAmount,
      discountAmount: quote.places[i].discountAmount,
      depositAmount: quote.places[i].depositAmount,
      seatId: places[i].seatId,
    })),
  ), logPaymentEvent(tx, {
    bookingId: booking.id,
    type: "hold_created",
    message: `Holding ${count} place${count === 1 ? "" : "s"} for ${HOLD_MINUTES} minutes`,
    data: { amountDueNow: quote.amountDueNow, totalAmount: quote.totalAmount, listAmount: quote.listAmount, discountAmount: quote.discountAmount, currency: quote.currency },
  }), subscribedEndpoints(tx, "booking.created")]);
  const attendeeIdAt = (i: number) => attendeeRows.find((row) => row.position === i + 1)!.id;
  const writes: Promise<unknown>[] = [];

  const requirementRows = input.attendees.flatMap((a, i) =>
    a.requirements.map((r) => {
      const t = templates.get(r.templateId)!;
      return {
        bookingId: booking.id,
        attendeeId: attendeeIdAt(i),
        templateId: t.id,
        category: t.category,
        priority: t.priority,
        label: t.label,
        details: r.details ?? null,
      };
    }),
  );
  if (requirementRows.length) writes.push(tx.insert(specialRequirements).values(requirementRows));
  const answerRows = answerRowsFor(answers, booking.id, attendeeIdAt);
  if (answerRows.length) writes.push(tx.insert(bookingAnswers).values(answerRows));
  const discountRows = quote.places.flatMap((p, i) => p.discounts.flatMap((amount, j) => {
    if (amount === 0) return [];
    const d = quote.discounts[j];
    return [{
      bookingId: booking.id, attendeeId: attendeeIdAt(i), source: d.source, label: d.label, amount,
      discountCodeId: d.source === "code" ? d.id ?? null : null, discountRuleId: d.source === "code" ? null : d.id ?? null,
    }];
  }));
  if (discountRows.length) writes.push(tx.insert(bookingDiscountLines).values(discountRows));

  await inOrder(writes);

  // Taking the places is the last step: the seat, type and session rows stay locked only until commit, so
  // bookings for one popular session queue for the shortest time. If it fails, everything above rolls back.
  const toHold = places.map((p, i) => ({ attendeeId: attendeeIdAt(i), ticketTypeId: p.type.id, quota: p.type.quota, seatId: p.seatId }));
  const spanToHold: SpanToHold | null = span ? {
    courseId: span.offering.course.id, startsAt: span.startsAt, endsAt: span.endsAt,
    slotMinutes: span.offering.offering.slotMinutes, capacity: span.offering.offering.capacityPerSlot,
  } : null;
  // The offer's held places are given back in this transaction just before the booking holds its own.
  if (waitlistOfferId)
    await claimWaitlistOffer(tx, { offerId: waitlistOfferId, sessionId: session.session.id, attendees: count, bookingId: booking.id, now });
  let failed: Exclude<HoldOutcome, { ok: true }> | null = null;
  const hold = () => inSavepoint(tx, async (sp) => {
    const outcome = await holdPlaces(sp, { sessionId: session.session.id, bookingId: booking.id, places: toHold, span: spanToHold, now });
    if (outcome.ok) return outcome;
    failed = outcome; // The savepoint is rolled back: nothing of this attempt stays.
    return null;
  });
  if (!(await hold())) {
    // Lapsed holds still count on the session until released; release them and try once more.
    await releaseExpiredHolds(tx, { sessionId: session.session.id, now });
    if (!(await hold())) {
      const last = failed as Exclude<HoldOutcome, { ok: true }> | null;
      if (last?.reason === "slot" && span) throw await slotFullError(tx, span, last.startsAt, count);
      throw await holdFailure(tx, session.session.id, input, places, last!);
    }
  }
  // An early bird for the first N places is settled now that the session's counters are locked by this
  // transaction: if other bookings took those places since the price was worked out, the customer is told.
  if (discounts.automatic.some((d) => d.firstPlaces != null)) {
    const takenBefore = (await sessionPlacesTaken(tx, session.session.id)) - count;
    if (takenBefore !== discounts.placesTakenBefore && priceWith(takenBefore).totalAmount !== quote.totalAmount)
      throw new AppError("conflict", { fields: { discountCode: "The early-bird places have just gone; review the new price" } },
        "The early-bird places have just gone; review the new price.");
  }
  // The code is used last, after the session's counters (the documented lock order): one use per booking.
  if (discounts.code) {
    const applied = quote.discounts.find((d) => d.source === "code");
    const failure = await redeemDiscountCode(tx, {
      codeId: discounts.code.row.id, bookingId: booking.id, email: input.contact.email,
      amount: applied?.amount ?? 0, maxUsesPerEmail: discounts.code.row.maxUsesPerEmail,
    });
    if (failure === "used_up") throw discountCodeError(409, "This code has been used up");
    if (failure === "per_email") throw discountCodeError(409, USED_BY_EMAIL);
  }
  // Points are spent last, under the member's row lock (after the code: the documented lock order), so the
  // balance is checked again where no other redemption can run between the check and the redeem row.
  const spent = quote.discounts.find((d) => d.source === "points");
  if (spent?.points && member.member) {
    try {
      await redeemPoints(tx, member.member.id, spent.points, { bookingId: booking.id, note: `Spent on a booking: ${spent.amount} ${quote.currency} off` });
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict") {
        const balance = err.details.balance as number;
        throw new AppError("points_unavailable", { balance, fields: { pointsToRedeem: `You have ${balance} points to spend` } }, `You have ${balance} points to spend.`);
      }
      throw err;
    }
  }
  await emitBookingEvent(tx, "booking.created", booking.id, {}, subscribed);
  return {
    // As inserted: nothing later in the transaction changes the booking's own row.
    booking,
    checkoutAbout: { title: session.course.title, startsAt: session.session.startsAt, timeZone: session.venue.timeZone },
    discounted: discountRows.length > 0,
  };
}

type ChosenPlace = { type: TicketType; seatId: string | null };

const seatsOfPlan = reusable("seats-of-plan", (tx) => tx.select().from(seats)
  .where(and(eq(seats.planId, sql.placeholder("planId")), anyUuid(seats.id, "seatIds"))));
const blockedSeats = reusable("blocked-seats", (tx) => tx.select({ seatId: sessionSeats.seatId }).from(sessionSeats)
  .where(and(eq(sessionSeats.sessionId, sql.placeholder("sessionId")), eq(sessionSeats.status, "blocked"), anyUuid(sessionSeats.seatId, "seatIds"))));

/** The session's ticket types (locked against change until commit), and the chosen seats with those blocked. */
async function loadPlaceRows(tx: Tx, session: CourseSession, input: BookingRequest) {
  const seatIds = [...new Set(input.attendees.map((a) => a.seatId).filter((id): id is string => Boolean(id)))];
  const planId = seatIds.length ? session.seatingPlanId : null;
  const [types, seatRows, blocked] = await inOrder([
    sessionTicketTypes(tx, session.id, { includeRetired: true, lock: true }),
    planId ? seatsOfPlan(tx, { planId, seatIds }) : Promise.resolve([]),
    planId ? blockedSeats(tx, { sessionId: session.id, seatIds }) : Promise.resolve([]),
  ]);
  return { types, seatRows, blocked };
}

/** Each attendee's ticket type and seat, checked against what the session sells. Errors name the attendee. */
function checkPlaces(
  session: CourseSession, input: BookingRequest, now: Date, rows: Awaited<ReturnType<typeof loadPlaceRows>>,
  templates: Map<string, { code: string }>, revealHidden = false,
): ChosenPlace[] {
  const { fields, resolved } = checkPlaceChoices({
    // A wheelchair space goes only to an attendee who asked for step-free access or uses a wheelchair, as the seat
    // map offers it: checked here too, for the API.
    attendees: input.attendees.map((a) => ({
      ...a, wheelchair: asksForWheelchairSpace(a.requirements.map((r) => templates.get(r.templateId)?.code)),
    })),
    types: rows.types,
    now,
    seated: session.seatingPlanId != null,
    seats: new Map(rows.seatRows.map((r) => [r.id, r])),
    blockedSeatIds: new Set(rows.blocked.map((b) => b.seatId)),
    revealHidden,
  });
  if (Object.keys(fields).length) throw new AppError("invalid_request", { fields });
  return resolved;
}

/** The clear answer when places could not be held: which seats are taken, which type or the session is full. */
async function holdFailure(tx: Tx, sessionId: string, input: BookingRequest, places: ChosenPlace[], failed: Exclude<HoldOutcome, { ok: true }>) {
  if (failed.reason === "seats") {
    const taken = await tx.select().from(seats).where(inArray(seats.id, failed.seatIds));
    const fields: Record<string, string> = {};
    places.forEach((p, i) => {
      const seat = taken.find((t) => t.id === p.seatId);
      if (seat) fields[`attendees.${i}.seatId`] = `${seatLabel(seat)} has just been taken; choose another seat`;
    });
    return new AppError("seat_unavailable", { fields, seats: taken.map((t) => ({ id: t.id, label: seatLabel(t) })) },
      `${taken.map(seatLabel).join("; ")} ${taken.length === 1 ? "is" : "are"} no longer available.`);
  }
  if (failed.reason === "quota") {
    const type = places.find((p) => p.type.id === failed.ticketTypeId)!.type;
    // From the counters: this transaction's own attendees would count as held in a live availability read.
    const [counted] = await tx.select({ booked: ticketTypeInventory.placesBooked, held: ticketTypeInventory.placesHeld }).from(ticketTypeInventory)
      .where(and(eq(ticketTypeInventory.sessionId, sessionId), eq(ticketTypeInventory.ticketTypeId, type.id)));
    const left = Math.max(0, (type.quota ?? 0) - (counted?.booked ?? 0) - (counted?.held ?? 0));
    const first = places.findIndex((p) => p.type.id === type.id);
    return new AppError("insufficient_capacity", { available: left, ticketTypeId: type.id, fields: { [`attendees.${first}.ticketTypeId`]: `Only ${left} ${type.name} ${left === 1 ? "ticket is" : "tickets are"} left` } },
      `There are not enough ${type.name} tickets left for ${input.attendees.filter((_, i) => places[i].type.id === type.id).length} attendee(s).`);
  }
  if (failed.reason === "offers") {
    // The seats chosen are free, but open waiting-list offers need them. The check ran with this booking's seats
    // claimed, so the seats others could take are those left plus its own; never more than the counters allow.
    const [counters] = await tx.select({ capacity: courseSessions.capacity, booked: courseSessions.placesBooked, held: courseSessions.placesHeld })
      .from(courseSessions).where(eq(courseSessions.id, sessionId));
    const left = Math.max(0, Math.min(failed.seatsLeft + places.length, counters.capacity - counters.booked - counters.held));
    return new AppError("insufficient_capacity", { available: left, reason: "offered_to_waitlist" },
      left === 0
        ? "The seats left on this session are kept for customers offered places from the waiting list."
        : `There are not enough seats left for ${input.attendees.length} attendee(s): only ${left} can be booked now, the others are kept for customers offered places from the waiting list.`);
  }
  // From the counters, not getSessionAvailability: that would count this transaction's own pending booking.
  const [counters] = await tx.select({ capacity: courseSessions.capacity, booked: courseSessions.placesBooked, held: courseSessions.placesHeld })
    .from(courseSessions).where(eq(courseSessions.id, sessionId));
  return new AppError("insufficient_capacity", { available: Math.max(0, counters.capacity - counters.booked - counters.held) });
}

/** Every chosen template must exist and be active; some need details. Errors point at the field. */
async function checkRequirements(tx: Tx, input: BookingRequest) {
  const ids = [...new Set(input.attendees.flatMap((a) => a.requirements.map((r) => r.templateId)))];
  const rows = ids.length
    ? await tx.select().from(requirementTemplates).where(and(inArray(requirementTemplates.id, ids), eq(requirementTemplates.active, true)))
    : [];
  const byId = new Map(rows.map((t) => [t.id, t]));
  const fields: Record<string, string> = {};
  input.attendees.forEach((a, i) =>
    a.requirements.forEach((r, j) => {
      const t = byId.get(r.templateId);
      if (!t) fields[`attendees.${i}.requirements.${j}.templateId`] = "Unknown requirement";
      else if (t.detailsRequired && !r.details) fields[`attendees.${i}.requirements.${j}.details`] = `Describe the ${t.label.toLowerCase()}`;
    }),
  );
  if (Object.keys(fields).length) throw new AppError("invalid_request", { fields });
  return byId;
}

/** A reference collision is astronomically rare, but the unique index would abort the transaction: retry. */
async function withReferenceRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const constraint = (err as { cause?: { constraint_name?: string }; constraint_name?: string });
      const name = constraint.constraint_name ?? constraint.cause?.constraint_name;
      if (name === "bookings_reference_key" && attempt < 3) continue;
      throw err;
    }
  }
}

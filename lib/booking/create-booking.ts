// Creating a booking: validate against the catalogue, hold the places, record everything, open a checkout.
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import {
  bookingAttendees, bookings, courseSessions, courses, idempotencyKeys, requirementTemplates, specialRequirements, venues,
} from "@/db/schema";
import { getBookingById, holdPlaces, logPaymentEvent } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CreateBookingInput } from "@/lib/validations/booking";
import { balanceDueAt, depositAvailable, quoteBooking } from "./pricing";
import { holdExpiresAt } from "./hold";
import { bookingAccessToken, bookingReference } from "./reference";
import { openCheckout } from "./open-checkout";
import { releaseExpiredHolds } from "./release-expired-holds";

export type CreatedBooking = {
  bookingId: string;
  reference: string;
  accessToken: string;
  status: "pending";
  totalAmount: number;
  amountDue: number;
  currency: string;
  holdExpiresAt: string;
  checkoutUrl: string;
};

type Options = { idempotencyKey?: string | null; now?: Date };

const IDEMPOTENCY_SCOPE = "bookings.create";

export function requestHash(input: unknown): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

/**
 * Creates a pending booking holding its places, then opens a checkout for it. With an idempotency key,
 * a retry (even a concurrent one) returns the first booking and creates nothing.
 */
export async function createBooking(db: Db, input: CreateBookingInput, options: Options = {}): Promise<CreatedBooking & { replayed: boolean }> {
  const now = options.now ?? new Date();
  const key = options.idempotencyKey?.trim() || null;
  const hash = requestHash(input);

  const result = await withReferenceRetry(() =>
    db.transaction(async (tx) => {
      if (key) {
        const claimed = await tx.insert(idempotencyKeys)
          .values({ scope: IDEMPOTENCY_SCOPE, key, requestHash: hash })
          .onConflictDoNothing()
          .returning({ id: idempotencyKeys.id });
        // A concurrent request with the same key waits on the unique index, then lands here.
        if (claimed.length === 0) {
          const [prior] = await tx.select().from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.scope, IDEMPOTENCY_SCOPE), eq(idempotencyKeys.key, key)));
          if (!prior || prior.requestHash !== hash || !prior.bookingId) throw new AppError("idempotency_key_reused");
          return { bookingId: prior.bookingId, replayed: true };
        }
      }
      const bookingId = await insertPendingBooking(tx, input, now);
      if (key)
        await tx.update(idempotencyKeys).set({ bookingId })
          .where(and(eq(idempotencyKeys.scope, IDEMPOTENCY_SCOPE), eq(idempotencyKeys.key, key)));
      return { bookingId, replayed: false };
    }),
  );

  const booking = await getBookingById(db, result.bookingId);
  if (!booking) throw new AppError("booking_not_found");
  const checkoutUrl = booking.checkoutUrl ?? (await openCheckout(db, booking, now)).url;
  return {
    bookingId: booking.id,
    reference: booking.reference,
    accessToken: bookingAccessToken(booking.id),
    status: "pending",
    totalAmount: booking.totalAmount,
    amountDue: booking.amountDueNow,
    currency: booking.currency,
    holdExpiresAt: booking.holdExpiresAt.toISOString(),
    checkoutUrl,
    replayed: result.replayed,
  };
}

async function insertPendingBooking(tx: Tx, input: CreateBookingInput, now: Date): Promise<string> {
  const [session] = await tx
    .select({ session: courseSessions, course: courses, venue: venues })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(courseSessions.id, input.sessionId));
  if (!session) throw new AppError("session_not_found", { fields: { sessionId: "That session does not exist" } });
  if (session.session.status !== "scheduled" || session.course.status !== "active" || session.session.startsAt <= now)
    throw new AppError("session_not_bookable");

  const templates = await checkRequirements(tx, input);
  const count = input.attendees.length;
  const { BALANCE_DUE_DAYS, HOLD_MINUTES } = env();
  const quote = quoteBooking({
    unitAmount: session.course.priceAmount,
    depositAmount: session.course.depositAmount,
    currency: session.course.currency,
    attendeeCount: count,
    option: input.paymentOption,
    depositAllowed: depositAvailable({
      depositAmount: session.course.depositAmount, sessionStartsAt: session.session.startsAt, daysBefore: BALANCE_DUE_DAYS, now,
    }),
  });

  const [booking] = await tx.insert(bookings).values({
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
    createdAt: now,
    updatedAt: now,
  }).returning({ id: bookings.id });

  const attendeeRows = await tx.insert(bookingAttendees).values(
    input.attendees.map((a, i) => ({
      bookingId: booking.id,
      position: i + 1,
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email ?? null,
      isBooker: a.isBooker ?? false,
    })),
  ).returning({ id: bookingAttendees.id, position: bookingAttendees.position });

  const requirementRows = input.attendees.flatMap((a, i) =>
    a.requirements.map((r) => {
      const t = templates.get(r.templateId)!;
      return {
        bookingId: booking.id,
        attendeeId: attendeeRows.find((row) => row.position === i + 1)!.id,
        templateId: t.id,
        category: t.category,
        priority: t.priority,
        label: t.label,
        details: r.details ?? null,
      };
    }),
  );
  if (requirementRows.length) await tx.insert(specialRequirements).values(requirementRows);

  await logPaymentEvent(tx, {
    bookingId: booking.id,
    type: "hold_created",
    message: `Holding ${count} place(s) until ${holdExpiresAt(now, HOLD_MINUTES).toISOString()}`,
    data: { amountDueNow: quote.amountDueNow, totalAmount: quote.totalAmount, currency: quote.currency },
  });

  // Taking the places is the last statement: the session row stays locked only until commit, so bookings
  // for one popular session queue for the shortest time. If it fails, everything above rolls back.
  let held = await holdPlaces(tx, session.session.id, count);
  if (!held) {
    // Lapsed holds still count on the session until released; release them and try once more.
    await releaseExpiredHolds(tx, { sessionId: session.session.id, now });
    held = await holdPlaces(tx, session.session.id, count);
  }
  if (!held) {
    // From the counters, not getSessionAvailability: that would count this transaction's own pending booking.
    const [counters] = await tx.select({ capacity: courseSessions.capacity, booked: courseSessions.placesBooked, held: courseSessions.placesHeld })
      .from(courseSessions).where(eq(courseSessions.id, session.session.id));
    throw new AppError("insufficient_capacity", { available: Math.max(0, counters.capacity - counters.booked - counters.held) });
  }
  return booking.id;
}

/** Every chosen template must exist and be active; some need details. Errors point at the field. */
async function checkRequirements(tx: Tx, input: CreateBookingInput) {
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

// A rehearsal of a paid webhook, run by the webhook thread as it starts: a made-up booking is held and paid in a
// transaction that is then rolled back, so nothing of it is ever seen, stored, numbered, queued or announced.
//
// A server just started has compiled none of the payment code, and its webhook thread's connections have been
// neither opened nor acquainted with the tables. The first burst of payments after a start paid for that: per
// payment, about 12 ms more of the webhook thread and 12–16 ms more of V8's compiler threads than a later burst
// (`npm run bench`, per-thread CPU), some 0.6 s on the burst's p95 on two cores. Rehearsed, those costs fall before
// any customer pays.
//
// What it holds while it runs: the row locks of one booking and payment (the session's places, the year's
// invoice counter, taken last), for one rehearsal's transaction at a time per connection. It picks the session
// furthest ahead, the one least likely to be on sale right now.
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { courseSessions, courses } from "@/db/schema";
import { insertPendingBooking } from "@/lib/booking/create-booking";
import { AppError } from "@/lib/errors";
import { createBookingSchema } from "@/lib/validations/booking";
import { buildSimulatedEvent, signPayload } from "./simulated-checkout";
import { applyStripeEvent, verifyStripeEvent } from "./webhook";

export type PaymentRehearsalOptions = {
  /** Rehearsals at once: as many as events are applied at once, so that every connection takes part. */
  parallel: number;
  /** Times through: V8 optimises a function after it has run a number of times, not once. */
  rounds: number;
  /** The session to rehearse on; by default the one furthest ahead that takes such a booking. */
  sessionId?: string;
};

export type PaymentRehearsal = {
  sessionId: string | null;
  /** Payments applied in full (the booking confirmed and invoiced), all rolled back. */
  applied: number;
  /** The made-up bookings, none of which exists once the rehearsal is over. */
  bookingIds: string[];
};

/** Thrown inside the rehearsal's transaction to roll it back. */
class Rehearsed extends Error {}

const CANDIDATES = 10;

/**
 * Holds and pays one made-up place on a session that takes bookings, `parallel` at once, `rounds` times, each
 * in a transaction rolled back at its end. Resolves with the session used, how many payments were applied
 * in full (confirmed, invoiced) and the bookings made and unmade; with no session when no upcoming session takes such a booking (every one full,
 * seated, or asking questions a made-up attendee cannot answer).
 */
export async function rehearsePayments(db: Db, options: PaymentRehearsalOptions): Promise<PaymentRehearsal> {
  const bookingIds: string[] = [];
  const sessionId = options.sessionId ?? await rehearsalSession(db, bookingIds);
  let applied = 0;
  for (let round = 0; sessionId && round < options.rounds; round++) {
    const outcomes = await Promise.all(Array.from({ length: options.parallel }, () => rehearseOne(db, sessionId, bookingIds)));
    applied += outcomes.filter(Boolean).length;
  }
  return { sessionId, applied, bookingIds };
}

/** The upcoming session, furthest ahead first, on which a one-place booking with no answers can be made. */
async function rehearsalSession(db: Db, bookingIds: string[]): Promise<string | null> {
  const candidates = await db.select({ id: courseSessions.id }).from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(and(eq(courseSessions.status, "scheduled"), gt(courseSessions.startsAt, new Date()), eq(courses.status, "active"), ne(courses.kind, "time_slots")))
    .orderBy(desc(courseSessions.startsAt))
    .limit(CANDIDATES);
  for (const { id } of candidates) {
    if (await rehearseOne(db, id, bookingIds)) return id;
  }
  return null;
}

/** One booking held and paid, then rolled back; true when the payment confirmed it. */
async function rehearseOne(db: Db, sessionId: string, bookingIds: string[]): Promise<boolean> {
  let confirmed = false;
  try {
    await db.transaction(async (tx) => {
      const now = new Date();
      const request = createBookingSchema.parse({
        sessionId, paymentOption: "full", acceptTerms: true,
        contact: { name: "Payment rehearsal", email: "rehearsal@turnout.invalid", phone: "+44 20 7946 0000" },
        attendees: [{ firstName: "Payment", lastName: "Rehearsal" }],
      });
      const { booking } = await insertPendingBooking(tx, request, now, null, null);
      bookingIds.push(booking.id);
      // Signed and read back as Stripe's would be, then applied as the webhook route applies it.
      const payload = JSON.stringify(buildSimulatedEvent("checkout.session.completed", booking, `cs_sim_${randomBytes(12).toString("hex")}`, booking.amountDueNow));
      const { outcome, after } = await applyStripeEvent(tx, verifyStripeEvent(payload, signPayload(payload)));
      confirmed = outcome === "processed" && after?.confirmedBookingReference === booking.reference;
      throw new Rehearsed();
    });
  } catch (err) {
    if (err instanceof Rehearsed) return confirmed;
    // A session that does not take this booking (full, seated, questions to answer): no rehearsal on it.
    if (err instanceof AppError) return false;
    throw err;
  }
  return false;
}

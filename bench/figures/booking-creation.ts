// POST /api/v1/bookings with 3 attendees, all for one hot session, against a loop of the same writes
// straight on PostgreSQL (insert booking, attendees and log entry, take the places with the conditional
// update, in one transaction). Afterwards the session's held count must equal the places of its bookings.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { bookingAttendees, bookings, courseSessions } from "@/db/schema";
import { logPaymentEvent } from "@/db/queries/bookings";
import { holdPlaces } from "@/db/queries/places";
import { http, loop } from "../lib/measure";
import { ms, perSecond, type Row } from "../lib/table";
import type { Figure } from "./figure";
import { bookingBody, hotSession } from "./fixtures";

const CLIENTS = 50;
const ATTENDEES = 3;

/** Read in one statement (one snapshot): a booking still committing as the load stops is counted in both or neither. */
async function heldMatchesBookings(db: Parameters<Figure["run"]>[0]["db"], sessionId: string) {
  const [row] = await db.execute<{ taken: number; capacity: number; places: number }>(sql`
    select s.places_held + s.places_booked as taken, s.capacity,
      (select coalesce(sum(b.attendee_count), 0)::int from ${bookings} b where b.session_id = s.id) as places
    from ${courseSessions} s where s.id = ${sessionId}`);
  return row.taken === row.places && row.taken <= row.capacity;
}

export const bookingCreation: Figure = {
  name: "booking creation",
  async run(app, shared) {
    const { session: raw, course, ticketType } = await hotSession(app.db);
    const holdUntil = new Date(Date.now() + 30 * 60_000);
    const reference = await loop(CLIENTS, (i) => app.db.transaction(async (tx) => {
      const [b] = await tx.insert(bookings).values({
        reference: `RAW-${randomUUID().slice(0, 13)}`, sessionId: raw.id, status: "pending", paymentOption: "full",
        attendeeCount: ATTENDEES, currency: course.currency, unitAmount: course.priceAmount, totalAmount: course.priceAmount * ATTENDEES,
        amountDueNow: course.priceAmount * ATTENDEES, holdExpiresAt: holdUntil, contactName: `Raw ${i}`, contactEmail: `raw${i}@example.com`,
        contactPhone: "+44 20 7946 0000", termsAcceptedAt: new Date(), paymentProvider: "simulated",
      }).returning({ id: bookings.id });
      const places = await tx.insert(bookingAttendees).values(Array.from({ length: ATTENDEES }, (_, k) => ({
        bookingId: b.id, position: k + 1, firstName: "Raw", lastName: `${i} ${k}`, ticketTypeId: ticketType.id, unitAmount: course.priceAmount,
      }))).returning({ id: bookingAttendees.id });
      await logPaymentEvent(tx, { bookingId: b.id, type: "hold_created", message: `Holding ${ATTENDEES} place(s)` });
      const held = await holdPlaces(tx, {
        sessionId: raw.id, bookingId: b.id, places: places.map((p) => ({ attendeeId: p.id, ticketTypeId: ticketType.id, quota: null, seatId: null })), now: new Date(),
      });
      if (!held.ok) throw new Error("full");
    }));
    const pending = await app.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.sessionId, raw.id));
    shared.rawPendingBookings = pending.map((b) => ({ id: b.id, sessionId: raw.id, count: ATTENDEES }));

    const { session: hot } = await hotSession(app.db);
    const m = await http({
      url: `${app.origin}/api/v1/bookings`, method: "POST", connections: CLIENTS,
      headers: { "content-type": "application/json" }, body: bookingBody(hot.id, ATTENDEES),
    });
    const consistent = await heldMatchesBookings(app.db, hot.id);
    const ratio = m.rate / reference.rate;
    const row: Row = {
      figure: `POST /api/v1/bookings, ${ATTENDEES} attendees, one hot session, ${CLIENTS} clients`,
      // Why a row fails is part of the row.
      rate: `${perSecond(m.rate, "bookings/s")}${m.errors ? `, ${m.errors} not 2xx` : ""}${consistent ? "" : ", held != booked"}`, p50: ms(m.p50), p99: ms(m.p99),
      reference: `same writes in SQL ${perSecond(reference.rate, "tps")}`, ratio,
      goal: ">= 30 %, held = booked places", pass: ratio >= 0.3 && consistent && m.errors === 0,
    };
    return [row];
  },
};

// POST /api/v1/bookings choosing 2 seats each, 32 clients, one hot seated session, against a loop of the same
// writes straight on PostgreSQL (booking, attendees with their seats, seat claims, places per type, session
// counters, in one transaction). Afterwards no seat is claimed twice and the counts match the seat rows.
import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings, courseSessions, seatingPlans, seats, sessionSeats, ticketTypes } from "@/db/schema";
import { http, loop } from "../lib/measure";
import { ms, perSecond, type Row } from "../lib/table";
import type { Figure } from "./figure";
import { hotSession } from "./fixtures";

const CLIENTS = 32;
const PER_BOOKING = 2;
const SEATS = Number(process.env.BENCH_SEATS ?? 4_000);

/** A hot session with a plan of SEATS seats in rows of 40, sold as one type. */
async function seatedSession(db: Db) {
  const { session, course } = await hotSession(db, SEATS);
  const [plan] = await db.insert(seatingPlans).values({ venueId: session.venueId, name: `Bench ${randomUUID()}` }).returning();
  for (let from = 0; from < SEATS; from += 2_000) {
    await db.insert(seats).values(Array.from({ length: Math.min(2_000, SEATS - from) }, (_, k) => {
      const i = from + k;
      return { planId: plan.id, section: "Stalls", row: `R${Math.floor(i / 40) + 1}`, number: String((i % 40) + 1), seatClass: "Standard",
        x: (i % 40) * 30, y: Math.floor(i / 40) * 30, sortOrder: i + 1 };
    }));
  }
  await db.update(courseSessions).set({ seatingPlanId: plan.id }).where(eq(courseSessions.id, session.id));
  const [type] = await db.insert(ticketTypes).values({ courseId: course.id, sessionId: session.id, name: "Standard", priceAmount: 3_500, seatClass: "Standard" }).returning();
  const seatIds = (await db.select({ id: seats.id }).from(seats).where(eq(seats.planId, plan.id)).orderBy(asc(seats.sortOrder))).map((s) => s.id);
  return { session, type, seatIds };
}

/** Read in one statement (one snapshot), so a booking still committing as the load stops is in all counts or none. */
async function consistent(db: Db, sessionId: string) {
  const [row] = await db.execute<{ n: number; distinct: number; held: number; places: number }>(sql`
    select (select count(*)::int from ${sessionSeats} where session_id = s.id) as n,
      (select count(distinct seat_id)::int from ${sessionSeats} where session_id = s.id) as distinct,
      s.places_held as held,
      (select coalesce(sum(attendee_count), 0)::int from ${bookings} where session_id = s.id) as places
    from ${courseSessions} s where s.id = ${sessionId}`);
  return { sold: row.n, ok: row.n === row.distinct && row.held === row.n && row.places === row.n };
}

export const seatSales: Figure = {
  name: "seat sales",
  async run(app) {
    const raw = await seatedSession(app.db);
    const holdUntil = new Date(Date.now() + 30 * 60_000);
    const reference = await loop(CLIENTS, (i) => app.db.transaction(async (tx) => {
      const [b] = await tx.execute<{ id: string }>(sql`insert into bookings (reference, session_id, payment_option, attendee_count, currency,
          unit_amount, total_amount, amount_due_now, hold_expires_at, contact_name, contact_email, contact_phone, terms_accepted_at, payment_provider)
        values (${`RAW-${randomUUID().slice(0, 13)}`}, ${raw.session.id}, 'full', 2, 'GBP', 3500, 7000, 7000, ${holdUntil.toISOString()}::timestamptz,
          'Raw', 'raw@example.com', '+44 20 7946 0000', now(), 'simulated') returning id`);
      const attendees = await tx.execute<{ id: string; seat_id: string }>(sql`insert into booking_attendees
          (booking_id, position, first_name, last_name, ticket_type_id, unit_amount, seat_id)
        values (${b.id}, 1, 'Raw', 'A', ${raw.type.id}, 3500, ${raw.seatIds[i * 2]}), (${b.id}, 2, 'Raw', 'B', ${raw.type.id}, 3500, ${raw.seatIds[i * 2 + 1]})
        returning id, seat_id`);
      for (const a of attendees)
        await tx.execute(sql`insert into session_seats (session_id, seat_id, status, booking_id, attendee_id)
          values (${raw.session.id}, ${a.seat_id}, 'held', ${b.id}, ${a.id})`);
      await tx.execute(sql`insert into ticket_type_inventory (session_id, ticket_type_id, places_held) values (${raw.session.id}, ${raw.type.id}, 2)
        on conflict (session_id, ticket_type_id) do update set places_held = ticket_type_inventory.places_held + 2`);
      await tx.execute(sql`update course_sessions set places_held = places_held + 2 where id = ${raw.session.id} and places_booked + places_held + 2 <= capacity`);
    }), { total: Math.floor(SEATS / PER_BOOKING / 2) });

    const hot = await seatedSession(app.db);
    let next = 0;
    const m = await http({
      url: `${app.origin}/api/v1/bookings`, method: "POST", connections: CLIENTS, amount: Math.floor(SEATS / PER_BOOKING / 2),
      next: () => {
        const i = next++;
        return {
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            sessionId: hot.session.id, paymentOption: "full", acceptTerms: true,
            contact: { name: `Fan ${i}`, email: `fan${i}@example.com`, phone: "+44 20 7946 0000" },
            attendees: [0, 1].map((j) => ({ firstName: "Fan", lastName: `${i}-${j}`, requirements: [], seatId: hot.seatIds[i * PER_BOOKING + j] })),
          }),
        };
      },
    });
    const check = await consistent(app.db, hot.session.id);
    const rate = m.rate * PER_BOOKING;
    const ratio = rate / (reference.rate * PER_BOOKING);
    return [{
      figure: `seats sold, POST /api/v1/bookings (${PER_BOOKING} seats each), one hot seated session, ${CLIENTS} clients`,
      rate: `${perSecond(rate, "seats/s")}${m.errors ? `, ${m.errors} not 2xx` : ""}${check.ok ? "" : ", counts differ"}`, p50: ms(m.p50), p99: ms(m.p99),
      reference: `same writes in SQL ${perSecond(reference.rate * PER_BOOKING, "seats/s")}`, ratio,
      goal: ">= 30 %, no seat twice, counts match", pass: ratio >= 0.3 && check.ok && m.errors === 0,
    } satisfies Row];
  },
};

// Seats sold per second for one hot session with 32 clients, next to the raw SQL of the same writes measured
// in the same run: `npm run bench:seats`. BENCH_DATABASE_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SEATS (seats in the plan, default 2000), BENCH_CONCURRENCY (default 32).
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { ensureDatabase, migrateDatabase } from "@/lib/setup/migrate";
import { createDb } from "@/db";
import { courseSessions, courses, seatingPlans, seats, ticketTypes, venues } from "@/db/schema";
import { seedDemoData } from "@/lib/setup/seed";
import { createBooking } from "@/lib/booking/create-booking";
import { AppError } from "@/lib/errors";

const server = process.env.BENCH_DATABASE_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const seatCount = Number(process.env.BENCH_SEATS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PER_BOOKING = 2;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function pool<T>(n: number, width: number, task: (i: number) => Promise<T>) {
  let next = 0;
  const latencies: number[] = [];
  const results: T[] = [];
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      results[i] = await task(i);
      latencies.push(performance.now() - t);
    }
  }));
  return { latencies: latencies.sort((a, b) => a - b), results };
}

async function main() {
  process.env.HOLD_MINUTES = "30";
  const url = await ensureDatabase(server, "turnout_bench_seats", { fresh: true });
  process.env.DATABASE_URL = url;
  await migrateDatabase(url);
  const { db, sql } = createDb(url, { max: concurrency });
  await seedDemoData(db);
  const [course] = await db.select().from(courses).limit(1);
  const [venue] = await db.select().from(venues).limit(1);

  /** A hot session: one plan of `seatCount` seats in rows of 25, sold as one ticket type. */
  async function hotSession() {
    const [plan] = await db.insert(seatingPlans).values({ venueId: venue.id, name: `Bench ${randomUUID()}` }).returning();
    const rows = Array.from({ length: seatCount }, (_, i) => ({
      planId: plan.id, section: "Stalls", row: `R${Math.floor(i / 25) + 1}`, number: String((i % 25) + 1), seatClass: "Standard",
      x: (i % 25) * 30, y: Math.floor(i / 25) * 30, sortOrder: i + 1,
    }));
    for (let i = 0; i < rows.length; i += 1000) await db.insert(seats).values(rows.slice(i, i + 1000));
    const startsAt = new Date(Date.now() + 40 * 86_400_000);
    const [session] = await db.insert(courseSessions).values({
      courseId: course.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), capacity: seatCount, seatingPlanId: plan.id,
    }).returning();
    const [type] = await db.insert(ticketTypes).values({ courseId: course.id, sessionId: session.id, name: "Standard", priceAmount: 3_500, seatClass: "Standard" }).returning();
    const seatIds = (await db.select({ id: seats.id }).from(seats).where(eq(seats.planId, plan.id)).orderBy(asc(seats.sortOrder))).map((s) => s.id);
    return { session, type, seatIds };
  }

  const bookingsToMake = Math.floor(seatCount / PER_BOOKING);
  console.log(`PostgreSQL ${url.replace(/\/\/.*@/, "//")}: one session, ${seatCount} seats, ${bookingsToMake} bookings of ${PER_BOOKING} seats, ${concurrency} clients\n`);

  // Turnout: createBooking, each customer asking for two seats of their own.
  const app = await hotSession();
  let t = performance.now();
  const sold = await pool(bookingsToMake, concurrency, (i) => createBooking(db, {
    sessionId: app.session.id, paymentOption: "full", acceptTerms: true,
    contact: { name: `Fan ${i}`, email: `fan${i}@example.com`, phone: "+44 20 7946 0000" },
    attendees: [0, 1].map((j) => ({ firstName: "Fan", lastName: `${i}-${j}`, requirements: [], ticketTypeId: app.type.id, seatId: app.seatIds[i * PER_BOOKING + j] })),
  }).then(() => "ok").catch((e) => (e instanceof AppError ? e.code : String(e))));
  const appSeconds = (performance.now() - t) / 1000;
  const appOk = sold.results.filter((r) => r === "ok").length;

  // Reference: the same rows written by hand-written SQL in one transaction per booking.
  const raw = await hotSession();
  t = performance.now();
  const rawRun = await pool(bookingsToMake, concurrency, (i) => sql.begin(async (tx) => {
    const [b] = await tx`insert into bookings (reference, session_id, payment_option, attendee_count, currency, unit_amount, total_amount,
        amount_due_now, hold_expires_at, contact_name, contact_email, contact_phone, terms_accepted_at, payment_provider)
      values (${`RAW-${i}`}, ${raw.session.id}, 'full', 2, 'GBP', 3500, 7000, 7000, now() + interval '30 minutes', 'Raw', 'raw@example.com', '+44 20 7946 0000', now(), 'simulated')
      returning id`;
    const attendees = await tx`insert into booking_attendees (booking_id, position, first_name, last_name, ticket_type_id, unit_amount, seat_id)
      values (${b.id}, 1, 'Raw', 'A', ${raw.type.id}, 3500, ${raw.seatIds[i * 2]}), (${b.id}, 2, 'Raw', 'B', ${raw.type.id}, 3500, ${raw.seatIds[i * 2 + 1]})
      returning id, seat_id`;
    await tx`insert into session_seats (session_id, seat_id, status, booking_id, attendee_id)
      values ${tx(attendees.map((a) => [raw.session.id, a.seat_id, "held", b.id, a.id]))}`;
    await tx`insert into ticket_type_inventory (session_id, ticket_type_id, places_held) values (${raw.session.id}, ${raw.type.id}, 2)
      on conflict (session_id, ticket_type_id) do update set places_held = ticket_type_inventory.places_held + 2`;
    await tx`update course_sessions set places_held = places_held + 2 where id = ${raw.session.id} and places_booked + places_held + 2 <= capacity`;
  }));
  const rawSeconds = (performance.now() - t) / 1000;

  const appRate = (appOk * PER_BOOKING) / appSeconds;
  const rawRate = (bookingsToMake * PER_BOOKING) / rawSeconds;
  const line = (name: string, rate: number, lat: number[]) =>
    `${name.padEnd(38)} ${rate.toFixed(0).padStart(6)} seats/s  p50 ${percentile(lat, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(lat, 99).toFixed(1).padStart(6)} ms`;
  console.log(line("createBooking, 2 seats each", appRate, sold.latencies));
  console.log(line("raw SQL, the same writes", rawRate, rawRun.latencies));
  console.log(`\nratio ${(100 * appRate / rawRate).toFixed(1)} % of raw SQL (goal 30 %); sold ${appOk * PER_BOOKING} seats, ` +
    `refused ${sold.results.filter((r) => r !== "ok").length} bookings (must be 0: every customer asked for free seats)`);

  await sql.end();
  const admin = createDb(server, { max: 1 });
  await admin.sql.unsafe(`drop database if exists "turnout_bench_seats" with (force)`);
  await admin.sql.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Prints booking and webhook throughput against a real PostgreSQL: `npm run bench`.
// BENCH_DATABASE_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_REQUESTS, BENCH_CONCURRENCY.
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { ensureDatabase, migrateDatabase } from "@/db/migrate";
import { createDb } from "@/db";
import { bookings, courseSessions, courses, requirementTemplates, venues } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createBooking } from "@/lib/booking/create-booking";
import { handleStripeEvent } from "@/lib/payments/webhook";
import { buildSimulatedEvent } from "@/lib/payments/simulated-checkout";
import { AppError } from "@/lib/errors";
import type Stripe from "stripe";

const server = process.env.BENCH_DATABASE_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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

function report(name: string, total: number, seconds: number, latencies: number[]) {
  console.log(`${name.padEnd(34)} ${String(total).padStart(6)} ops  ${(total / seconds).toFixed(0).padStart(6)} ops/s  ` +
    `p50 ${percentile(latencies, 50).toFixed(1)} ms  p95 ${percentile(latencies, 95).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms`);
}

async function main() {
  process.env.HOLD_MINUTES = "30";
  const url = await ensureDatabase(server, "turnout_bench", { fresh: true });
  process.env.DATABASE_URL = url;
  await migrateDatabase(url);
  const { db, sql } = createDb(url, { max: concurrency });
  await seedDemoData(db);
  const [course] = await db.select().from(courses).limit(1);
  const [venue] = await db.select().from(venues).limit(1);
  const [template] = await db.select().from(requirementTemplates).where(eq(requirementTemplates.code, "diet_vegan"));
  const startsAt = new Date(Date.now() + 40 * 86_400_000);
  const [session] = await db.insert(courseSessions).values({
    courseId: course.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000), capacity: requests * 2,
  }).returning();
  const input = (i: number) => ({
    sessionId: session.id, paymentOption: "full" as const, acceptTerms: true as const,
    contact: { name: `Bench ${i}`, email: `bench${i}@example.com`, phone: "+44 20 7946 0000" },
    attendees: [
      { firstName: "A", lastName: `${i}`, requirements: [{ templateId: template.id }] },
      { firstName: "B", lastName: `${i}`, requirements: [] },
    ],
  });

  console.log(`PostgreSQL ${url.replace(/\/\/.*@/, "//")}, ${requests} operations, concurrency ${concurrency}\n`);

  let t = performance.now();
  const created = await pool(requests, concurrency, (i) => createBooking(db, input(i)));
  report("createBooking (2 attendees)", requests, (performance.now() - t) / 1000, created.latencies);

  t = performance.now();
  const paid = await pool(requests, concurrency, async (i) => {
    const booking = (await db.select().from(bookings).where(eq(bookings.id, created.results[i].bookingId)))[0];
    const event = buildSimulatedEvent("checkout.session.completed", booking, booking.checkoutSessionId!, booking.amountDueNow);
    return handleStripeEvent(db, event as unknown as Stripe.Event);
  });
  report("webhook checkout.session.completed", requests, (performance.now() - t) / 1000, paid.latencies);

  // Contention: many buyers for the last few places of one session.
  const [tight] = await db.insert(courseSessions).values({
    courseId: course.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 20,
  }).returning();
  t = performance.now();
  const rush = await pool(500, concurrency, (i) =>
    createBooking(db, { ...input(i), sessionId: tight.id, attendees: [input(i).attendees[1]] })
      .then(() => "ok").catch((e) => (e instanceof AppError ? e.code : "error")));
  report("createBooking, 500 buyers/20 places", 500, (performance.now() - t) / 1000, rush.latencies);
  const sold = rush.results.filter((r) => r === "ok").length;
  console.log(`  sold ${sold}, refused ${rush.results.filter((r) => r === "insufficient_capacity").length}`);

  await sql.end();
  const admin = createDb(server, { max: 1 });
  await admin.sql.unsafe(`drop database if exists "turnout_bench" with (force)`);
  await admin.sql.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

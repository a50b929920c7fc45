// Door check-ins per second for one session with 20 devices scanning at once: `npm run bench:check-in`.
// Each device scans its share of the session's tickets; one scan in ten is a second door scanning a ticket
// another door already let in (answered "already checked in"). BENCH_DATABASE_SERVER_URL (default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_TICKETS (default 2400), BENCH_DEVICES (default 20).
import { performance } from "node:perf_hooks";
import { ensureDatabase, migrateDatabase } from "@/lib/setup/migrate";
import { createDb } from "@/db";
import { users } from "@/db/schema";
import { seedDemoData } from "@/lib/setup/seed";
import { scanTicket } from "@/lib/check-in/check-in";
import { ticketedSession } from "./figures/fixtures";

const server = process.env.BENCH_DATABASE_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ticketCount = Number(process.env.BENCH_TICKETS ?? 2400);
const devices = Number(process.env.BENCH_DEVICES ?? 20);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const url = await ensureDatabase(server, "turnout_bench_check_in", { fresh: true });
  process.env.DATABASE_URL = url;
  await migrateDatabase(url);
  const { db, sql } = createDb(url, { max: devices });
  await seedDemoData(db);
  const { session, codes } = await ticketedSession(db, ticketCount);
  const [staff] = await db.insert(users).values({ email: "bench.door@turnout.example", name: "Bench door", role: "door" }).returning();

  // Every ticket once, plus a tenth scanned again by another door; shared out round-robin between devices.
  const scans = [...codes, ...codes.filter((_, i) => i % 10 === 0)];
  const perDevice = Array.from({ length: devices }, (_, d) => scans.filter((_, i) => i % devices === d));
  const latencies: number[] = [];
  const results = new Map<string, number>();
  const door = { id: staff.id, email: staff.email, name: staff.name, role: staff.role };
  const t0 = performance.now();
  await Promise.all(perDevice.map(async (list, d) => {
    for (const code of list) {
      const t = performance.now();
      const outcome = await scanTicket(db, door, { sessionId: session.id, deviceId: `Door ${d + 1}`, method: "api", action: "check_in", code });
      latencies.push(performance.now() - t);
      results.set(outcome.result, (results.get(outcome.result) ?? 0) + 1);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from check_ins where session_id = ${session.id} and undone_at is null`;
  console.log(`check-ins: ${devices} devices, ${scans.length} scans of ${codes.length} tickets on one session`);
  console.log(`  ${(scans.length / seconds).toFixed(0)} scans/s, ${((results.get("checked_in") ?? 0) / seconds).toFixed(0)} check-ins/s over ${seconds.toFixed(2)} s`);
  console.log(`  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  console.log(`  results: ${[...results].map(([k, v]) => `${k} ${v}`).join(", ")}; active check-ins in the database: ${n}`);
  if (n !== codes.length || results.get("checked_in") !== codes.length) throw new Error("every ticket should be checked in exactly once");
  await sql.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

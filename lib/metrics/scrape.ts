// The Prometheus text for /api/metrics: counters kept in this process, plus gauges read at scrape time
// (the job queue and database connections are shared by every instance, so each scrape reads them).
import { sql } from "drizzle-orm";
import { getDb, getSql } from "@/db";
import { readJobQueueStats } from "@/lib/operations/job-queue";
import { metrics } from "./registry";

export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  const db = getDb();
  const [jobs, connections] = await Promise.all([
    readJobQueueStats(db),
    db.execute<{ state: string; n: number }>(sql`
      select coalesce(state, 'unknown') as state, count(*)::int as n
      from pg_stat_activity where datname = current_database() and backend_type = 'client backend'
      group by 1`),
  ]);
  m.jobQueue.set({ state: "pending" }, jobs.pending);
  m.jobQueue.set({ state: "scheduled" }, jobs.scheduled);
  m.jobQueue.set({ state: "running" }, jobs.running);
  m.jobQueue.set({ state: "failing" }, jobs.failing);
  m.jobQueue.set({ state: "dead" }, jobs.dead);
  m.dbPoolMax.set(Number(getSql().options.max));
  m.dbConnections.reset();
  for (const row of connections) m.dbConnections.set({ state: row.state }, Number(row.n));
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}

// lib/jobs/warm-connections.ts: a thread that takes payments opens every connection of its pool as it starts,
// each having called the queue's add_job and planned a statement over every table, and queues nothing. db/config.ts: connections say whose they are.
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db";
import { connectionName } from "@/db/config";
import { warmConnections } from "@/lib/jobs/warm-connections";

const clients: ReturnType<typeof createDb>[] = [];
afterAll(async () => Promise.all(clients.map((c) => c.sql.end())));

function pool(max: number, applicationName: string) {
  const c = createDb(process.env.DATABASE_URL!, { max, applicationName });
  clients.push(c);
  return c;
}

/** The last job id drawn (however the job ended); a fresh sequence that drew none answers 0. */
async function lastJobId(c: ReturnType<typeof createDb>): Promise<number> {
  const [seq] = await c.sql`select pg_get_serial_sequence('graphile_worker._private_jobs', 'id') as name`;
  // The name comes quoted as needed from PostgreSQL itself.
  const [row] = await c.sql.unsafe(`select last_value::int as value, is_called from ${seq.name as string}`);
  return row.is_called ? row.value : 0;
}

describe("warming a pool's connections", () => {
  it("opens every connection of the pool, each calling add_job and reading every table, and leaves no job queued", async () => {
    const observer = pool(1, "turnout observer");
    const name = `turnout warm-up ${process.pid}`;
    const jobsBefore = await observer.sql`select count(*)::int as n from graphile_worker._private_jobs`;
    const idsBefore = await lastJobId(observer);
    const warmed = pool(4, name);

    const [tables] = await observer.sql`select count(*)::int as n from pg_tables where schemaname in ('public', 'graphile_worker')`;
    expect(tables.n).toBeGreaterThan(40); // the app's tables and the queue's, not a list that came back empty
    expect(await warmConnections(warmed.sql)).toEqual({ connections: 4, tables: tables.n });

    const [open] = await observer.sql`select count(*)::int as n from pg_stat_activity where application_name = ${name}`;
    expect(open.n).toBe(4);
    // Each connection ran add_job: a job's id is drawn from a sequence, which a rollback does not give back.
    expect(await lastJobId(observer)).toBe(idsBefore + 4);
    // And nothing was left in the queue.
    const jobsAfter = await observer.sql`select count(*)::int as n from graphile_worker._private_jobs`;
    expect(jobsAfter[0].n).toBe(jobsBefore[0].n);
    // And the connections are all idle again, out of any transaction, for the payments to use.
    const states = await observer.sql`select state from pg_stat_activity where application_name = ${name}`;
    expect(states.map((s) => s.state)).toEqual(["idle", "idle", "idle", "idle"]);
    expect(await warmed.sql`select 1 as one`).toEqual([{ one: 1 }]);
  });

  it("warms a pool whose task is new to the queue, though the warm-ups wait for each other's rollback", async () => {
    const observer = pool(1, "turnout observer");
    await observer.sql`delete from graphile_worker._private_tasks where identifier = 'email.send' and not exists (select 1 from graphile_worker._private_jobs j where j.task_id = _private_tasks.id)`;
    expect((await warmConnections(pool(3, `turnout warm-up new task ${process.pid}`).sql)).connections).toBe(3);
  });
});

describe("connection names", () => {
  it("names connections after PGAPPNAME (default turnout) and the pool's role", () => {
    const saved = process.env.PGAPPNAME;
    try {
      delete process.env.PGAPPNAME;
      expect(connectionName()).toBe("turnout");
      expect(connectionName("webhooks")).toBe("turnout webhooks");
      process.env.PGAPPNAME = "turnout eu-1";
      expect(connectionName("jobs")).toBe("turnout eu-1 jobs");
    } finally {
      if (saved === undefined) delete process.env.PGAPPNAME;
      else process.env.PGAPPNAME = saved;
    }
  });

  it("gives PostgreSQL the pool's name", async () => {
    const c = pool(1, "turnout named pool");
    expect(await c.sql`select current_setting('application_name') as name`).toEqual([{ name: "turnout named pool" }]);
    const d = createDb(process.env.DATABASE_URL!, { max: 1 });
    clients.push(d);
    expect(await d.sql`select current_setting('application_name') as name`).toEqual([{ name: connectionName() }]);
  });
});

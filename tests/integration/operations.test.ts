// Operating signals: GET /api/metrics behind its bearer token, its counters moving with real bookings,
// payments and emails, and GET /api/health reporting the job queue and the mail transport.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { GET as getHealth } from "@/app/api/health/route";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { resetHealthCachesForTests } from "@/lib/operations/health";
import { createSessionFixture, createBookingViaApi, db } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs, withEnv } from "../finance-fixtures";
import { startMailServer, type MailServer } from "../mail-server";

const TOKEN = "metrics-token-for-tests-0123456789";
const noParams = { params: Promise.resolve({}) };

async function scrape(headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const res = await getMetrics(new Request("http://localhost:3000/api/metrics", { headers }), noParams);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The value of one sample line, e.g. `turnout_bookings_total{event="created"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = line.match(/^([a-z_:]+)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (wanted.every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return 0;
}

describe("GET /api/metrics", () => {
  let restore: () => void;
  afterEach(() => restore?.());

  it("does not exist without METRICS_TOKEN", async () => {
    restore = withEnv({ METRICS_TOKEN: undefined });
    expect((await scrape()).status).toBe(404);
  });

  it("refuses a missing or wrong token", async () => {
    restore = withEnv({ METRICS_TOKEN: TOKEN });
    const missing = await scrape({});
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape({ authorization: TOKEN })).status).toBe(401);
    expect(missing.text).not.toContain("turnout_");
  });

  it("answers Prometheus text with the process, queue and pool figures", async () => {
    restore = withEnv({ METRICS_TOKEN: TOKEN });
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      "turnout_http_requests_total", "turnout_http_request_duration_seconds", "turnout_bookings_total", "turnout_payments_total",
      "turnout_refunds_total", "turnout_emails_total", "turnout_job_queue_jobs", "turnout_db_pool_max_connections",
      "turnout_db_connections", "turnout_process_cpu_seconds_total",
    ]) expect(res.text).toContain(`# TYPE ${name} `);
    expect(sample(res.text, "turnout_db_pool_max_connections")).toBeGreaterThan(0);
    expect(sample(res.text, "turnout_db_connections", { state: "active" })).toBeGreaterThanOrEqual(1);
  });

  it("counts bookings created and confirmed, payments and emails", async () => {
    restore = withEnv({ METRICS_TOKEN: TOKEN });
    await clearJobs();
    const before = (await scrape()).text;
    const { session } = await createSessionFixture({ priceAmount: 5_000, depositAmount: null, currency: "EUR" });
    await createBookingViaApi(session.id, 2);
    await createPaidBooking(session.id);
    await runJobs();
    const after = (await scrape()).text;
    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved("turnout_bookings_total", { event: "created" })).toBe(2);
    expect(moved("turnout_bookings_total", { event: "confirmed" })).toBe(1);
    expect(moved("turnout_payments_total", { kind: "full", currency: "EUR" })).toBe(1);
    expect(moved("turnout_payment_amount_minor_total", { currency: "EUR" })).toBe(5_000);
    expect(moved("turnout_emails_total", { outcome: "sent", transport: "outbox" })).toBeGreaterThanOrEqual(1);
  });

  it("reports the job queue at scrape time", async () => {
    restore = withEnv({ METRICS_TOKEN: TOKEN });
    await clearJobs();
    await db().transaction((tx) => enqueueJob(tx, "send-email", { kind: "no-such-kind" }));
    await db().execute(sql`update graphile_worker._private_jobs set attempts = max_attempts, last_error = 'boom'`);
    await db().transaction((tx) => enqueueJob(tx, "send-email", { kind: "no-such-kind" }));
    const text = (await scrape()).text;
    expect(sample(text, "turnout_job_queue_jobs", { state: "pending" })).toBe(1);
    expect(sample(text, "turnout_job_queue_jobs", { state: "dead" })).toBe(1);
    await clearJobs();
  });
});

describe("GET /api/health", () => {
  let mail: MailServer | undefined;
  let restore: (() => void) | undefined;
  beforeAll(() => resetHealthCachesForTests());
  afterEach(() => {
    restore?.();
    restore = undefined;
    resetHealthCachesForTests();
  });
  afterAll(async () => {
    await mail?.stop();
  });

  it("reports the job queue: depth, the oldest due job's wait and failing jobs", async () => {
    await clearJobs();
    await db().transaction((tx) => enqueueJob(tx, "send-email", { kind: "no-such-kind" }));
    await db().transaction((tx) => enqueueJob(tx, "send-email", { kind: "no-such-kind" }));
    await db().execute(sql`update graphile_worker._private_jobs set run_at = now() - interval '90 seconds'`);
    await db().execute(sql`update graphile_worker._private_jobs set attempts = 1, last_error = 'boom'
      where id = (select min(id) from graphile_worker._private_jobs)`);
    const res = await getHealth();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.jobs).toMatchObject({ pending: 2, failing: 1, dead: 0, running: 0 });
    expect(body.jobs.oldestPendingSeconds).toBeGreaterThanOrEqual(90);
    expect(body.jobs.oldestPendingSeconds).toBeLessThan(600);
    await clearJobs();
  });

  it("counts a job a worker has taken as running, not failing, and its last attempt as dead only once it has failed", async () => {
    await clearJobs();
    await db().transaction((tx) => enqueueJob(tx, "send-email", { kind: "no-such-kind" }));
    await db().transaction((tx) => enqueueJob(tx, "send-email", { kind: "no-such-kind" }));
    // As graphile-worker takes a job: the attempt is counted and the job locked, with no error yet.
    await db().execute(sql`update graphile_worker._private_jobs set attempts = 1, locked_at = now(), locked_by = 'worker-a'
      where id = (select min(id) from graphile_worker._private_jobs)`);
    // The other is on its last attempt after failing before, still running.
    await db().execute(sql`update graphile_worker._private_jobs set attempts = max_attempts, last_error = 'boom', locked_at = now(), locked_by = 'worker-b'
      where id = (select max(id) from graphile_worker._private_jobs)`);
    resetHealthCachesForTests();
    expect((await (await getHealth()).json()).jobs).toMatchObject({ pending: 0, running: 2, failing: 0, dead: 0 });
    // The last attempt fails: the worker unlocks it.
    await db().execute(sql`update graphile_worker._private_jobs set locked_at = null, locked_by = null
      where id = (select max(id) from graphile_worker._private_jobs)`);
    resetHealthCachesForTests();
    expect((await (await getHealth()).json()).jobs).toMatchObject({ running: 1, failing: 0, dead: 1 });
    await clearJobs();
  });

  it("reports the outbox without SMTP, a verified SMTP server, and one that refuses", async () => {
    expect((await (await getHealth()).json()).mail).toEqual({ transport: "outbox", status: "ok" });

    mail = await startMailServer();
    restore = withEnv({ SMTP_URL: mail.url });
    resetHealthCachesForTests();
    expect((await (await getHealth()).json()).mail).toEqual({ transport: "smtp", status: "ok" });
    restore();

    // Nothing listens on port 1.
    restore = withEnv({ SMTP_URL: "smtp://127.0.0.1:1" });
    resetHealthCachesForTests();
    const res = await getHealth();
    expect(res.status).toBe(200);
    expect((await res.json()).mail).toEqual({ transport: "smtp", status: "down" });
  });
});

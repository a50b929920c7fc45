import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { jobQueueHealth, mailHealth } from "@/lib/operations/health";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS).unref()),
  ]);
}

// The database decides the status: without it nothing works. The queue and mail are reported for
// operators to alert on (a growing queue, failing jobs, an SMTP server refusing us) without taking the
// instance out of a load balancer.
export async function GET() {
  const mail = mailHealth();
  try {
    await withTimeout(getDb().execute(sql`select 1`));
  } catch {
    return Response.json({ status: "degraded", database: "down", jobs: null, mail: await mail }, { status: 503 });
  }
  const jobs = await withTimeout(jobQueueHealth()).catch(() => null);
  return Response.json({ status: "ok", database: "up", jobs, mail: await mail });
}

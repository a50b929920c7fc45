// What GET /api/health reports beyond the database: the job queue and the mail transport. Both are read
// through short caches so the endpoint stays as cheap as a `select 1` under load balancers and benchmarks.
import { getDb } from "@/db";
import { mailTransport } from "@/lib/email/transport";
import { log } from "@/lib/log";
import { shortCache } from "@/lib/short-cache";
import { readJobQueueStats, type JobQueueStats } from "./job-queue";

export type MailHealth = { transport: "smtp"; status: "ok" | "down" } | { transport: "outbox"; status: "ok" };

// Queue figures may be this old; an SMTP server is asked again (connect and authenticate) after this long.
const JOBS_TTL_MS = 5_000;
const MAIL_TTL_MS = 60_000;
const MAIL_VERIFY_TIMEOUT_MS = 3_000;

const jobsCache = shortCache<JobQueueStats>({ ttlMs: () => JOBS_TTL_MS });
const mailCache = shortCache<MailHealth>({ ttlMs: () => MAIL_TTL_MS });

export function jobQueueHealth(): Promise<JobQueueStats> {
  return jobsCache.get("jobs", () => readJobQueueStats(getDb()));
}

/** Never rejects: a failed check is cached as "down" too, so an unreachable server is not dialled per request. */
export function mailHealth(): Promise<MailHealth> {
  return mailCache.get("mail", async () => {
    const transport = mailTransport();
    if (transport.name === "outbox" || !transport.verify) return { transport: "outbox", status: "ok" };
    try {
      await Promise.race([
        transport.verify(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), MAIL_VERIFY_TIMEOUT_MS).unref()),
      ]);
      return { transport: "smtp", status: "ok" };
    } catch (err) {
      log.warn({ err }, "mail transport check failed");
      return { transport: "smtp", status: "down" };
    }
  });
}

/** Tests change SMTP_URL and the queue between cases. */
export function resetHealthCachesForTests() {
  jobsCache.clear();
  mailCache.clear();
}

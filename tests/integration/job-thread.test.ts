// The job thread (lib/jobs/job-thread.ts): jobs a payment queues run there, off the thread that answers
// requests, and what they count reaches this thread's /api/metrics registry. Asked to stop, it finishes the
// jobs it is running and leaves none locked.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJobThread, stopJobThread } from "@/lib/jobs/job-thread";
import { metrics } from "@/lib/metrics/registry";
import { createSessionFixture, db } from "../fixtures";
import { clearJobs, createPaidBooking, eventually, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";

// The thread takes this process's settings as it starts: the mail server's, set before the next hook runs.
const mail = receiveMailForTests({ ADMIN_ALERT_EMAILS: "desk@turnout.example" });

beforeAll(async () => {
  await clearJobs();
  await startJobThread();
});
// Stopped before the mail server and its settings go (vitest runs afterAll hooks in reverse order).
afterAll(async () => {
  await stopJobThread();
});

const sentHere = async () => (await metrics().emails.get()).values
  .filter((v) => v.labels.outcome === "sent" && v.labels.transport === "smtp").reduce((n, v) => n + v.value, 0);

describe("the job thread", () => {
  it("sends a paid booking's confirmation, with its documents, and its counts reach this thread", async () => {
    const counted = await sentHere();
    const { session } = await createSessionFixture();
    const booker = uniqueEmail("thread");
    const booking = await createPaidBooking(session.id, { contact: { name: "Tia Thread", email: booker } });

    // Nothing here runs the queue: the thread does.
    const [confirmation] = await eventually(async () => {
      const found = mail.to(booker);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(confirmation.subject).toContain(booking.reference);
    const types = confirmation.attachments.map((a) => a.contentType).sort();
    expect(types).toEqual(["application/pdf", "application/pdf", "application/pdf", "text/calendar"]);
    // The staff notice follows, after the customer's message.
    await eventually(async () => expect(mail.to("desk@turnout.example").some((m) => m.subject?.includes(booking.reference))).toBe(true));
    await eventually(async () => expect(await sentHere()).toBeGreaterThanOrEqual(counted + 2));
  });

  it("stops when asked, leaving no job locked", async () => {
    const { session } = await createSessionFixture();
    await createPaidBooking(session.id); // jobs that may be running as the stop arrives
    await stopJobThread();
    const [locked] = await db().execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker._private_jobs where locked_at is not null`);
    expect(locked.n).toBe(0);
    // A second stop has nothing to stop.
    await stopJobThread();
  });
});

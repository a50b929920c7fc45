// The delivery guarantee written at the top of lib/email/deliver.ts, proven against a real SMTP server and
// real concurrent database connections: workers racing one key send one message; a crash between the send
// and its commit sends the message again under the same Message-ID (at least once, never a silent
// duplicate); in the local outbox a crash leaves nothing behind and the retry delivers once.
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createDb } from "@/db";
import { emailMessages } from "@/db/schema";
import { deliverEmail, EmailDeliveryError, messageIdFor, type ComposedEmail } from "@/lib/email/deliver";
import { queueEmail } from "@/lib/email/jobs";
import { env } from "@/lib/env";
import { createSessionFixture, db } from "../fixtures";
import {
  clearJobs, createPaidBooking, eventually, jobsFor, runJobs, uniqueEmail, withEnv,
} from "../finance-fixtures";
import { distinctByMessageId, receiveMailForTests } from "../mail-server";

const mail = receiveMailForTests({ MAIL_FROM: "Turnout Bookings <bookings@turnout.example>" });
/** Each worker has its own connection, as separate app instances or job runners would. */
let workers: ReturnType<typeof createDb>[];
/** Watches the others from outside their pools. */
let observer: ReturnType<typeof createDb>;

beforeAll(async () => {
  workers = Array.from({ length: 10 }, () => createDb(env().DATABASE_URL!, { max: 1 }));
  observer = createDb(env().DATABASE_URL!, { max: 1 });
});
afterAll(async () => {
  await Promise.all([...workers, observer].map((w) => w.sql.end()));
});
beforeEach(clearJobs);

function composed(to: string): ComposedEmail {
  const key = `delivery-test:${randomUUID()}`;
  return { key, kind: "delivery-test", bookingId: null, to, subject: `Test ${key}`, body: createElement("p", null, `Sent for ${key}`), attachments: [] };
}

const rowsOf = (key: string) => db().select().from(emailMessages).where(eq(emailMessages.idempotencyKey, key));
const withMessageId = (key: string) => mail.received.filter((m) => m.messageId === messageIdFor(key));

/** Connections of this database waiting for a lock (a row lock, or a unique index entry not yet committed). */
async function lockWaiters(): Promise<number> {
  const [row] = await observer.sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
  return row.n;
}

/**
 * Starts `n` workers delivering the same email at once. The SMTP server holds the first message it gets,
 * unanswered, until every worker has made its move (reached the SMTP server as well, or is waiting on a
 * lock in PostgreSQL), so the race really happens every time instead of depending on timing.
 */
async function race(n: number, email: ComposedEmail) {
  const release = mail.hold();
  const arrivedBefore = mail.arrivals();
  const results = workers.slice(0, n).map((w) => deliverEmail(w.db, email));
  try {
    await eventually(async () => expect(mail.arrivals() - arrivedBefore + (await lockWaiters())).toBeGreaterThanOrEqual(n));
  } finally {
    release();
  }
  return Promise.all(results);
}

/**
 * Makes every commit that would record `key` as sent fail, as if the process died right after the SMTP
 * server accepted the message: the whole attempt rolls back.
 */
async function crashingAfterTheSend<T>(key: string, run: () => Promise<T>): Promise<T> {
  if (!/^[\w:-]+$/.test(key)) throw new Error(`unexpected key ${key}`);
  await db().execute(sql.raw("drop trigger if exists test_crash_after_send on email_messages"));
  await db().execute(sql.raw(`create or replace function test_crash_after_send() returns trigger language plpgsql as $$
    begin raise exception 'simulated crash after sending %', new.idempotency_key; end $$`));
  await db().execute(sql.raw(`create constraint trigger test_crash_after_send after insert or update on email_messages
    deferrable initially deferred for each row when (new.status = 'sent' and new.idempotency_key = '${key}')
    execute function test_crash_after_send()`));
  try {
    return await run();
  } finally {
    await db().execute(sql.raw("drop trigger if exists test_crash_after_send on email_messages"));
    await db().execute(sql.raw("drop function if exists test_crash_after_send()"));
  }
}

describe("workers racing one key", () => {
  it.each([2, 10])("%i workers with a new key send exactly one message", async (n) => {
    const email = composed(uniqueEmail("race"));
    const results = await race(n, email);
    expect(results.sort()).toEqual([...Array(n - 1).fill("already_sent"), "sent"]);
    expect(withMessageId(email.key)).toHaveLength(1);
    expect(mail.to(email.to)).toHaveLength(1);
    expect(await rowsOf(email.key)).toEqual([expect.objectContaining({ status: "sent", attempts: 1, transport: "smtp" })]);
  });

  // A retried job racing a replaced one: the row already exists, queued after a failed attempt, so only
  // the row lock (not the unique index) stands between the workers and a duplicate.
  it.each([2, 10])("%i workers retrying a key whose first attempt failed send exactly one message", async (n) => {
    const email = composed(uniqueEmail("retry-race"));
    await mail.stop();
    try {
      await expect(deliverEmail(db(), email, { attempt: 1, maxAttempts: 12 })).rejects.toThrow(EmailDeliveryError);
    } finally {
      await mail.start();
    }
    expect(await rowsOf(email.key)).toEqual([expect.objectContaining({ status: "queued", attempts: 1 })]);

    const results = await race(n, email);
    expect(results.sort()).toEqual([...Array(n - 1).fill("already_sent"), "sent"]);
    expect(withMessageId(email.key)).toHaveLength(1);
    expect(mail.to(email.to)).toHaveLength(1);
    expect(await rowsOf(email.key)).toEqual([expect.objectContaining({ status: "sent", attempts: 2, lastError: null })]);
  });
});

// These book and pay for real and render the confirmation's documents: generous limits for a busy machine.
describe("a crash between the send and its commit", { timeout: 120_000 }, () => {
  it("sends the message again under the same Message-ID, which a de-duplicating receiver drops", async () => {
    const { session } = await createSessionFixture();
    const booker = uniqueEmail("crash");
    const booking = await createPaidBooking(session.id, { contact: { email: booker } });
    const key = `booking-confirmed:${booking.id}`;

    // One attempt only for now: on a busy machine the worker's first retry (seconds later) could otherwise
    // come round inside this same run. The test retries it by hand below.
    await db().execute(sql`update graphile_worker._private_jobs set max_attempts = 1 where key = ${`email:${key}`}`);
    await crashingAfterTheSend(key, runJobs);
    // The SMTP server has the message; the database has no trace of the attempt, and the job is to be retried.
    expect(mail.to(booker)).toHaveLength(1);
    expect(await rowsOf(key)).toEqual([]);
    const [failed] = (await jobsFor("email.send")).filter((j) => j.key === `email:${key}`);
    expect(failed).toMatchObject({ attempts: 1, last_error: expect.stringContaining(`simulated crash after sending ${key}`) });

    await db().execute(sql`update graphile_worker._private_jobs set run_at = now(), max_attempts = 25 where key = ${`email:${key}`}`);
    await runJobs();
    // At least once: the retry really sends it again, as the same message, not as a new one.
    const copies = mail.to(booker);
    expect(copies).toHaveLength(2);
    expect(copies.map((m) => m.messageId)).toEqual([messageIdFor(key), messageIdFor(key)]);
    expect(copies[1].subject).toBe(copies[0].subject);
    expect(distinctByMessageId(copies)).toHaveLength(1);
    expect(await rowsOf(key)).toEqual([expect.objectContaining({ status: "sent", attempts: 1, lastError: null })]);
    expect((await jobsFor("email.send")).filter((j) => j.key === `email:${key}`)).toEqual([]);

    // Recorded as sent, it is never sent again.
    await queueEmail(db(), { kind: "booking-confirmed", bookingId: booking.id });
    await runJobs();
    expect(mail.to(booker)).toHaveLength(2);
  });

  it("leaves nothing in the local outbox, and the retry puts the message there once", async () => {
    const restore = withEnv({ SMTP_URL: undefined });
    try {
      const email = composed(uniqueEmail("outbox"));
      const smtpBefore = mail.received.length;
      await crashingAfterTheSend(email.key, () => expect(deliverEmail(db(), email)).rejects.toThrow(/simulated crash/));
      expect(await rowsOf(email.key)).toEqual([]);

      expect(await deliverEmail(db(), email)).toBe("sent");
      expect(await deliverEmail(db(), email)).toBe("already_sent");
      const [row, ...more] = await rowsOf(email.key);
      expect(more).toEqual([]);
      expect(row).toMatchObject({ status: "sent", attempts: 1, transport: "outbox", providerMessageId: messageIdFor(email.key) });
      expect(row.html).toContain(`Sent for ${email.key}`);
      expect(mail.received.length).toBe(smtpBefore);
    } finally {
      restore();
    }
  });
});

describe("an address that can never be delivered to", () => {
  it("is neither sent, recorded nor retried: an erased person's tombstone, for an email queued before the erasure", async () => {
    const email = composed("erased-41@erased.invalid");
    expect(await deliverEmail(db(), email, { attempt: 1, maxAttempts: 12 })).toBe("undeliverable");
    expect(await rowsOf(email.key)).toEqual([]);
    expect(mail.to(email.to)).toEqual([]);
    // Any other address is tried as before.
    const other = composed(uniqueEmail("deliverable"));
    expect(await deliverEmail(db(), other)).toBe("sent");
    expect(mail.to(other.to)).toHaveLength(1);
  });
});

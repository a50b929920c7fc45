// The job thread's rehearsal (lib/jobs/rehearsal.ts): as it starts, it composes and draws the emails of the
// latest confirmed bookings, so that a payment's code and connections are ready, and sends or records none.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rehearseConfirmations } from "@/lib/jobs/rehearsal";
import { createSessionFixture, db } from "../fixtures";
import { createPaidBooking, invoiceOf, uniqueEmail, withEnv } from "../finance-fixtures";

let restoreEnv: () => void;
beforeAll(() => {
  restoreEnv = withEnv({ ADMIN_ALERT_EMAILS: "desk@turnout.example" });
});
afterAll(() => restoreEnv());

/** What delivering the booking's emails would leave behind: its messages and its jobs. */
async function traces(bookingId: string) {
  const [row] = await db().execute<{ messages: number; jobs: number }>(sql`
    select (select count(*) from email_messages where booking_id = ${bookingId})::int as messages,
           (select count(*) from graphile_worker._private_jobs where payload::text like ${`%${bookingId}%`})::int as jobs`);
  return { ...row };
}

describe("the job thread's rehearsal", () => {
  it("composes the latest confirmations and staff notices with their documents, and sends and records none", async () => {
    const { session } = await createSessionFixture();
    const older = await createPaidBooking(session.id, { contact: { name: "Ola Older", email: uniqueEmail("older") } });
    const latest = await createPaidBooking(session.id, {
      contact: { name: "Lia Latest", email: uniqueEmail("latest") },
      attendees: [{ firstName: "Lia", lastName: "Latest" }, { firstName: "Max", lastName: "Latest" }],
    });
    const before = { older: await traces(older.id), latest: await traces(latest.id) };
    expect(before.latest.jobs).toBeGreaterThan(0); // the payment queued its emails, which nothing here runs

    const result = await rehearseConfirmations(db(), { parallel: 3, rounds: 2 });

    // The latest first; three at once, two rounds: each a confirmation and one notice per staff recipient.
    expect(result.bookingIds.slice(0, 2)).toEqual([latest.id, older.id]);
    expect(result.messages).toBeGreaterThanOrEqual(3 * 2 * 2);
    expect(await traces(latest.id)).toEqual(before.latest);
    expect(await traces(older.id)).toEqual(before.older);
    // The one thing it may store: the invoice's PDF, drawn from the issued snapshot as its render job would.
    expect((await invoiceOf(latest.id))?.pdf?.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("does nothing for no rounds", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const result = await rehearseConfirmations(db(), { parallel: 2, rounds: 0 });
    expect(result.messages).toBe(0);
    expect((await invoiceOf(booking.id))?.pdf ?? null).toBeNull();
  });
});

// The webhook thread's payment rehearsal (lib/payments/rehearsal.ts): made-up bookings are held and paid through
// the webhook's own code, and none of it outlives its transaction: no booking, event, job, announcement, place
// or invoice number.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { BOOKING_PAID_CHANNEL } from "@/lib/payments/hooks";
import { rehearsePayments } from "@/lib/payments/rehearsal";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postWebhook, sessionCounters } from "../fixtures";

/** Rows anywhere that still name one of `ids`: bookings, their children by foreign key, and the payload tables. */
async function traces(ids: string[]) {
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const texts = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const [row] = await db().execute<{ bookings: number; events: number; jobs: number; outbound: number }>(sql`select
    (select count(*) from bookings where id in (${list}))::int as bookings,
    (select count(*) from webhook_events where payload->'data'->'object'->'metadata'->>'bookingId' in (${texts}))::int as events,
    (select count(*) from graphile_worker._private_jobs where payload->>'bookingId' in (${texts}))::int as jobs,
    (select count(*) from outbound_events where data::text like any (array[${sql.join(ids.map((id) => sql`${`%${id}%`}`), sql`, `)}]))::int as outbound`);
  return row;
}

/** Invoice numbers taken this year and invoices that carry them, read in one snapshot. */
async function invoiceNumbering() {
  const [row] = await db().execute<{ taken: number; issued: number }>(sql`select
    coalesce((select last_number from document_counters where kind = 'invoice' and year = extract(year from now())::int), 0)::int as taken,
    (select count(*) from invoices where year = extract(year from now())::int)::int as issued`);
  return row;
}

describe("the payment rehearsal", () => {
  it("holds and pays made-up bookings through the webhook's code and leaves nothing of them behind", async () => {
    const { session } = await createSessionFixture({ capacity: 10, placesBooked: 3 });
    const before = await sessionCounters(session.id);
    const heard: string[] = [];
    const listening = await getSql().listen(BOOKING_PAID_CHANNEL, (payload) => heard.push(JSON.parse(payload).bookingId));

    const rehearsal = await rehearsePayments(db(), { parallel: 3, rounds: 2, sessionId: session.id });
    expect(rehearsal).toMatchObject({ sessionId: session.id, applied: 6 });
    expect(new Set(rehearsal.bookingIds).size).toBe(6);

    expect(await traces(rehearsal.bookingIds)).toEqual({ bookings: 0, events: 0, jobs: 0, outbound: 0 });
    expect(await sessionCounters(session.id)).toEqual(before);
    const numbering = await invoiceNumbering();
    expect(numbering.taken).toBe(numbering.issued);

    // A real payment afterwards is announced; none of the rehearsal's was (announcements arrive in commit order).
    const { booking } = await createBookingViaApi(session.id, 1);
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    const deadline = Date.now() + 20_000;
    while (!heard.includes(booking.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await listening.unlisten();
    expect(heard).toContain(booking.id);
    expect(heard.filter((id) => rehearsal.bookingIds.includes(id))).toEqual([]);
    expect((await getBooking(booking.id))?.status).toBe("confirmed");
    expect(await sessionCounters(session.id)).toEqual({ ...before, placesBooked: before.placesBooked + 1 });
  });

  it("rehearses on the session furthest ahead that takes a one-place booking with no answers", async () => {
    // Further ahead than any other test's sessions: a full one is passed over for the next.
    const days = 20_000 + Math.floor(Math.random() * 1000);
    const full = await createSessionFixture({ capacity: 2, placesBooked: 2, startsInDays: days + 1 });
    const open = await createSessionFixture({ capacity: 5, startsInDays: days });
    const rehearsal = await rehearsePayments(db(), { parallel: 2, rounds: 1 });
    expect(rehearsal.sessionId).toBe(open.session.id);
    expect(rehearsal.applied).toBe(2);
    expect(await traces(rehearsal.bookingIds)).toEqual({ bookings: 0, events: 0, jobs: 0, outbound: 0 });
    expect(await sessionCounters(full.session.id)).toMatchObject({ placesBooked: 2, placesHeld: 0 });
    expect(await sessionCounters(open.session.id)).toMatchObject({ placesBooked: 0, placesHeld: 0 });
  });

  it("rehearses nothing, and fails nothing, on a session that does not take the booking", async () => {
    const { session } = await createSessionFixture({ capacity: 1, placesBooked: 1 });
    expect(await rehearsePayments(db(), { parallel: 2, rounds: 2, sessionId: session.id }))
      .toMatchObject({ sessionId: session.id, applied: 0, bookingIds: [] });
  });
});

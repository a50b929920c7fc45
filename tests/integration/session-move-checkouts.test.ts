// Staff moving a session to another time or venue stop its checkouts in progress: the customer chose the session
// as it was, and the checkout still shows it. The booking is cancelled with its reason, its places go back, its
// checkout is expired; a payment that still arrives is refunded in full with an email saying why, never kept.
// Payments racing the move each end one way or the other, with nothing lost or counted twice.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { auditLogs, courseSessions, emailMessages, refunds } from "@/db/schema";
import { updateSession } from "@/app/admin/sessions/actions";
import { paymentProvider, setPaymentProviderForTests } from "@/lib/payments/provider";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postWebhook, sessionCounters } from "../fixtures";
import { actAs, staffSession } from "../next-request";
import { clearJobs, runJobs } from "../finance-fixtures";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeEach(async () => {
  actAs(await staffSession("admin"));
  await clearJobs();
});

/** A datetime-local value `days` from now (the fixture's venue is in London). */
function localIn(days: number, time: string) {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

async function sessionRow(id: string) {
  const [row] = await db().select().from(courseSessions).where(eq(courseSessions.id, id));
  return row;
}

/** Runs `fn` with the payment provider's checkout expiry recorded instead of done; resolves with the ids. */
async function recordingExpiries<T>(fn: () => Promise<T>): Promise<{ result: T; expired: string[] }> {
  const expired: string[] = [];
  const real = paymentProvider();
  setPaymentProviderForTests({ ...real, expireCheckout: async (id) => { expired.push(id); } });
  try {
    return { result: await fn(), expired };
  } finally {
    setPaymentProviderForTests(undefined);
  }
}

describe("a session moved with checkouts in progress", () => {
  it("stops them: cancelled with the reason, places released, checkout expired; confirmed bookings are told as before", async () => {
    const { session } = await createSessionFixture({ capacity: 10, startsInDays: 40 });
    const paid = await createBookingViaApi(session.id, 2, { contact: { name: "Ada Paid", email: "ada.paid@example.com", phone: "+44 20 7946 0001" } });
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", paid.booking)));
    const pending = await createBookingViaApi(session.id, 3, { contact: { name: "Ben Paying", email: "ben.paying@example.com", phone: "+44 20 7946 0002" } });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 2, placesHeld: 3 });

    const { result, expired } = await recordingExpiries(() => updateSession({
      id: session.id, courseId: session.courseId, venueId: session.venueId, startsAt: localIn(41, "10:00"), endsAt: localIn(41, "16:00"), capacity: "10",
    }));
    expect(result).toEqual({ ok: true, data: { id: session.id, bookersTold: 1, checkoutsStopped: 1 } });
    expect(expired).toEqual([pending.booking.checkoutSessionId]);
    expect(await getBooking(pending.booking.id)).toMatchObject({ status: "cancelled", statusReason: "session_rescheduled", releasedAt: expect.any(Date) });
    expect(await getBooking(paid.booking.id)).toMatchObject({ status: "confirmed" });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 2, placesHeld: 0 });

    const [audit] = await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, session.id), eq(auditLogs.action, "session.update")));
    expect(audit.after).toMatchObject({ checkoutsStopped: 1 });
  });

  it("refunds a payment that still arrives, in full, and emails why; the places are not taken again", async () => {
    const { session } = await createSessionFixture({ capacity: 10, startsInDays: 40 });
    const pending = await createBookingViaApi(session.id, 2, { contact: { name: "Cleo Late", email: "cleo.late@example.com", phone: "+44 20 7946 0003" } });
    await recordingExpiries(() => updateSession({
      id: session.id, courseId: session.courseId, venueId: session.venueId, startsAt: localIn(42, "09:00"), endsAt: localIn(42, "12:00"), capacity: "10",
    }));

    const event = JSON.stringify(checkoutEvent("checkout.session.completed", pending.booking));
    expect((await postWebhook(event)).status).toBe(200);
    expect((await postWebhook(event)).status).toBe(200); // Stripe's retry changes nothing
    expect(await getBooking(pending.booking.id)).toMatchObject({ status: "refunded", statusReason: "session_rescheduled", amountPaid: pending.booking.amountDueNow });
    expect(await sessionCounters(session.id)).toMatchObject({ placesBooked: 0, placesHeld: 0 });
    const paidBack = await db().select().from(refunds).where(eq(refunds.bookingId, pending.booking.id));
    expect(paidBack).toEqual([expect.objectContaining({ amount: pending.booking.amountDueNow, reason: "late_payment_refunded" })]);

    await runJobs();
    const mails = await db().select().from(emailMessages).where(eq(emailMessages.bookingId, pending.booking.id)).orderBy(asc(emailMessages.createdAt));
    expect(mails.map((m) => m.kind)).not.toContain("booking-confirmed");
    const late = mails.find((m) => m.kind === "late-payment-refunded")!;
    expect(late).toMatchObject({ toAddress: "cleo.late@example.com", status: "sent", subject: expect.stringContaining("the session moved") });
    expect(late.text).toMatch(/we moved the session to another time or place: it is now/i);
    expect(late.text).not.toMatch(/filled up/);
    expect(late.text).toContain(`We are refunding the full £${(pending.booking.amountDueNow / 100).toFixed(2)}`);
  });

  it("a change of capacity alone, or of nothing, stops no checkout", async () => {
    const { session } = await createSessionFixture({ capacity: 10, startsInDays: 40 });
    // Whole minutes, as staff type them: the form sends the same times back.
    await db().update(courseSessions)
      .set({ startsAt: sql`date_trunc('minute', ${courseSessions.startsAt})`, endsAt: sql`date_trunc('minute', ${courseSessions.endsAt})` })
      .where(eq(courseSessions.id, session.id));
    const row = await sessionRow(session.id);
    const pending = await createBookingViaApi(session.id, 1);
    const local = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/London", dateStyle: "short", timeStyle: "short" }).format(d).replace(" ", "T");
    const { result, expired } = await recordingExpiries(() => updateSession({
      id: session.id, courseId: row.courseId, venueId: row.venueId, startsAt: local(row.startsAt), endsAt: local(row.endsAt), capacity: "12",
    }));
    expect(result).toMatchObject({ ok: true, data: { bookersTold: 0, checkoutsStopped: 0 } });
    expect(expired).toEqual([]);
    expect(await getBooking(pending.booking.id)).toMatchObject({ status: "pending" });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 12, placesBooked: 0, placesHeld: 1 });
  });

  it("payments racing the move: each booking is confirmed and told, or stopped and refunded; nothing lost or counted twice", async () => {
    const { session } = await createSessionFixture({ capacity: 40, startsInDays: 40 });
    const pending = [];
    for (let i = 0; i < 12; i++)
      pending.push(await createBookingViaApi(session.id, 2, { contact: { name: `Racer ${i}`, email: `racer.${i}@example.com`, phone: "+44 20 7946 0004" } }));
    const events = pending.map((p) => JSON.stringify(checkoutEvent("checkout.session.completed", p.booking)));

    const { result } = await recordingExpiries(async () => {
      const [moved, ...answers] = await Promise.all([
        updateSession({ id: session.id, courseId: session.courseId, venueId: session.venueId, startsAt: localIn(43, "09:00"), endsAt: localIn(43, "17:00"), capacity: "40" }),
        ...events.map((e) => postWebhook(e)),
      ]);
      return { moved, statuses: answers.map((a) => a.status) };
    });
    expect(result.statuses.every((s) => s === 200)).toBe(true);
    expect(result.moved).toMatchObject({ ok: true });
    const told = (result.moved as { data: { bookersTold: number; checkoutsStopped: number } }).data;

    const after = await Promise.all(pending.map((p) => getBooking(p.booking.id)));
    const confirmed = after.filter((b) => b!.status === "confirmed");
    const stopped = after.filter((b) => b!.status === "refunded");
    expect(confirmed.length + stopped.length).toBe(12);
    expect(stopped.every((b) => b!.statusReason === "session_rescheduled")).toBe(true);
    expect(told).toMatchObject({ bookersTold: confirmed.length, checkoutsStopped: stopped.length });
    expect(await sessionCounters(session.id)).toEqual({ capacity: 40, placesBooked: 2 * confirmed.length, placesHeld: 0 });
    // One refund for each stopped booking that was paid, none for a confirmed one.
    const allRefunds = await db().select({ bookingId: refunds.bookingId }).from(refunds)
      .where(sql`${refunds.bookingId} in ${pending.map((p) => p.booking.id)}`);
    expect(allRefunds.map((r) => r.bookingId).sort()).toEqual(stopped.map((b) => b!.id).sort());
  });
});

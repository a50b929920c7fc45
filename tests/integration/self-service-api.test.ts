// DELETE /api/v1/bookings/{reference}: the cancel page's rules over the API, with its documented answers.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { eq } from "drizzle-orm";
import { bookingAttendees, outboundEvents, refunds } from "@/db/schema";
import { composeEmails } from "@/lib/email/compose";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { DELETE as deleteBooking, GET as getBookingRoute } from "@/app/api/v1/bookings/[reference]/route";
import { responseSchema } from "@/lib/api/openapi";
import { bookingAccessToken } from "@/lib/booking/reference";
import { UNKNOWN_FIELD } from "@/lib/validations/unknown-fields";
import { callGet, checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postWebhook, sessionCounters } from "../fixtures";
import { clearJobs, createPaidBooking } from "../finance-fixtures";

beforeEach(clearJobs);

async function callDelete(reference: string, o: { token?: string; key?: string; body?: unknown; query?: string } = {}) {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.key) headers["idempotency-key"] = o.key;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  const res = await deleteBooking(new Request(`http://localhost:3000/api/v1/bookings/${reference}${o.query ?? ""}`, { method: "DELETE", headers, body }),
    { params: Promise.resolve({ reference }) });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

describe("DELETE /api/v1/bookings/{reference}", () => {
  it("cancels one attendee, replays with the same key, and answers as documented", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 8_000, depositAmount: null, startsInDays: 30 });
    const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "A", lastName: "One" }, { firstName: "B", lastName: "Two" }] });
    const token = bookingAccessToken(booking.id);
    // The place to cancel, as an integrator finds it: its id in the booking the API answers.
    const shown = await callGet(getBookingRoute, `/api/v1/bookings/${booking.reference}`, { reference: booking.reference }, { authorization: `Bearer ${token}` });
    expect(responseSchema("/api/v1/bookings/{reference}", "GET", 200)!.safeParse(shown.json).success).toBe(true);
    const first = shown.json.booking.attendees.find((a: { position: number }) => a.position === 1);
    const [row] = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(bookingAttendees.position);
    expect(first.id).toBe(row.id);
    const key = randomUUID();
    const res = await callDelete(booking.reference, { token, key, body: { attendeeIds: [first.id] } });
    expect(res.status).toBe(200);
    expect(responseSchema("/api/v1/bookings/{reference}", "DELETE", 200)!.safeParse(res.json).success).toBe(true);
    expect(res.json.cancellation).toMatchObject({ attendeeIds: [first.id], refundPercent: 100, refundAmount: 8_000, creditNoteNumber: expect.stringMatching(/^CN-/) });
    const again = await callDelete(booking.reference, { token, key, body: { attendeeIds: [first.id] } });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.cancellation.id).toBe(res.json.cancellation.id);
    expect((await callDelete(booking.reference, { token, key, query: "" })).status).toBe(409);
    expect(await db().select().from(refunds).where(eq(refunds.bookingId, booking.id))).toHaveLength(1);
  });

  it("refuses a wrong token, a missing key, bad ids and a second cancel, writing nothing", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 8_000, depositAmount: null, startsInDays: 30 });
    const booking = await createPaidBooking(session.id);
    const token = bookingAccessToken(booking.id);
    expect((await callDelete(booking.reference, { token: "nope", key: "k" })).status).toBe(404);
    const missing = await callDelete(booking.reference, { token });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields).toHaveProperty("Idempotency-Key");
    expect((await callDelete(booking.reference, { token, key: "k1", body: { attendeeIds: ["x"] } })).status).toBe(400);
    expect((await callDelete(booking.reference, { token, key: "k1", body: { attendeeIds: [randomUUID()] } })).status).toBe(400);
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", amountRefunded: 0 });
    const whole = await callDelete(booking.reference, { token, key: "k2" });
    expect(whole.status).toBe(200);
    const twice = await callDelete(booking.reference, { token, key: "k3" });
    expect(twice.status).toBe(409);
    expect(twice.json.error).toMatchObject({ code: "conflict", reason: "already_cancelled" });
    expect(responseSchema("/api/v1/bookings/{reference}", "DELETE", 409)!.safeParse(twice.json).success).toBe(true);
  });

  it("refuses a field the body does not take (a misspelt attendeeIds), cancelling nothing rather than the whole booking", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 8_000, depositAmount: null, startsInDays: 30 });
    const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "A", lastName: "One" }, { firstName: "B", lastName: "Two" }] });
    const [first] = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(bookingAttendees.position);
    const res = await callDelete(booking.reference, { token: bookingAccessToken(booking.id), key: "typo-1", body: { attendeeId: [first.id] } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_request", fields: { attendeeId: UNKNOWN_FIELD } });
    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", amountRefunded: 0 });
    expect(await db().select().from(refunds).where(eq(refunds.bookingId, booking.id))).toHaveLength(0);
  });
});

describe("DELETE /api/v1/bookings/{reference} on a booking not yet paid", () => {
  const actor = { id: null, email: "test:hold-release" };
  it("releases the hold at once, once, however many ask together, and answers as documented", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 8_000, depositAmount: null, startsInDays: 30 });
    // An integrator listening for cancellations hears of it once.
    const listener = await createWebhookEndpoint(db(), actor, { url: "http://127.0.0.1:9/hook", description: null, events: ["booking.cancelled"], receivesHealthData: false });
    onTestFinished(() => deleteWebhookEndpoint(db(), actor, listener.id));
    const { booking } = await createBookingViaApi(session.id, 3);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 3, placesBooked: 0 });
    const token = bookingAccessToken(booking.id);
    // Naming attendees of a booking not yet paid is refused: it is released whole.
    const partial = await callDelete(booking.reference, { token, key: randomUUID(), body: { attendeeIds: [randomUUID()] } });
    expect(partial.status).toBe(409);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 3 });

    const answers = await Promise.all(Array.from({ length: 10 }, () => callDelete(booking.reference, { token, key: randomUUID() })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    for (const a of answers) {
      expect(responseSchema("/api/v1/bookings/{reference}", "DELETE", 200)!.safeParse(a.json).success).toBe(true);
      expect(a.json).toEqual({ holdReleased: { bookingReference: booking.reference, placesReleased: 3 } });
    }
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 0 });
    expect(await getBooking(booking.id)).toMatchObject({ status: "cancelled", statusReason: "released_by_client" });
    const events = await db().select().from(outboundEvents).where(eq(outboundEvents.type, "booking.cancelled"));
    expect(events.filter((e) => (e.data as { bookingId?: string }).bookingId === booking.id)
      .map((e) => (e.data as { reason?: string }).reason)).toEqual(["released_by_client"]);

    // A payment that still arrives is refunded in full, with an email saying why; no place is taken again.
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", statusReason: "released_by_client" });
    expect(await db().select().from(refunds).where(eq(refunds.bookingId, booking.id))).toEqual([expect.objectContaining({ amount: booking.amountDueNow })]);
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 0 });
    const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
    const [email] = await composeEmails(db(), { kind: "late-payment-refunded", refundId: refund.id });
    expect(email.subject).toBe(`Your payment for booking ${booking.reference} is being refunded: the checkout had been cancelled`);
  });
});

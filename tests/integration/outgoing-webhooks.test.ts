// Outgoing webhooks: events written in the transaction of their cause, delivered signed to a real HTTP
// receiver on this machine, retried on failure, the endpoint disabled after repeated failures (admins emailed).
// Deliveries are driven by calling the job's function directly, as the queue would: no sleeps.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { bookingAttendees, emailMessages, outboundEvents, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { createStaffUser } from "@/lib/staff/users";
import { deliverWebhook, WebhookDeliveryError } from "@/lib/webhooks/deliver";
import { emitEvent } from "@/lib/webhooks/emit";
import { sendEndpointDisabledEmails } from "@/lib/webhooks/endpoint-disabled-email";
import { createWebhookEndpoint, resendDelivery, setWebhookEndpointEnabled } from "@/lib/webhooks/endpoints";
import { verifySignature } from "@/lib/webhooks/signature";
import { scanTicket } from "@/lib/check-in/check-in";
import { purgeExpiredRequirements } from "@/lib/privacy/retention";
import { refundBooking } from "@/lib/payments/refund-booking";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { joinWaitlist, offerWaitlistPlaces } from "@/lib/self-service/waitlist";
import { randomUUID } from "node:crypto";
import { ticketsOf } from "../check-in-fixtures";
import { createPaidBooking, payBalance } from "../finance-fixtures";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { staffSession } from "../next-request";
import { bookingBody, checkoutEvent, createBookingViaApi, createSessionFixture, db, lapseHold, postBooking, postWebhook, templateByCode } from "../fixtures";
import { runMaintenance } from "@/lib/maintenance";

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
/** Status codes the receiver answers with, in order; 200 once they run out. */
let answers: number[] = [];
let server: http.Server;
let url = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  // Later test files in this run must not queue deliveries to a receiver that is gone.
  await db().update(webhookEndpoints).set({ disabledAt: new Date() }).where(sql`${webhookEndpoints.disabledAt} is null`);
  await new Promise((resolve) => server.close(resolve));
});

const admin = { id: null, email: "test:webhooks" } as const;

beforeEach(async () => {
  received.length = 0;
  answers = [];
  // Each test has its own endpoints: others' would receive its events.
  await db().update(webhookEndpoints).set({ disabledAt: new Date() }).where(sql`${webhookEndpoints.disabledAt} is null`);
});

afterEach(() => {
  delete process.env.WEBHOOK_DISABLE_AFTER_FAILURES;
  resetEnvForTests();
});

async function deliveriesOf(endpointId: string) {
  return db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
}

async function jobFor(deliveryId: string) {
  return db().execute(sql`select 1 from graphile_worker._private_jobs where key = ${`webhook:${deliveryId}`}`);
}

describe("outgoing webhooks", () => {
  it("delivers an event once, signed, with health data only to an endpoint marked for it", async () => {
    const plain = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.created", "booking.confirmed"], receivesHealthData: false });
    const health = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.created"], receivesHealthData: true });
    const fx = await createSessionFixture();
    const allergy = await templateByCode("allergy_food");
    const { booking } = await createBookingViaApi(fx.session.id, 1, {
      attendees: [{ firstName: "Ada", lastName: "Lovelace", requirements: [{ templateId: allergy.id, details: "Peanuts" }] }],
    });

    const [d1] = await deliveriesOf(plain.id);
    const [d2] = await deliveriesOf(health.id);
    expect(d1.status).toBe("pending");
    expect(await jobFor(d1.id)).toHaveLength(1);
    expect(await deliverWebhook(db(), d1.id, { attempt: 1, maxAttempts: 10 })).toBe("delivered");
    expect(await deliverWebhook(db(), d2.id, { attempt: 1, maxAttempts: 10 })).toBe("delivered");
    // A second run of the same job (a retried or duplicated job) sends nothing.
    expect(await deliverWebhook(db(), d1.id, { attempt: 2, maxAttempts: 10 })).toBe("already_delivered");
    expect(received).toHaveLength(2);

    const toPlain = received.find((r) => !JSON.parse(r.body).data.requirements)!;
    const toHealth = received.find((r) => JSON.parse(r.body).data.requirements)!;
    expect(verifySignature(plain.secret, toPlain.body, toPlain.headers["turnout-signature"] as string)).toBe(true);
    expect(verifySignature(health.secret, toHealth.body, toHealth.headers["turnout-signature"] as string)).toBe(true);
    // Signed with its own endpoint's secret only.
    expect(verifySignature(health.secret, toPlain.body, toPlain.headers["turnout-signature"] as string)).toBe(false);

    const event = JSON.parse(toPlain.body);
    expect(event).toMatchObject({ type: "booking.created", data: { bookingId: booking.id, reference: booking.reference, currency: "GBP", totalAmount: 12_000, status: "pending" } });
    expect(event.id).toBe(d1.eventId);
    expect(new Date(event.created).toString()).not.toBe("Invalid Date");
    expect(toPlain.body).not.toContain("Peanuts");
    expect(JSON.parse(toHealth.body).data.requirements).toEqual([expect.objectContaining({ category: "allergy", details: "Peanuts" })]);

    const [after] = await deliveriesOf(plain.id);
    expect(after).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 200 });
    expect(after.responseTimeMs).toBeGreaterThanOrEqual(0);

    // Paying emits booking.confirmed to the endpoint subscribed to it, not to the other.
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const types = async (endpointId: string) => (await db().select({ type: outboundEvents.type }).from(webhookDeliveries)
      .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId)).where(eq(webhookDeliveries.endpointId, endpointId))).map((r) => r.type).sort();
    expect(await types(plain.id)).toEqual(["booking.confirmed", "booking.created"]);
    expect(await types(health.id)).toEqual(["booking.created"]);

    // The hourly retention job drops the outbox's copy of health data once nothing is left to deliver.
    const healthOf = async () => (await db().select({ h: outboundEvents.healthData }).from(outboundEvents).where(eq(outboundEvents.id, d2.eventId)))[0].h;
    expect(await healthOf()).not.toBeNull();
    await purgeExpiredRequirements(db(), { days: 30 });
    expect(await healthOf()).toBeNull();
  });

  it("retries a failing receiver: it fails twice and gets the event on the third try", async () => {
    const endpoint = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.created"], receivesHealthData: false });
    const fx = await createSessionFixture();
    await createBookingViaApi(fx.session.id, 2);
    const [d] = await deliveriesOf(endpoint.id);
    answers = [500, 503];
    await expect(deliverWebhook(db(), d.id, { attempt: 1, maxAttempts: 10 })).rejects.toBeInstanceOf(WebhookDeliveryError);
    await expect(deliverWebhook(db(), d.id, { attempt: 2, maxAttempts: 10 })).rejects.toBeInstanceOf(WebhookDeliveryError);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "pending", attempts: 2, responseStatus: 503, lastError: "HTTP 503" });
    expect(await deliverWebhook(db(), d.id, { attempt: 3, maxAttempts: 10 })).toBe("delivered");

    expect(received).toHaveLength(3);
    const ids = received.map((r) => JSON.parse(r.body).id);
    expect(new Set(ids).size).toBe(1);
    for (const r of received) expect(verifySignature(endpoint.secret, r.body, r.headers["turnout-signature"] as string)).toBe(true);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "succeeded", attempts: 3, responseStatus: 200, lastError: null });
    const attempts = await db().select().from(webhookDeliveryAttempts).where(eq(webhookDeliveryAttempts.deliveryId, d.id));
    expect(attempts.map((a) => a.responseStatus)).toEqual([500, 503, 200]);
    const [ep] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep.consecutiveFailures).toBe(0);

    // Resend: delivered again on request, with the same event id.
    await resendDelivery(db(), admin, d.id);
    expect(await jobFor(d.id)).toHaveLength(1);
    expect(await deliverWebhook(db(), d.id, { attempt: 1, maxAttempts: 10 })).toBe("delivered");
    expect(received).toHaveLength(4);
    expect(JSON.parse(received[3].body).id).toBe(ids[0]);
  });

  it("a booking that rolls back emits nothing", async () => {
    const endpoint = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.created"], receivesHealthData: false });
    const fx = await createSessionFixture({ capacity: 1 });
    const events = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(outboundEvents))[0].n;
    const before = await events();
    const refused = await postBooking(bookingBody(fx.session.id, 2));
    expect(refused.status).toBe(409);
    // And an event emitted in a transaction that then fails is gone with it.
    await expect(db().transaction(async (tx) => {
      await emitEvent(tx, "booking.created", { bookingId: "none" });
      throw new Error("the cause failed");
    })).rejects.toThrow("the cause failed");
    expect(await events()).toBe(before);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    expect(await db().execute(sql`select 1 from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'webhook.deliver' and j.payload->>'deliveryId' not in (select id::text from webhook_deliveries)`)).toHaveLength(0);
    expect(received).toHaveLength(0);
  });

  it("disables an endpoint after repeated failures and emails the admins once", async () => {
    process.env.WEBHOOK_DISABLE_AFTER_FAILURES = "3";
    resetEnvForTests();
    const adminEmail = `hooks-admin-${Date.now()}@turnout.test`;
    await createStaffUser(db(), admin, { email: adminEmail, role: "admin" });
    const endpoint = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.created"], receivesHealthData: false });
    const fx = await createSessionFixture();
    for (let i = 0; i < 2; i++) await createBookingViaApi(fx.session.id, 1);
    const [d1, d2] = await deliveriesOf(endpoint.id);
    answers = [500, 500, 500, 500];
    await expect(deliverWebhook(db(), d1.id, { attempt: 1, maxAttempts: 10 })).rejects.toBeInstanceOf(WebhookDeliveryError);
    await expect(deliverWebhook(db(), d2.id, { attempt: 1, maxAttempts: 10 })).rejects.toBeInstanceOf(WebhookDeliveryError);
    // The third consecutive failure disables it: this delivery gives up instead of retrying.
    expect(await deliverWebhook(db(), d1.id, { attempt: 2, maxAttempts: 10 })).toBe("gave_up");
    const [ep] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep.disabledAt).not.toBeNull();
    expect(ep.disabledReason).toContain("3 consecutive failed deliveries");
    // Nothing more is sent to it, and new events skip it.
    expect(await deliverWebhook(db(), d2.id, { attempt: 2, maxAttempts: 10 })).toBe("endpoint_disabled");
    expect(received).toHaveLength(3);
    await createBookingViaApi(fx.session.id, 1);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(2);

    const [job] = await db().execute<{ payload: { endpointId: string; disabledAt: string } }>(sql`select j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'webhook.endpoint-disabled' and j.payload->>'endpointId' = ${endpoint.id}`);
    expect(job).toBeDefined();
    await sendEndpointDisabledEmails(db(), job.payload);
    await sendEndpointDisabledEmails(db(), job.payload); // a retried job
    const mails = await db().select().from(emailMessages).where(and(eq(emailMessages.kind, "webhook-disabled"), inArray(emailMessages.toAddress, [adminEmail])));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(url);

    // The delivery that was waiting its turn is parked, not lost: failed and never sent, so it can be resent, and
    // enabling the endpoint sends it again (once).
    const parked = (await deliveriesOf(endpoint.id)).find((d) => d.id === d2.id)!;
    expect(parked).toMatchObject({ status: "failed", lastError: "Not sent: the endpoint was disabled" });
    // So is the one whose failure disabled it, with attempts left: stopped by the disabling, not given up.
    expect((await deliveriesOf(endpoint.id)).find((d) => d.id === d1.id))
      .toMatchObject({ status: "failed", lastError: "Stopped when the endpoint was disabled; last attempt: HTTP 500" });
    await setWebhookEndpointEnabled(db(), admin, endpoint.id, true);
    expect((await deliveriesOf(endpoint.id)).filter((d) => d.status === "pending").map((d) => d.id).sort()).toEqual([d1.id, d2.id].sort());
    expect(await jobFor(d1.id)).toHaveLength(1);
    answers = [200, 200];
    expect(await deliverWebhook(db(), d2.id, { attempt: 1, maxAttempts: 10 })).toBe("delivered");
    expect(await deliverWebhook(db(), d1.id, { attempt: 1, maxAttempts: 10 })).toBe("delivered");
    expect((await deliveriesOf(endpoint.id)).every((d) => d.status === "succeeded")).toBe(true);
  });

  it("leaves a delivery out of attempts failed when the endpoint is enabled again", async () => {
    process.env.WEBHOOK_DISABLE_AFTER_FAILURES = "1";
    resetEnvForTests();
    const endpoint = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.created"], receivesHealthData: false });
    const fx = await createSessionFixture();
    await createBookingViaApi(fx.session.id, 1);
    const [d] = await deliveriesOf(endpoint.id);
    answers = [500];
    // Its last attempt fails and disables the endpoint: it gave up on its own, and stays for staff to resend.
    expect(await deliverWebhook(db(), d.id, { attempt: 10, maxAttempts: 10 })).toBe("gave_up");
    await setWebhookEndpointEnabled(db(), admin, endpoint.id, true);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "failed", lastError: "HTTP 500" });
  });

  it("a hold that ends unpaid (lapsed, or its checkout expired) is a booking.cancelled, with the booking expired", async () => {
    const endpoint = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.cancelled"], receivesHealthData: false });
    const fx = await createSessionFixture({ capacity: 4 });
    const { booking: lapsed } = await createBookingViaApi(fx.session.id, 1);
    const { booking: abandoned } = await createBookingViaApi(fx.session.id, 1);
    await lapseHold(lapsed.id);
    await runMaintenance(db());
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.expired", abandoned)))).status).toBe(200);
    const events = await db().select({ data: outboundEvents.data }).from(webhookDeliveries)
      .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(outboundEvents.type, "booking.cancelled"),
        sql`${outboundEvents.data}->>'bookingId' in (${lapsed.id}, ${abandoned.id})`));
    expect(events.map((e) => e.data).sort((a, b) => String(a.reason).localeCompare(String(b.reason)))).toEqual([
      expect.objectContaining({ bookingId: abandoned.id, status: "expired", reason: "checkout_expired" }),
      expect.objectContaining({ bookingId: lapsed.id, status: "expired", reason: "hold_expired" }),
    ]);
  });

  it("a balance paid is a booking.changed, with the payment and the booking paid in full", async () => {
    const endpoint = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.changed"], receivesHealthData: false });
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit" });
    await openBalanceCheckout(db(), booking.id);
    expect((await payBalance(booking.id, 9_000)).status).toBe(200);
    const [event] = await db().select({ type: outboundEvents.type, data: outboundEvents.data }).from(webhookDeliveries)
      .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
      // Other test files change bookings meanwhile: this booking's event.
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), sql`${outboundEvents.data}->>'bookingId' = ${booking.id}`));
    expect(event).toMatchObject({ type: "booking.changed", data: {
      bookingId: booking.id, changes: ["balance_paid"], paymentKind: "balance", paymentAmount: 9_000, paymentStatus: "paid", amountPaid: 12_000,
    } });
  });

  it("check-ins, refunds and cancellations emit their events, with ids and amounts only", async () => {
    const endpoint = await createWebhookEndpoint(db(), admin, {
      url, description: null, events: ["attendee.checked_in", "payment.refunded", "booking.cancelled"], receivesHealthData: false,
    });
    const fx = await createSessionFixture();
    const { booking } = await createBookingViaApi(fx.session.id, 2);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const door = await staffSession("door");
    const [ticket] = await ticketsOf(booking.id);
    const scanned = await scanTicket(db(), door, { sessionId: fx.session.id, deviceId: "door-1", method: "manual", action: "check_in", code: ticket.qr });
    expect(scanned.result).toBe("checked_in");
    const places = await db().select({ id: bookingAttendees.id }).from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: places.map((p) => p.id), amount: booking.totalAmount, reason: "Customer cancelled" }, admin);

    const events = await db().select({ type: outboundEvents.type, data: outboundEvents.data, healthData: outboundEvents.healthData })
      .from(webhookDeliveries).innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(Object.keys(byType).sort()).toEqual(["attendee.checked_in", "booking.cancelled", "payment.refunded"]);
    expect(byType["attendee.checked_in"].data).toMatchObject({ ticketId: ticket.id, bookingId: booking.id, reference: booking.reference, sessionId: fx.session.id });
    expect(JSON.stringify(byType["attendee.checked_in"].data)).not.toContain(ticket.firstName);
    expect(byType["payment.refunded"].data).toMatchObject({ bookingId: booking.id, refundAmount: booking.totalAmount, refundCurrency: "GBP" });
    expect(byType["booking.cancelled"].data).toMatchObject({ bookingId: booking.id, status: "refunded", reason: "Customer cancelled" });
  });

  it("customer cancellations and waiting-list offers emit their events", async () => {
    const endpoint = await createWebhookEndpoint(db(), admin, {
      url, description: null, events: ["booking.changed", "booking.cancelled", "waitlist.offered"], receivesHealthData: false,
    });
    const fx = await createSessionFixture({ capacity: 2, startsInDays: 30 });
    const { booking } = await createBookingViaApi(fx.session.id, 2);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const entry = await joinWaitlist(db(), { sessionId: fx.session.id, ticketTypeId: null, email: "waiting@example.com", places: 1, note: null });
    const places = await db().select({ id: bookingAttendees.id }).from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(bookingAttendees.position);

    // One attendee first (the booking changes), then the other (the booking is cancelled).
    await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [places[0].id], idempotencyKey: randomUUID(), channel: "api" });
    const [offer] = await offerWaitlistPlaces(db(), fx.session.id);
    await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [places[1].id], idempotencyKey: randomUUID(), channel: "api" });

    const events = await db().select({ type: outboundEvents.type, data: outboundEvents.data })
      .from(webhookDeliveries).innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.endpointId, endpoint.id)).orderBy(outboundEvents.createdAt);
    expect(events.map((e) => e.type).sort()).toEqual(["booking.cancelled", "booking.changed", "waitlist.offered"]);
    const byType = Object.fromEntries(events.map((e) => [e.type, e.data]));
    // attendeeCount: the places the booking still holds (the attendees not cancelled), not every place it ever had.
    expect(byType["booking.changed"]).toMatchObject({ bookingId: booking.id, changes: ["attendees_cancelled"], reason: "cancelled_by_customer", cancelledAttendeeIds: [places[0].id], refundStatus: "pending", attendeeCount: 1 });
    expect(byType["booking.cancelled"]).toMatchObject({ bookingId: booking.id, reason: "cancelled_by_customer", cancelledAttendeeIds: [places[1].id], refundStatus: "pending", attendeeCount: 0 });
    expect(byType["waitlist.offered"]).toMatchObject({ offerId: offer.id, entryId: entry.id, sessionId: fx.session.id, places: 1 });
    expect(JSON.stringify(byType["waitlist.offered"])).not.toContain("waiting@example.com");
  });
});

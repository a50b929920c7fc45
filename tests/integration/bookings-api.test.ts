// POST /api/v1/bookings (success and every kind of refusal) and GET /api/v1/bookings/{reference}.
import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { bookingAttendees, courseSessions, paymentLogs, specialRequirements } from "@/db/schema";
import { GET as getBookingRoute } from "@/app/api/v1/bookings/[reference]/route";
import { UNKNOWN_FIELD } from "@/lib/validations/unknown-fields";
import {
  bookingBody, callGet, checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postBooking,
  postWebhook, rowCounts, sessionCounters, templateByCode,
} from "../fixtures";

const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

describe("POST /api/v1/bookings", () => {
  it("creates a pending booking that holds its places, with attendees, requirements and a checkout", async () => {
    const { session } = await createSessionFixture({ capacity: 10, priceAmount: 28_500 });
    const allergy = await templateByCode("allergy_severe");
    const vegan = await templateByCode("diet_vegan");
    const res = await postBooking(bookingBody(session.id, 2, {
      attendees: [
        { firstName: "Amara", lastName: "Okafor", isBooker: true, requirements: [{ templateId: allergy.id, details: "Peanuts" }, { templateId: vegan.id }] },
        { firstName: "Ben", lastName: "Hughes", email: "ben@example.com" },
      ],
    }));

    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      bookingId: expect.any(String),
      reference: expect.stringMatching(/^TRN-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      accessToken: expect.any(String),
      status: "pending",
      listAmount: 57_000,
      discounts: [],
      totalAmount: 57_000,
      amountDue: 57_000,
      currency: "GBP",
      holdExpiresAt: expect.any(String),
      checkoutUrl: expect.stringMatching(/^http:\/\/localhost:3000\/checkout\/simulated\/cs_sim_/),
    });
    const minutesHeld = (Date.parse(res.json.holdExpiresAt) - Date.now()) / 60_000;
    expect(minutesHeld).toBeGreaterThan(29);
    expect(minutesHeld).toBeLessThanOrEqual(30);

    const booking = await getBooking(res.json.bookingId);
    expect(booking).toMatchObject({
      status: "pending", paymentOption: "full", paymentStatus: "unpaid", attendeeCount: 2, unitAmount: 28_500,
      totalAmount: 57_000, amountDueNow: 57_000, amountPaid: 0, balanceDueAt: null, paymentProvider: "simulated",
      contactEmail: "pat.booker@example.com", checkoutSessionId: expect.stringMatching(/^cs_sim_/),
    });
    const attendees = await db().select().from(bookingAttendees)
      .where(eq(bookingAttendees.bookingId, booking!.id)).orderBy(asc(bookingAttendees.position));
    expect(attendees.map((a) => [a.position, a.firstName, a.isBooker, a.email])).toEqual([
      [1, "Amara", true, null], [2, "Ben", false, "ben@example.com"],
    ]);
    const requirements = await db().select().from(specialRequirements).where(eq(specialRequirements.bookingId, booking!.id));
    expect(requirements).toHaveLength(2);
    expect(requirements.find((r) => r.templateId === allergy.id)).toMatchObject({
      attendeeId: attendees[0].id, category: "allergy", priority: "critical", label: allergy.label, details: "Peanuts",
    });
    const logs = await db().select().from(paymentLogs).where(eq(paymentLogs.bookingId, booking!.id));
    expect(logs.map((l) => l.type)).toEqual(["hold_created"]);
    expect(await sessionCounters(session.id)).toEqual({ capacity: 10, placesBooked: 0, placesHeld: 2 });
  });

  it("charges the deposit for every place and sets the balance date", async () => {
    const { session } = await createSessionFixture({ priceAmount: 28_500, depositAmount: 8_500, startsInDays: 40 });
    const res = await postBooking(bookingBody(session.id, 3, { paymentOption: "deposit" }));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ totalAmount: 85_500, amountDue: 25_500 });
    const booking = await getBooking(res.json.bookingId);
    expect(booking!.balanceDueAt!.toISOString()).toBe(new Date(session.startsAt.getTime() - 14 * 86_400_000).toISOString());
  });
});

describe("POST /api/v1/bookings refusals write nothing", () => {
  /** Sends `body`, checks the status and error code, and that no row or counter moved. */
  async function expectRefused(
    body: unknown, status: number, code: string, o: { sessionId?: string; idempotencyKey?: string } = {},
  ) {
    const before = await rowCounts();
    const counters = o.sessionId ? await sessionCounters(o.sessionId) : undefined;
    const res = await postBooking(body, { idempotencyKey: o.idempotencyKey });
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(await rowCounts()).toEqual(before);
    if (o.sessionId) expect(await sessionCounters(o.sessionId)).toEqual(counters);
    return res.json.error;
  }

  it("refuses malformed JSON", async () => {
    const error = await expectRefused('{"sessionId": "abc", ', 400, "invalid_request");
    expect(error.fields).toEqual({ _root: "The body must be valid JSON" });
  });

  it("refuses a body that is not an object", async () => {
    const error = await expectRefused("[1,2,3]", 400, "invalid_request");
    expect(error.fields).toHaveProperty("_root");
  });

  it("refuses missing fields, naming each", async () => {
    const error = await expectRefused({}, 400, "invalid_request");
    expect(Object.keys(error.fields).sort()).toEqual(["acceptTerms", "attendees", "contact", "paymentOption", "sessionId"]);
  });

  it("refuses wrongly typed fields by path, without echoing the input", async () => {
    const { session } = await createSessionFixture();
    const error = await expectRefused(bookingBody(session.id, 1, {
      paymentOption: 5,
      contact: { name: "Pat", email: "<script>alert(1)</script>", phone: 123 },
      attendees: [{ firstName: ["x"], lastName: "Y" }],
    }), 400, "invalid_request", { sessionId: session.id });
    expect(Object.keys(error.fields).sort()).toEqual(["attendees.0.firstName", "contact.email", "contact.phone", "paymentOption"]);
    expect(JSON.stringify(error)).not.toContain("<script>");
  });

  it("refuses fields the API does not take at any depth, naming each beside the schema's own errors", async () => {
    const { session } = await createSessionFixture();
    const body = bookingBody(session.id, 2, {
      attendees: [{ firstName: "Ann", lastName: "Lee", requirements: [{ templateId: UNKNOWN_UUID, note: "x" }] }, { frstName: "Ray", lastName: "Rao" }],
    }) as Record<string, unknown>;
    // A discount code under the wrong name would otherwise book at full price without a word.
    body.discount_code = "SPRING";
    (body.contact as Record<string, unknown>).mobile = "07700 900123";
    const error = await expectRefused(body, 400, "invalid_request", { sessionId: session.id, idempotencyKey: "unknown-fields-1" });
    expect(error.fields).toEqual({
      discount_code: UNKNOWN_FIELD, "contact.mobile": UNKNOWN_FIELD, "attendees.0.requirements.0.note": UNKNOWN_FIELD,
      "attendees.1.frstName": UNKNOWN_FIELD, "attendees.1.firstName": "First name is required",
    });
    // The same booking with its fields named right is made.
    const fixed = bookingBody(session.id, 2) as Record<string, unknown>;
    expect((await postBooking(fixed)).status).toBe(201);
  });

  it("refuses a missing attendee name with its path", async () => {
    const { session } = await createSessionFixture();
    const error = await expectRefused(bookingBody(session.id, 1, {
      attendees: [{ firstName: "Ann", lastName: "Lee" }, { firstName: "", lastName: "Ray" }],
    }), 400, "invalid_request", { sessionId: session.id });
    expect(error.fields).toEqual({ "attendees.1.firstName": "First name is required" });
  });

  it("refuses 0 and 13 attendees", async () => {
    const { session } = await createSessionFixture({ capacity: 20 });
    const none = await expectRefused(bookingBody(session.id, 0), 400, "invalid_request", { sessionId: session.id });
    expect(none.fields).toEqual({ attendees: "Add at least one attendee" });
    const tooMany = await expectRefused(bookingBody(session.id, 13), 400, "invalid_request", { sessionId: session.id });
    expect(tooMany.fields).toEqual({ attendees: "A booking can have at most 12 attendees" });
  });

  it("refuses a booking whose terms were not accepted", async () => {
    const { session } = await createSessionFixture();
    const error = await expectRefused(bookingBody(session.id, 1, { acceptTerms: false }), 400, "invalid_request", { sessionId: session.id });
    expect(error.fields).toEqual({ acceptTerms: "Accept the terms and conditions to continue" });
  });

  it("answers 404 for an unknown session", async () => {
    const error = await expectRefused(bookingBody(UNKNOWN_UUID), 404, "session_not_found");
    expect(error.fields).toEqual({ sessionId: "That session does not exist" });
  });

  it("refuses an unknown requirement template, even with an Idempotency-Key", async () => {
    const { session } = await createSessionFixture();
    const error = await expectRefused(bookingBody(session.id, 2, {
      attendees: [
        { firstName: "Ann", lastName: "Lee" },
        { firstName: "Raj", lastName: "Rao", requirements: [{ templateId: UNKNOWN_UUID }] },
      ],
    }), 400, "invalid_request", { sessionId: session.id, idempotencyKey: "unknown-template-1" });
    expect(error.fields).toEqual({ "attendees.1.requirements.0.templateId": "Unknown requirement" });
  });

  it("refuses a requirement that needs details without them", async () => {
    const { session } = await createSessionFixture();
    const allergy = await templateByCode("allergy_food");
    const error = await expectRefused(bookingBody(session.id, 1, {
      attendees: [{ firstName: "Ann", lastName: "Lee", requirements: [{ templateId: allergy.id, details: "  " }] }],
    }), 400, "invalid_request", { sessionId: session.id });
    expect(error.fields).toEqual({ "attendees.0.requirements.0.details": expect.stringMatching(/^Describe the /) });
  });

  it("refuses a deposit on a course that has none", async () => {
    const { session } = await createSessionFixture({ depositAmount: null });
    const error = await expectRefused(bookingBody(session.id, 1, { paymentOption: "deposit" }), 400, "invalid_request", { sessionId: session.id });
    expect(error.fields).toEqual({ paymentOption: "A deposit is not available for this session" });
  });

  it("refuses a session that was cancelled", async () => {
    const { session } = await createSessionFixture();
    await db().update(courseSessions).set({ status: "cancelled" }).where(eq(courseSessions.id, session.id));
    await expectRefused(bookingBody(session.id), 409, "session_not_bookable", { sessionId: session.id });
  });

  it("refuses a blank Idempotency-Key", async () => {
    const { session } = await createSessionFixture();
    const error = await expectRefused(bookingBody(session.id), 400, "invalid_request", { sessionId: session.id, idempotencyKey: "   " });
    expect(error.fields).toHaveProperty("Idempotency-Key");
  });
});

describe("GET /api/v1/bookings/{reference}", () => {
  const get = (reference: string, token?: string) =>
    callGet(getBookingRoute, `/api/v1/bookings/${reference}`, { reference }, token ? { authorization: `Bearer ${token}` } : {});

  it("shows the booking to the holder of its token, with attendees, requirements and payment status", async () => {
    const { session, course, venue } = await createSessionFixture({ capacity: 10, priceAmount: 15_000 });
    const vegan = await templateByCode("diet_vegan");
    const { created, booking } = await createBookingViaApi(session.id, 2, {
      attendees: [
        { firstName: "Amara", lastName: "Okafor", requirements: [{ templateId: vegan.id }] },
        { firstName: "Ben", lastName: "Hughes" },
      ],
    });

    const pending = await get(created.reference, created.accessToken);
    expect(pending.status).toBe(200);
    expect(pending.headers.get("cache-control")).toBe("no-store");
    expect(pending.json.booking).toMatchObject({
      id: booking.id, reference: created.reference, status: "pending", paymentStatus: "unpaid",
      totalAmount: 30_000, amountPaid: 0, balanceAmount: 30_000, holdExpiresAt: created.holdExpiresAt,
      session: { id: session.id, course: { id: course.id, title: course.title }, venue: { id: venue.id, timeZone: "Europe/London" } },
      contact: { name: "Pat Booker", email: "pat.booker@example.com" },
      billing: null,
      payments: [],
    });
    // The course's one default ticket type, at its price, without a seat.
    const standardPlace = { ticketType: { id: expect.any(String), name: "Standard" }, unitAmount: pending.json.booking.unitAmount, seat: null };
    expect(pending.json.booking.attendees).toEqual([
      { id: expect.any(String), position: 1, firstName: "Amara", lastName: "Okafor", email: null, cancelled: false, ...standardPlace,
        requirements: [{ templateId: vegan.id, label: "Vegan", category: "dietary", priority: "standard", details: null }] },
      { id: expect.any(String), position: 2, firstName: "Ben", lastName: "Hughes", email: null, cancelled: false, ...standardPlace, requirements: [] },
    ]);

    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const paid = await get(created.reference.toLowerCase(), created.accessToken);
    expect(paid.status).toBe(200);
    expect(paid.json.booking).toMatchObject({
      status: "confirmed", paymentStatus: "paid", amountPaid: 30_000, balanceAmount: 0, holdExpiresAt: null,
      confirmedAt: expect.any(String),
      payments: [{ kind: "full", amount: 30_000, currency: "GBP", amountRefunded: 0, receivedAt: expect.any(String) }],
    });
  });

  it("answers the same 404 for a wrong token, no token and an unknown reference", async () => {
    const { session } = await createSessionFixture();
    const { created } = await createBookingViaApi(session.id);
    const other = await createBookingViaApi(session.id);

    const answers = await Promise.all([
      get(created.reference, other.created.accessToken),
      get(created.reference, `${created.accessToken}x`),
      get(created.reference),
      get("TRN-0000-0000", created.accessToken),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: "booking_not_found", message: "Booking not found." } });
    }
  });

  it("ignores a token sent other than as a Bearer token", async () => {
    const { session } = await createSessionFixture();
    const { created } = await createBookingViaApi(session.id);
    const res = await callGet(getBookingRoute, `/api/v1/bookings/${created.reference}`, { reference: created.reference },
      { authorization: `Basic ${created.accessToken}` });
    expect(res.status).toBe(404);
  });
});

// API keys (hash stored, scopes, revocation) on the staff-side API, and the rate limits shared through
// PostgreSQL: two limiter instances on separate connection pools (as two app instances would have) share
// one count, the public API answers 429 with Retry-After and the RateLimit headers, and booking holds are
// limited per contact email.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { inject } from "vitest";
import { GET as listBookingsRoute } from "@/app/api/v1/admin/bookings/route";
import { GET as bookingRoute } from "@/app/api/v1/admin/bookings/[reference]/route";
import { GET as attendeesRoute } from "@/app/api/v1/admin/sessions/[id]/attendees/route";
import { GET as coursesRoute } from "@/app/api/v1/courses/route";
import { createDb } from "@/db";
import { apiKeys, bookingAttendees, bookings, idempotencyKeys } from "@/db/schema";
import { responseSchema } from "@/lib/api/openapi";
import { createApiKey, hashApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { resetEnvForTests } from "@/lib/env";
import { peerAddressHeader } from "@/lib/http/peer-address";
import { consume, createLimiter } from "@/lib/rate-limit/limits";
import { UNKNOWN_FIELD } from "@/lib/validations/unknown-fields";
import { createStaffUser } from "@/lib/staff/users";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { bookingBody, callGet, checkoutEvent, createBookingViaApi, createSessionFixture, db, postBooking, postWebhook, templateByCode, uniqueClientAddress } from "../fixtures";
import { ticketsOf } from "../check-in-fixtures";

const admin = { id: null, email: "test:api-keys" } as const;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

afterEach(() => {
  for (const k of ["API_RATE_LIMIT_PER_IP", "API_RATE_LIMIT_PER_KEY", "HOLD_LIMIT_PER_EMAIL"]) process.env[k] = "1000000";
  resetEnvForTests();
});

async function paidBooking() {
  const fx = await createSessionFixture();
  const allergy = await templateByCode("allergy_food");
  const { booking } = await createBookingViaApi(fx.session.id, 2, {
    attendees: [
      { firstName: "Ada", lastName: "Lovelace", requirements: [{ templateId: allergy.id, details: "Sesame" }] },
      { firstName: "Alan", lastName: "Turing", requirements: [] },
    ],
  });
  await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
  return { fx, booking };
}

describe("API keys", () => {
  it("are stored only as a hash and open the staff API for their scopes", async () => {
    const { fx, booking } = await paidBooking();
    const { id, key } = await createApiKey(db(), admin, { name: "CRM", scopes: ["bookings:read"] });
    expect(key).toMatch(/^trn_[A-Za-z0-9]{8}_/);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row.secretHash).toBe(hashApiKey(key));
    // The secret is base64url, so it may itself hold "_": take everything after the visible prefix.
    expect(JSON.stringify(row)).not.toContain(key.slice(row.prefix.length + 1));
    expect(row.lastUsedAt).toBeNull();

    const list = await callGet(listBookingsRoute, `/api/v1/admin/bookings?sessionId=${fx.session.id}&limit=1`, {}, bearer(key));
    expect(list.status).toBe(200);
    expect(responseSchema("/api/v1/admin/bookings", "GET", 200)!.safeParse(list.json).success).toBe(true);
    expect(list.json.bookings.map((b: { reference: string }) => b.reference)).toEqual([booking.reference]);
    expect(list.json.nextCursor).toBeNull();
    expect(list.headers.get("ratelimit-limit")).toBe("1000000");

    const one = await callGet(bookingRoute, "/", { reference: booking.reference }, bearer(key));
    expect(one.status).toBe(200);
    expect(responseSchema("/api/v1/admin/bookings/{reference}", "GET", 200)!.safeParse(one.json).success).toBe(true);

    const people = await callGet(attendeesRoute, "/", { id: fx.session.id }, bearer(key));
    expect(people.status).toBe(200);
    expect(responseSchema("/api/v1/admin/sessions/{id}/attendees", "GET", 200)!.safeParse(people.json).success).toBe(true);
    expect(people.json.attendees).toHaveLength(2);
    expect(people.json.attendees[0].requirements).toEqual([expect.objectContaining({ category: "allergy", details: "Sesame", acknowledged: false })]);

    const [used] = await db().select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(used.lastUsedAt).not.toBeNull();
  });

  it("count a booking's places as it holds them now: attendeeCount leaves cancelled places out, as the attendees listed do", async () => {
    const { fx, booking } = await paidBooking();
    const { key } = await createApiKey(db(), admin, { name: "Counts", scopes: ["bookings:read"] });
    const [first] = await db().select({ id: bookingAttendees.id }).from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(bookingAttendees.position);
    await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [first.id], idempotencyKey: randomUUID(), channel: "api" });
    const list = await callGet(listBookingsRoute, `/api/v1/admin/bookings?sessionId=${fx.session.id}`, {}, bearer(key));
    expect(list.json.bookings.map((b: { attendeeCount: number }) => b.attendeeCount)).toEqual([1]);
    const one = await callGet(bookingRoute, "/", { reference: booking.reference }, bearer(key));
    expect(one.json.booking.attendees.filter((a: { cancelled: boolean }) => !a.cancelled)).toHaveLength(1);
    // The column keeps every place booked (pricing and holds rely on it).
    const [row] = await db().select({ attendeeCount: bookings.attendeeCount }).from(bookings).where(eq(bookings.id, booking.id));
    expect(row.attendeeCount).toBe(2);
  });

  it("pages through bookings with a cursor", async () => {
    const fx = await createSessionFixture();
    for (let i = 0; i < 5; i++) await createBookingViaApi(fx.session.id, 1);
    // Three of them made in the same millisecond, microseconds apart (as bookings made together can be).
    await db().execute(sql`update bookings set created_at = timestamptz '2026-11-30 10:00:00.123456+00' + (interval '1 microsecond' * (random() * 3)::int)
      where session_id = ${fx.session.id} and id in (select id from bookings where session_id = ${fx.session.id} order by id limit 3)`);
    const { key } = await createApiKey(db(), admin, { name: "Pager", scopes: ["bookings:read"] });
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: { status: number; json: { bookings: { id: string }[]; nextCursor: string | null } } = await callGet(listBookingsRoute, `/api/v1/admin/bookings?sessionId=${fx.session.id}&limit=1${cursor ? `&cursor=${cursor}` : ""}`, {}, bearer(key));
      expect(page.status).toBe(200);
      seen.push(...page.json.bookings.map((b: { id: string }) => b.id));
      cursor = page.json.nextCursor;
    }
    const all = await db().select({ id: bookings.id }).from(bookings).where(eq(bookings.sessionId, fx.session.id));
    expect(seen).toHaveLength(5);
    expect(seen.sort()).toEqual(all.map((b) => b.id).sort());
    const bad = await callGet(listBookingsRoute, "/api/v1/admin/bookings?cursor=nonsense", {}, bearer(key));
    expect(bad.status).toBe(400);
  });

  it("enforce scopes: 401 without a key or with an unknown one, 403 without the scope", async () => {
    const { fx, booking } = await paidBooking();
    const { key: catalogueOnly } = await createApiKey(db(), admin, { name: "Site", scopes: ["catalogue:read"] });
    expect((await callGet(listBookingsRoute, "/api/v1/admin/bookings", {})).status).toBe(401);
    const unknown = `trn_ABCDEFGH_${"x".repeat(43)}`;
    expect((await callGet(listBookingsRoute, "/api/v1/admin/bookings", {}, bearer(unknown))).status).toBe(401);
    const denied = await callGet(listBookingsRoute, "/api/v1/admin/bookings", {}, bearer(catalogueOnly));
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("forbidden");
    expect((await callGet(coursesRoute, "/api/v1/courses", {}, bearer(catalogueOnly))).status).toBe(200);
    // A key cut short is refused, on a public route too, rather than answered as if no key were sent.
    const cutShort = await callGet(coursesRoute, "/api/v1/courses", {}, bearer(catalogueOnly.slice(0, -5)));
    expect(cutShort.status).toBe(401);
    expect(cutShort.json.error.message).toMatch(/malformed/);

    // Check-in needs checkin:write; the scan is recorded for the key's creator.
    const owner = await createStaffUser(db(), admin, { email: `key-owner-${randomUUID().slice(0, 8)}@turnout.test`, role: "admin" });
    const door = await createApiKey(db(), { id: owner.id, email: owner.email }, { name: "Turnstile", scopes: ["checkin:write"] });
    const [ticket] = await ticketsOf(booking.id);
    const body = { sessionId: fx.session.id, deviceId: "gate-1", secret: ticket.qr };
    const post = (key: string) => apiCheckInWith(body, key);
    expect((await post(catalogueOnly)).status).toBe(403);
    // A field the check-in does not take is named, and the ticket stays out.
    const misspelt = await apiCheckInWith({ ...body, device: "gate-1" }, door.key);
    expect(misspelt.status).toBe(400);
    expect(misspelt.json.error.fields).toEqual({ device: UNKNOWN_FIELD });
    const ok = await post(door.key);
    expect(ok.status).toBe(201);
    expect(ok.json.outcome.result).toBe("checked_in");
  });

  it("a revoked key is refused everywhere", async () => {
    await paidBooking();
    const { id, key } = await createApiKey(db(), admin, { name: "Old", scopes: ["bookings:read", "catalogue:read"] });
    expect((await callGet(listBookingsRoute, "/api/v1/admin/bookings", {}, bearer(key))).status).toBe(200);
    await revokeApiKey(db(), admin, id);
    const refused = await callGet(listBookingsRoute, "/api/v1/admin/bookings", {}, bearer(key));
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe("unauthorized");
    expect((await callGet(coursesRoute, "/api/v1/courses", {}, bearer(key))).status).toBe(401);
  });
});

async function apiCheckInWith(body: unknown, key: string) {
  const { POST } = await import("@/app/api/v1/check-ins/route");
  const res = await POST(new Request("http://localhost:3000/api/v1/check-ins", {
    method: "POST", headers: { "content-type": "application/json", ...bearer(key) }, body: JSON.stringify(body),
  }), { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe("rate limits", () => {
  it("are shared by two limiter instances on separate connection pools: the limit holds across both", async () => {
    const a = createDb(inject("databaseUrl"), { max: 4 });
    const b = createDb(inject("databaseUrl"), { max: 4 });
    try {
      const rule = { name: `shared-${randomUUID().slice(0, 8)}`, points: 5, durationSeconds: 60 };
      const one = createLimiter(a.db, rule);
      const two = createLimiter(b.db, rule);
      const verdicts = await Promise.all(Array.from({ length: 12 }, (_, i) => consume(i % 2 ? one : two, rule.name, "203.0.113.7")));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
      const refused = verdicts.find((v) => !v.allowed)!;
      expect(refused.remaining).toBe(0);
      expect(refused.resetSeconds).toBeGreaterThan(0);
      expect(refused.resetSeconds).toBeLessThanOrEqual(60);
      // Another client is counted apart.
      expect((await consume(one, rule.name, "203.0.113.8")).allowed).toBe(true);
    } finally {
      await a.sql.end();
      await b.sql.end();
    }
  });

  it("answer 429 with Retry-After on the public API once an IP has used its requests, with the headers on every answer", async () => {
    process.env.API_RATE_LIMIT_PER_IP = "3";
    resetEnvForTests();
    const ip = uniqueClientAddress();
    const from = { [peerAddressHeader()]: ip };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await callGet(coursesRoute, "/api/v1/courses", {}, from));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(answers[0].headers.get("ratelimit-limit")).toBe("3");
    expect(Number(answers[0].headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(answers[0].headers.get("retry-after")).toBeNull();
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answers[3].json.error.code).toBe("rate_limited");
    // Another address is not affected.
    expect((await callGet(coursesRoute, "/api/v1/courses", {}, { [peerAddressHeader()]: uniqueClientAddress() })).status).toBe(200);
    // An API key from the same address counts against the key's own limit, not the anonymous one of the address.
    process.env.API_RATE_LIMIT_PER_KEY = "5";
    resetEnvForTests();
    const { key } = await createApiKey(db(), admin, { name: "Busy", scopes: ["catalogue:read"] });
    const keyed = [];
    for (let i = 0; i < 6; i++) keyed.push((await callGet(coursesRoute, "/api/v1/courses", {}, { ...from, ...bearer(key) })).status);
    expect(keyed).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("limit places held per contact email: no booking is written past the limit", async () => {
    process.env.HOLD_LIMIT_PER_EMAIL = "2";
    resetEnvForTests();
    const fx = await createSessionFixture();
    const email = `holder-${randomUUID().slice(0, 8)}@example.com`;
    const contact = { name: "Hold Everything", email, phone: "+44 20 7946 0002" };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await postBooking(bookingBody(fx.session.id, 4, { contact })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
    // The headers report the limit closest to refusing (the email's 2, not the address's million), so a client sees the 429 coming.
    expect(answers.map((a) => [a.headers.get("ratelimit-limit"), a.headers.get("ratelimit-remaining")])).toEqual([["2", "1"], ["2", "0"], ["2", "0"]]);
    const rows = await db().select().from(bookings).where(eq(bookings.contactEmail, email));
    expect(rows).toHaveLength(2);
    const refused = await postBooking(bookingBody(fx.session.id, 1, { contact: { ...contact, email: email.toUpperCase() } }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // The answer names the limit that refused: this email address's, not everyone's from the same network.
    expect(JSON.stringify(refused.json)).toMatch(/Too many bookings started for this email address/);
  });

  it("do not count attempts that hold nothing: refusals and replays", async () => {
    process.env.HOLD_LIMIT_PER_EMAIL = "2";
    resetEnvForTests();
    const fx = await createSessionFixture({ capacity: 3 });
    const contact = { name: "Careful Retrier", email: `retrier-${randomUUID().slice(0, 8)}@example.com`, phone: "+44 20 7946 0003" };
    // Four places of three: refused (409) three times, holding nothing.
    for (let i = 0; i < 3; i++) expect((await postBooking(bookingBody(fx.session.id, 4, { contact }))).status).toBe(409);
    // One booking, retried three times with its key: one hold.
    const key = randomUUID();
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push((await postBooking(bookingBody(fx.session.id, 1, { contact }), { idempotencyKey: key })).status);
    expect(tries).toEqual([201, 200, 200, 200]);
    // A replay holds nothing: its headers say so.
    const replay = await postBooking(bookingBody(fx.session.id, 1, { contact }), { idempotencyKey: key });
    expect([replay.status, replay.headers.get("ratelimit-limit"), replay.headers.get("ratelimit-remaining")]).toEqual([200, "2", "1"]);
    // So the second real booking is still allowed, and only the third is refused.
    expect((await postBooking(bookingBody(fx.session.id, 1, { contact }))).status).toBe(201);
    expect((await postBooking(bookingBody(fx.session.id, 1, { contact }))).status).toBe(429);
  });

  it("answer a retry of a booking made with that booking once the limit is used up, and do not count it", async () => {
    process.env.HOLD_LIMIT_PER_EMAIL = "2";
    resetEnvForTests();
    const fx = await createSessionFixture({ capacity: 10 });
    const contact = { name: "Patient Retrier", email: `patient-${randomUUID().slice(0, 8)}@example.com`, phone: "+44 20 7946 0004" };
    const [first, second] = [randomUUID(), randomUUID()];
    const made = await postBooking(bookingBody(fx.session.id, 3, { contact }), { idempotencyKey: first });
    expect(made.status).toBe(201);
    expect((await postBooking(bookingBody(fx.session.id, 1, { contact }), { idempotencyKey: second })).status).toBe(201);
    // The email's two bookings are made: a third is refused, but a retry of the first answers it.
    expect((await postBooking(bookingBody(fx.session.id, 1, { contact }))).status).toBe(429);
    for (let i = 0; i < 3; i++) {
      const retry = await postBooking(bookingBody(fx.session.id, 3, { contact }), { idempotencyKey: first });
      expect([retry.status, retry.headers.get("idempotent-replayed"), retry.json.bookingId]).toEqual([200, "true", made.json.bookingId]);
    }
    // The same key with another request is still a conflict, not a replay.
    expect((await postBooking(bookingBody(fx.session.id, 2, { contact }), { idempotencyKey: first })).status).toBe(409);
    // A new key past the limit is refused and writes nothing, its claim on the key undone.
    const late = randomUUID();
    expect((await postBooking(bookingBody(fx.session.id, 1, { contact }), { idempotencyKey: late })).status).toBe(429);
    expect(await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, late))).toEqual([]);
    expect(await db().select().from(bookings).where(eq(bookings.contactEmail, contact.email))).toHaveLength(2);
  });
});

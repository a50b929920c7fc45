// Integration-test helpers: each test makes its own venue, course and session, and talks to the real
// route handlers with standard Request objects (no server, same HTTP layer).
import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { bookings, courseSessions, courses, requirementTemplates, venues, type Booking } from "@/db/schema";
import { POST as postBookingRoute } from "@/app/api/v1/bookings/route";
import { POST as postWebhookRoute } from "@/app/api/stripe/webhook/route";
import { buildSimulatedEvent, signPayload } from "@/lib/payments/simulated-checkout";
import { insertDefaultTicketType } from "@/db/queries/ticket-types";
import { AppError } from "@/lib/errors";

export const db = () => getDb();

/** A client address no other test uses (rate-limit windows are shared by every test file on the database). */
export const uniqueClientAddress = () => `2001:db8:${randomBytes(8).toString("hex").match(/.{4}/g)!.join(":")}::1`;

const DAY_MS = 86_400_000;
const ORIGIN = "http://localhost:3000";

export type SessionFixtureOptions = {
  capacity?: number;
  placesBooked?: number;
  priceAmount?: number;
  depositAmount?: number | null;
  currency?: string;
  startsInDays?: number;
};

/** A venue, an active course and one scheduled session of it, all unique to the calling test. */
export async function createSessionFixture(o: SessionFixtureOptions = {}) {
  const tag = randomUUID().slice(0, 8);
  const [venue] = await db().insert(venues).values({
    slug: `test-venue-${tag}`, name: `Test Venue ${tag}`, addressLine1: "1 Test Street", city: "London",
    postalCode: "E1 6AN", country: "GB", timeZone: "Europe/London",
  }).returning();
  const [course] = await db().insert(courses).values({
    slug: `test-course-${tag}`, title: `Test Course ${tag}`, summary: "A course made by a test.",
    description: "Made by tests/fixtures.ts.", category: "Testing",
    priceAmount: o.priceAmount ?? 12_000,
    depositAmount: o.depositAmount === undefined ? 3_000 : o.depositAmount,
    currency: o.currency ?? "GBP",
  }).returning();
  const ticketType = await insertDefaultTicketType(db(), course);
  const startsAt = new Date(Date.now() + (o.startsInDays ?? 30) * DAY_MS);
  const [session] = await db().insert(courseSessions).values({
    courseId: course.id, venueId: venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
    capacity: o.capacity ?? 12, placesBooked: o.placesBooked ?? 0,
  }).returning();
  return { venue, course, session, ticketType };
}

/** A valid POST /api/v1/bookings body for `attendeeCount` people; `overrides` replace top-level keys. */
export function bookingBody(sessionId: string, attendeeCount = 1, overrides: Record<string, unknown> = {}) {
  return {
    sessionId,
    paymentOption: "full",
    contact: { name: "Pat Booker", email: "pat.booker@example.com", phone: "+44 20 7946 0001" },
    attendees: Array.from({ length: attendeeCount }, (_, i) => ({ firstName: `Attendee${i + 1}`, lastName: "Tester" })),
    acceptTerms: true,
    ...overrides,
  };
}

// Response bodies are JSON of many shapes; tests assert on them field by field.
export type Json = any;
export type ApiResponse = { status: number; headers: Headers; json: Json };

async function read(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

const noParams = { params: Promise.resolve({}) };

/** POST /api/v1/bookings. A string body is sent as is (for malformed JSON). */
export async function postBooking(body: unknown, o: { idempotencyKey?: string; cookie?: string; apiKey?: string } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.idempotencyKey !== undefined) headers["idempotency-key"] = o.idempotencyKey;
  if (o.apiKey !== undefined) headers.authorization = `Bearer ${o.apiKey}`;
  if (o.cookie !== undefined) headers.cookie = o.cookie;
  const req = new Request(`${ORIGIN}/api/v1/bookings`, {
    method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return read(await postBookingRoute(req, noParams));
}

/** Creates a booking through the API and returns the response body and the row. */
export async function createBookingViaApi(sessionId: string, attendeeCount = 1, overrides: Record<string, unknown> = {}) {
  const res = await postBooking(bookingBody(sessionId, attendeeCount, overrides));
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { created: res.json, booking: (await getBooking(res.json.bookingId))! };
}

/** GET handlers take a Request and a params promise; this calls one and parses the answer. */
export async function callGet<P>(
  route: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>,
  path: string,
  params: P,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return read(await route(new Request(`${ORIGIN}${path}`, { headers }), { params: Promise.resolve(params) }));
}

/** POST /api/stripe/webhook with a raw body, signed with the configured secret unless told otherwise. */
export async function postWebhook(payload: string, signature: string | null = signPayload(payload)): Promise<ApiResponse> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return read(await postWebhookRoute(new Request(`${ORIGIN}/api/stripe/webhook`, { method: "POST", headers, body: payload })));
}

/** A signed-ready `checkout.session.completed` (or other) event for a booking's simulated checkout. */
export function checkoutEvent(
  type: Parameters<typeof buildSimulatedEvent>[0],
  booking: Booking,
  amount = booking.amountDueNow,
) {
  if (!booking.checkoutSessionId) throw new Error("booking has no checkout session");
  return buildSimulatedEvent(type, booking, booking.checkoutSessionId, amount);
}

export async function getBooking(id: string) {
  const [row] = await db().select().from(bookings).where(eq(bookings.id, id));
  return row ?? null;
}

export async function sessionCounters(sessionId: string) {
  const [row] = await db()
    .select({ capacity: courseSessions.capacity, placesBooked: courseSessions.placesBooked, placesHeld: courseSessions.placesHeld })
    .from(courseSessions).where(eq(courseSessions.id, sessionId));
  return row;
}

/** Sum of attendee_count over a session's pending bookings: what places_held must equal. */
export async function pendingAttendeeSum(sessionId: string): Promise<number> {
  const [row] = await db().execute<{ n: number }>(sql`
    select coalesce(sum(attendee_count), 0)::int as n from bookings where session_id = ${sessionId} and status = 'pending'`);
  return row.n;
}

const COUNTED_TABLES = [
  "bookings", "booking_attendees", "special_requirements", "idempotency_keys", "session_seats", "ticket_type_inventory",
  "payments", "refunds", "webhook_events", "payment_logs",
] as const;
export type RowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

/** Row counts of the tables a request could write to. */
export async function rowCounts(): Promise<RowCounts> {
  const selects = COUNTED_TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(", ");
  const [row] = await db().execute<RowCounts>(sql.raw(`select ${selects}`));
  return { ...row };
}

/** Moves a booking's hold into the past, as if the customer had walked away. */
export async function lapseHold(bookingId: string, minutesAgo = 1) {
  await db().update(bookings)
    .set({ holdExpiresAt: sql`now() - make_interval(mins => ${minutesAgo})` })
    .where(eq(bookings.id, bookingId));
}

export async function templateByCode(code: string) {
  const [row] = await db().select().from(requirementTemplates).where(eq(requirementTemplates.code, code));
  if (!row) throw new Error(`no requirement template ${code}: is the database seeded?`);
  return row;
}

/** The AppError a promise rejects with, as plain fields; anything else (or no error) fails the test. */
export async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, status: err.status, message: err.message, details: err.details };
    throw err;
  }
  throw new Error("expected an AppError");
}

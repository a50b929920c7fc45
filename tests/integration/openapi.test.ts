// The OpenAPI document and the routes agree: every public route file is documented with its methods, every
// documented operation has a route, and real answers match the documented schemas (strict: no extra fields).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { GET as getCourses } from "@/app/api/v1/courses/route";
import { GET as getAvailability } from "@/app/api/v1/sessions/[id]/availability/route";
import { GET as getSeats } from "@/app/api/v1/sessions/[id]/seats/route";
import { GET as getTemplates } from "@/app/api/v1/requirement-templates/route";
import { GET as getBookingRoute, PUT as putBookingRoute, DELETE as deleteBookingRoute } from "@/app/api/v1/bookings/[reference]/route";
import { GET as getDocument } from "@/app/api/v1/openapi.json/route";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getLocations } from "@/app/api/v1/locations/route";
import { GET as getLocation } from "@/app/api/v1/locations/[id]/route";
import { GET as getSlotAvailability } from "@/app/api/v1/availability/[offeringId]/route";
import { eq } from "drizzle-orm";
import { courses } from "@/db/schema";
import { documentedOperations, openApiDocument, responseSchema } from "@/lib/api/openapi";
import { JSON_BODY_LIMIT } from "@/lib/http/read-body";
import { bookingAccessToken } from "@/lib/booking/reference";
import { resetEnvForTests } from "@/lib/env";
import { peerAddressHeader } from "@/lib/http/peer-address";
import { bookingBody, callGet, checkoutEvent, createBookingViaApi, createSessionFixture, db, postBooking, postWebhook, uniqueClientAddress } from "../fixtures";
import { attachSeatingPlan, createTypedSessionFixture } from "../seating-fixtures";
import { at, createSlotOfferingFixture, futureDate, postSlotBooking } from "../slot-fixtures";

const root = path.resolve(__dirname, "../..");

/** Route files under app/api/v1 and app/api/health, as OpenAPI paths with their exported methods. */
function routeFiles() {
  const found: { path: string; method: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const apiPath = "/" + path.relative(path.join(root, "app"), path.dirname(full)).split(path.sep).join("/")
          .replace(/\[([^\]]+)\]/g, "{$1}");
        const source = readFileSync(full, "utf8");
        for (const m of source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push({ path: apiPath, method: m[1] });
      }
    }
  };
  walk(path.join(root, "app/api/v1"));
  walk(path.join(root, "app/api/health"));
  return found;
}

const key = (o: { path: string; method: string }) => `${o.method} ${o.path}`;

function conforms(schema: z.ZodType | null, body: unknown) {
  expect(schema).not.toBeNull();
  const parsed = schema!.safeParse(body);
  if (!parsed.success) throw new Error(`answer does not match the document: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
}

describe("the OpenAPI document", () => {
  it("documents exactly the public routes and methods that exist", () => {
    expect(documentedOperations.map(key).sort()).toEqual(routeFiles().map(key).sort());
  });

  it("is served as OpenAPI 3.1 with the booking request generated from the validation schema", async () => {
    const res = await callGet(getDocument, "/api/v1/openapi.json", {});
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    // The two bodies the route takes (lib/validations/booking.ts, bookingRequestSchema): by session, or by time slot.
    const request = res.json.paths["/api/v1/bookings"].post.requestBody.content["application/json"].schema;
    expect(request.anyOf).toEqual([{ $ref: "#/components/schemas/SessionBookingRequest" }, { $ref: "#/components/schemas/SlotBookingRequest" }]);
    const body = res.json.components.schemas.SessionBookingRequest;
    expect(body.required).toEqual(expect.arrayContaining(["sessionId", "paymentOption", "contact", "attendees", "acceptTerms"]));
    expect(Object.keys(body.properties.attendees.items.properties)).toEqual(expect.arrayContaining(["firstName", "ticketTypeId", "seatId", "requirements"]));
    // What may be left out is documented as optional (blank-as-none fields were listed as required).
    expect(body.required).toEqual(["sessionId", "paymentOption", "contact", "attendees", "acceptTerms"]);
    expect(body.properties.contact.required).toEqual(["name", "email", "phone"]);
    expect(body.properties.attendees.items.required).toEqual(["firstName", "lastName"]);
    const slot = res.json.components.schemas.SlotBookingRequest;
    expect(slot.required).toEqual(["paymentOption", "contact", "attendees", "acceptTerms", "offeringId", "startsAt", "endsAt"]);
    expect(slot.properties).not.toHaveProperty("sessionId");
    expect(slot.properties.startsAt).toMatchObject({ type: "string", format: "date-time" });
    expect(slot.properties.endsAt).toMatchObject({ type: "string", format: "date-time" });
    expect(Object.keys(slot.properties)).toEqual(expect.arrayContaining(["discountCode", "pointsToRedeem", "answers", "billing"]));
    expect(res.json).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("matches real answers of every documented GET and of booking creation", async () => {
    const fx = await createTypedSessionFixture([{ name: "Standard", priceAmount: 3_500, seatClass: "Standard" }]);
    const plan = await attachSeatingPlan(fx.session.id, fx.venue.id, [{ row: "A", seats: 3, seatClass: "Standard", flags: ["wheelchair"] }]);
    const plain = await createSessionFixture();

    conforms(responseSchema("/api/v1/courses", "GET", 200), (await callGet(getCourses, "/api/v1/courses", {})).json);
    conforms(responseSchema("/api/v1/sessions/{id}/availability", "GET", 200),
      (await callGet(getAvailability, "/", { id: fx.session.id })).json);
    conforms(responseSchema("/api/v1/sessions/{id}/seats", "GET", 200), (await callGet(getSeats, "/", { id: fx.session.id })).json);
    conforms(responseSchema("/api/v1/sessions/{id}/seats", "GET", 200), (await callGet(getSeats, "/", { id: plain.session.id })).json);
    conforms(responseSchema("/api/v1/requirement-templates", "GET", 200), (await callGet(getTemplates, "/", {})).json);
    conforms(responseSchema("/api/health", "GET", 200), await (await getHealth()).json());

    const created = await postBooking(bookingBody(fx.session.id, 1, { attendees: [{ firstName: "Doc", lastName: "Checked", seatId: plan.seats[1].id }] }));
    expect(created.status).toBe(201);
    conforms(responseSchema("/api/v1/bookings", "POST", 201), created.json);
    const invalid = await postBooking({ sessionId: "nope" });
    conforms(responseSchema("/api/v1/bookings", "POST", 400), invalid.json);

    const { booking } = await createBookingViaApi(plain.session.id, 2);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
    const read = await callGet(getBookingRoute, "/", { reference: booking.reference }, { authorization: `Bearer ${bookingAccessToken(booking.id)}` });
    conforms(responseSchema("/api/v1/bookings/{reference}", "GET", 200), read.json);
    conforms(responseSchema("/api/v1/bookings/{reference}", "GET", 404), (await callGet(getBookingRoute, "/", { reference: "TRN-NONE-NONE" })).json);
  });

  it("matches the time-slot answers: locations and a day's slots", async () => {
    const locations = (await callGet(getLocations, "/api/v1/locations", {})).json;
    conforms(responseSchema("/api/v1/locations", "GET", 200), locations);
    const [first] = locations.locations;
    conforms(responseSchema("/api/v1/locations/{id}", "GET", 200), (await callGet(getLocation, "/", { id: first.id })).json);
    const [offering] = await db().select({ id: courses.id }).from(courses).where(eq(courses.kind, "time_slots")).limit(1);
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const slots = await callGet(getSlotAvailability, `/api/v1/availability/${offering.id}?date=${day}`, { offeringId: offering.id });
    expect(slots.status).toBe(200);
    conforms(responseSchema("/api/v1/availability/{offeringId}", "GET", 200), slots.json);
  });

  it("documents a 429 for every /api/v1 operation, each of which is rate limited", async () => {
    const missing = documentedOperations.filter((o) => o.path.startsWith("/api/v1/"))
      .filter((o) => !(openApiDocument().paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[o.path][o.method.toLowerCase()].responses["429"]);
    expect(missing.map(key)).toEqual([]);
    // Changing and cancelling a booking are among them: past the per-IP limit they answer 429 as documented.
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id, 1);
    const token = { authorization: `Bearer ${bookingAccessToken(booking.id)}` };
    process.env.API_RATE_LIMIT_PER_IP = "1";
    resetEnvForTests();
    try {
      for (const [method, route] of [["PUT", putBookingRoute], ["DELETE", deleteBookingRoute]] as const) {
        const from = { [peerAddressHeader()]: uniqueClientAddress(), ...token, "content-type": "application/json", "idempotency-key": randomUUID() };
        const send = () => route(new Request(`http://localhost:3000/api/v1/bookings/${booking.reference}`, { method, headers: from, body: "{}" }),
          { params: Promise.resolve({ reference: booking.reference }) });
        await send();
        const refused = await send();
        expect(refused.status, method).toBe(429);
        expect(refused.headers.get("retry-after"), method).not.toBeNull();
        conforms(responseSchema("/api/v1/bookings/{reference}", method, 429), await refused.json());
      }
    } finally {
      process.env.API_RATE_LIMIT_PER_IP = "1000000";
      resetEnvForTests();
    }
  });

  it("documents a 413 for every operation that reads a JSON body, and answers it as documented", async () => {
    const paths = openApiDocument().paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    const missing = documentedOperations.map((o) => ({ o, op: paths[o.path][o.method.toLowerCase()] }))
      .filter(({ op }) => op.requestBody && !op.responses["413"]).map(({ o }) => key(o));
    expect(missing).toEqual([]);
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id, 1);
    const body = JSON.stringify({ attendees: [{ position: 1, firstName: "x".repeat(JSON_BODY_LIMIT), lastName: "Long", requirements: [] }] });
    const res = await putBookingRoute(new Request(`http://localhost:3000/api/v1/bookings/${booking.reference}`, {
      method: "PUT", headers: { authorization: `Bearer ${bookingAccessToken(booking.id)}`, "content-type": "application/json" }, body,
    }), { params: Promise.resolve({ reference: booking.reference }) });
    expect(res.status).toBe(413);
    conforms(responseSchema("/api/v1/bookings/{reference}", "PUT", 413), await res.json());
  });

  it("matches a time-slot booking's answer", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const created = await postSlotBooking(course.id, at(date, "10:00"), at(date, "12:00"), 1);
    expect(created.status).toBe(201);
    conforms(responseSchema("/api/v1/bookings", "POST", 201), created.json);
  });
});

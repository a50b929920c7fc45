// The OpenAPI 3.1 document of the public API, generated from the same zod schemas the routes validate
// with (lib/validations) and answer with (lib/api/responses). Served at /api/v1/openapi.json.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { createBookingSchema, createSlotBookingSchema } from "@/lib/validations/booking";
import { apiCheckInSchema } from "@/lib/validations/check-in";
import { cancellationRequestSchema } from "@/lib/validations/cancellation";
import { apiBookingChangeSchema } from "@/lib/validations/booking-change";
import { adminBookingListQuery } from "@/lib/validations/integrations";
import * as r from "./responses";

const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(r.errorBody, description);
// Every JSON body of the API is checked for fields it does not take (lib/validations/unknown-fields.ts).
const UNKNOWN_FIELDS = "a field the body does not take (a misspelt name, at any depth) is named at its path, and nothing is done";
const sessionId = z.object({ id: z.uuid().meta({ description: "Session id" }) });
const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests allowed in the window", schema: { type: "integer" as const } },
  "RateLimit-Remaining": { description: "Requests left in the window", schema: { type: "integer" as const } },
  "RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer" as const } },
};
const limited = {
  429: {
    description: "Rate limit used up (rate_limited): per client IP and per API key, and for bookings per IP and contact email",
    headers: { ...rateLimitHeaders, "Retry-After": { description: "Seconds to wait", schema: { type: "integer" as const } } },
    content: { "application/json": { schema: r.errorBody } },
  },
};
/** Routes that read a JSON body refuse one beyond their limit before parsing it. */
const tooLarge = { 413: error("The request body is beyond the route's limit (payload_too_large, with limitBytes)") };
/** Public routes: anonymous, or an API key that must then hold `scope`. */
const optionalKey = (scope: string): Record<string, string[]>[] => [{}, { apiKey: [scope] }];
/** A 401 with the challenge RFC 9110 asks for. */
const unauthorized = (description: string) => ({
  ...error(description),
  headers: { "WWW-Authenticate": { description: 'Bearer realm="turnout", with error="invalid_token" when a token was sent and refused', schema: { type: "string" as const } } },
});
const keyErrors = {
  401: unauthorized("A Bearer token that is not an active API key (unauthorized): malformed (cut short, mistyped, not a key), unknown or revoked"),
  403: error("The API key lacks the scope (forbidden)"),
};
/** Routes behind a booking's access token: a wrong token is their 404, but a token meant as an API key is judged as one. */
const tokenErrors = { 401: unauthorized("A token starting trn_ that is not an active API key (unauthorized); an active key does not open a booking either (404)") };
// What POST /api/v1/bookings takes: lib/validations/booking.ts's bookingRequestSchema picks the time-slot form when the
// body names an offeringId.
const bookingRequest = z.union([
  createBookingSchema.meta({ id: "SessionBookingRequest", description: "Places on a session of a course" }),
  createSlotBookingSchema.meta({
    id: "SlotBookingRequest",
    description: "A span of a time-slot offering (instead of sessionId): startsAt and endsAt are ISO instants with offset on slot " +
      "boundaries of one opening range; one place per attendee in every slot of the span, all or nothing, each slot's rate per attendee. " +
      "A full slot is a 409 insufficient_capacity with slot { startsAt, endsAt, localStart, localEnd, date } and the places it has left.",
  }),
]).meta({ description: "Sent with offeringId, the body is a SlotBookingRequest; otherwise a SessionBookingRequest" });
const reference = z.object({ reference: z.string().meta({ description: "Booking reference, e.g. TRN-AB12-CD34" }) });

const operations = {
  "/api/v1/courses": {
    get: {
      summary: "Courses and their upcoming sessions", security: optionalKey("catalogue:read"), tags: ["Catalogue"],
      description: "Active courses with each upcoming session's venue, price, places left and ticket types.",
      responses: { ...limited, ...keyErrors, 200: json(r.courseList, "The catalogue") },
    },
  },
  "/api/v1/sessions/{id}/availability": {
    get: {
      summary: "Places left on a session", security: optionalKey("catalogue:read"), tags: ["Catalogue"], requestParams: { path: sessionId },
      description: "Live counts (capacity, booked, held by checkouts in progress, available) and places left per ticket type.",
      responses: { ...limited, ...keyErrors, 200: json(r.sessionAvailability, "Availability"), 404: error("Unknown session (session_not_found)") },
    },
  },
  "/api/v1/sessions/{id}/seats": {
    get: {
      summary: "A session's seat map", security: optionalKey("catalogue:read"), tags: ["Catalogue"], requestParams: { path: sessionId },
      description: "Every seat of the session's seating plan with its state; plan is null for sessions without reserved seating.",
      responses: { ...limited, ...keyErrors, 200: json(r.seatMap, "The seat map"), 404: error("Unknown session (session_not_found)") },
    },
  },
  "/api/v1/requirement-templates": {
    get: {
      summary: "Special requirements attendees can choose", security: optionalKey("catalogue:read"), tags: ["Catalogue"],
      responses: { ...limited, ...keyErrors, 200: json(r.requirementTemplateList, "Active requirement templates") },
    },
  },
  "/api/v1/bookings": {
    post: {
      summary: "Create a booking", tags: ["Bookings"], security: optionalKey("bookings:create"),
      description: "Holds the places (and seats) while the customer pays at checkoutUrl. An Idempotency-Key makes retries, even " +
        "concurrent ones, return the first booking (200, Idempotent-Replayed: true); the same key with another body is a 409. " +
        "An optional discountCode is applied after the best automatic discount (group or early bird); the answer lists each discount. " +
        "Member prices, members-only presales and pointsToRedeem need a verified member: the request must carry the customer session " +
        "cookie (opened by a one-use emailed link, as on /my-bookings) whose email is a current member and the booking's contact email. " +
        "A member price comes off first (source member); points come off last (source points), each worth POINT_VALUE_MINOR minor units, " +
        "and are spent in the booking's transaction; they come back if the hold lapses or the places are cancelled.",
      requestParams: { header: z.object({ "idempotency-key": z.string().min(1).max(255).optional().meta({ description: "Retries with the same key create nothing new" }) }) },
      requestBody: { content: { "application/json": { schema: bookingRequest } } },
      responses: { ...limited, ...tooLarge,
        ...keyErrors,
        201: json(r.bookingCreated, "Created: places held until holdExpiresAt"),
        200: json(r.bookingCreated, "A replay of an earlier request with the same Idempotency-Key"),
        400: error("Invalid request, with field errors (invalid_request); an unknown, expired or not applicable discount code is the field discountCode; more points than the booking costs is the field pointsToRedeem; " +
          "a missing required answer, an answer of the wrong form or to a question the course does not ask is the field answers.booking.<questionId> or answers.attendees.<i>.<questionId>; " + UNKNOWN_FIELDS),
        404: error("Unknown session (session_not_found) or time-slot offering (offering_not_found)"),
        409: error("No room (insufficient_capacity, with available; for a time slot also slot; reason offered_to_waitlist when the seats left are kept for open waiting-list offers), a seat taken (seat_unavailable, with seats), the session not bookable, a reused Idempotency-Key, a used-up discount code (discount_unavailable, field discountCode), " +
          "points or a members-only presale without a verified member (member_required, field pointsToRedeem or attendees.N.ticketTypeId), or points beyond the balance (points_unavailable, with balance, field pointsToRedeem)"),
      },
    },
  },
  "/api/v1/bookings/{reference}": {
    get: {
      summary: "A booking, for its owner", tags: ["Bookings"], requestParams: { path: reference },
      security: [{ bookingToken: [] }],
      description: "The booking with its attendees, their requirements, its payments and its answers to the course's questions in the " +
        "shape POST /api/v1/bookings takes them (answers), except answers to questions marked sensitive, which are kept for staff: " +
        "withheldAnswers names them, as the confirmation email confirms them without repeating them.",
      responses: { ...limited, ...tokenErrors, 200: json(r.booking, "The booking"), 404: error("Unknown reference or wrong token (booking_not_found)") },
    },
    delete: {
      summary: "Cancel a booking or some of its attendees, or release the hold of one not yet paid", tags: ["Bookings"],
      description: "Cancels under the course's cancellation policy: the places are freed, the refund the policy allows goes back to the card, " +
        "a credit note is issued. Without attendeeIds (in a JSON body, or as ?attendeeIds=a,b) the whole booking is cancelled. Idempotency-Key is " +
        "required: a retry returns the first answer (Idempotent-Replayed: true) and refunds nothing more. A booking not yet paid (its checkout " +
        "given up) is released whole at once instead of when its hold ends: its places and seats go back, its checkout is closed, the answer is " +
        "a HoldRelease and the booking's status cancelled (booking.cancelled, reason released_by_client); a payment that still arrives is " +
        "refunded in full. Naming attendees of a booking not yet paid is a 409 (not_paid).",
      requestParams: {
        path: reference,
        header: z.object({ "idempotency-key": z.string().min(1).max(200).meta({ description: "One per cancellation request" }) }),
        query: z.object({ attendeeIds: z.string().optional().meta({ description: "Comma-separated attendee ids" }) }),
      },
      requestBody: { required: false, content: { "application/json": { schema: cancellationRequestSchema } } },
      security: [{ bookingToken: [] }],
      responses: { ...limited, ...tooLarge, ...tokenErrors,
        200: json(z.union([r.bookingCancellation, r.holdRelease]), "Cancelled, or the hold of a booking not yet paid released (or a replay of either)"),
        400: error(`Invalid request: a missing Idempotency-Key, or attendees not of this booking (invalid_request); ${UNKNOWN_FIELDS}`),
        404: error("Unknown reference or wrong token (booking_not_found)"),
        409: error("Already cancelled, not paid, the session has started (conflict, with reason), or a reused Idempotency-Key"),
      },
    },
    put: {
      summary: "Change a paid booking", tags: ["Bookings"], requestParams: {
        path: reference,
        header: z.object({ "idempotency-key": z.string().min(1).max(255).optional().meta({ description: "Retries with the same key change nothing more" }) }),
      },
      security: [{ bookingToken: [] }],
      description: "Until the course's cut-off (hours before the start): change attendees (by position) and their requirements, add attendees " +
        "(places taken now; pay amountOwed at checkoutUrl), or move to another session of the same course (a dearer one is paid at " +
        "checkoutUrl, a cheaper one refunded with a credit note). All or nothing; every change is kept in the booking's history and the " +
        "tickets are emailed again. A retry with the same Idempotency-Key answers the booking as it is (Idempotent-Replayed: true).",
      requestBody: { content: { "application/json": { schema: apiBookingChangeSchema } } },
      responses: { ...limited, ...tooLarge, ...tokenErrors,
        200: json(r.bookingChangeResult, "Changed (or a replay)"),
        400: error(`Invalid request, with field errors (invalid_request); ${UNKNOWN_FIELDS}`),
        404: error("Unknown reference or wrong token (booking_not_found)"),
        409: error("Past the cut-off, cancelled or not paid (change_not_allowed), no room (insufficient_capacity), the session not bookable, or a reused Idempotency-Key"),
      },
    },
  },
  "/api/v1/bookings/{reference}/qr": {
    get: {
      summary: "A booking's ticket QR codes", tags: ["Tickets"], requestParams: {
        path: reference,
        query: z.object({ position: z.string().optional().meta({ description: "One attendee's ticket as a PNG image" }) }),
      },
      security: [{ bookingToken: [] }],
      responses: { ...limited, ...tokenErrors,
        200: { description: "An SVG per valid ticket (JSON), or one PNG with ?position", content: {
          "application/json": { schema: r.ticketCodes }, "image/png": { schema: z.string().meta({ format: "binary" }) } } },
        404: error("Unknown reference, wrong token, or no valid ticket at that position"),
      },
    },
  },
  "/api/v1/bookings/{reference}/tickets.pdf": {
    get: {
      summary: "A booking's tickets as a PDF, one per page", tags: ["Tickets"], requestParams: { path: reference },
      security: [{ bookingToken: [] }],
      responses: { ...limited, ...tokenErrors,
        200: { description: "The PDF", content: { "application/pdf": { schema: z.string().meta({ format: "binary" }) } } },
        404: error("Unknown reference, wrong token, or no valid ticket"),
      },
    },
  },
  "/api/v1/check-ins": {
    post: {
      summary: "Check a ticket in at the door", tags: ["Check-in"], security: [{ staffSession: [] }, { apiKey: ["checkin:write"] }] as Record<string, string[]>[],
      description: "The same outcomes as the door page; only the scan is recorded. A repeated clientId (or Idempotency-Key) for the same scan returns the first answer (200, replayed: true); reused for another scan it is a 409 idempotency_key_reused.",
      requestBody: { content: { "application/json": { schema: apiCheckInSchema } } },
      responses: { ...limited, ...tooLarge,
        200: json(r.checkInOutcome, "The first answer to this clientId again (replayed: true)"),
        201: json(r.checkInOutcome, "Checked in"),
        400: error(`Invalid request, with field errors (invalid_request); ${UNKNOWN_FIELDS}`),
        401: unauthorized("Not signed in, or a malformed, unknown or revoked API key"), 403: error("Not door staff or an admin, or an API key without checkin:write"),
        404: json(r.checkInOutcome, "Unknown ticket"),
        409: { description: "Already checked in (who and when), or a ticket for another session (an outcome); or a clientId or Idempotency-Key reused for another scan (an error, idempotency_key_reused)",
          content: { "application/json": { schema: z.union([r.checkInOutcome, r.errorBody]) } } },
        410: json(r.checkInOutcome, "Revoked, refunded or cancelled"),
        422: json(r.checkInOutcome, "Not a ticket code"),
      },
    },
  },
  "/api/v1/admin/bookings": {
    get: {
      summary: "Bookings, newest first", tags: ["Staff API"], security: [{ apiKey: ["bookings:read"] }],
      description: "Filtered by status, session, contact email and creation time; at most limit per page, continued with nextCursor.",
      requestParams: { query: adminBookingListQuery },
      responses: {
        ...limited, ...keyErrors,
        200: json(r.adminBookingList, "A page of bookings"),
        400: error("Invalid filter or cursor (invalid_request)"),
      },
    },
  },
  "/api/v1/admin/bookings/{reference}": {
    get: {
      summary: "A booking with attendees, needs, answers and payments", tags: ["Staff API"], security: [{ apiKey: ["bookings:read"] }],
      requestParams: { path: reference },
      description: "As GET /api/v1/bookings/{reference}, with every answer to the course's questions, sensitive ones included (as needs " +
        "are): withheldAnswers is empty. A key without bookings:read answers 403.",
      responses: { ...limited, ...keyErrors, 200: json(r.booking, "The booking"), 404: error("Unknown reference (booking_not_found)") },
    },
  },
  "/api/v1/admin/sessions/{id}/attendees": {
    get: {
      summary: "A session's attendees with their needs", tags: ["Staff API"], security: [{ apiKey: ["bookings:read"] }],
      description: "Every place of the session's pending and confirmed bookings with the attendee's requirements and check-in time.",
      requestParams: { path: sessionId },
      responses: {
        ...limited, ...keyErrors,
        200: json(r.sessionAttendees, "The attendees"), 400: error("Not a valid id"), 404: error("Unknown session (session_not_found)"),
      },
    },
  },
  "/api/v1/locations": {
    get: { summary: "Locations with opening hours", tags: ["Time slots"], security: optionalKey("catalogue:read"), responses: { ...limited, ...keyErrors, 200: json(r.locationList, "Locations") } },
  },
  "/api/v1/locations/{id}": {
    get: {
      summary: "A location with its closures", security: optionalKey("catalogue:read"), tags: ["Time slots"], requestParams: { path: z.object({ id: z.uuid() }) },
      responses: { ...limited, ...keyErrors, 200: json(r.location, "The location"), 404: error("Unknown location") },
    },
  },
  "/api/v1/availability/{offeringId}": {
    get: {
      summary: "Slots of a time-slot offering on a day", security: optionalKey("catalogue:read"), tags: ["Time slots"],
      requestParams: { path: z.object({ offeringId: z.uuid() }), query: z.object({ date: z.string().meta({ description: "YYYY-MM-DD, the location's local date" }) }) },
      description: "Each slot's places left, rate and whether it is peak; a closed, past or too-distant day answers no slots and the reason. " +
        "rules gives what a booking of the offering must keep to: slot length, shortest and longest span, the dates that can be booked, " +
        "and the allowed ages (minAgeYears, maxAgeYears) a date_of_birth answer is checked against on the booked date.",
      responses: { ...limited, ...keyErrors, 200: json(r.slotAvailability, "The day's slots"), 400: error("Missing or invalid date"), 404: error("Unknown offering") },
    },
  },
  "/api/v1/openapi.json": {
    get: { summary: "This document", tags: ["Meta"], responses: { ...limited, 401: keyErrors[401], 200: { description: "OpenAPI 3.1 document" } } },
  },
  "/api/health": {
    get: {
      summary: "Health", tags: ["Meta"],
      responses: { 200: json(r.health, "Up"), 503: json(r.health, "The database is unreachable") },
    },
  },
} satisfies ZodOpenApiPathsObject;

/** Every documented path and method: the contract test compares it with the route files. */
export const documentedOperations = Object.entries(operations).flatMap(([path, methods]) =>
  Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));

/** The answer schema for a documented path, method and status. */
export function responseSchema(path: keyof typeof operations, method: string, status: number): z.ZodType | null {
  const op = (operations[path] as Record<string, ZodOpenApiOperationObject>)[method.toLowerCase()];
  const response = (op?.responses as Record<number, unknown> | undefined)?.[status] as { content?: { "application/json"?: { schema?: z.ZodType } } } | undefined;
  return response?.content?.["application/json"]?.schema ?? null;
}

let cached: ReturnType<typeof createDocument> | null = null;

export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Turnout API", version: "1.0.0",
      description: "Courses, sessions, seats and bookings. Amounts are integer minor units with a currency code; times are ISO 8601 in UTC. " +
        "Every /api/v1 answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers; a used-up limit answers 429 with Retry-After. " +
        "A path no route serves answers 404 not_found, and a method a path does not support 405 method_not_allowed with an Allow header, both as Error.",
    },
    servers: [{ url: "/" }],
    paths: operations,
    components: {
      securitySchemes: {
        bookingToken: { type: "http", scheme: "bearer", description: "The accessToken returned when the booking was created" },
        staffSession: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in staff member (door or admin)" },
        apiKey: {
          type: "http", scheme: "bearer", bearerFormat: "trn_<8 characters>_<secret>",
          description: "An API key created by an admin at /admin/api-keys, with scopes catalogue:read, bookings:create, bookings:read and " +
            "checkin:write. On every route, a Bearer token that is not an active key (malformed, unknown or revoked) answers 401 and is never " +
            "taken for no key; a key without the operation's scope 403. Requests are limited per key and per IP.",
        },
      },
    },
  });
  return cached;
}

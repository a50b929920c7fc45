// Custom questions through the REST API: GET /api/v1/courses lists what each course asks, POST /api/v1/bookings
// takes the answers, checks them as the wizard does and stores them as it does; bad answers (a required one
// missing, the wrong form, a question not asked) are a 400 at their paths and write nothing. The OpenAPI document
// describes both from the same zod schemas. A booking read back carries its answers in the shape they were sent:
// the booking's access token without the sensitive ones (named instead), an API key with bookings:read with all.
// A time-slot offering's allowed ages are in its availability's rules.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { GET as getCourses } from "@/app/api/v1/courses/route";
import { GET as getDocument } from "@/app/api/v1/openapi.json/route";
import { GET as getOwnBooking } from "@/app/api/v1/bookings/[reference]/route";
import { GET as getStaffBooking } from "@/app/api/v1/admin/bookings/[reference]/route";
import { bookingAnswers, courseQuestions } from "@/db/schema";
import { responseSchema } from "@/lib/api/openapi";
import { createApiKey } from "@/lib/api-keys/keys";
import { createBooking } from "@/lib/booking/create-booking";
import { bookingAccessToken } from "@/lib/booking/reference";
import { createBookingSchema } from "@/lib/validations/booking";
import { bookingBody, callGet, createSessionFixture, db, postBooking, rowCounts } from "../fixtures";
import { at, createSlotOfferingFixture, futureDate, getAvailability, postSlotBooking } from "../slot-fixtures";

const admin = { id: null, email: "test:api-booking-answers" } as const;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function courseWithQuestions() {
  const fx = await createSessionFixture({ capacity: 20 });
  const [diet, size, days, photos, archived] = await db().insert(courseQuestions).values([
    { courseId: fx.course.id, kind: "short_text", scope: "per_attendee", label: "Dietary needs", help: "Tell the kitchen", required: true, sensitive: true, sortOrder: 1 },
    { courseId: fx.course.id, kind: "single_choice", scope: "per_attendee", label: "T-shirt size", options: ["S", "M", "L"], required: false, sortOrder: 2 },
    { courseId: fx.course.id, kind: "multiple_choice", scope: "per_booking", label: "Lunch days", options: ["Mon", "Tue"], required: false, sortOrder: 3 },
    { courseId: fx.course.id, kind: "yes_no", scope: "per_booking", label: "Photos allowed", required: true, sortOrder: 4 },
    { courseId: fx.course.id, kind: "short_text", scope: "per_booking", label: "No longer asked", required: true, sortOrder: 5, archivedAt: new Date() },
  ]).returning();
  return { ...fx, q: { diet, size, days, photos, archived } };
}

async function answerRows(bookingId: string) {
  return db().select().from(bookingAnswers).where(eq(bookingAnswers.bookingId, bookingId));
}

async function answerCount() {
  const [row] = await db().execute<{ n: number }>(sql`select count(*)::int as n from booking_answers`);
  return row.n;
}

describe("custom questions through the REST API", () => {
  it("GET /api/v1/courses lists each course's questions as the wizard asks them", async () => {
    const { course, q } = await courseWithQuestions();
    const res = await callGet(getCourses, "/api/v1/courses", {});
    expect(res.status).toBe(200);
    expect(responseSchema("/api/v1/courses", "GET", 200)!.safeParse(res.json).success).toBe(true);
    const listed = res.json.courses.find((c: { id: string }) => c.id === course.id);
    expect(listed.questions).toEqual([
      { id: q.diet.id, kind: "short_text", scope: "per_attendee", label: "Dietary needs", help: "Tell the kitchen", required: true, options: [], sensitive: true },
      { id: q.size.id, kind: "single_choice", scope: "per_attendee", label: "T-shirt size", help: null, required: false, options: ["S", "M", "L"], sensitive: false },
      { id: q.days.id, kind: "multiple_choice", scope: "per_booking", label: "Lunch days", help: null, required: false, options: ["Mon", "Tue"], sensitive: false },
      { id: q.photos.id, kind: "yes_no", scope: "per_booking", label: "Photos allowed", help: null, required: true, options: [], sensitive: false },
    ]);
    // A course without questions lists none.
    const plain = await createSessionFixture();
    const again = await callGet(getCourses, "/api/v1/courses", {});
    expect(again.json.courses.find((c: { id: string }) => c.id === plain.course.id).questions).toEqual([]);
  });

  it("POST /api/v1/bookings stores each attendee's answers and the booking's, as the wizard does", async () => {
    const { session, q } = await courseWithQuestions();
    const res = await postBooking(bookingBody(session.id, 2, {
      answers: {
        booking: { [q.days.id]: ["Tue"], [q.photos.id]: "no" },
        attendees: [{ [q.diet.id]: "Vegan", [q.size.id]: "M" }, { [q.diet.id]: "None", [q.size.id]: null }],
      },
    }));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const rows = await answerRows(res.json.bookingId);
    const sorted = (list: unknown[][]) => list.map((r) => JSON.stringify(r)).sort();
    expect(sorted(rows.map((r) => [r.label, r.value, r.sensitive, r.attendeeId === null]))).toEqual(sorted([
      ["Dietary needs", "Vegan", true, false],
      ["Dietary needs", "None", true, false],
      ["T-shirt size", "M", false, false],
      ["Lunch days", ["Tue"], false, true],
      ["Photos allowed", false, false, true],
    ]));
  });

  it("refuses missing required answers, answers of the wrong form and answers to questions not asked, writing nothing", async () => {
    const { session, q } = await courseWithQuestions();
    const before = await rowCounts();
    const answersBefore = await answerCount();
    const post = (answers: unknown, attendees = 2) => postBooking(bookingBody(session.id, attendees, { answers }), { idempotencyKey: randomUUID() });

    const missing = await post({ attendees: [{ [q.size.id]: "XL" }] });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("invalid_request");
    expect(missing.json.error.fields).toEqual({
      [`answers.booking.${q.photos.id}`]: "Answer “Photos allowed”",
      [`answers.attendees.0.${q.diet.id}`]: "Answer “Dietary needs”",
      [`answers.attendees.0.${q.size.id}`]: "Choose one of the answers to “T-shirt size”",
      [`answers.attendees.1.${q.diet.id}`]: "Answer “Dietary needs”",
    });

    const unknownId = randomUUID();
    const unasked = await post({
      booking: { [q.photos.id]: true, [unknownId]: "?", [q.diet.id]: "Vegan", [q.archived.id]: "old" },
      attendees: [{ [q.diet.id]: "Vegan", [q.days.id]: ["Mon"] }, { [q.diet.id]: "Vegan" }],
    });
    expect(unasked.status).toBe(400);
    expect(unasked.json.error.fields).toEqual({
      [`answers.booking.${unknownId}`]: "This course asks no question with this id",
      [`answers.booking.${q.archived.id}`]: "This course asks no question with this id",
      [`answers.booking.${q.diet.id}`]: "“Dietary needs” is asked of each attendee: answer it in answers.attendees",
      [`answers.attendees.0.${q.days.id}`]: "“Lunch days” is asked once per booking: answer it in answers.booking",
    });

    const malformed = await post({ booking: { [q.photos.id]: { yes: true } }, attendees: [{ [q.diet.id]: "Vegan" }, { [q.diet.id]: "Vegan" }, { [q.diet.id]: "Vegan" }] });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.fields).toEqual({
      [`answers.booking.${q.photos.id}`]: "An answer is text, a number, true or false, or a list of choices",
    });
    const tooMany = await post({ booking: { [q.photos.id]: true }, attendees: [{ [q.diet.id]: "Vegan" }, { [q.diet.id]: "Vegan" }, { [q.diet.id]: "Vegan" }] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.fields).toEqual({ "answers.attendees": "More answers than attendees" });

    // A course that asks nothing takes no answers through the API.
    const plain = await createSessionFixture();
    const none = await postBooking(bookingBody(plain.session.id, 1, { answers: { booking: { [unknownId]: "?" } } }));
    expect(none.status).toBe(400);
    expect(none.json.error.fields).toEqual({ [`answers.booking.${unknownId}`]: "This course asks no question with this id" });

    expect(await rowCounts()).toEqual(before);
    expect(await answerCount()).toBe(answersBefore);
  });

  it("the wizard drops an answer to a question it no longer asks (a draft kept from before), as before", async () => {
    const { session, q } = await courseWithQuestions();
    const input = createBookingSchema.parse(bookingBody(session.id, 1, {
      answers: { booking: { [q.photos.id]: true, [q.archived.id]: "old" }, attendees: [{ [q.diet.id]: "Vegan" }] },
    }));
    const created = await createBooking(db(), input, { idempotencyKey: `wizard:${randomUUID()}` });
    expect((await answerRows(created.bookingId)).map((r) => r.questionId).sort()).toEqual([q.photos.id, q.diet.id].sort());
  });

  it("is described in the OpenAPI document from the same schemas: the questions a course asks and the answers a booking takes", async () => {
    const doc = (await callGet(getDocument, "/api/v1/openapi.json", {})).json;
    const schemas = doc.components.schemas;
    expect(schemas.CourseQuestion.required).toEqual(["id", "kind", "scope", "label", "help", "required", "options", "sensitive"]);
    expect(schemas.CourseQuestion.properties.sensitive.description).toMatch(/withheldAnswers/);
    expect(schemas.CourseQuestion.properties.kind.enum).toEqual(
      ["short_text", "long_text", "number", "date", "single_choice", "multiple_choice", "yes_no", "date_of_birth", "phone"]);
    expect(schemas.CourseQuestion.properties.scope.enum).toEqual(["per_attendee", "per_booking"]);
    expect(schemas.CourseList.properties.courses.items.properties.questions).toMatchObject({ type: "array", items: { $ref: "#/components/schemas/CourseQuestion" } });
    for (const request of ["SessionBookingRequest", "SlotBookingRequest"])
      expect(schemas[request].properties.answers, request).toEqual({ $ref: "#/components/schemas/BookingAnswers" });
    expect(schemas.BookingAnswers.properties.booking.additionalProperties).toEqual({ $ref: "#/components/schemas/AnswerValue" });
    expect(schemas.BookingAnswers.properties.attendees.items.additionalProperties).toEqual({ $ref: "#/components/schemas/AnswerValue" });
    expect(schemas.AnswerValue.anyOf.map((s: { type: string }) => s.type)).toEqual(["string", "number", "boolean", "array", "null"]);
    expect(doc.paths["/api/v1/bookings"].post.responses["400"].description).toMatch(/answers\.attendees\.<i>\.<questionId>/);
  });
});

/** A booking of two attendees answering every question, with the places' positions known. */
async function bookingWithAnswers() {
  const fx = await courseWithQuestions();
  const { q } = fx;
  const res = await postBooking(bookingBody(fx.session.id, 2, {
    answers: {
      booking: { [q.days.id]: ["Tue"], [q.photos.id]: "no" },
      attendees: [{ [q.diet.id]: "Vegan", [q.size.id]: "M" }, { [q.diet.id]: "None", [q.size.id]: "" }],
    },
  }));
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { ...fx, created: res.json as { bookingId: string; reference: string; accessToken: string } };
}

describe("a booking's answers read back through the REST API", () => {
  it("the booking's access token reads them in the shape they were sent, sensitive answers named but not repeated", async () => {
    const { q, created } = await bookingWithAnswers();
    const res = await callGet(getOwnBooking, "/", { reference: created.reference }, bearer(created.accessToken));
    expect(res.status).toBe(200);
    expect(responseSchema("/api/v1/bookings/{reference}", "GET", 200)!.safeParse(res.json).success).toBe(true);
    // "no" was stored as false; a blank optional answer was not stored; "Dietary needs" is sensitive (admins only).
    expect(res.json.booking.answers).toEqual({
      booking: { [q.days.id]: ["Tue"], [q.photos.id]: false },
      attendees: [{ [q.size.id]: "M" }, {}],
    });
    expect(res.json.booking.withheldAnswers).toEqual({ booking: [], attendees: [[q.diet.id], [q.diet.id]] });
    expect(JSON.stringify(res.json)).not.toContain("Vegan");
    // Position by position: answers.attendees[i] belongs to attendees[i].
    expect(res.json.booking.attendees.map((a: { position: number }) => a.position)).toEqual([1, 2]);
  });

  it("an API key with bookings:read reads every answer, sensitive ones too, as it reads needs", async () => {
    const { q, created } = await bookingWithAnswers();
    const { key } = await createApiKey(db(), admin, { name: "CRM", scopes: ["bookings:read"] });
    const res = await callGet(getStaffBooking, "/", { reference: created.reference }, bearer(key));
    expect(res.status).toBe(200);
    expect(responseSchema("/api/v1/admin/bookings/{reference}", "GET", 200)!.safeParse(res.json).success).toBe(true);
    expect(res.json.booking.answers).toEqual({
      booking: { [q.days.id]: ["Tue"], [q.photos.id]: false },
      attendees: [{ [q.diet.id]: "Vegan", [q.size.id]: "M" }, { [q.diet.id]: "None" }],
    });
    expect(res.json.booking.withheldAnswers).toEqual({ booking: [], attendees: [[], []] });
  });

  it("refuses them to a key without bookings:read (403), to no key or a bad one (401), and to a wrong token (404)", async () => {
    const { created } = await bookingWithAnswers();
    const { key: catalogueOnly } = await createApiKey(db(), admin, { name: "Site", scopes: ["catalogue:read", "bookings:create"] });
    const denied = await callGet(getStaffBooking, "/", { reference: created.reference }, bearer(catalogueOnly));
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("forbidden");
    expect(JSON.stringify(denied.json)).not.toContain("Vegan");
    const anonymous = await callGet(getStaffBooking, "/", { reference: created.reference });
    expect(anonymous.status).toBe(401);
    expect((await callGet(getStaffBooking, "/", { reference: created.reference }, bearer(catalogueOnly.slice(0, -3)))).status).toBe(401);
    // The owner's route: another booking's token, or an active key (even one with bookings:read), opens nothing.
    const other = await bookingWithAnswers();
    const wrongToken = await callGet(getOwnBooking, "/", { reference: created.reference }, bearer(other.created.accessToken));
    expect(wrongToken.status).toBe(404);
    expect(wrongToken.json.error.code).toBe("booking_not_found");
    const { key: reader } = await createApiKey(db(), admin, { name: "CRM", scopes: ["bookings:read"] });
    expect((await callGet(getOwnBooking, "/", { reference: created.reference }, bearer(reader))).status).toBe(404);
  });

  it("a booking of a course without questions reads back empty maps, one per attendee", async () => {
    const { session } = await createSessionFixture();
    const res = await postBooking(bookingBody(session.id, 2));
    expect(res.status).toBe(201);
    const read = await callGet(getOwnBooking, "/", { reference: res.json.reference }, bearer(bookingAccessToken(res.json.bookingId)));
    expect(read.json.booking.answers).toEqual({ booking: {}, attendees: [{}, {}] });
    expect(read.json.booking.withheldAnswers).toEqual({ booking: [], attendees: [[], []] });
  });

  it("is described in the OpenAPI document from the same schemas as the request's answers", async () => {
    const doc = (await callGet(getDocument, "/api/v1/openapi.json", {})).json;
    const schemas = doc.components.schemas;
    const booking = schemas.Booking.properties.booking;
    expect(booking.required).toEqual(expect.arrayContaining(["answers", "withheldAnswers"]));
    expect(booking.properties.answers.$ref).toBe("#/components/schemas/RecordedBookingAnswers");
    expect(schemas.RecordedBookingAnswers.required).toEqual(["booking", "attendees"]);
    // The same AnswerValue as BookingAnswers, the request's answers.
    expect(schemas.RecordedBookingAnswers.properties.booking.additionalProperties).toEqual({ $ref: "#/components/schemas/AnswerValue" });
    expect(schemas.RecordedBookingAnswers.properties.attendees.items.additionalProperties).toEqual({ $ref: "#/components/schemas/AnswerValue" });
    expect(booking.properties.withheldAnswers.required).toEqual(["booking", "attendees"]);
    expect(booking.properties.answers.description).toMatch(/sensitive/);
    // PUT answers the booking in the same shape.
    expect(schemas.BookingChangeResult.properties.booking.properties.answers.$ref).toBe("#/components/schemas/RecordedBookingAnswers");
    const rules = schemas.SlotAvailability.properties.rules;
    expect(rules.required).toEqual(expect.arrayContaining(["minAgeYears", "maxAgeYears"]));
    expect(rules.properties.minAgeYears.anyOf.map((s: { type: string }) => s.type)).toEqual(["integer", "null"]);
    expect(doc.paths["/api/v1/availability/{offeringId}"].get.description).toMatch(/minAgeYears/);
  });
});

describe("a time-slot offering's allowed ages through the REST API", () => {
  it("are in the availability's rules, and are what a date of birth is checked against", async () => {
    const { course, venue } = await createSlotOfferingFixture({ minAgeYears: 3, maxAgeYears: 11 });
    const [dob] = await db().insert(courseQuestions).values({
      courseId: course.id, kind: "date_of_birth", scope: "per_attendee", label: "Date of birth", required: true, sensitive: true,
    }).returning();
    const date = futureDate(venue.timeZone);
    const res = await getAvailability(course.id, date);
    expect(res.status).toBe(200);
    expect(responseSchema("/api/v1/availability/{offeringId}", "GET", 200)!.safeParse(res.json).success).toBe(true);
    expect(res.json.rules).toMatchObject({ minAgeYears: 3, maxAgeYears: 11 });

    const yearsBefore = (years: number, days = 0) => {
      const d = new Date(`${date}T12:00:00Z`);
      d.setUTCFullYear(d.getUTCFullYear() - years);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const book = (dateOfBirth: string) => postSlotBooking(course.id, at(date, "10:00"), at(date, "11:00"), 1, {
      answers: { attendees: [{ [dob.id]: dateOfBirth }] },
    });
    // A day short of 3 on the booked date is refused; 3 on the day is taken, and read back by a bookings:read key.
    const young = await book(yearsBefore(3, 1));
    expect(young.status).toBe(400);
    expect(Object.keys(young.json.error.fields)).toEqual([`answers.attendees.0.${dob.id}`]);
    expect((await book(yearsBefore(12))).status).toBe(400);
    const ok = await book(yearsBefore(3));
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    const { key } = await createApiKey(db(), admin, { name: "CRM", scopes: ["bookings:read"] });
    const read = await callGet(getStaffBooking, "/", { reference: ok.json.reference }, bearer(key));
    expect(read.json.booking.answers).toEqual({ booking: {}, attendees: [{ [dob.id]: yearsBefore(3) }] });
    const own = await callGet(getOwnBooking, "/", { reference: ok.json.reference }, bearer(ok.json.accessToken));
    expect(own.json.booking.answers).toEqual({ booking: {}, attendees: [{}] });
    expect(own.json.booking.withheldAnswers).toEqual({ booking: [], attendees: [[dob.id]] });
  });

  it("are null where the offering sets none", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const res = await getAvailability(course.id, futureDate(venue.timeZone));
    expect(res.json.rules).toMatchObject({ minAgeYears: null, maxAgeYears: null });
  });
});

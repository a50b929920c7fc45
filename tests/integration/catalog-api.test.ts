// The public read endpoints: health, courses, requirement templates, session availability.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { courseSessions, venues } from "@/db/schema";
import { listUpcomingSessions } from "@/db/queries/catalog";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getCourses } from "@/app/api/v1/courses/route";
import { GET as getTemplates } from "@/app/api/v1/requirement-templates/route";
import { GET as getAvailability } from "@/app/api/v1/sessions/[id]/availability/route";
import { resetEnvForTests } from "@/lib/env";
import { bookingBody, callGet, createBookingViaApi, createSessionFixture, db, postBooking } from "../fixtures";

describe("test database", () => {
  it("points the app at this run's fresh database", async () => {
    const url = inject("databaseUrl");
    expect(url).toMatch(/\/turnout_test_[0-9a-f]{12}$/);
    expect(process.env.DATABASE_URL).toBe(url);
    const [row] = await db().execute<{ name: string }>(sql`select current_database() as name`);
    expect(row.name).toBe(new URL(url).pathname.slice(1));
  });
});

describe("GET /api/health", () => {
  it("answers 200 with the database up", async () => {
    const res = await getHealth();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "up", mail: { transport: "outbox", status: "ok" } });
  });
});

describe("GET /api/v1/courses", () => {
  it("lists active courses with their upcoming sessions and live availability", async () => {
    const { course, session, venue } = await createSessionFixture({ capacity: 8, placesBooked: 2 });
    await createBookingViaApi(session.id, 3);

    const res = await callGet(getCourses, "/api/v1/courses", {});
    expect(res.status).toBe(200);
    const listed = res.json.courses.find((c: { id: string }) => c.id === course.id);
    expect(listed).toMatchObject({ id: course.id, slug: course.slug, title: course.title, category: "Testing" });
    expect(listed.sessions).toEqual([{
      id: session.id,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      venue: { id: venue.id, name: venue.name, city: "London", timeZone: "Europe/London" },
      priceAmount: 12_000,
      depositAmount: 3_000,
      currency: "GBP",
      capacity: 8,
      available: 3,
      seated: false,
      // A course's one default type, at the course price, with the session's places left.
      ticketTypes: [{
        id: expect.any(String), name: "Standard", description: null, priceAmount: 12_000, depositAmount: 3_000, currency: "GBP",
        quota: null, available: 3, seatClass: null, onSale: true, onSaleFrom: null, onSaleUntil: null, minPerBooking: 0, maxPerBooking: 12,
      }],
    }]);
    // The seeded catalogue is there too.
    expect(res.json.courses.map((c: { slug: string }) => c.slug)).toContain("first-aid-at-work");
  });
});

describe("GET /api/v1/requirement-templates", () => {
  it("lists the active templates with the fields the wizard needs", async () => {
    const res = await callGet(getTemplates, "/api/v1/requirement-templates", {});
    expect(res.status).toBe(200);
    expect(res.json.templates.length).toBeGreaterThanOrEqual(16);
    const severe = res.json.templates.find((t: { code: string }) => t.code === "allergy_severe");
    expect(severe).toEqual({
      id: expect.any(String), code: "allergy_severe", category: "allergy",
      label: "Severe allergy (risk of anaphylaxis)", priority: "critical", detailsRequired: true,
    });
  });
});

describe("GET /api/v1/sessions/{id}/availability", () => {
  it("reports capacity, booked, held and available places", async () => {
    const { session } = await createSessionFixture({ capacity: 10, placesBooked: 4 });
    await createBookingViaApi(session.id, 2);
    const res = await callGet(getAvailability, `/api/v1/sessions/${session.id}/availability`, { id: session.id });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toEqual({
      sessionId: session.id, capacity: 10, booked: 4, held: 2, notForSale: 0, available: 4,
      ticketTypes: [expect.objectContaining({ name: "Standard", priceAmount: 12_000, quota: null, available: 4 })],
    });
  });

  it("offers a deposit only where a booking made now could pay one, as checkout decides", async () => {
    // The balance falls due BALANCE_DUE_DAYS (14) before the start: 10 days ahead is too near, 40 is not.
    const near = await createSessionFixture({ depositAmount: 3_000, startsInDays: 10 });
    const far = await createSessionFixture({ depositAmount: 3_000, startsInDays: 40 });
    const typesOf = async (id: string) => (await callGet(getAvailability, `/api/v1/sessions/${id}/availability`, { id })).json.ticketTypes;
    const deposits = async (id: string) => (await typesOf(id)).map((t: { depositAmount: number | null }) => t.depositAmount);
    const { json } = await callGet(getCourses, "/api/v1/courses", {});
    const listed = (courseId: string) => json.courses.find((c: { id: string }) => c.id === courseId).sessions[0];
    const nearTypes = await deposits(near.session.id);
    const farTypes = await deposits(far.session.id);
    expect(listed(near.course.id).depositAmount).toBeNull();
    expect(listed(far.course.id).depositAmount).toBe(3_000);
    expect(nearTypes.every((d: number | null) => d === null)).toBe(true);
    expect(farTypes).toEqual(farTypes.map(() => expect.anything()));
    // What the listing offers, checkout takes: near, a deposit is refused; far, it is the deposit listed.
    const nearBooking = await postBooking(bookingBody(near.session.id, 1, { paymentOption: "deposit" }));
    expect(nearBooking.status).toBe(400);
    const farBooking = await postBooking(bookingBody(far.session.id, 1, { paymentOption: "deposit" }));
    expect(farBooking.status, JSON.stringify(farBooking.json)).toBe(201);
    expect(farBooking.json.amountDue).toBe(listed(far.course.id).depositAmount);
  });

  it("answers 404 for an unknown session and for an id that is not a uuid", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const a = await callGet(getAvailability, `/api/v1/sessions/${unknown}/availability`, { id: unknown });
    expect(a.status).toBe(404);
    expect(a.json.error.code).toBe("session_not_found");
    const b = await callGet(getAvailability, "/api/v1/sessions/nope/availability", { id: "nope" });
    expect(b.status).toBe(404);
  });
});

describe("listUpcomingSessions date filter", () => {
  it("filters by the calendar day where the session takes place, in its venue's time zone", async () => {
    const { session, venue, course } = await createSessionFixture();
    await db().update(venues).set({ timeZone: "America/New_York" }).where(eq(venues.id, venue.id));
    // 21:00 in New York on 10 March 2031 is 01:00 UTC on 11 March.
    const startsAt = new Date("2031-03-11T01:00:00Z");
    await db().update(courseSessions).set({ startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) }).where(eq(courseSessions.id, session.id));

    const on = (day: string) => listUpcomingSessions(db(), { courseId: course.id, fromDay: day, toDay: day });
    expect((await on("2031-03-10")).map((s) => s.id)).toEqual([session.id]);
    expect(await on("2031-03-11")).toEqual([]);
  });
});

describe("the public listing cache", () => {
  it("lets listed places lag for its period while booking still checks the database", async () => {
    const { session, course } = await createSessionFixture({ capacity: 2 });
    const availability = () => callGet(getAvailability, `/api/v1/sessions/${session.id}/availability`, { id: session.id }).then((r) => r.json);
    const listed = async () => {
      const { json } = await callGet(getCourses, "/api/v1/courses", {});
      return json.courses.find((c: { id: string }) => c.id === course.id).sessions[0].available;
    };
    process.env.CATALOGUE_CACHE_SECONDS = "60";
    resetEnvForTests();
    try {
      expect((await availability()).available).toBe(2);
      expect(await listed()).toBe(2);
      await createBookingViaApi(session.id, 2);
      // Still within the cache period: the listings show what they read before the booking.
      expect((await availability()).available).toBe(2);
      expect(await listed()).toBe(2);
      // The booking step does not trust them: the session is full.
      const refused = await postBooking(bookingBody(session.id, 1));
      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({ code: "insufficient_capacity", available: 0 });
    } finally {
      process.env.CATALOGUE_CACHE_SECONDS = "0";
      resetEnvForTests();
    }
    // Read through again: the live figure.
    expect((await availability()).available).toBe(0);
    expect(await listed()).toBe(0);
  });
});

describe("the session listing's categories", () => {
  it("offers only categories with an upcoming session to list, not a time-slot offering's or one with no dates ahead", async () => {
    const { createSlotOfferingFixture } = await import("../slot-fixtures");
    const { listCategories } = await import("@/db/queries/catalog");
    const { courses } = await import("@/db/schema");
    const recategorise = async (courseId: string, category: string) => {
      await db().update(courses).set({ category }).where(eq(courses.id, courseId));
      return category;
    };
    const listed = await createSessionFixture();
    const past = await createSessionFixture({ startsInDays: -3 });
    const slots = await createSlotOfferingFixture();
    const tag = listed.course.id.slice(0, 8);
    const withSessions = await recategorise(listed.course.id, `Listed ${tag}`);
    const onlyPast = await recategorise(past.course.id, `Past ${tag}`);
    const byTheHour = await recategorise(slots.course.id, `By the hour ${tag}`);

    const categories = await listCategories(db());
    expect(categories).toContain(withSessions);
    expect(categories).not.toContain(onlyPast);
    expect(categories).not.toContain(byTheHour);
  });
});

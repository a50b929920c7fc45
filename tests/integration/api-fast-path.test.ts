// The public catalogue reads answered before Next.js routes them (lib/http/api-fast-path.ts), through a real
// HTTP server in this process: the same bodies and limits as the route handlers, 429 once the client's
// limit is used (exactly that many let through when many arrive at once), and everything else passed on.
import { afterEach, describe, expect, it } from "vitest";
import { GET as slotAvailabilityRoute } from "@/app/api/v1/availability/[offeringId]/route";
import { GET as coursesRoute } from "@/app/api/v1/courses/route";
import { GET as sessionAvailabilityRoute } from "@/app/api/v1/sessions/[id]/availability/route";
import { resetEnvForTests } from "@/lib/env";
import { answerPublicRead, FAST_PATH_HEADER } from "@/lib/http/api-fast-path";
import { peerAddressHeader, stampPeerAddress } from "@/lib/http/peer-address";
import { callGet, createSessionFixture, uniqueClientAddress } from "../fixtures";
import { PASSED_ON, serveHookForTests } from "../hook-server";
import { createSlotOfferingFixture, futureDate } from "../slot-fixtures";

const { origin } = serveHookForTests(answerPublicRead, stampPeerAddress);

afterEach(() => {
  process.env.API_RATE_LIMIT_PER_IP = "1000000";
  process.env.TRUSTED_PROXY_HOPS = "0";
  resetEnvForTests();
});

/** Each test is its own client: behind one trusted proxy, the forwarded address identifies it. */
function asClient(ip: string, limit: number) {
  process.env.API_RATE_LIMIT_PER_IP = String(limit);
  process.env.TRUSTED_PROXY_HOPS = "1";
  resetEnvForTests();
  return (path: string, headers: Record<string, string> = {}) => fetch(`${origin()}${path}`, { headers: { "x-forwarded-for": ip, ...headers } });
}

/** The route handler called directly, as a client of its own (other files' requests share no count with it). */
const asOwnClient = () => ({ [peerAddressHeader()]: uniqueClientAddress() });


describe("the public API's fast path", () => {
  it("answers the catalogue reads with the route handlers' bodies, headers and limit", async () => {
    const { session } = await createSessionFixture({ capacity: 12 });
    const { course: slotCourse } = await createSlotOfferingFixture();
    const date = futureDate("Europe/London");
    const get = asClient(uniqueClientAddress(), 100);

    const courses = await get("/api/v1/courses");
    expect(courses.status).toBe(200);
    expect(courses.headers.get(FAST_PATH_HEADER)).toBe("1");
    expect(courses.headers.get("content-type")).toBe("application/json");
    expect(courses.headers.get("ratelimit-limit")).toBe("100");
    expect(courses.headers.get("ratelimit-remaining")).toBe("99");
    expect(courses.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await courses.json()).toEqual((await callGet(coursesRoute, "/api/v1/courses", {}, asOwnClient())).json);

    const availability = await get(`/api/v1/sessions/${session.id}/availability`);
    expect(availability.headers.get(FAST_PATH_HEADER)).toBe("1");
    expect(await availability.json()).toEqual((await callGet(sessionAvailabilityRoute, `/api/v1/sessions/${session.id}/availability`, { id: session.id }, asOwnClient())).json);

    const slots = await get(`/api/v1/availability/${slotCourse.id}?date=${date}`);
    expect(slots.headers.get(FAST_PATH_HEADER)).toBe("1");
    expect(await slots.json()).toEqual((await callGet(slotAvailabilityRoute, `/api/v1/availability/${slotCourse.id}?date=${date}`, { offeringId: slotCourse.id }, asOwnClient())).json);
    expect(slots.headers.get("ratelimit-remaining")).toBe("97");
  });

  it("passes on what the route handlers must answer: API keys, unknown or malformed ids, a missing date, other methods and paths", async () => {
    const get = asClient(uniqueClientAddress(), 100);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await get("/api/v1/courses", { authorization: "Bearer tk_live_abc" })).status).toBe(PASSED_ON);
    expect((await get(`/api/v1/sessions/${unknown}/availability`)).status).toBe(PASSED_ON);
    expect((await get("/api/v1/sessions/not-a-uuid/availability")).status).toBe(PASSED_ON);
    expect((await get(`/api/v1/availability/${unknown}`)).status).toBe(PASSED_ON);
    expect((await get(`/api/v1/availability/${unknown}?date=2031-02-30`)).status).toBe(PASSED_ON);
    expect((await get("/api/v1/bookings")).status).toBe(PASSED_ON);
    expect((await fetch(`${origin()}/api/v1/courses`, { method: "POST", body: "{}" })).status).toBe(PASSED_ON);
    // None of those counted against the client's limit.
    expect((await get("/api/v1/courses")).headers.get("ratelimit-remaining")).toBe("99");
  });

  it("answers 429 with Retry-After once the client's requests are used, exactly the limit getting through from many at once", async () => {
    const get = asClient(uniqueClientAddress(), 20);
    const answers = await Promise.all(Array.from({ length: 60 }, () => get("/api/v1/courses")));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect((await refused.json()).error.code).toBe("rate_limited");
    // Another client is counted apart.
    expect((await asClient(uniqueClientAddress(), 20)("/api/v1/courses")).status).toBe(200);
  });
});

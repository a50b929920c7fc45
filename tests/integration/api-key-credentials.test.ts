// The Bearer credential on every /api/v1 route, one rule (lib/api-keys/keys.ts, bearerCredential): no header is
// anonymous where the route allows it; a malformed key (cut short, mistyped, not a key at all), an unknown one and
// a revoked one are 401 with WWW-Authenticate, write nothing and count against no key's limit; an active key is
// served, recorded as used and counted against its own limit. On a fast-path read (through a real server running
// the fast path, with the route handler behind it as Next.js would route it) and on booking creation.
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { GET as coursesRoute } from "@/app/api/v1/courses/route";
import { GET as bookingRoute, POST as postOnBookingRoute } from "@/app/api/v1/bookings/[reference]/route";
import { GET as unknownPath } from "@/app/api/v1/[[...path]]/route";
import { apiKeys } from "@/db/schema";
import { apiKeyLimitKey } from "@/lib/api/api-handler";
import { bearerCredential, createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { bookingAccessToken } from "@/lib/booking/reference";
import { resetEnvForTests } from "@/lib/env";
import { answerPublicRead, FAST_PATH_HEADER } from "@/lib/http/api-fast-path";
import { stampPeerAddress } from "@/lib/http/peer-address";
import { bookingBody, callGet, createBookingViaApi, createSessionFixture, db, postBooking, rowCounts } from "../fixtures";
import { serveHookForTests } from "../hook-server";

const admin = { id: null, email: "test:api-key-credentials" } as const;

// The production server's order: the fast path first, then the route handler for what it passes on.
const { origin } = serveHookForTests(answerPublicRead, stampPeerAddress, (req) => coursesRoute(req, { params: Promise.resolve({}) }));

afterEach(() => {
  process.env.API_RATE_LIMIT_PER_KEY = "1000000";
  resetEnvForTests();
});

/** An active key, a revoked one and one never issued, all with catalogue:read and bookings:create. */
async function keys() {
  const scopes = ["catalogue:read", "bookings:create"] as const;
  const valid = await createApiKey(db(), admin, { name: "Site", scopes: [...scopes] });
  const revoked = await createApiKey(db(), admin, { name: "Old site", scopes: [...scopes] });
  await revokeApiKey(db(), admin, revoked.id);
  const unknown = `trn_ABCDEFGH_${randomBytes(32).toString("base64url")}`;
  return { valid, revoked, unknown };
}

/** The Authorization headers that must be refused, by kind. */
function refusedCredentials(k: Awaited<ReturnType<typeof keys>>) {
  return {
    "malformed: cut short": { authorization: `Bearer ${k.valid.key.slice(0, -5)}`, message: /malformed/ },
    "malformed: mistyped prefix": { authorization: `Bearer trm_${k.valid.key.slice(4)}`, message: /malformed/ },
    "malformed: not a key": { authorization: "Bearer tk_live_abc", message: /malformed/ },
    "malformed: no token": { authorization: "Bearer", message: /malformed/ },
    unknown: { authorization: `Bearer ${k.unknown}`, message: /unknown or revoked/ },
    revoked: { authorization: `Bearer ${k.revoked.key}`, message: /unknown or revoked/ },
  };
}

/** The rows the per-key limit keeps for a key (any window). */
async function keyLimitRows(key: string) {
  const rows = await db().execute<{ key: string; points: number }>(sql`select key, points from api_rate_limits where key like ${`%${apiKeyLimitKey(key)}%`}`);
  return [...rows];
}

async function lastUsed(id: string) {
  const [row] = await db().select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id));
  return row.lastUsedAt;
}

function expectRefused(status: number, headers: Headers, json: { error: { code: string; message: string } }, message: RegExp, what: string) {
  expect(status, what).toBe(401);
  expect(headers.get("www-authenticate"), what).toBe('Bearer realm="turnout", error="invalid_token"');
  expect(json.error.code, what).toBe("unauthorized");
  expect(json.error.message, what).toMatch(message);
  expect(headers.get("ratelimit-limit"), what).not.toBeNull();
}

describe("the API's Bearer credential", () => {
  it("reads a token as a key, an access token (on routes that take one) or a malformed key, by one rule", () => {
    const key = `trn_ABCDEFGH_${randomBytes(32).toString("base64url")}`;
    const accessToken = randomBytes(32).toString("base64url");
    expect(bearerCredential(null)).toEqual({ kind: "none" });
    expect(bearerCredential("Basic dXNlcjpwYXNz")).toEqual({ kind: "none" });
    expect(bearerCredential(`Bearer ${key}`)).toEqual({ kind: "api_key", token: key });
    expect(bearerCredential(`bearer   ${key}`)).toEqual({ kind: "api_key", token: key });
    for (const bad of [`Bearer ${key.slice(0, -1)}`, "Bearer tk_live_abc", `Bearer ${accessToken}`, "Bearer", "Bearer a b"])
      expect(bearerCredential(bad), bad).toEqual({ kind: "malformed" });
    expect(bearerCredential(`Bearer ${accessToken}`, { accessTokens: true })).toEqual({ kind: "access_token", token: accessToken });
    expect(bearerCredential("Bearer wrong-token", { accessTokens: true })).toEqual({ kind: "access_token", token: "wrong-token" });
    // An access token happening to start with trn_ is still one; a key cut short is not.
    expect(bearerCredential(`Bearer trn_${accessToken.slice(4)}`, { accessTokens: true }).kind).toBe("access_token");
    expect(bearerCredential(`Bearer ${key.slice(0, -5)}`, { accessTokens: true })).toEqual({ kind: "malformed" });
  });

  it("on a fast-path read: none is served anonymously there, a bad key is a 401 from the route handler, a good one counts against its limit", async () => {
    process.env.API_RATE_LIMIT_PER_KEY = "777";
    resetEnvForTests();
    const k = await keys();
    const get = (headers: Record<string, string> = {}) => fetch(`${origin()}/api/v1/courses`, { headers });

    const anonymous = await get();
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get(FAST_PATH_HEADER)).toBe("1");
    // Another scheme (a proxy's Basic credentials, say) is no Bearer credential: anonymous, as before.
    const basic = await get({ authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(200);
    expect(basic.headers.get("ratelimit-limit")).toBe(anonymous.headers.get("ratelimit-limit"));

    for (const [kind, { authorization, message }] of Object.entries(refusedCredentials(k))) {
      const res = await get({ authorization });
      expectRefused(res.status, res.headers, await res.json(), message, kind);
      expect(res.headers.get(FAST_PATH_HEADER), kind).toBeNull();
    }
    expect(await lastUsed(k.revoked.id)).toBeNull();
    expect(await keyLimitRows(k.revoked.key)).toEqual([]);
    expect(await keyLimitRows(k.unknown)).toEqual([]);

    expect(await keyLimitRows(k.valid.key)).toEqual([]);
    const keyed = await get({ authorization: `Bearer ${k.valid.key}` });
    expect(keyed.status).toBe(200);
    expect(await keyed.json()).toEqual(await anonymous.json());
    expect(keyed.headers.get("ratelimit-limit")).toBe("777");
    expect(await lastUsed(k.valid.id)).not.toBeNull();
    // The key's own count holds this one request; the refused keys above counted only against their address.
    expect((await keyLimitRows(k.valid.key)).map((r) => r.points)).toEqual([1]);
  });

  it("on booking creation: a bad key is a 401 that writes nothing and holds nothing; no key and a good key book", async () => {
    const k = await keys();
    const { session } = await createSessionFixture({ capacity: 20 });
    const body = () => bookingBody(session.id, 1, { contact: { name: "Key Tester", email: `key-${randomUUID().slice(0, 8)}@example.com`, phone: "+44 20 7946 0009" } });

    const before = await rowCounts();
    for (const [kind, { authorization }] of Object.entries(refusedCredentials(k))) {
      const res = await postBooking(body(), { apiKey: authorization.replace(/^Bearer ?/, ""), idempotencyKey: randomUUID() });
      expectRefused(res.status, res.headers, res.json, refusedCredentials(k)[kind as keyof ReturnType<typeof refusedCredentials>].message, kind);
    }
    // A key without bookings:create is a 403, also before anything is written.
    const readOnly = await createApiKey(db(), admin, { name: "Reader", scopes: ["catalogue:read"] });
    const denied = await postBooking(body(), { apiKey: readOnly.key });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("forbidden");
    expect(await rowCounts()).toEqual(before);
    expect(await lastUsed(k.revoked.id)).toBeNull();
    expect(await keyLimitRows(k.revoked.key)).toEqual([]);
    expect(await keyLimitRows(k.unknown)).toEqual([]);

    expect((await postBooking(body())).status).toBe(201);
    const keyed = await postBooking(body(), { apiKey: k.valid.key });
    expect(keyed.status).toBe(201);
    expect(await keyLimitRows(k.valid.key)).toHaveLength(1);
    expect(await lastUsed(k.valid.id)).not.toBeNull();
  });

  it("on routes that take a booking's access token: the token opens it, a wrong one is the route's 404, a bad key a 401", async () => {
    const k = await keys();
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id, 1);
    const read = (authorization?: string) =>
      callGet(bookingRoute, `/api/v1/bookings/${booking.reference}`, { reference: booking.reference }, authorization ? { authorization } : {});

    expect((await read(`Bearer ${bookingAccessToken(booking.id)}`)).status).toBe(200);
    expect((await read()).status).toBe(404);
    const wrong = await read(`Bearer trm_${k.valid.key.slice(4)}`);
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get("www-authenticate")).toBeNull();
    // A key is not this route's credential: an active one finds nothing, a bad one is told so.
    expect((await read(`Bearer ${k.valid.key}`)).status).toBe(404);
    for (const [kind, { authorization, message }] of Object.entries(refusedCredentials(k))) {
      // Not meant as a key (no trn_): a wrong access token as far as this route can tell, its 404 below.
      if (!authorization.startsWith("Bearer trn_") && authorization !== "Bearer") continue;
      const res = await read(authorization);
      expectRefused(res.status, res.headers, res.json, message, kind);
    }

    // Its 405s and the API's 404 for unknown paths read the credential alike.
    const token = { authorization: `Bearer ${bookingAccessToken(booking.id)}` };
    const post = await postOnBookingRoute(new Request(`http://localhost:3000/api/v1/bookings/${booking.reference}`, { method: "POST", headers: token }), { params: Promise.resolve({}) });
    expect(post.status).toBe(405);
    expect((await callGet(unknownPath, "/api/v1/nothing-here", {}, token)).status).toBe(404);
    const cutShort = await callGet(unknownPath, "/api/v1/nothing-here", {}, { authorization: `Bearer ${k.valid.key.slice(0, -5)}` });
    expectRefused(cutShort.status, cutShort.headers, cutShort.json, /malformed/, "unknown path");
  });
});

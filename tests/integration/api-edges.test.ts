// The public API at its edges: a path no route serves, a method a route does not implement, and a missing or
// bad credential each answer in the API's own JSON error format with the headers HTTP asks for (Allow on a 405,
// WWW-Authenticate on a 401), as Next.js would route and answer them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getSortedRoutes } from "next/dist/shared/lib/router/utils/sorted-routes";
import { getRouteRegex } from "next/dist/shared/lib/router/utils/route-regex";
import { autoImplementMethods } from "next/dist/server/route-modules/app-route/helpers/auto-implement-methods";
import type { AppRouteHandlers } from "next/dist/server/route-modules/app-route/module";

const root = path.resolve(__dirname, "../..");
const v1 = path.join(root, "app/api/v1");
const ORIGIN = "http://localhost:3000";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api/v1: its Next.js route ("/api/v1/bookings/[reference]") and the methods it implements. */
function routeFiles() {
  const found: { file: string; route: string; implemented: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = "/" + path.relative(path.join(root, "app"), dir).split(path.sep).join("/");
        const source = readFileSync(full, "utf8");
        const implemented = [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
        found.push({ file: full, route, implemented });
      }
    }
  };
  walk(v1);
  return found;
}

/** The route Next.js picks for a path: the first, in its own order of specificity, whose pattern matches. */
function routeFor(pathname: string, routes: string[]): string | null {
  return getSortedRoutes(routes).find((r) => getRouteRegex(r).re.test(pathname)) ?? null;
}

/** A route module's handlers as Next.js completes them (a missing method: its bare 405; HEAD from GET; OPTIONS). */
async function nextHandlers(file: string) {
  const mod = (await import(file)) as AppRouteHandlers;
  return autoImplementMethods(mod) as unknown as Record<string, (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>>;
}

const call = async (handler: (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>, method: string, pathname: string, params: unknown = {}) => {
  const res = await handler(new Request(`${ORIGIN}${pathname}`, { method }), { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null };
};

describe("a path under /api/v1 that no route serves", () => {
  it("is routed to the API's catch-all, after every real route", () => {
    const routes = routeFiles().map((r) => r.route);
    for (const p of ["/api/v1/nope", "/api/v1/bookings/TRN-AB12-CD34/whatever", "/api/v1", "/api/v1/admin/sessions/x/y/z"])
      expect(routeFor(p, routes), p).toBe("/api/v1/[[...path]]");
    expect(routeFor("/api/v1/bookings/TRN-AB12-CD34", routes)).toBe("/api/v1/bookings/[reference]");
    expect(routeFor("/api/v1/bookings/TRN-AB12-CD34/qr", routes)).toBe("/api/v1/bookings/[reference]/qr");
    expect(routeFor("/api/v1/courses", routes)).toBe("/api/v1/courses");
  });

  it("answers a JSON 404 in the API's error format, for every method, with the rate limit headers", async () => {
    const handlers = await nextHandlers(path.join(v1, "[[...path]]/route.ts"));
    for (const method of [...METHODS, "HEAD", "OPTIONS"]) {
      const res = await call(handlers[method], method, "/api/v1/bookings/TRN-AB12-CD34/whatever", { path: ["bookings", "TRN-AB12-CD34", "whatever"] });
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type"), method).toContain("application/json");
      expect(res.headers.get("ratelimit-remaining"), method).not.toBeNull();
      if (method !== "HEAD") expect(res.json.error, method).toMatchObject({ code: "not_found", message: expect.stringContaining("/api/v1/openapi.json") });
      // The path asked for is not echoed back.
      expect(res.text).not.toContain("whatever");
    }
  });
});

describe("a method a /api/v1 route does not implement", () => {
  it("answers 405 with Allow listing the route's methods, in the API's error format; OPTIONS lists the same", async () => {
    const files = routeFiles().filter((r) => !r.route.includes("[[...path]]"));
    expect(files.length).toBeGreaterThan(10);
    for (const { file, route, implemented } of files) {
      const handlers = await nextHandlers(file);
      const allow = [...METHODS.filter((m) => implemented.includes(m)).flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])), "OPTIONS"].join(", ");
      for (const method of [...METHODS.filter((m) => !implemented.includes(m)), ...(implemented.includes("GET") ? [] : ["HEAD"])]) {
        const res = await call(handlers[method], method, route);
        expect(res.status, `${method} ${route}`).toBe(405);
        expect(res.headers.get("allow"), `${method} ${route}`).toBe(allow);
        expect(res.headers.get("ratelimit-limit"), `${method} ${route}`).not.toBeNull();
        if (method !== "HEAD") expect(res.json?.error, `${method} ${route}`).toMatchObject({ code: "method_not_allowed", allow: allow.split(", ") });
      }
      const options = await call(handlers.OPTIONS, "OPTIONS", route);
      expect(options.status, `OPTIONS ${route}`).toBe(204);
      expect(options.headers.get("allow"), `OPTIONS ${route}`).toBe(allow);
    }
  });
});

describe("a 401 from /api/v1", () => {
  it("carries a WWW-Authenticate challenge naming Bearer, the scheme of API keys and booking tokens", async () => {
    const { GET: courses } = await import("@/app/api/v1/courses/route");
    const { GET: adminBookings } = await import("@/app/api/v1/admin/bookings/route");
    const { POST: checkIn } = await import("@/app/api/v1/check-ins/route");
    const answers = [
      // No credential at all: the challenge alone.
      [await adminBookings(new Request(`${ORIGIN}/api/v1/admin/bookings`), { params: Promise.resolve({}) }), 'Bearer realm="turnout"'],
      [await checkIn(new Request(`${ORIGIN}/api/v1/check-ins`, { method: "POST", body: "{}" }), { params: Promise.resolve({}) }), 'Bearer realm="turnout"'],
      // A key sent and refused (unknown, or cut short): invalid_token.
      [await courses(new Request(`${ORIGIN}/api/v1/courses`, { headers: { authorization: "Bearer trn_AbCdEfGh_notarealsecretnotarealsecret00" } }), { params: Promise.resolve({}) }),
        'Bearer realm="turnout", error="invalid_token"'],
      [await courses(new Request(`${ORIGIN}/api/v1/courses`, { headers: { authorization: "Bearer trn_AbCd" } }), { params: Promise.resolve({}) }),
        'Bearer realm="turnout", error="invalid_token"'],
      [await adminBookings(new Request(`${ORIGIN}/api/v1/admin/bookings`, { headers: { authorization: "Bearer nonsense" } }), { params: Promise.resolve({}) }),
        'Bearer realm="turnout", error="invalid_token"'],
    ] as const;
    for (const [res, challenge] of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe(challenge);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });
});

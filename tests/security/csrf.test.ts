// Cross-site request forgery: every route or action that changes something either refuses a request
// another site could make the browser send, or acts on nobody's behalf. The lists are read from disk, so a
// new form-post route or server action without a defence listed here fails.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { authSessions, emailMessages } from "@/db/schema";
import nextConfig from "@/next.config";
import { POST as webhookRoute } from "@/app/api/stripe/webhook/route";
import { authOptions } from "@/lib/auth/options";
import { createStaffUser } from "@/lib/staff/users";
import { actionMatrix, discoverActionFiles, discoverAllRouteHandlers, discoverInlineServerActions } from "../authz-matrix";
import { db } from "../fixtures";
import { staffSession } from "../next-request";

const ORIGIN = "http://localhost:3000";
const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"];

const JSON_ONLY = "application/json bodies only: a cross-site form cannot send them, and no CORS preflight is allowed";

/** Route handlers that accept a state-changing method, and why a forged cross-site request achieves nothing. */
const unsafeRoutes: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's double-submit CSRF token (cookie and form field must match)",
  "/api/stripe/webhook": "Stripe's signature over the raw body",
  // The customer session cookie (SameSite=Lax) is read for member prices and points, so the body is JSON only.
  "/api/v1/bookings": JSON_ONLY,
  // Door staff's scanning endpoints (and their API twin) take only application/json, which a page on another
  // site cannot send without a CORS preflight, and none is allowed; the session cookie is SameSite=Lax too.
  "/api/admin/check-in/scan": JSON_ONLY,
  "/api/admin/check-in/sync": JSON_ONLY,
  "/api/admin/check-in/undo": JSON_ONLY,
  "/api/v1/check-ins": JSON_ONLY,
  "/api/v1/bookings/[reference]": "PUT and DELETE need the booking's access token in an Authorization header, which a cross-site form cannot send; no cookie or session is read",
};

/** Server actions outside the staff matrix: callable by anyone, each checks its own proof. */
const publicActions: Record<string, string> = {
  "app/(shop)/book/actions.ts#startCheckout": "creates a pending booking, as the public API does",
  "app/(shop)/book/actions.ts#previewPrice": "prices a booking with its discounts and writes nothing (rolled back)",
  "app/(shop)/book/actions.ts#requestMemberVerification": "emails a one-use link only to the address typed in, as requestLink does; rate limited; Next.js's same-origin check",
  "app/(shop)/book/presale-actions.ts#revealPresaleTickets": "says which hidden ticket types a presale code unlocks; writes nothing; counted as a code lookup",
  "app/(shop)/bookings/[reference]/actions.ts#payBalance": "needs the booking's access token",
  "app/(shop)/bookings/[reference]/cancel/actions.ts#confirmCancellation": "needs the booking's access token",
  "app/(shop)/waitlist/actions.ts#joinWaitlistAction": "adds a waiting-list request, as anyone may; one per email and session",
  "app/(shop)/waitlist/actions.ts#leaveWaitlistAction": "needs the entry's token from the customer's email",
  "app/(shop)/waitlist/actions.ts#bookWithOfferAction": "needs the offer's token from the customer's email; only sets a cookie",
  "app/(shop)/members/actions.ts#optOutOfMemberEmailsAction": "needs the member's opt-out token from a member email; only records the opt-out",
  "app/checkout/simulated/actions.ts#paySimulated": "test mode only; needs the checkout id",
  "app/checkout/simulated/actions.ts#cancelSimulated": "test mode only; needs the checkout id",
  "app/(shop)/my-bookings/actions.ts#requestLink": "emails a link only to the address typed in; rate limited; Next.js's same-origin check",
  "app/(shop)/my-bookings/actions.ts#signInWithToken": "needs the unguessable one-use token from the email",
  "app/(shop)/my-bookings/actions.ts#signOut": "ends only the caller's own customer session",
  "app/(shop)/my-bookings/actions.ts#saveAttendee": "the customer session cookie (SameSite=Lax) and Next.js's same-origin check; only the customer's own bookings",
  "app/(shop)/my-bookings/actions.ts#addAttendee": "the customer session cookie (SameSite=Lax) and Next.js's same-origin check; only the booker",
  "app/(shop)/my-bookings/actions.ts#moveSession": "the customer session cookie (SameSite=Lax) and Next.js's same-origin check; only the booker",
};

describe("the lists cover the code on disk", () => {
  it("names every route handler that accepts POST, PUT, PATCH or DELETE", () => {
    const unsafe = discoverAllRouteHandlers().filter((r) => r.methods.some((m) => UNSAFE.includes(m))).map((r) => r.route);
    expect(unsafe).toEqual(Object.keys(unsafeRoutes).sort());
  });

  it("staff route handlers only read (staff changes go through server actions)", () => {
    const staff = discoverAllRouteHandlers().filter((r) => r.route.startsWith("/admin") || r.route.startsWith("/api/admin"));
    expect(staff.length).toBeGreaterThan(0);
    for (const r of staff) if (unsafeRoutes[r.route] !== JSON_ONLY) expect(r.methods, r.file).toEqual(["GET"]);
  });

  it("every server action is a staff action in the authorisation matrix or a listed public one", async () => {
    const found: string[] = [];
    for (const file of discoverActionFiles(["app", "lib", "components"])) {
      const mod = await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`);
      for (const [name, value] of Object.entries(mod)) if (typeof value === "function") found.push(`${file}#${name}`);
    }
    expect(found.sort()).toEqual([...Object.keys(actionMatrix), ...Object.keys(publicActions)].sort());
    expect(discoverInlineServerActions()).toEqual([]);
  });
});

describe("server actions", () => {
  it("keep Next.js's same-origin check: no extra origins are allowed to call them", () => {
    const experimental = (nextConfig.experimental ?? {}) as { serverActions?: { allowedOrigins?: string[] } };
    expect(experimental.serverActions?.allowedOrigins ?? []).toEqual([]);
  });
});

// next-auth's framework-free core, which its route handler calls (the package does not export it).
type Internal = { status?: number; redirect?: string; body?: unknown; cookies?: { name: string; value: string }[] };
const { AuthHandler } = createRequire(import.meta.url)(path.join(process.cwd(), "node_modules/next-auth/core/index.js")) as {
  AuthHandler: (p: { req: Request; options: unknown }) => Promise<Internal>;
};
const authPost = (action: string, body: Record<string, string>, cookie = "") => AuthHandler({
  req: new Request(`${ORIGIN}/api/auth/${action}`, {
    method: "POST", headers: { "content-type": "application/json", cookie, origin: "https://evil.example" }, body: JSON.stringify(body),
  }),
  options: authOptions(),
});

describe("form posts to next-auth without its CSRF token", () => {
  it("send no sign-in link", async () => {
    process.env.NEXTAUTH_URL = ORIGIN;
    const email = `csrf-${randomUUID().slice(0, 8)}@turnout.test`;
    await createStaffUser(db(), { id: null, email: "test" }, { email, role: "admin" });
    for (const csrfToken of [undefined, "forged"]) {
      const res = await authPost("signin/email", { email, json: "true", ...(csrfToken ? { csrfToken } : {}) });
      expect(res.redirect ?? "").toContain("csrf=true");
    }
    expect(await db().select().from(emailMessages).where(eq(emailMessages.toAddress, email))).toEqual([]);
  });

  it("sign nobody out", async () => {
    const s = await staffSession("finance");
    const res = await authPost("signout", { csrfToken: "forged" }, `next-auth.session-token=${s.token}`);
    expect(res.redirect ?? "").toContain("csrf=true");
    expect(await db().select().from(authSessions).where(eq(authSessions.sessionToken, s.token))).toHaveLength(1);
  });
});

describe("the other form-post routes", () => {
  it("the webhook refuses an unsigned event", async () => {
    const res = await webhookRoute(new Request(`${ORIGIN}/api/stripe/webhook`, {
      method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: "{\"id\":\"evt_x\",\"type\":\"charge.refunded\"}",
    }));
    expect(res.status).toBe(400);
  });

  it("the public booking API reads no staff session and only the customer's cookie, from JSON requests", () => {
    const source = readFileSync(path.join(process.cwd(), "app/api/v1/bookings/route.ts"), "utf8");
    expect(source).not.toMatch(/session-token|staffFromRequest|currentStaff|getServerSession/i);
    // Every cookie it reads is the customer session's; the body is read as JSON only (415-style 400 otherwise).
    expect([...source.matchAll(/cookieOf\(req, (\w+\(\))\)/g)].map((m) => m[1])).toEqual(["customerCookieName()"]);
    expect(source).toContain("readJsonBody(req)");
  });

  it("the public booking API refuses a form post, cookie or not, and writes nothing", async () => {
    const { POST: bookingsRoute } = await import("@/app/api/v1/bookings/route");
    const before = await db().execute(sql`select count(*)::int as n from bookings`);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await bookingsRoute(new Request(`${ORIGIN}/api/v1/bookings`, {
        method: "POST", headers: { "content-type": type, cookie: "turnout-customer=forged", origin: "https://evil.example" },
        body: "{\"sessionId\":\"x\"}",
      }), { params: Promise.resolve({}) });
      expect(res.status, type).toBe(400);
    }
    expect(await db().execute(sql`select count(*)::int as n from bookings`)).toEqual(before);
  });
});

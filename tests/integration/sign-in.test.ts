// Staff sign-in: magic links only for staff (without saying who is staff), rate limits per email and per
// IP kept in the database, one-time links that create a database session.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { authRateLimits, authSessions, emailMessages, users, verificationTokens } from "@/db/schema";
import { authOptions } from "@/lib/auth/options";
import { signInRateLimit } from "@/lib/auth/sign-in-gate";
import { hitRateLimits, windowStartOf } from "@/lib/auth/rate-limit";
import { resetEnvForTests } from "@/lib/env";
import { peerAddressHeader } from "@/lib/http/peer-address";
import { createStaffUser } from "@/lib/staff/users";
import { db, uniqueClientAddress } from "../fixtures";

const ORIGIN = "http://localhost:3000";

// next-auth's framework-free core (what its route handler calls), which the package does not export.
type Internal = { status?: number; redirect?: string; body?: unknown; cookies?: { name: string; value: string }[] };
const { AuthHandler } = createRequire(import.meta.url)(path.join(process.cwd(), "node_modules/next-auth/core/index.js")) as {
  AuthHandler: (p: { req: Request; options: unknown }) => Promise<Internal>;
};

beforeAll(() => {
  process.env.NEXTAUTH_URL = ORIGIN;
});

afterEach(() => {
  for (const k of ["SIGNIN_LIMIT_PER_EMAIL", "SIGNIN_LIMIT_PER_IP"]) delete process.env[k];
  resetEnvForTests();
});

function linkRequest(email: string, ip = "203.0.113.7") {
  return new Request(`${ORIGIN}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", [peerAddressHeader()]: ip },
    body: new URLSearchParams({ email, csrfToken: "x", json: "true" }),
  });
}

describe("sign-in rate limits", () => {
  it("answers 429 with a clear message once an address has asked too often, whoever asks", async () => {
    process.env.SIGNIN_LIMIT_PER_EMAIL = "3";
    resetEnvForTests();
    const email = `limit-${randomUUID().slice(0, 8)}@example.com`;
    for (let i = 0; i < 3; i++) expect(await signInRateLimit(db(), linkRequest(email, `198.51.100.${i}`))).toBeNull();
    const res = await signInRateLimit(db(), linkRequest(email.toUpperCase(), "198.51.100.99"));
    expect(res?.status).toBe(429);
    expect(Number(res?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res!.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many sign-in attempts\. Please wait \d+ minutes?/) });
    // Another address is not affected.
    expect(await signInRateLimit(db(), linkRequest(`other-${email}`, "198.51.100.100"))).toBeNull();
  });

  it("counts an address written with full-width letters against the inbox next-auth would mail", async () => {
    process.env.SIGNIN_LIMIT_PER_EMAIL = "2";
    resetEnvForTests();
    const local = `nfkc${randomUUID().slice(0, 8)}`;
    const email = `${local}@example.com`;
    for (let i = 0; i < 2; i++) expect(await signInRateLimit(db(), linkRequest(email, `198.51.101.${i}`))).toBeNull();
    // "ｎｆｋｃ…": next-auth folds it (NFKC) to the same address and would send a third link.
    const fullWidth = [...local].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
    const res = await signInRateLimit(db(), linkRequest(`${fullWidth}@example.com`, "198.51.101.99"));
    expect(res?.status).toBe(429);
  });

  it("limits one IP address asking for many addresses", async () => {
    process.env.SIGNIN_LIMIT_PER_IP = "4";
    resetEnvForTests();
    const ip = uniqueClientAddress();
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await signInRateLimit(db(), linkRequest(`probe${i}-${randomUUID()}@example.com`, ip)))?.status ?? 200);
    expect(results).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("counts concurrent attempts exactly, as separate app instances would", async () => {
    const bucket = `test:${randomUUID()}`;
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => hitRateLimits(db(), [{ bucket, limit: 7 }], { windowSeconds: 900, now })));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(7);
    const [row] = await db().select().from(authRateLimits).where(eq(authRateLimits.bucket, bucket));
    expect(row).toMatchObject({ count: 20, windowStart: windowStartOf(now, 900) });
  });

  it("starts a new window afterwards and forgets the old one", async () => {
    const bucket = `test:${randomUUID()}`;
    const t0 = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < 3; i++) await hitRateLimits(db(), [{ bucket, limit: 2 }], { windowSeconds: 900, now: t0 });
    expect(await hitRateLimits(db(), [{ bucket, limit: 2 }], { windowSeconds: 900, now: new Date("2030-01-01T10:14:00Z") }))
      .toEqual({ allowed: false, bucket, retryAfterSeconds: 60 });
    expect(await hitRateLimits(db(), [{ bucket, limit: 2 }], { windowSeconds: 900, now: new Date("2030-01-01T10:15:00Z") })).toEqual({ allowed: true });
    const rows = await db().select().from(authRateLimits).where(eq(authRateLimits.bucket, bucket));
    expect(rows.map((r) => r.windowStart.toISOString())).toEqual(["2030-01-01T10:15:00.000Z"]);
  });
});

/** next-auth's core handler with our options, as the route calls it, with a CSRF token. */
async function auth(path: string, init: { method?: string; body?: Record<string, string>; cookies?: string } = {}) {
  return AuthHandler({
    req: new Request(`${ORIGIN}/api/auth/${path}`, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json", cookie: init.cookies ?? "" },
      body: init.body ? JSON.stringify(init.body) : undefined,
    }),
    options: authOptions(),
  });
}

async function csrf() {
  const res = await auth("csrf");
  const cookie = res.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
  return { token: (res.body as { csrfToken: string }).csrfToken, cookie: `${cookie.name}=${cookie.value}` };
}

async function requestLink(email: string) {
  const { token, cookie } = await csrf();
  return auth("signin/email", { method: "POST", body: { email, csrfToken: token, callbackUrl: "/admin/requirements", json: "true" }, cookies: cookie });
}

const mailsTo = (to: string) => db().select().from(emailMessages).where(eq(emailMessages.toAddress, to));

describe("magic links", () => {
  it("emails a staff member a one-time link that signs them in with a database session", async () => {
    const email = `staff-${randomUUID().slice(0, 8)}@turnout.test`;
    const user = await createStaffUser(db(), { id: null, email: "test" }, { email, role: "admin" });
    const res = await requestLink(email.toUpperCase());
    expect(res.redirect).toBe(`${ORIGIN}/api/auth/verify-request?provider=email&type=email`);

    const [mail] = await mailsTo(email);
    expect(mail).toMatchObject({ kind: "staff_sign_in", status: "sent", transport: "outbox", subject: "Your Turnout staff sign-in link" });
    const link = new URL(mail.text!.match(/https?:\/\/\S+/)![0]);
    expect(link.pathname).toBe("/api/auth/callback/email");
    expect(link.searchParams.get("callbackUrl")).toBe(`${ORIGIN}/admin/requirements`);
    // Only a hash of the token is stored.
    const [stored] = await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, email));
    expect(stored.token).not.toBe(link.searchParams.get("token"));

    const callback = await auth(`callback/email${link.search}`);
    expect(callback.redirect).toBe(`${ORIGIN}/admin/requirements`);
    const sessionCookie = callback.cookies!.find((c) => c.name === "next-auth.session-token")!;
    const [session] = await db().select().from(authSessions).where(eq(authSessions.sessionToken, sessionCookie.value));
    expect(session.userId).toBe(user.id);
    expect(session.expires.getTime() - Date.now()).toBeGreaterThan(11 * 3600_000);
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after.emailVerified).toBeInstanceOf(Date);

    // The link works once.
    const again = await auth(`callback/email${link.search}`);
    expect(again.redirect).toContain("error=Verification");
  });

  it("answers an unknown address exactly like a staff one, but sends nothing and creates no account", async () => {
    const email = `stranger-${randomUUID().slice(0, 8)}@example.com`;
    const res = await requestLink(email);
    expect(res.redirect).toBe(`${ORIGIN}/api/auth/verify-request?provider=email&type=email`);
    expect(await mailsTo(email)).toEqual([]);
    expect(await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, email))).toEqual([]);
    expect(await db().select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it("refuses a disabled account at the link, even with a link sent before it was disabled", async () => {
    const email = `leaver-${randomUUID().slice(0, 8)}@turnout.test`;
    await createStaffUser(db(), { id: null, email: "test" }, { email, role: "finance" });
    await requestLink(email);
    const [mail] = await mailsTo(email);
    await db().update(users).set({ disabledAt: sql`now()` }).where(eq(users.email, email));
    const callback = await auth(`callback/email${new URL(mail.text!.match(/https?:\/\/\S+/)![0]).search}`);
    expect(callback.redirect).toContain("error=AccessDenied");
    expect(callback.cookies?.find((c) => c.name === "next-auth.session-token")).toBeUndefined();
  });
});

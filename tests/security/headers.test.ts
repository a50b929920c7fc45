// Security headers on every response and a nonce-based Content-Security-Policy, from the proxy (proxy.ts).
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy, config } from "@/proxy";

const originalAppUrl = process.env.APP_URL;
afterEach(() => {
  if (originalAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = originalAppUrl;
});

function run(path = "/courses", headers: Record<string, string> = {}) {
  return proxy(new NextRequest(`http://localhost:3000${path}`, { headers }));
}

function directives(csp: string) {
  return Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe("the Content-Security-Policy", () => {
  it("allows scripts only with a fresh nonce per request, which Next.js also receives", () => {
    const a = run();
    const b = run();
    const csp = a.headers.get("content-security-policy")!;
    const d = directives(csp);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(d["script-src"].join(" "))?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    expect(d["script-src"]).toEqual(expect.arrayContaining(["'self'", "'strict-dynamic'", "https://js.stripe.com"]));
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["script-src"]).not.toContain("'unsafe-eval'");
    // Next.js reads the nonce from the request's CSP header (x-middleware-request-* is how the proxy passes it on).
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("forbids framing and plugins, and lets Stripe's script, frames and Checkout work", () => {
    const d = directives(run().headers.get("content-security-policy")!);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["frame-src"]).toEqual(expect.arrayContaining(["https://js.stripe.com", "https://hooks.stripe.com", "https://checkout.stripe.com"]));
    expect(d["form-action"]).toEqual(expect.arrayContaining(["'self'", "https://checkout.stripe.com"]));
    expect(d["connect-src"]).toEqual(expect.arrayContaining(["'self'", "https://api.stripe.com"]));
  });
});

describe("the other security headers", () => {
  it("are on pages and API responses alike", () => {
    for (const path of ["/", "/book/x", "/api/v1/courses", "/admin/finance"]) {
      const h = run(path).headers;
      expect(h.get("x-content-type-options"), path).toBe("nosniff");
      expect(h.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(h.get("x-frame-options"), path).toBe("DENY");
      const permissions = h.get("permissions-policy")!;
      expect(permissions).toContain("camera=(self)");
      expect(permissions).toContain("microphone=()");
      expect(permissions).toContain("geolocation=()");
    }
  });

  it("send Strict-Transport-Security only when served over HTTPS", () => {
    process.env.APP_URL = "http://localhost:3000";
    expect(run().headers.get("strict-transport-security")).toBeNull();
    expect(run("/", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    process.env.APP_URL = "https://turnout.example";
    expect(run().headers.get("strict-transport-security")).toMatch(/^max-age=/);
  });

  it("cover every path but the build's static files", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const path of ["/", "/courses", "/api/v1/bookings", "/admin", "/bookings/ABC"]) expect(matcher.test(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/x.js", "/favicon.ico"]) expect(matcher.test(path), path).toBe(false);
  });

  it("keep passing the requested path to staff pages", () => {
    expect(run("/admin/finance?status=overdue").headers.get("x-middleware-request-x-turnout-path")).toBe("/admin/finance?status=overdue");
  });
});

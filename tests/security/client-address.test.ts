// The client address behind every rate limit: from the socket unless proxies are trusted, never from a
// header the client writes; and finished rate-limit windows are swept by the maintenance loop.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { like } from "drizzle-orm";
import { authRateLimits } from "@/db/schema";
import { clientIp } from "@/lib/auth/client-ip";
import { signInRateLimit } from "@/lib/auth/sign-in-gate";
import { env, resetEnvForTests } from "@/lib/env";
import { installPeerAddressStamp, peerAddressHeader } from "@/lib/http/peer-address";
import { runMaintenance } from "@/lib/maintenance";
import { db, uniqueClientAddress } from "../fixtures";

afterEach(() => {
  for (const k of ["TRUSTED_PROXY_HOPS", "SIGNIN_LIMIT_PER_IP"]) delete process.env[k];
  resetEnvForTests();
});

const peer = (address: string, extra: Record<string, string> = {}) => new Headers({ [peerAddressHeader()]: address, ...extra });

describe("clientIp", () => {
  it("with no trusted proxy, is the socket address whatever X-Forwarded-For says", () => {
    expect(clientIp(peer("203.0.113.9", { "x-forwarded-for": "6.6.6.6" }), 0)).toBe("203.0.113.9");
    expect(clientIp(peer("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIp(peer("2001:db8::1"), 0)).toBe("2001:db8::1");
    // No stamp (a request that never passed through the server): unknown, not what the client wrote.
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" }), 0)).toBe("unknown");
  });

  it("with N trusted proxies, is the Nth X-Forwarded-For entry from the right", () => {
    const h = peer("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.1" });
    expect(clientIp(h, 1)).toBe("10.0.0.1");
    expect(clientIp(h, 2)).toBe("198.51.100.7");
    // Entries a client prepends cannot move the one the proxies vouch for.
    expect(clientIp(peer("10.0.0.2", { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 6.6.6.6, 198.51.100.7, 10.0.0.1" }), 2)).toBe("198.51.100.7");
    // Fewer entries than proxies: the furthest known; none at all: the socket.
    expect(clientIp(peer("10.0.0.2", { "x-forwarded-for": "198.51.100.7" }), 3)).toBe("198.51.100.7");
    expect(clientIp(peer("10.0.0.2"), 1)).toBe("10.0.0.2");
  });

  it("reads TRUSTED_PROXY_HOPS from the environment, 0 by default, and refuses a bad value", () => {
    expect(env().TRUSTED_PROXY_HOPS).toBe(0);
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetEnvForTests();
    expect(clientIp(peer("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.7" }))).toBe("198.51.100.7");
    for (const bad of ["-1", "two", "1.5", "11"]) {
      process.env.TRUSTED_PROXY_HOPS = bad;
      resetEnvForTests();
      expect(() => env(), bad).toThrow(/TRUSTED_PROXY_HOPS/);
    }
  });
});

describe("the socket stamp on a real HTTP server", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    installPeerAddressStamp();
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      res.end(JSON.stringify({ ip: clientIp(headers, 0), seen: req.headers[peerAddressHeader()] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gives the socket address even when the client forges every header it could", async () => {
    const res = await fetch(url, {
      headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", "x-turnout-peer": "6.6.6.6", [peerAddressHeader()]: "6.6.6.6" },
    });
    expect(await res.json()).toEqual({ ip: "127.0.0.1", seen: "127.0.0.1" });
  });
});

describe("rate limits by client address", () => {
  function linkRequest(email: string, headers: Headers) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    return new Request("http://localhost:3000/api/auth/signin/email", {
      method: "POST", headers, body: new URLSearchParams({ email, csrfToken: "x", json: "true" }),
    });
  }

  it("cannot be dodged by sending a different X-Forwarded-For each time", async () => {
    process.env.SIGNIN_LIMIT_PER_IP = "3";
    resetEnvForTests();
    const socket = uniqueClientAddress();
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const res = await signInRateLimit(db(), linkRequest(`dodge${i}-${randomUUID()}@example.com`, peer(socket, { "x-forwarded-for": `6.6.${i}.6` })));
      statuses.push(res?.status ?? 200);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe("sweeping rate-limit windows", () => {
  it("deletes windows that ended and keeps the current ones", async () => {
    const prefix = `sweep:${randomUUID()}`;
    const now = new Date();
    const windowSeconds = env().SIGNIN_WINDOW_MINUTES * 60;
    await db().insert(authRateLimits).values([
      { bucket: `${prefix}:old`, windowStart: new Date(now.getTime() - 3 * windowSeconds * 1000), count: 4 },
      { bucket: `${prefix}:yesterday`, windowStart: new Date(now.getTime() - 86_400_000), count: 1 },
      { bucket: `${prefix}:current`, windowStart: new Date(now.getTime() - 1000), count: 2 },
    ]);
    const result = await runMaintenance(db(), now);
    expect(result.rateLimitsSwept).toBeGreaterThanOrEqual(2);
    const left = await db().select({ bucket: authRateLimits.bucket }).from(authRateLimits).where(like(authRateLimits.bucket, `${prefix}:%`));
    expect(left.map((r) => r.bucket)).toEqual([`${prefix}:current`]);
  });
});

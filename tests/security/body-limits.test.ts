// Every route that reads a body reads it through one capped reader: 413 past the cap, 400 for a body that
// is not what the route takes, and nothing written either way.
import { describe, expect, it } from "vitest";
import { authRateLimits } from "@/db/schema";
import { POST as postBookingRoute } from "@/app/api/v1/bookings/route";
import { POST as webhookRoute } from "@/app/api/stripe/webhook/route";
import { signInRateLimit } from "@/lib/auth/sign-in-gate";
import { AppError } from "@/lib/errors";
import { FORM_BODY_LIMIT, JSON_BODY_LIMIT, readBodyBytes, readBodyText, WEBHOOK_BODY_LIMIT } from "@/lib/http/read-body";
import { db, rowCounts } from "../fixtures";

const ORIGIN = "http://localhost:3000";
const noParams = { params: Promise.resolve({}) };

function chunked(total: number, chunk = 8192) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      c.enqueue(new Uint8Array(n).fill(97));
    },
  });
  return { stream, sent: () => sent };
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/x`, { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyBytes", () => {
  it("reads a body up to the cap exactly", async () => {
    expect((await readBodyBytes(post("a".repeat(100)), 100)).byteLength).toBe(100);
    expect((await readBodyBytes(post(null), 100)).byteLength).toBe(0);
  });

  it("refuses a declared length over the cap before reading, and stops a chunked body at the cap", async () => {
    const declared = post("a".repeat(101));
    await expect(readBodyBytes(declared, 100)).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    const body = chunked(10 * 1024 * 1024);
    await expect(readBodyBytes(post(body.stream), 64 * 1024)).rejects.toBeInstanceOf(AppError);
    expect(body.sent()).toBeLessThan(64 * 1024 + 3 * 8192);
  });

  it("refuses bytes that are not UTF-8 as text", async () => {
    await expect(readBodyText(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 100)).rejects.toMatchObject({ code: "invalid_request" });
  });
});

describe("routes", () => {
  it("POST /api/v1/bookings: 413 past its cap, 400 for a missing body or a content type other than JSON", async () => {
    const before = await rowCounts();
    const big = await postBookingRoute(post(`{"a":"${"x".repeat(JSON_BODY_LIMIT)}"}`, { "content-type": "application/json" }), noParams);
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({ code: "payload_too_large", message: expect.stringContaining("512 KB") });
    const empty = await postBookingRoute(post(null, { "content-type": "application/json" }), noParams);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.fields).toHaveProperty("_root");
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const res = await postBookingRoute(post("{}", type ? { "content-type": type } : {}), noParams);
      expect(res.status, type).toBe(400);
      expect((await res.json()).error.fields, type).toHaveProperty("Content-Type");
    }
    const nul = await postBookingRoute(post(JSON.stringify({ contact: { name: "a\u0000b" } }), { "content-type": "application/json" }), noParams);
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.fields).toMatchObject({ "contact.name": "Must not contain the NUL character" });
    expect(await rowCounts()).toEqual(before);
  });

  it("the Stripe webhook: 413 past its cap, before any signature work", async () => {
    const res = await webhookRoute(post("x".repeat(WEBHOOK_BODY_LIMIT + 1), { "content-type": "application/json", "stripe-signature": "t=1,v1=0" }));
    expect(res.status).toBe(413);
  });

  it("sign-in link requests: 413 past the form cap, without counting the attempt", async () => {
    const counted = async () => (await db().select().from(authRateLimits)).reduce((n, r) => n + r.count, 0);
    const before = await counted();
    const res = await signInRateLimit(db(), post(new URLSearchParams({ email: `${"a".repeat(FORM_BODY_LIMIT)}@example.com` }).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    }));
    expect(res?.status).toBe(413);
    expect(await counted()).toBe(before);
  });
});

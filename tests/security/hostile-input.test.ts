// Hostile and malformed input, generated (fast-check, fixed seed, bounded runs) against the public API's
// route handlers, the booking wizard's and booking page's server actions, every staff action, the finance
// exports and the catalogue page: nothing answers 5xx (or throws), and a refusal writes nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { POST as postBookingRoute } from "@/app/api/v1/bookings/route";
import { GET as getBookingRoute } from "@/app/api/v1/bookings/[reference]/route";
import { GET as availabilityRoute } from "@/app/api/v1/sessions/[id]/availability/route";
import { GET as documentRoute } from "@/app/(shop)/bookings/[reference]/documents/[number]/route";
import { POST as webhookRoute } from "@/app/api/stripe/webhook/route";
import { startCheckout } from "@/app/(shop)/book/actions";
import { payBalance } from "@/app/(shop)/bookings/[reference]/actions";
import { cancelSimulated, paySimulated } from "@/app/checkout/simulated/actions";
import { GET as financeCsvRoute } from "@/app/admin/finance/export/csv/route";
import { signPayload } from "@/lib/payments/simulated-checkout";
import { actionMatrix } from "../authz-matrix";
import { bookingBody, createSessionFixture, db } from "../fixtures";
import { actAs, nextInterrupt, staffSession, type TestStaff } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const SEED = 16;
const ORIGIN = "http://localhost:3000";
const TABLES = [
  "bookings", "booking_attendees", "special_requirements", "idempotency_keys", "payments", "refunds", "webhook_events",
  "payment_logs", "invoices", "credit_notes", "email_messages", "audit_logs", "courses", "course_sessions", "venues",
  "requirement_templates", "users", "checklist_items",
];

async function counts(): Promise<Record<string, number>> {
  const [row] = await db().execute<Record<string, number>>(sql.raw(`select ${TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(", ")}`));
  return { ...row };
}

// ---- generators ----------------------------------------------------------------------------------------

const MEGABYTE = "x".repeat(1024 * 1024);
const hostileString = fc.oneof(
  fc.constantFrom(
    MEGABYTE, "a\u0000b", "\u0000", "\uD800", "\uDFFF lone", "\u202Eevil\u202C", "e\u0301\u0301\u0301", "\uFEFF", "👩‍👩‍👧‍👦𝕏",
    "", "   ", "2026-13-45", "9999-99-99", "0000-00-00", "'; drop table bookings; --", "../../etc/passwd", "%00", "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0", "NaN", "Infinity", "-1", "1e309", "00000000-0000-0000-0000-000000000000", "deposit ", "FULL", "unknown_enum",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 53, 0.5, 13, 1_000_000),
  fc.integer(), fc.double({ noNaN: false }),
);
const deep = (n: number): unknown => (n === 0 ? "bottom" : { a: deep(n - 1) });
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { "__proto__": { admin: true } }, deep(200), Array.from({ length: 5000 }, () => 1)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Path = (string | number)[];
const BOOKING_PATHS: Path[] = [
  [], ["sessionId"], ["paymentOption"], ["contact"], ["contact", "name"], ["contact", "email"], ["contact", "phone"],
  ["contact", "organisation"], ["billing"], ["billing", "country"], ["billing", "postalCode"], ["attendees"], ["attendees", 0],
  ["attendees", 0, "firstName"], ["attendees", 0, "email"], ["attendees", 0, "isBooker"], ["attendees", 0, "requirements"],
  ["attendees", 0, "requirements", 0], ["attendees", 0, "requirements", 0, "templateId"], ["attendees", 0, "requirements", 0, "details"],
  ["attendees", 13], ["acceptTerms"], ["extra"], ["__proto__"], ["constructor"],
];

function setPath(target: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const root = structuredClone(target) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = typeof key === "number" ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** A valid booking with one part replaced by hostile input or removed. */
const mutatedBooking = (valid: () => unknown) =>
  fc.tuple(fc.constantFrom(...BOOKING_PATHS), hostileValue, fc.boolean()).map(([path, value, remove]) => setPath(valid(), path, value, remove && path.length > 0));

// ---- fixtures -------------------------------------------------------------------------------------------

let sessionId: string;
let templateId: string;
const staff = {} as Record<"admin" | "finance", TestStaff>;
const validBooking = () => {
  const body = bookingBody(sessionId, 2) as Record<string, unknown> & { attendees: Record<string, unknown>[] };
  body.attendees[0].requirements = [{ templateId, details: "Peanuts" }];
  return body;
};

beforeAll(async () => {
  // Enough places that valid bookings never run the session out during the run.
  sessionId = (await createSessionFixture({ capacity: 5000 })).session.id;
  [{ id: templateId }] = await db().execute<{ id: string }>(sql`select id from requirement_templates where active and not details_required order by code limit 1`);
  staff.admin = await staffSession("admin");
  staff.finance = await staffSession("finance");
});

async function expectNothingWritten(before: Record<string, number>, what: string) {
  const after = await counts();
  expect(after, what).toEqual(before);
}

function describeInput(v: unknown) {
  const s = typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
  return s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s;
}

// ---- the public API --------------------------------------------------------------------------------------

describe("POST /api/v1/bookings", () => {
  const body = fc.oneof(
    { weight: 6, arbitrary: mutatedBooking(validBooking).map((v) => ({ text: JSON.stringify(v) ?? "", type: "application/json" })) },
    { weight: 1, arbitrary: hostileValue.map((v) => ({ text: JSON.stringify(v) ?? "", type: "application/json" })) },
    {
      weight: 2, arbitrary: fc.constantFrom(
        () => "", () => "{", () => "null", () => "[]", () => "\"text\"", () => "{\"a\":1}}", () => "\u0000",
        // Duplicate keys: the last one wins, as in JSON.parse; either way an answer, never a crash.
        () => JSON.stringify(validBooking()).replace("{", "{\"acceptTerms\":false,\"sessionId\":\"x\","),
        () => JSON.stringify(validBooking()).replace("{", "{\"acceptTerms\":true,").replace("\"acceptTerms\":true}", "\"acceptTerms\":\"yes\"}"),
        () => `{"sessionId":"${"9".repeat(600_000)}"}`,
      ).map((make) => ({ text: make(), type: "application/json" })),
    },
    {
      weight: 1, arbitrary: fc.tuple(
        fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=utf-16", "application/jsonp"),
        mutatedBooking(validBooking),
      ).map(([type, v]) => ({ text: JSON.stringify(v) ?? "", type })),
    },
  );
  const key = fc.option(fc.oneof(fc.uuid(), hostileString.filter((s) => s.length < 300 && /^[\x20-\x7e]*$/.test(s))), { nil: undefined });

  it("never answers 5xx, and writes nothing when it refuses", async () => {
    let accepted = 0;
    await fc.assert(fc.asyncProperty(body, key, async ({ text, type }, idempotencyKey) => {
      const before = await counts();
      const headers: Record<string, string> = {};
      if (type) headers["content-type"] = type;
      if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
      const res = await postBookingRoute(new Request(`${ORIGIN}/api/v1/bookings`, { method: "POST", headers, body: text }), { params: Promise.resolve({}) });
      const json = await res.json();
      expect(res.status, describeInput(text)).toBeLessThan(500);
      if (res.status >= 400) {
        expect(json.error.code, describeInput(text)).toEqual(expect.any(String));
        if (res.status === 400) expect(Object.keys(json.error.fields ?? {}).length, describeInput(text)).toBeGreaterThan(0);
        await expectNothingWritten(before, describeInput(text));
      } else accepted++;
    }), { seed: SEED, numRuns: 100 });
    // The generator is not all noise: some bookings are valid and are made.
    expect(accepted).toBeGreaterThan(0);
  });

  it("answers 413 to a body over the limit, declared or streamed, and reads no further", async () => {
    const big = JSON.stringify({ ...validBooking(), contact: { name: MEGABYTE } });
    const declared = await postBookingRoute(new Request(`${ORIGIN}/api/v1/bookings`, {
      method: "POST", headers: { "content-type": "application/json" }, body: big,
    }), { params: Promise.resolve({}) });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("payload_too_large");
    // No Content-Length: a stream that never ends is cut off at the limit.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull(c) { pulled += 64 * 1024; c.enqueue(new Uint8Array(64 * 1024).fill(32)); } });
    const streamed = await postBookingRoute(new Request(`${ORIGIN}/api/v1/bookings`, {
      method: "POST", headers: { "content-type": "application/json" }, body: endless, duplex: "half",
    } as RequestInit), { params: Promise.resolve({}) });
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });
});

describe("GET routes with hostile path parameters and headers", () => {
  it("never answer 5xx", async () => {
    await fc.assert(fc.asyncProperty(hostileString, hostileString, async (param, token) => {
      const safeToken = token.replace(/[^\x20-\x7e]/g, "").slice(0, 2000);
      const a = await getBookingRoute(new Request(`${ORIGIN}/api/v1/bookings/x`, { headers: { authorization: `Bearer ${safeToken}` } }), { params: Promise.resolve({ reference: param }) });
      // A wrong access token is a 404 that says nothing of the booking; a credential that cannot be one (empty, with
      // spaces, or meant as an API key) is a 401, as on every /api/v1 route.
      const sent = safeToken.trim();
      expect(a.status, describeInput(param)).toBe(sent === "" || /\s/.test(sent) || sent.startsWith("trn_") ? 401 : 404);
      const b = await availabilityRoute(new Request(`${ORIGIN}/api/v1/sessions/x/availability`), { params: Promise.resolve({ id: param }) });
      expect(b.status, describeInput(param)).toBe(404);
      const c = await documentRoute(new Request(`${ORIGIN}/bookings/x/documents/y?token=${encodeURIComponent(safeToken)}`), { params: Promise.resolve({ reference: param, number: token }) });
      expect(c.status, describeInput(param)).toBe(404);
      // The customer's booking page: not found, never an error.
      const { default: BookingPage } = await import("@/app/(shop)/bookings/[reference]/page");
      const page = await (BookingPage as (p: unknown) => Promise<unknown>)({ params: Promise.resolve({ reference: param }), searchParams: Promise.resolve({ token }) })
        .then(() => "rendered", (err) => nextInterrupt(err) ?? err);
      expect(page, describeInput(param)).toEqual({ kind: "status", status: 404 });
    }), { seed: SEED, numRuns: 60 });
  });
});

describe("POST /api/stripe/webhook", () => {
  it("refuses unsigned, badly signed and malformed events with 4xx and writes nothing", async () => {
    const payload = fc.oneof(hostileValue.map((v) => JSON.stringify(v) ?? ""), fc.constantFrom("", "{", MEGABYTE, "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}"));
    await fc.assert(fc.asyncProperty(payload, fc.constantFrom("none", "garbage", "stale"), async (text, signing) => {
      const before = await counts();
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (signing === "garbage") headers["stripe-signature"] = "t=1,v1=00";
      // Signed with the right secret for another body: what a replayed signature looks like.
      if (signing === "stale") headers["stripe-signature"] = signPayload("{\"id\":\"evt_other\"}");
      const res = await webhookRoute(new Request(`${ORIGIN}/api/stripe/webhook`, { method: "POST", headers, body: text }));
      expect([400, 413], describeInput(text)).toContain(res.status);
      await expectNothingWritten(before, describeInput(text));
    }), { seed: SEED, numRuns: 60 });
  });
});

// ---- server actions ---------------------------------------------------------------------------------------

/** Calls a server action; redirect()/notFound() are answers, anything else thrown is a failure. */
async function callAction(fn: (...args: unknown[]) => Promise<unknown>, args: unknown[]) {
  try {
    return await fn(...args);
  } catch (err) {
    if (nextInterrupt(err)) return { interrupted: true };
    throw err;
  }
}

describe("the booking wizard's and booking page's server actions", () => {
  it("startCheckout never fails on our side and writes nothing when it refuses", async () => {
    const payload = fc.oneof({ weight: 4, arbitrary: mutatedBooking(validBooking) }, { weight: 1, arbitrary: hostileValue });
    const key = fc.oneof(fc.uuid(), hostileValue);
    await fc.assert(fc.asyncProperty(payload, key, async (p, k) => {
      const before = await counts();
      const result = (await callAction(startCheckout as never, [p, k])) as { ok: boolean; code?: string; fields?: object };
      expect(result.code, describeInput(p)).not.toBe("internal_error");
      if (!result.ok) {
        expect(result.code, describeInput(p)).toEqual(expect.any(String));
        await expectNothingWritten(before, describeInput(p));
      }
    }), { seed: SEED, numRuns: 100 });
  });

  it("payBalance, paySimulated and cancelSimulated refuse anything but their own ids", async () => {
    await fc.assert(fc.asyncProperty(hostileValue, hostileValue, async (a, b) => {
      const before = await counts();
      for (const [fn, args] of [[payBalance, [a, b]], [paySimulated, [a]], [cancelSimulated, [a]]] as const) {
        const result = (await callAction(fn as never, [...args])) as { error?: string };
        expect(result?.error, describeInput(a)).toEqual(expect.any(String));
      }
      await expectNothingWritten(before, describeInput(a));
    }), { seed: SEED, numRuns: 40 });
  });
});

describe("staff server actions, called by an admin with hostile input", () => {
  const entries = Object.entries(actionMatrix).filter(([key]) => !key.endsWith("#signOut"));
  it("answer a field error or a refusal, never an internal error, and write nothing when they refuse", async () => {
    const modules = new Map<string, Record<string, (input: unknown) => Promise<{ ok: boolean; code?: string }>>>();
    for (const [key] of entries) {
      const file = key.split("#")[0];
      if (!modules.has(file)) modules.set(file, await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`));
    }
    const input = fc.oneof(
      hostileValue,
      fc.dictionary(fc.constantFrom("id", "bookingId", "amount", "reason", "attendeeIds", "title", "slug", "capacity", "startsAt", "email", "role", "name", "done", "label", "sessionId", "requirementId", "priceAmount", "currency", "timeZone"), hostileValue, { maxKeys: 6 }),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...entries.map(([key]) => key)), input, async (key, raw) => {
      const [file, name] = key.split("#");
      actAs(await staffSession("admin", staff.admin.email));
      const before = await counts();
      const result = (await callAction(modules.get(file)![name] as never, [raw])) as { ok: boolean; code?: string };
      expect(result.code, `${key} ${describeInput(raw)}`).not.toBe("internal_error");
      // Only the session made for this call may differ (auth_sessions is not counted).
      if (!result.ok) await expectNothingWritten(before, `${key} ${describeInput(raw)}`);
    }), { seed: SEED, numRuns: 100 });
  });
});

// ---- pages and staff routes read from the URL -----------------------------------------------------------

describe("query strings", () => {
  const params = fc.dictionary(fc.constantFrom("from", "to", "category", "status", "course", "q"), hostileString.map((s) => s.slice(0, 5000)), { maxKeys: 5 });

  it("the catalogue page renders with a message, never an error", async () => {
    const { default: CoursesPage } = await import("@/app/(shop)/courses/page");
    await fc.assert(fc.asyncProperty(params, async (sp) => {
      await expect(CoursesPage({ searchParams: Promise.resolve(sp) }), describeInput(sp)).resolves.toBeTruthy();
    }), { seed: SEED, numRuns: 40 });
  });

  it("the finance CSV export answers 200 or 400, never 5xx", async () => {
    await fc.assert(fc.asyncProperty(params, async (sp) => {
      const s = await staffSession("finance", staff.finance.email);
      const url = `${ORIGIN}/admin/finance/export/csv?${new URLSearchParams(sp)}`;
      const res = await financeCsvRoute(new Request(url, { headers: { cookie: `next-auth.session-token=${s.token}` } }), { params: Promise.resolve({}) });
      expect([200, 400], describeInput(sp)).toContain(res.status);
      await res.arrayBuffer();
    }), { seed: SEED, numRuns: 40 });
  });
});

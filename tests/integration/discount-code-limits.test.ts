// Guessing discount codes is rate limited: only refused codes count (each once per client), per client IP and per booking email;
// past the limit the answer is 429 with Retry-After (the wizard's price preview: a message for the code field),
// nothing is looked up and nothing is written, while good codes and other addresses are not held back.
import { randomInt } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { bookings, discountRedemptions } from "@/db/schema";
import { POST as postBookingRoute } from "@/app/api/v1/bookings/route";
import { previewPrice } from "@/app/(shop)/book/actions";
import { resetEnvForTests } from "@/lib/env";
import { peerAddressHeader } from "@/lib/http/peer-address";
import { bookingBody, createSessionFixture, db } from "../fixtures";
import { codeUses, createDiscountCode } from "../discount-fixtures";
import { uniqueEmail } from "../finance-fixtures";

// The server action reads the request's headers: here, a peer address the test chooses.
const request = vi.hoisted(() => ({ ip: "203.0.113.1", header: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ [request.header]: request.ip }),
  cookies: async () => ({ get: () => undefined }),
}));

const freshIp = () => `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;

function limit(perIp: number, perEmail = 1_000_000) {
  process.env.CODE_GUESS_LIMIT_PER_IP = String(perIp);
  process.env.CODE_GUESS_LIMIT_PER_EMAIL = String(perEmail);
  resetEnvForTests();
}
afterEach(() => limit(1_000_000));

async function post(ip: string, body: unknown) {
  const res = await postBookingRoute(new Request("http://localhost:3000/api/v1/bookings", {
    method: "POST", headers: { "content-type": "application/json", [peerAddressHeader()]: ip }, body: JSON.stringify(body),
  }), { params: Promise.resolve({}) });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

const withCode = (sessionId: string, code: string, email = uniqueEmail("guess")) =>
  bookingBody(sessionId, 1, { discountCode: code, contact: { name: "Guess Who", email, phone: "+44 20 7946 0003" } });
const bookingsBy = async (email: string) => (await db().select().from(bookings).where(eq(bookings.contactEmail, email))).length;

describe("discount code guessing", () => {
  it("refuses the (N+1)th wrong code from an address with 429 and writes nothing; a good code from elsewhere still works", async () => {
    limit(3);
    const { session } = await createSessionFixture({ capacity: 20 });
    const good = await createDiscountCode({ value: 2_000 });
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      const res = await post(ip, withCode(session.id, `WRONG${i}X`));
      expect(res.status).toBe(400);
      expect(res.json.error.fields.discountCode).toMatch(/recognise/);
    }
    const email = uniqueEmail("refused");
    const refused = await post(ip, withCode(session.id, "WRONG9X", email));
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(refused.json.error.fields.discountCode).toMatch(/Too many discount codes/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Not looked up at all, so even a good code from this address waits; nothing is written either way.
    const goodButRefused = await post(ip, withCode(session.id, good.code, email));
    expect(goodButRefused.status).toBe(429);
    expect(await bookingsBy(email)).toBe(0);
    expect(await codeUses(good.id)).toBe(0);

    const elsewhere = await post(freshIp(), withCode(session.id, good.code));
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.json.discounts).toMatchObject([{ source: "code" }]);
    expect(await codeUses(good.id)).toBe(1);
    // A booking without a code is not a guess.
    expect((await post(ip, bookingBody(session.id, 1, { contact: { name: "No Code", email: uniqueEmail("plain"), phone: "+44 20 7946 0004" } }))).status).toBe(201);
  });

  it("good codes never count, however many", async () => {
    limit(2);
    const { session } = await createSessionFixture({ capacity: 20 });
    const good = await createDiscountCode();
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await post(ip, withCode(session.id, good.code))).status).toBe(201);
    expect((await post(ip, withCode(session.id, "NOPE1X"))).status).toBe(400);
    expect((await post(ip, withCode(session.id, good.code))).status).toBe(201);
    expect((await post(ip, withCode(session.id, "NOPE2X"))).status).toBe(400);
    expect((await post(ip, withCode(session.id, "NOPE3X"))).status).toBe(429);
  });

  it("counts concurrent guesses exactly: N are answered, the rest refused", async () => {
    limit(3);
    const { session } = await createSessionFixture({ capacity: 20 });
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(ip, withCode(session.id, `RACE${i}XX`))));
    expect(answers.filter((a) => a.status === 400)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  });

  it("counts a code once however often the same client asks for it again, at once or later", async () => {
    limit(2);
    const { session } = await createSessionFixture({ capacity: 20 });
    const good = await createDiscountCode();
    const ip = freshIp();
    // The wizard prices the booking again while a refused code is in its field; Apply pressed twice.
    for (let i = 0; i < 4; i++) expect((await post(ip, withCode(session.id, "SAME1X"))).status).toBe(400);
    const together = await Promise.all(Array.from({ length: 6 }, () => post(ip, withCode(session.id, " same2x "))));
    expect(together.map((a) => a.status)).toEqual(Array(6).fill(400));
    // Two codes refused: the limit is reached for new codes, while the ones already refused still answer why.
    expect((await post(ip, withCode(session.id, "OTHER3X"))).status).toBe(429);
    expect((await post(ip, withCode(session.id, "SAME1X"))).json.error.fields.discountCode).toMatch(/recognise/);
    expect((await post(ip, withCode(session.id, good.code))).status).toBe(429);
  });

  it("limits per booking email across addresses", async () => {
    limit(1_000_000, 2);
    const { session } = await createSessionFixture({ capacity: 20 });
    const good = await createDiscountCode();
    const email = uniqueEmail("one-email");
    expect((await post(freshIp(), withCode(session.id, "MAIL1X", email))).status).toBe(400);
    expect((await post(freshIp(), withCode(session.id, "MAIL2X", email.toUpperCase()))).status).toBe(400);
    expect((await post(freshIp(), withCode(session.id, good.code, email))).status).toBe(429);
    expect(await db().select().from(discountRedemptions).where(eq(discountRedemptions.codeId, good.id))).toEqual([]);
    expect((await post(freshIp(), withCode(session.id, good.code))).status).toBe(201);
  });

  it("the wizard's price preview counts refused codes too and says why it stops looking them up", async () => {
    limit(2);
    request.header = peerAddressHeader();
    request.ip = freshIp();
    const { session } = await createSessionFixture({ capacity: 20 });
    const good = await createDiscountCode({ value: 5_000 });
    const body = (code?: string) => ({ ...bookingBody(session.id, 1), ...(code ? { discountCode: code } : {}) });
    for (const code of ["PREV1X", "PREV2X"]) {
      const res = await previewPrice(body(code));
      expect(res).toMatchObject({ ok: false, code: "invalid_request", fields: { discountCode: expect.stringMatching(/recognise/) } });
    }
    const refused = await previewPrice(body(good.code));
    expect(refused).toMatchObject({ ok: false, code: "rate_limited", message: expect.stringMatching(/Too many discount codes were tried\. Please try again in \d+ minutes?\./) });
    // The price without a code is still shown.
    expect(await previewPrice(body())).toMatchObject({ ok: true });
    // Another address with the good code gets its discount.
    request.ip = freshIp();
    const priced = await previewPrice(body(good.code));
    expect(priced.ok && priced.price.discounts).toMatchObject([{ source: "code" }]);
    expect(await codeUses(good.id)).toBe(0);
  });
});

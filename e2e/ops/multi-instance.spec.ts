// Several production instances on one database, as behind a load balancer: the spec starts two more
// `next start` processes beside the one Playwright runs (three in all, each with its own job worker and
// maintenance loop) and checks that holds, the job queue, the maintenance loop, the live dashboard and the
// sign-in rate limits coordinate through PostgreSQL rather than through any one process.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { freshCourseSession, startInstances, stopInstances } from "../fixtures/instances";
import { signInAs, withE2eDb } from "../fixtures/staff";

const mainPort = Number(process.env.E2E_PORT ?? 3100);
const extraPorts = [mainPort + 1011, mainPort + 1012];
const origins = [mainPort, ...extraPorts].map((port) => `http://127.0.0.1:${port}`);
let instances: ChildProcess[] = [];

/** A client address as the load balancer would forward it; each test uses its own, so limits never meet. */
const clientAddress = () => `203.0.113.${1 + randomBytes(1)[0] % 250}`;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  instances = await startInstances(playwright, origins.slice(1).map((origin) => ({
    origin, env: { CATALOGUE_CACHE_SECONDS: "0", MAINTENANCE_INTERVAL_SECONDS: "1", TRUSTED_PROXY_HOPS: "1" },
  })));
});

test.afterAll(() => stopInstances(instances));

/** A venue, course, Standard ticket type and one session of `capacity` places, unique to the caller. */
const freshSession = async (capacity: number) => (await freshCourseSession({ prefix: "multi", title: "Multi Course", capacity, days: 3 })).sessionId;

async function sessionCounters(sessionId: string) {
  const [row] = await withE2eDb((sql) => sql`select places_booked, places_held from course_sessions where id = ${sessionId}`);
  return { booked: row.places_booked as number, held: row.places_held as number };
}

function bookingBody(sessionId: string, n: number, attendee: Record<string, unknown> = {}) {
  return {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: `Buyer ${n}`, email: `buyer-${n}-${randomBytes(3).toString("hex")}@example.com`, phone: "+44 20 7946 0100" },
    attendees: [{ firstName: `Guest${n}`, lastName: "Multi", ...attendee }],
  };
}

test("[OPS] three instances hold no more places than there are, send each email once and release lapsed holds once", async ({ page, request }) => {
  const sessionId = await freshSession(3);

  // Nine customers at once, spread over the three instances, for three places.
  const answers = await Promise.all(Array.from({ length: 9 }, (_, n) => request.post(`${origins[n % 3]}/api/v1/bookings`, {
    data: bookingBody(sessionId, n), headers: { "x-forwarded-for": clientAddress() },
  })));
  const statuses = answers.map((a) => a.status()).sort();
  expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409]);
  expect(await sessionCounters(sessionId)).toEqual({ booked: 0, held: 3 });
  const held = await Promise.all(answers.filter((a) => a.status() === 201).map((a) => a.json() as Promise<{ reference: string; checkoutUrl: string }>));

  // Two pay, each on the instance that made the checkout; every instance's worker is free to take the jobs.
  for (const { checkoutUrl } of held.slice(0, 2)) {
    await page.goto(checkoutUrl);
    await page.getByRole("button", { name: /^Pay / }).click();
    await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  }
  const paid = held.slice(0, 2).map((h) => h.reference);
  const confirmations = () => withE2eDb((sql) => sql`select b.reference, m.status, m.attempts from email_messages m
    join bookings b on b.id = m.booking_id where b.reference in ${sql(paid)} and m.kind = 'booking-confirmed' order by b.reference`);
  await expect.poll(async () => (await confirmations()).filter((m) => m.status === "sent").length,
    { message: "both confirmations sent", timeout: 60_000 }).toBe(2);
  // The queue holds no more jobs for these bookings, and each confirmation went out once, in one attempt.
  const ids = (await withE2eDb((sql) => sql`select id from bookings where reference in ${sql(paid)}`)).map((r) => r.id as string);
  await expect.poll(() => withE2eDb(async (sql) => (await sql`select count(*)::int as n from graphile_worker._private_jobs
    where payload::text similar to ${`%(${ids.join("|")})%`}`)[0].n as number), { timeout: 60_000 }).toBe(0);
  expect((await confirmations()).map((m) => [m.status, m.attempts])).toEqual([["sent", 1], ["sent", 1]]);

  // The third walks away: its hold lapses, and the instances' maintenance loops (all running) release it once.
  const lapsed = held[2].reference;
  await withE2eDb((sql) => sql`update bookings set hold_expires_at = now() - interval '1 minute' where reference = ${lapsed}`);
  await expect.poll(() => sessionCounters(sessionId), { message: "the lapsed hold is released", timeout: 60_000 })
    .toEqual({ booked: 2, held: 0 });
  const [row] = await withE2eDb((sql) => sql`select status from bookings where reference = ${lapsed}`);
  expect(row.status).toBe("expired");
  // The place is free again for anyone, on any instance.
  const again = await request.post(`${origins[2]}/api/v1/bookings`, { data: bookingBody(sessionId, 99), headers: { "x-forwarded-for": clientAddress() } });
  expect(again.status()).toBe(201);
  expect(await sessionCounters(sessionId)).toEqual({ booked: 2, held: 1 });
});

test("[OPS] a booking paid through one instance appears live on a dashboard served by another", async ({ page, context, browser }) => {
  const sessionId = await freshSession(6);
  await signInAs(context, "admin"); // the cookie is the host's, so every instance on 127.0.0.1 sees it
  await page.goto(`${origins[1]}/admin/requirements`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  const [template] = await withE2eDb((sql) => sql`select id from requirement_templates where code = 'allergy_severe'`);
  const customer = await browser.newContext();
  const shopper = await customer.newPage();
  const res = await shopper.request.post(`${origins[2]}/api/v1/bookings`, {
    data: bookingBody(sessionId, 1, { requirements: [{ templateId: template.id, details: "Peanuts" }] }),
    headers: { "x-forwarded-for": clientAddress() },
  });
  expect(res.status()).toBe(201);
  const { checkoutUrl, reference } = await res.json();
  expect(new URL(checkoutUrl).origin).toBe(origins[2]);
  await shopper.goto(checkoutUrl);
  await shopper.getByRole("button", { name: /^Pay / }).click();
  await expect(shopper.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await customer.close();

  await expect(page.getByRole("status").filter({ hasText: `New booking ${reference}` })).toContainText("1 Critical");
});

test("[OPS] the sign-in limits count every instance's attempts together", async ({ request }) => {
  const email = `limit-${randomBytes(3).toString("hex")}@turnout.example`;
  const address = clientAddress();
  const perEmail = Number(process.env.SIGNIN_LIMIT_PER_EMAIL ?? 5);
  const attempt = (n: number) => request.post(`${origins[1 + (n % 2)]}/api/auth/signin/email`, {
    form: { email }, headers: { "x-forwarded-for": address, origin: origins[1 + (n % 2)] }, maxRedirects: 0,
  });
  // The allowance is spent alternately on two instances; the next attempt is refused on either.
  for (let n = 0; n < perEmail; n++) expect((await attempt(n)).status(), `attempt ${n + 1}`).not.toBe(429);
  for (const n of [perEmail, perEmail + 1]) {
    const refused = await attempt(n);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  }
});

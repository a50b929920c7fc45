// The catalogue pages served from the page cache (lib/http/page-cache.ts), on production instances started
// by this spec with the cache on (the shared e2e server reads live): a cached page still runs its scripts
// under a fresh nonce, catches up with a booking within the cache's bound, is rendered by the instance's page
// renderer (lib/http/page-renderer.ts) rather than on the thread answering visitors, and a stale page never
// lets anyone book places that are gone.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { freshCourseSession, startInstances, stopInstances } from "../fixtures/instances";

const mainPort = Number(process.env.E2E_PORT ?? 3100);
/** CATALOGUE_CACHE_SECONDS of each instance: the default, and one long enough that a page is surely stale. */
const SHORT = { seconds: 2, origin: `http://127.0.0.1:${mainPort + 1021}` };
const LONG = { seconds: 60, origin: `http://127.0.0.1:${mainPort + 1022}` };
const METRICS_TOKEN = randomBytes(16).toString("hex");
let instances: ChildProcess[] = [];

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  instances = await startInstances(playwright, [SHORT, LONG].map(({ seconds, origin }) => ({
    origin,
    env: { CATALOGUE_CACHE_SECONDS: String(seconds), METRICS_TOKEN, API_RATE_LIMIT_PER_IP: "1000000", HOLD_LIMIT_PER_IP: "1000000", HOLD_LIMIT_PER_EMAIL: "1000000" },
  })));
});

test.afterAll(() => stopInstances(instances));

/** A course of its own with one session of `capacity` places; returns the course's slug and the session. */
const freshCourse = (capacity: number) => freshCourseSession({ prefix: "cache", title: "Cache Course", capacity, days: 5 });

function book(request: APIRequestContext, origin: string, sessionId: string, places: number) {
  const tag = randomBytes(3).toString("hex");
  return request.post(`${origin}/api/v1/bookings`, {
    data: {
      sessionId, paymentOption: "full", acceptTerms: true,
      contact: { name: `Buyer ${tag}`, email: `buyer-${tag}@example.com`, phone: "+44 20 7946 0100" },
      attendees: Array.from({ length: places }, (_, i) => ({ firstName: `Guest${i}`, lastName: "Cache" })),
    },
  });
}

/** Loads `url` until the answer comes from the page cache (the first visit after a period renders it). */
async function loadCached(page: Page, url: string) {
  await expect.poll(async () => (await page.goto(url))?.headers()["x-turnout-page-cache"],
    { message: `${url} served from the page cache`, timeout: 30_000, intervals: [100] }).toBe("hit");
}

test("[CATALOGUE] a cached course page runs its scripts under its own nonce", async ({ page, request }) => {
  const { slug } = await freshCourse(5);
  const url = `${LONG.origin}/courses/${slug}`;
  const violations: string[] = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });

  await loadCached(page, url);
  await expect(page.getByText("5 places left")).toBeVisible();
  // Next.js's scripts ran (its router is up), so the nonce in the HTML matched the response's header.
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe("string");
  expect(violations).toEqual([]);
  // Two cached answers: each its own nonce, in the header and on every script.
  const nonces = await Promise.all([0, 1].map(async () => {
    const res = await request.get(url);
    expect(res.headers()["x-turnout-page-cache"]).toBe("hit");
    const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"])![1];
    const scripts = [...(await res.text()).matchAll(/<script[^>]*?nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
    return nonce;
  }));
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("[CATALOGUE] a course page shows a booking within the cache's bound", async ({ page, request }) => {
  const { slug, sessionId } = await freshCourse(5);
  const url = `${SHORT.origin}/courses/${slug}`;
  await page.goto(url);
  await expect(page.getByText("5 places left")).toBeVisible();
  expect((await book(request, SHORT.origin, sessionId, 2)).status()).toBe(201);
  // HTML kept 1 s (served up to 1 s more while the next render runs), rendered from listings kept 2 s: the
  // page shows the booking within 4 s and one render (the deadline leaves room for a busy machine).
  await expect.poll(async () => {
    await page.goto(url);
    return page.getByText("3 places left").isVisible();
  }, { message: "the course page shows the booking", timeout: 15_000, intervals: [200] }).toBe(true);
});

/** How many catalogue pages the instance's page cache has had rendered, by its page renderer and by itself. */
async function renders(request: APIRequestContext, origin: string) {
  const text = await (await request.get(`${origin}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const count = (by: string) => Number(new RegExp(`^turnout_page_renders_total\\{by="${by}"\\} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  return { renderer: count("renderer"), server: count("server") };
}

test("[CATALOGUE] pages are rendered by the page renderer, not on the thread answering visitors", async ({ page, request }) => {
  // The renderer starts beside its server (until it answers, the server renders pages itself).
  await expect.poll(async () => {
    await request.get(`${SHORT.origin}/courses?renderer=${randomBytes(3).toString("hex")}`);
    return (await renders(request, SHORT.origin)).renderer;
  }, { message: "the page renderer has rendered a page", timeout: 60_000, intervals: [300] }).toBeGreaterThan(0);
  const { slug } = await freshCourse(4);
  // A page the cache has never had: its first visitor waits for the renderer's render.
  const before = await renders(request, SHORT.origin);
  const first = await page.goto(`${SHORT.origin}/courses/${slug}`);
  expect(first?.headers()["x-turnout-page-cache"]).toBe("hit");
  await expect(page.getByText("4 places left")).toBeVisible();
  // Kept 1 s, then rendered again behind a visitor; every render was the renderer's.
  await expect.poll(async () => {
    await page.goto(`${SHORT.origin}/courses/${slug}`);
    return (await renders(request, SHORT.origin)).renderer - before.renderer;
  }, { message: "the page rendered again by the renderer", timeout: 30_000, intervals: [300] }).toBeGreaterThanOrEqual(2);
  expect((await renders(request, SHORT.origin)).server).toBe(before.server);
  // The page works as Next.js served it: its scripts run under the answer's nonce (the router is up).
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe("string");
});

test("[CATALOGUE] a stale course page never lets anyone book places that are gone", async ({ page, request }) => {
  const { slug, sessionId } = await freshCourse(2);
  const url = `${LONG.origin}/courses/${slug}`;
  await loadCached(page, url);
  await expect(page.getByText("2 places left")).toBeVisible();

  // Another customer takes both places; this instance keeps its page for 30 s, so it still offers them.
  expect((await book(request, LONG.origin, sessionId, 2)).status()).toBe(201);
  const stale = await page.goto(url);
  expect(stale?.headers()["x-turnout-page-cache"]).toBe("hit");
  await expect(page.getByText("2 places left")).toBeVisible();

  // The booking step reads the database: the session is sold out there, and the API refuses the places.
  await page.getByRole("link", { name: /^Book Cache Course/ }).click();
  await expect(page.getByText("Sold out")).toBeVisible();
  const refused = await book(request, LONG.origin, sessionId, 1);
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toMatchObject({ code: "insufficient_capacity", available: 0 });
});

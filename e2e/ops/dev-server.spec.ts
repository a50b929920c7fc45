// `npm run dev` is how a newcomer first meets the app, so its development server is checked too: `next dev`
// on the e2e database, a booking page opened at 127.0.0.1 (not only at localhost, which Next.js always
// trusts) becomes interactive, and the wizard takes its first step. It compiles with Turbopack into its own
// folder, so the production build the other specs use is untouched.
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { freshCourseSession, startInstances, stopInstances } from "../fixtures/instances";

const port = Number(process.env.E2E_PORT ?? 3100) + 1021;
const origin = `http://127.0.0.1:${port}`;
let dev: ChildProcess[] = [];

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(240_000);
  dev = await startInstances(playwright, [{
    origin, command: "dev", anyHost: true,
    // As `npm run dev` starts it (no host named, APP_URL at localhost); the page is nonetheless opened at 127.0.0.1.
    env: { NODE_ENV: "development", NEXT_DIST_DIR: ".next-dev", APP_URL: `http://localhost:${port}`, NEXTAUTH_URL: `http://localhost:${port}`, CATALOGUE_CACHE_SECONDS: "0" },
  }]);
});

test.afterAll(() => stopInstances(dev));

test("the development server's booking wizard is interactive at 127.0.0.1", async ({ page }) => {
  test.setTimeout(240_000);
  const { slug } = await freshCourseSession({ prefix: "dev", title: "Dev Server Course", capacity: 10, days: 5 });
  // The first visit compiles the page; the generous deadline is for a busy machine, not a delay.
  await page.goto(`${origin}/book/${slug}`, { timeout: 180_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Choose a session" })).toBeVisible({ timeout: 180_000 });
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible({ timeout: 120_000 });
});

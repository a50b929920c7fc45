// A form driven by react-hook-form resets its fields to their defaults when the page hydrates, so a choice
// made on the server's HTML would be lost and a click would submit nothing. Such forms stay disabled until
// the page's scripts have run. The scripts are held back here to see the page as a slow phone sees it.
import { expect, test, type Page } from "@playwright/test";
import { signInAs, withE2eDb } from "../fixtures/staff";

/** Holds every script chunk until the returned function is called. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route("**/_next/static/chunks/**", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test("[ADMIN] a staff form is disabled until its page is interactive", async ({ page, context }) => {
  await signInAs(context, "admin");
  const [session] = await withE2eDb((sql) => sql`select s.id from course_sessions s where s.status = 'scheduled' limit 1`);
  const release = await holdScripts(page);
  await page.goto(`/admin/sessions/${session.id}`, { waitUntil: "commit" });
  const plan = page.getByLabel("Seating plan", { exact: true });
  await expect(plan).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save seating plan" })).toBeDisabled();

  release();
  await expect(plan).toBeEnabled();
  await expect(page.getByRole("button", { name: "Save seating plan" })).toBeEnabled();
});

test("[ADMIN] the sign-in form is disabled until its page is interactive", async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto("/signin", { waitUntil: "commit" });
  const email = page.getByLabel("Work email");
  await expect(email).toBeDisabled();
  release();
  await expect(email).toBeEnabled();
  await email.fill("someone@example.com");
  await expect(email).toHaveValue("someone@example.com");
});

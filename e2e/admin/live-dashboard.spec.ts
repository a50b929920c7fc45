import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { e2eDatabaseUrl, withE2eDb } from "../fixtures/staff";

/** The first upcoming First Aid session at the Riverside centre (seeded with no bookings). */
async function riversideFirstAidSession() {
  return withE2eDb(async (sql) => {
    const [row] = await sql`select s.id from course_sessions s join courses c on c.id = s.course_id join venues v on v.id = s.venue_id
      where c.slug = 'first-aid-at-work' and v.slug = 'riverside-centre' and s.status = 'scheduled' order by s.starts_at limit 1`;
    return row.id as string;
  });
}

async function templateId(code: string) {
  return withE2eDb(async (sql) => (await sql`select id from requirement_templates where code = ${code}`)[0].id as string);
}

test("[ADMIN] signs in by magic link, sees a booking paid elsewhere appear live with its Critical need first, ticks a task and exports the CSV", async ({ page, browser, baseURL }) => {
  // The first admin comes from the command line.
  const email = `olive-${randomBytes(3).toString("hex")}@turnout.example`;
  const out = execFileSync("node_modules/.bin/tsx", ["scripts/user-create.ts", "--email", email, "--role", "admin", "--name", "Olive Ops"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
  }).toString();
  expect(out).toContain(`Created ${email} (admin)`);

  // Signed out, the dashboard sends us to sign in, and back afterwards.
  await page.goto("/admin/requirements");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Frequirements$/);
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const [mail] = await withE2eDb((sql) => sql`select text from email_messages where to_address = ${email} and kind = 'staff_sign_in'`);
  const link = (mail.text as string).match(/https?:\/\/\S+/)![0];
  expect(new URL(link).origin).toBe(baseURL);
  await page.goto(link);
  await expect(page).toHaveURL(/\/admin\/requirements$/);
  await expect(page.getByRole("heading", { level: 1, name: "Requirements" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await page.evaluate(() => { (window as unknown as { stillHere: boolean }).stillHere = true; });

  // Meanwhile a customer books in another browser: a vegan, and (second) an attendee with a severe allergy.
  const sessionId = await riversideFirstAidSession();
  const customer = await browser.newContext();
  const shopper = await customer.newPage();
  const res = await shopper.request.post("/api/v1/bookings", {
    data: {
      sessionId, paymentOption: "full", acceptTerms: true,
      contact: { name: "Carla Customer", email: "carla@example.com", phone: "+44 20 7946 0123" },
      attendees: [
        { firstName: "Victor", lastName: "Vale", requirements: [{ templateId: await templateId("diet_vegan") }] },
        { firstName: "Ines", lastName: "Ibarra", requirements: [{ templateId: await templateId("allergy_severe"), details: "Tree nuts; carries two auto-injectors" }] },
      ],
    },
  });
  expect(res.status()).toBe(201);
  const { checkoutUrl, reference } = await res.json();
  await shopper.goto(checkoutUrl);
  await shopper.getByRole("button", { name: /^Pay / }).click();
  await expect(shopper.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await customer.close();

  // The admin's dashboard announces it and shows it, without a reload, Critical first.
  await expect(page.getByRole("status").filter({ hasText: `New booking ${reference}` })).toContainText("2 special requirements (1 Critical)");
  const card = page.locator(`[data-session-id="${sessionId}"]`);
  const needs = card.locator("li[data-priority]");
  await expect(needs).toHaveCount(2);
  await expect(needs.first()).toHaveAttribute("data-priority", "critical");
  await expect(needs.first()).toContainText("Severe allergy (risk of anaphylaxis)");
  await expect(needs.first()).toContainText("Ines Ibarra");
  await expect(needs.first()).toContainText(reference);
  await expect(needs.first()).toContainText("Tree nuts; carries two auto-injectors");
  await expect(needs.nth(1)).toContainText("Victor Vale");
  await expect(card).toHaveAttribute("data-attention", "true");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await expectNoSeriousA11yViolations(page, "the requirements dashboard with a live notification");

  // Tick a preparation task: recorded with who did it, and the progress bar moves.
  const progress = card.getByRole("progressbar");
  await expect(progress).toHaveAttribute("aria-valuenow", "0");
  const task = card.getByRole("checkbox", { name: /Brief the caterer on the allergen.*Ines Ibarra/ });
  await task.check();
  await expect(task).toBeChecked();
  await expect(card.getByText(/^Done by Olive Ops, /)).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "1");
  const [done] = await withE2eDb((sql) => sql`select c.done_at, u.email from checklist_items c join users u on u.id = c.done_by
    where c.session_id = ${sessionId} and c.label like 'Brief the caterer%'`);
  expect(done.email).toBe(email);

  // Acknowledge the Critical need: the session no longer stands out.
  await needs.first().getByRole("button", { name: /Acknowledge Severe allergy/ }).click();
  await expect(needs.first()).toContainText("Acknowledged by Olive Ops");
  await expect(card).not.toHaveAttribute("data-attention", "true");

  // Export this session's CSV.
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: /^CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^requirements-first-aid-at-work-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("Session date,Start,End,Course,Venue,Priority,Category,Requirement,Details,Attendee,Ticket and seat,Booking reference,Acknowledged at,Acknowledged by");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`First Aid at Work,"Riverside Training Centre, London",Critical,Allergy,Severe allergy (risk of anaphylaxis),Tree nuts; carries two auto-injectors,Ines Ibarra,`);
  // The ticket type is named only when the session's needs come from more than one (other specs book it too).
  expect(lines[1]).toMatch(new RegExp(`,Ines Ibarra,(Standard)?,${reference},`));
  expect(lines[1]).toMatch(/,Olive Ops$/);
  expect(lines[2]).toMatch(new RegExp(`Standard,Dietary,Vegan,,Victor Vale,(Standard)?,${reference},,`));
});

// Staff set up a time-slot offering at a new location of their own (no spec books it): field errors first,
// then opening hours and a peak window, and customers see it in the public API at those hours and rates.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] creates a time-slot offering with opening hours and a peak window, and customers can see it", async ({ page, context, request }) => {
  const tag = randomBytes(3).toString("hex");
  const venueName = `Boulder Barn ${tag}`;
  await withE2eDb((sql) => sql`insert into venues (slug, name, address_line1, city, postal_code, country, time_zone)
    values (${`boulder-barn-${tag}`}, ${venueName}, '5 Quarry Road', 'Sheffield', 'S1 2AB', 'GB', 'Europe/London')`);
  await signInAs(context, "admin");

  await page.goto("/admin/offerings");
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Time slots" }).waitFor();
  await page.getByRole("link", { name: "New offering" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New time-slot offering" })).toBeVisible();
  const title = `Bouldering ${tag}`;
  await page.getByLabel("Location").selectOption({ label: `${venueName}, Sheffield (Europe/London)` });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Web address").fill(`bouldering-${tag}`);
  await page.getByLabel("Summary").fill("Climb by the hour.");
  await page.getByLabel("Description").fill("Bouldering walls for all levels.");
  await page.getByLabel("Category").fill("Sport");
  await page.getByLabel("Slot length (minutes)").fill("50");
  await page.getByLabel("Places per slot").fill("8");
  await page.getByLabel("Standard rate per slot and person").fill("9.50");
  await page.getByLabel("Peak rate per slot and person").fill("12");
  await page.getByRole("button", { name: "Create offering" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Choose a slot length that divides a day");
  await expect(page.getByLabel("Slot length (minutes)")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "the new offering form with errors");
  const [none] = await withE2eDb((sql) => sql`select count(*)::int as n from courses where slug = ${`bouldering-${tag}`}`);
  expect(none.n).toBe(0);

  await page.getByLabel("Slot length (minutes)").fill("60");
  await page.getByLabel(/Check attendees out at the door/).check();
  await page.getByRole("button", { name: "Create offering" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByLabel(/Check attendees out at the door/)).toBeChecked();
  const [offering] = await withE2eDb((sql) => sql`select o.check_out_required from slot_offerings o join courses c on c.id = o.course_id where c.slug = ${`bouldering-${tag}`}`);
  expect(offering.check_out_required).toBe(true);

  // Opening hours belong to the location: weekdays 08:00–12:00 and 13:00–18:00, Saturday mornings.
  await page.getByRole("link", { name: venueName }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${venueName}: opening hours and closures` })).toBeVisible();
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await page.getByLabel(day).fill("08:00–12:00, 13:00–18:00");
  await page.getByLabel("Saturday").fill("09:00-13:00");
  await page.getByRole("button", { name: "Save opening hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the location's hours and closures");

  // A peak window on weekday afternoons, by keyboard.
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const peakForm = page.getByRole("form", { name: "Add a peak window" });
  await peakForm.getByLabel("From").fill("16:00");
  await peakForm.getByLabel("Until").fill("18:00");
  await peakForm.getByLabel("Until").press("Enter");
  await expect(page.getByText("16:00–18:00 on Monday, Tuesday, Wednesday, Thursday, Friday")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the offering page");

  // Customers: the location and its offering in the public API, at those hours and rates.
  const [course] = await withE2eDb((sql) => sql`select id from courses where slug = ${`bouldering-${tag}`}`);
  await expect.poll(async () => {
    const res = await request.get("/api/v1/locations");
    const body = await res.json();
    const location = body.locations.find((l: { name: string }) => l.name === venueName);
    return location && { offerings: location.offerings.map((o: { title: string }) => o.title), saturday: location.openingHours.filter((h: { weekday: number }) => h.weekday === 6) };
  }).toEqual({ offerings: [title], saturday: [{ weekday: 6, open: "09:00", close: "13:00" }] });

  const wednesday = DateTime.now().setZone("Europe/London").startOf("day").plus({ weeks: 2 }).set({ weekday: 3 }).toISODate()!;
  await expect.poll(async () => {
    const res = await request.get(`/api/v1/availability/${course.id}?date=${wednesday}`);
    const body = await res.json();
    return body.slots?.map((s: { rateAmount: number; peak: boolean }) => `${s.rateAmount}${s.peak ? " peak" : ""}`);
  }).toEqual(["950", "950", "950", "950", "950", "950", "950", "1200 peak", "1200 peak"]);
});

import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { signInAs, withE2eDb } from "../fixtures/staff";

/**
 * A course of its own with two sessions in June 2025 and two paid bookings (3 places on 2 June, 2 places on
 * 10 June), so the figures for it are known whatever other specs book.
 */
async function seedCourse() {
  const tag = randomBytes(3).toString("hex");
  return withE2eDb(async (sql) => {
    const [venue] = await sql`insert into venues (slug, name, address_line1, city, postal_code, country, time_zone)
      values (${`stats-hall-${tag}`}, ${`Stats Hall ${tag}`}, '1 Chart Street', 'Leeds', 'LS1 1AA', 'GB', 'Europe/London') returning id`;
    const title = `Analytics Course ${tag}`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, currency)
      values (${`analytics-course-${tag}`}, ${title}, 'Figures.', 'A course for the dashboard spec.', 'Testing', 12000, 'GBP') returning id`;
    const [type] = await sql`insert into ticket_types (course_id, name, price_amount) values (${course.id}, 'Standard', 12000) returning id`;
    const session = async (startsAt: string, capacity: number, booked: number) => (await sql`
      insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity, places_booked, status)
      values (${course.id}, ${venue.id}, ${startsAt}, ${startsAt}::timestamptz + interval '6 hours', ${capacity}, ${booked}, 'scheduled') returning id`)[0].id;
    const first = await session("2025-06-20T09:00:00Z", 10, 3);
    const second = await session("2025-06-27T09:00:00Z", 10, 2);
    const book = async (sessionId: string, places: number, confirmedAt: string) => {
      const [b] = await sql`insert into bookings (reference, session_id, status, payment_option, payment_status, attendee_count, currency,
          unit_amount, total_amount, amount_due_now, amount_paid, hold_expires_at, contact_name, contact_email, contact_phone,
          terms_accepted_at, payment_provider, confirmed_at)
        values (${`TRN-E2E${tag.slice(0, 1).toUpperCase()}-${randomBytes(2).toString("hex").toUpperCase()}`}, ${sessionId}, 'confirmed', 'full', 'paid', ${places}, 'GBP',
          12000, ${12000 * places}, ${12000 * places}, ${12000 * places}, ${confirmedAt}, 'Stella Stats', 'stella@example.com', '+44 20 7946 0999',
          ${confirmedAt}, 'simulated', ${confirmedAt}) returning id`;
      for (let p = 1; p <= places; p++)
        await sql`insert into booking_attendees (booking_id, position, first_name, last_name, ticket_type_id, unit_amount)
          values (${b.id}, ${p}, ${`Guest${p}`}, 'Stats', ${type.id}, 12000)`;
    };
    await book(first, 3, "2025-06-02T10:00:00Z");
    await book(second, 2, "2025-06-10T10:00:00Z");
    return { title, venueName: `Stats Hall ${tag}` };
  });
}

/** The body cells of a figure's table, row by row. */
async function tableRows(page: Page, figure: string) {
  const section = page.locator(`section:has(table[data-figure="${figure}"])`);
  const details = section.locator("details");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
  const table = section.locator(`table[data-figure="${figure}"]`);
  await expect(table).toBeVisible();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent?.trim() ?? "")));
}

test("[ADMIN] the sales dashboard opens on the default period, keeps the staff links, and names a wrong filter value", async ({ page, context }) => {
  await signInAs(context, "admin");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Sales dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Sales over time" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Staff areas" }).getByRole("link", { name: /Requirements dashboard/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "dashboard, default period");

  // A wrong value is named beside its field and the default view is shown.
  await page.goto("/admin?from=2025-06-30&to=2025-06-01");
  const alert = page.getByRole("alert").filter({ hasText: "The filter was not applied" });
  await expect(alert).toContainText("The end date must not be before the start date");
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
});

test("[ADMIN] the sales dashboard draws each figure with a table of the same numbers, filters by course and dates, and exports CSV", async ({ page, context }) => {
  const { title, venueName } = await seedCourse();
  await signInAs(context, "finance");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Sales dashboard" })).toBeVisible();

  // The filter is a GET form: the view becomes a link.
  await page.getByLabel("From", { exact: true }).fill("2025-06-01");
  await page.getByLabel("To", { exact: true }).fill("2025-06-30");
  await page.getByLabel("Sales per", { exact: true }).selectOption("week");
  await page.getByLabel("Course", { exact: true }).selectOption({ label: title });
  await page.getByLabel("Venue", { exact: true }).selectOption({ label: venueName });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2025-06-01&to=2025-06-30&interval=week&course=[0-9a-f-]+&venue=[0-9a-f-]+/);

  // Every chart sits in a figure with a real table.
  const charted = page.locator("section:has([data-chart])");
  await expect(charted.first()).toBeVisible();
  for (const section of await charted.all()) await expect(section.locator("table")).toHaveCount(1);

  // Sales: weeks starting 2 and 9 June; the bars carry the same values as the table.
  expect(await tableRows(page, "sales")).toEqual([
    ["2025-06-02", "GBP", "1", "3", "£360.00"],
    ["2025-06-09", "GBP", "1", "2", "£240.00"],
  ]);
  const value = page.locator('[data-chart="Value in GBP"]');
  await expect(value.locator("svg")).toBeVisible();
  await expect(value).toContainText("£360.00");
  await expect(value).toContainText("£240.00");

  expect(await tableRows(page, "courses")).toEqual([[title, "2", "20", "5", "25%"]]);
  await expect(page.locator('[data-chart="Fill rate per course"]')).toContainText("25%");
  expect((await tableRows(page, "sessions")).map((r) => r.slice(3))).toEqual([["10", "3", "30%"], ["10", "2", "20%"]]);
  await expect(page.locator('[data-chart="Fill rate per session"]')).toContainText("30%");
  expect(await tableRows(page, "ticket-types")).toEqual([["Standard", "GBP", "5", "£600.00"]]);
  await expect(page.locator('[data-chart="Places per ticket type"]')).toContainText("5");
  expect(await tableRows(page, "booking-size")).toEqual([["GBP", "2", "5", "2.50", "£300.00"]]);

  await expectNoSeriousA11yViolations(page, "dashboard, filtered, tables open");

  // The CSV of a figure follows the filter.
  const href = await page.getByRole("link", { name: "CSV of sales over time" }).getAttribute("href");
  expect(href).toContain("interval=week");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toBe("Period starting,Currency,Bookings,Places,Value\n2025-06-02,GBP,1,3,360.00\n2025-06-09,GBP,1,2,240.00\n");
});

// Presale codes in the wizard: a code that reveals hidden ticket types unlocks them on the session step, and
// carries on to the review step as the booking's code.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { withE2eDb } from "../fixtures/staff";

/** A course of its own: a public Standard ticket at £100, a hidden Fan presale one at £60, and a 10 % presale code. */
async function courseWithPresale() {
  const tag = randomBytes(4).toString("hex");
  const slug = `e2e-presale-${tag}`;
  const code = `FANS${tag.toUpperCase()}`;
  await withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues order by created_at limit 1`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, deposit_amount, currency)
      values (${slug}, ${`Presale Night ${tag}`}, 'A course for the presale spec.', 'Made by e2e/discounts.', 'Testing', 10000, null, 'GBP') returning id`;
    await sql`insert into ticket_types (course_id, name, price_amount, sort_order) values (${course.id}, 'Standard', 10000, 1)`;
    await sql`insert into ticket_types (course_id, name, price_amount, visible, sort_order) values (${course.id}, 'Fan presale', 6000, false, 2)`;
    await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${course.id}, ${venue.id}, now() + interval '50 days', now() + interval '50 days 3 hours', 20)`;
    await sql`insert into discount_codes (code, kind, value, per, reveals_hidden_ticket_types) values (${code}, 'percent', 1000, 'booking', true)`;
  });
  return { slug, code };
}

test("[DISCOUNTS] a presale code unlocks a hidden ticket type and is carried to the review step", async ({ page }) => {
  const { slug, code } = await courseWithPresale();
  await page.goto(`/book/${slug}`);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Choose a session" })).toBeVisible();
  await page.getByRole("radio").first().check();
  // One public type: no ticket choice until the code unlocks more.
  await expect(page.getByRole("group", { name: "Tickets" })).toHaveCount(0);

  const toggle = page.getByRole("button", { name: "Have a presale code?" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const field = page.getByLabel("Presale code");
  await field.fill("NOSUCHCODE");
  await page.getByRole("button", { name: "Unlock tickets" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We do not recognise that code" })).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Tickets" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "the session step with a refused presale code");

  // Enter submits the code, not the step.
  await field.fill(code.toLowerCase());
  await field.press("Enter");
  await expect(page.getByText(`Presale code ${code} applied: 1 presale ticket type is now offered.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Choose a session" })).toBeVisible();
  const tickets = page.getByRole("group", { name: "Tickets" });
  await expect(tickets).toContainText("£60.00 each");
  await tickets.getByRole("button", { name: "One more Fan presale ticket" }).click();
  await tickets.getByRole("button", { name: "One fewer Standard ticket" }).click();
  await expect(tickets.getByLabel("Fan presale", { exact: true })).toHaveValue("1");
  await expect(tickets.getByText("1 ticket chosen")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the session step with presale tickets unlocked");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  const attendee = page.getByRole("group", { name: "Attendee 1" });
  await expect(attendee.getByLabel("Ticket").locator("option:checked")).toHaveText("Fan presale: £60.00");
  await attendee.getByLabel("First name").fill("Early");
  await attendee.getByLabel("Last name").fill("Bird");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByRole("checkbox", { name: "No special requirements" }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByLabel("Your name").fill("Early Bird");
  await page.getByLabel("Email", { exact: true }).fill(`early.${randomBytes(3).toString("hex")}@example.com`);
  await page.getByLabel("Phone").fill("+44 20 7946 0777");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // The code came along: its discount is on the review step, and checkout charges that.
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
  await expect(page.getByText(`Code ${code} applied.`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Attendees" })).toContainText("Fan presale ticket, £60.00");
  await expect(page.getByTestId("discount-line")).toContainText("−£6.00");
  await expect(page.getByTestId("total")).toHaveText("£54.00");
  await expectNoSeriousA11yViolations(page, "the review step with a presale code");
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: "Continue to payment: £54.00" }).click();
  await page.getByRole("button", { name: /Pay £54.00/ }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();

  const reference = (await page.getByTestId("booking-reference").textContent())!;
  const [row] = await withE2eDb((sql) => sql`select b.amount_paid, t.name as ticket, t.visible
    from bookings b join booking_attendees a on a.booking_id = b.id join ticket_types t on t.id = a.ticket_type_id where b.reference = ${reference}`);
  expect(row).toMatchObject({ amount_paid: 5400, ticket: "Fan presale", visible: false });
});

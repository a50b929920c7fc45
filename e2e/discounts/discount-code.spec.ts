import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { signInAs, withE2eDb } from "../fixtures/staff";

/** A course of its own (no other spec books it) with one session at £200 a place, and a 25 % code with 5 uses. */
async function courseWithCode(percentBasisPoints = 2500) {
  const tag = randomBytes(4).toString("hex");
  const slug = `e2e-discounts-${tag}`;
  const code = `SAVE${percentBasisPoints / 100}${tag.toUpperCase()}`;
  await withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues order by created_at limit 1`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, deposit_amount, currency)
      values (${slug}, ${`Discount Workshop ${tag}`}, 'A course for the discounts spec.', 'Made by e2e/discounts.', 'Testing', 20000, null, 'GBP') returning id`;
    await sql`insert into ticket_types (course_id, name, price_amount) values (${course.id}, 'Standard', 20000)`;
    await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${course.id}, ${venue.id}, now() + interval '40 days', now() + interval '40 days 6 hours', 20)`;
    await sql`insert into discount_codes (code, kind, value, per, max_uses) values (${code}, 'percent', ${percentBasisPoints}, 'booking', 5)`;
  });
  return { slug, code };
}

async function reachReview(page: Page, slug: string) {
  await page.goto(`/book/${slug}`);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Choose a session" })).toBeVisible();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  for (const [i, [first, last]] of [["Dana", "Scully"], ["Fox", "Mulder"]].entries()) {
    if (i > 0) await page.getByRole("button", { name: "Add another attendee" }).click();
    const group = page.getByRole("group", { name: `Attendee ${i + 1}` });
    await group.getByLabel("First name").fill(first);
    await group.getByLabel("Last name").fill(last);
  }
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Special requirements" })).toBeVisible();
  await page.getByRole("button", { name: "No one has special requirements" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: /contact and billing/ })).toBeVisible();
  await page.getByLabel("Your name").fill("Dana Scully");
  await page.getByLabel("Email", { exact: true }).fill(`dana.${randomBytes(3).toString("hex")}@example.com`);
  await page.getByLabel("Phone").fill("+44 20 7946 0999");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
}

test("[DISCOUNTS] a customer applies a code on the review step, sees the discount and pays the discounted total", async ({ page }) => {
  const { slug, code } = await courseWithCode();
  await reachReview(page, slug);
  await expect(page.getByTestId("due-now")).toHaveText("£400.00");

  // A code that does not exist is refused beside the field, and the price stays as it was.
  const field = page.getByLabel("Discount code (optional)");
  await field.fill("NOSUCHCODE");
  await page.getByRole("button", { name: "Apply code" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We do not recognise that code" })).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("due-now")).toHaveText("£400.00");
  // Nothing is applied, so nothing is offered for removal: only clearing what was typed.
  await expect(page.getByRole("button", { name: "Remove code" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Clear code" })).toBeVisible();

  await field.fill(code.toLowerCase());
  await page.getByRole("button", { name: "Apply code" }).click();
  await expect(page.getByText(`Code ${code} applied.`)).toBeVisible();
  await expect(page.getByTestId("discount-line")).toContainText(`Code ${code} (25%)`);
  await expect(page.getByTestId("discount-line")).toContainText("−£100.00");
  await expect(page.getByTestId("total")).toHaveText("£300.00");
  await expect(page.getByTestId("due-now")).toHaveText("£300.00");
  await expectNoSeriousA11yViolations(page, "the review step with a discount code");

  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: "Continue to payment: £300.00" }).click();
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await page.getByRole("button", { name: /Pay £300.00/ }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();

  const reference = (await page.getByTestId("booking-reference").textContent())!;
  const [row] = await withE2eDb((sql) => sql`select b.total_amount, b.amount_paid, c.uses_count,
      (select array_agg(a.list_amount || '/' || a.discount_amount || '/' || a.unit_amount order by a.position) from booking_attendees a where a.booking_id = b.id) as places
    from bookings b join discount_redemptions r on r.booking_id = b.id join discount_codes c on c.id = r.code_id where b.reference = ${reference}`);
  expect(row).toMatchObject({ total_amount: 30000, amount_paid: 30000, uses_count: 1, places: ["20000/5000/15000", "20000/5000/15000"] });
});

test("[DISCOUNTS] a code that covers the whole price confirms the booking with no payment step", async ({ page }) => {
  const { slug, code } = await courseWithCode(10_000);
  await reachReview(page, slug);
  await page.getByLabel("Discount code (optional)").fill(code);
  await page.getByRole("button", { name: "Apply code" }).click();
  await expect(page.getByText(`Code ${code} applied.`)).toBeVisible();
  await expect(page.getByTestId("due-now")).toHaveText("£0.00");
  await expect(page.getByText("Nothing to pay: your booking is confirmed as soon as you continue.")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the review step with nothing to pay");

  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  // Straight to the booking: no checkout, simulated or real, is opened for nothing.
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  const reference = (await page.getByTestId("booking-reference").textContent())!;
  const [row] = await withE2eDb((sql) => sql`select b.status, b.payment_status, b.total_amount, b.checkout_session_id,
      (select count(*)::int from tickets t where t.booking_id = b.id) as tickets,
      (select i.total_amount from invoices i where i.booking_id = b.id) as invoice_total
    from bookings b where b.reference = ${reference}`);
  expect(row).toMatchObject({ status: "confirmed", payment_status: "paid", total_amount: 0, checkout_session_id: null, tickets: 2, invoice_total: 0 });
});

test("[DISCOUNTS] staff create a code and see it with its uses", async ({ page, context }) => {
  await signInAs(context, "admin");
  const code = `STAFF${randomBytes(3).toString("hex").toUpperCase()}`;
  await page.goto("/admin/discounts/new");
  await expect(page.getByRole("heading", { level: 1, name: "New discount code" })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Percentage").fill("15");
  await page.getByLabel("Maximum uses in total (optional)").fill("3");
  await expectNoSeriousA11yViolations(page, "the new discount code form");
  await page.getByRole("button", { name: "Create code" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Discounts" })).toBeVisible();
  const row = page.getByTestId("discount-code-row").filter({ hasText: code });
  await expect(row).toContainText("15% off");
  await expect(row).toContainText("0 of 3");
  await expectNoSeriousA11yViolations(page, "the discounts list");

  // Withdrawn after a confirmation: the button gives way to the outcome, which takes the focus.
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Withdraw ${code}` }).click();
  const withdrawn = row.getByRole("status").filter({ hasText: `${code} withdrawn: customers can no longer use it.` });
  await expect(withdrawn).toBeFocused();
  await expect(row.getByRole("button", { name: `Withdraw ${code}` })).toHaveCount(0);
  await expect(row).toContainText("Withdrawn");
  await expect(withdrawn).toBeFocused();
});

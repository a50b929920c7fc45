// Members at checkout: a fan-club member verifies their email by the emailed one-use link, books at the member
// price and pays part with reward points through the simulated checkout; a plain customer applies a code.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./fixtures/axe";
import { withE2eDb } from "./fixtures/staff";

/** A course of its own at £200 a place, £150 for Gold members; a Gold member with 5,000 points; a 10 % code. */
async function seed() {
  const tag = randomBytes(4).toString("hex");
  const slug = `e2e-members-${tag}`;
  const email = `fan.${tag}@example.com`;
  const code = `FAN10${tag.toUpperCase()}`;
  await withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues order by created_at limit 1`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, deposit_amount, currency)
      values (${slug}, ${`Fan Club Night ${tag}`}, 'A course for the members spec.', 'Made by e2e/members-checkout.', 'Testing', 20000, null, 'GBP') returning id`;
    const [type] = await sql`insert into ticket_types (course_id, name, price_amount) values (${course.id}, 'Standard', 20000) returning id`;
    await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${course.id}, ${venue.id}, now() + interval '45 days', now() + interval '45 days 4 hours', 20)`;
    await sql`insert into member_prices (ticket_type_id, level, unit_amount) values (${type.id}, 'gold', 15000)`;
    const [member] = await sql`insert into members (email, level, member_number, valid_from) values (${email}, 'gold', ${`E2E-${tag}`}, now() - interval '1 day') returning id`;
    await sql`insert into points_ledger (member_id, kind, points, note) values (${member.id}, 'adjust', 5000, 'Opening balance')`;
    await sql`insert into discount_codes (code, kind, value, per, max_uses) values (${code}, 'percent', 1000, 'booking', 5)`;
  });
  return { slug, email, code };
}

async function reachReview(page: Page, slug: string, email: string) {
  await page.goto(`/book/${slug}`);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Choose a session" })).toBeVisible();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  const group = page.getByRole("group", { name: "Attendee 1" });
  await group.getByLabel("First name").fill("Robin");
  await group.getByLabel("Last name").fill("Fan");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Special requirements" })).toBeVisible();
  await page.getByRole("checkbox", { name: "No special requirements" }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /contact and billing/ })).toBeVisible();
  await page.getByLabel("Your name").fill("Robin Fan");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Phone").fill("+44 20 7946 0999");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
}

async function payAtSimulatedCheckout(page: Page, amount: string) {
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: `Continue to payment: ${amount}` }).click();
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await page.getByRole("button", { name: new RegExp(`Pay ${amount.replace(".", "\\.")}`) }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  return (await page.getByTestId("booking-reference").textContent())!.trim();
}

test("[MEMBERS] a member verifies their email by the emailed link, books at the member price and pays part with points", async ({ page, baseURL }) => {
  const { slug, email } = await seed();
  await reachReview(page, slug, email);
  // Before verifying: the list price, and no way to claim membership but the emailed link.
  await expect(page.getByTestId("due-now")).toHaveText("£200.00");
  await expect(page.getByRole("heading", { name: "Fan-club member? Verify your email" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /member/i })).toHaveCount(0);
  await expect(page.getByLabel("Membership email")).toHaveValue(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a link is on its way" })).toBeVisible();

  let link = "";
  await expect.poll(async () => {
    const rows = await withE2eDb((sql) => sql`select text from email_messages where to_address = ${email} and kind = 'customer_sign_in'`);
    link = rows.length ? (rows[0].text as string).match(/https?:\/\/\S+/)![0] : "";
    return link;
  }, { timeout: 15_000 }).not.toBe("");
  expect(new URL(link).origin).toBe(baseURL);
  await page.goto(link);
  await page.getByRole("button", { name: "Verify and continue booking" }).click();

  // Back on the review step with the draft kept, now as a verified Gold member.
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/book/${slug}\\?step=review`));
  await expect(page.getByRole("heading", { name: /Fan-club member: Gold/ })).toBeVisible();
  await expect(page.getByTestId("points-balance")).toContainText("Your points: 5000");
  await expect(page.getByTestId("discount-line").filter({ hasText: "Member price (Gold)" })).toContainText("−£50.00");
  await expect(page.getByTestId("due-now")).toHaveText("£150.00");

  // More points than the balance is refused beside the field.
  const points = page.getByLabel("Points to use");
  await points.fill("6000");
  await page.getByRole("button", { name: "Use points" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You have 5000 points to spend" })).toBeVisible();
  await expect(points).toHaveAttribute("aria-invalid", "true");

  await points.fill("2000");
  await page.getByRole("button", { name: "Use points" }).click();
  await expect(page.getByTestId("discount-line").filter({ hasText: "Reward points (2000)" })).toContainText("−£20.00");
  await expect(page.getByTestId("total")).toHaveText("£130.00");
  await expect(page.getByTestId("due-now")).toHaveText("£130.00");
  await expectNoSeriousA11yViolations(page, "the review step as a verified member paying with points");

  const reference = await payAtSimulatedCheckout(page, "£130.00");
  const [booking] = await withE2eDb((sql) => sql`select b.id, b.total_amount, b.amount_paid from bookings b where b.reference = ${reference}`);
  expect(booking).toMatchObject({ total_amount: 13000, amount_paid: 13000 });
  const ledger = await withE2eDb((sql) => sql`select kind, points from points_ledger where booking_id = ${booking.id} order by created_at`);
  expect(ledger.map((r) => [r.kind, r.points])).toEqual([["redeem", -2000], ["earn", 260]]);
});

test("[MEMBERS] a plain customer sees list prices, no points, and applies a discount code", async ({ page }) => {
  const { slug, code } = await seed();
  await reachReview(page, slug, `plain.${randomBytes(3).toString("hex")}@example.com`);
  await expect(page.getByTestId("due-now")).toHaveText("£200.00");
  await expect(page.getByLabel("Points to use")).toHaveCount(0);
  await page.getByLabel("Discount code (optional)").fill(code);
  await page.getByRole("button", { name: "Apply code" }).click();
  await expect(page.getByTestId("discount-line")).toContainText("−£20.00");
  await expect(page.getByTestId("due-now")).toHaveText("£180.00");
  await expectNoSeriousA11yViolations(page, "the review step with a code, not a member");
  await payAtSimulatedCheckout(page, "£180.00");
});

test("[MEMBERS] an open members' presale is told on the course page and the booking's first step, not only at payment", async ({ page }) => {
  const { slug } = await seed();
  await withE2eDb(async (sql) => {
    const [type] = await sql`select t.id from ticket_types t join courses c on c.id = t.course_id where c.slug = ${slug}`;
    await sql`insert into member_presales (ticket_type_id, starts_at, ends_at, levels)
      values (${type.id}, now() - interval '1 hour', now() + interval '3 days', array['gold', 'platinum']::member_level[])`;
  });
  await page.goto(`/courses/${slug}`);
  const notice = page.getByRole("region", { name: "Members' presale" });
  await expect(notice).toContainText("Standard tickets: members' presale until");
  await expect(notice).toContainText("Only Gold and Platinum members can book them now; verify your membership email when you review your booking.");
  await expectNoSeriousA11yViolations(page, "the course page during a members' presale");

  await page.goto(`/book/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a session" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Members' presale" })).toContainText("Only Gold and Platinum members can book them now");
  await expectNoSeriousA11yViolations(page, "the booking's first step during a members' presale");

  // Someone who is not a member still gets as far as payment: refused there with what to do, and focus on it.
  await reachReview(page, slug, `public.${randomBytes(3).toString("hex")}@example.com`);
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: "Continue to payment: £200.00" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "members' presale" });
  await expect(refusal).toBeFocused();
  await expect(refusal).toContainText("verify your membership email below, or book once the presale has ended");
  await expect(refusal.getByRole("button", { name: /only Gold and Platinum members can book Standard tickets/ })).toBeVisible();
});

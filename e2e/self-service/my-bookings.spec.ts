// My bookings: a customer asks for a link, signs in with it, sees their bookings and changes an attendee's needs.
// The spec makes its own course and sessions (no other spec uses them) and books them through the public API.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { withE2eDb } from "../fixtures/staff";

async function createCourse(tag: string) {
  return withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues where slug = 'riverside-centre'`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, currency)
      values (${`self-service-${tag}`}, ${`Self-Service Skills ${tag}`}, 'A course made by the my-bookings spec.', 'Made by e2e/self-service/my-bookings.spec.ts.',
        'Health & safety', 6000, 'GBP') returning id`;
    await sql`insert into ticket_types (course_id, name, price_amount) values (${course.id}, 'Standard', 6000)`;
    const sessions = await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity) values
      (${course.id}, ${venue.id}, now() + interval '61 days', now() + interval '61 days 6 hours', 10),
      (${course.id}, ${venue.id}, now() + interval '68 days', now() + interval '68 days 6 hours', 10) returning id`;
    return sessions.map((s) => s.id as string);
  });
}

async function bookAndPay(page: Page, request: APIRequestContext, sessionId: string, email: string, attendees: string[]) {
  const res = await request.post("/api/v1/bookings", {
    data: {
      sessionId, paymentOption: "full", acceptTerms: true,
      contact: { name: "Morgan Self", email, phone: "+44 20 7946 0200" },
      attendees: attendees.map((full) => ({ firstName: full.split(" ")[0], lastName: full.split(" ").slice(1).join(" "), requirements: [] })),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const created = await res.json();
  await page.goto(created.checkoutUrl);
  await page.getByRole("button", { name: /^Pay .* \(test\)$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Booking confirmed" })).toBeVisible();
  return created.reference as string;
}

test("[SELF-SERVICE] signs in with the emailed link, sees two bookings and edits an attendee's needs", async ({ page, request, baseURL }) => {
  const tag = randomBytes(3).toString("hex");
  const email = `morgan.self.${tag}@example.com`;
  const [first, second] = await createCourse(tag);
  const refA = await bookAndPay(page, request, first, email, ["Morgan Self", "Riley Guest"]);
  const refB = await bookAndPay(page, request, second, email, ["Morgan Self"]);

  // Ask for a link: the answer says nothing about whether the address has bookings.
  await page.goto("/my-bookings");
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the my-bookings sign-in form");
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Email is required");
  // What was typed stays beside its problem.
  await page.getByLabel("Email address").fill("bad@");
  await page.getByRole("button", { name: "Email me a link" }).click();
  // This answer's own problem (the first said "Email is required"): typing before it arrived would be reset.
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Enter a valid email address");
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Please correct the details below.");
  await expect(page.getByLabel("Email address")).toHaveValue("bad@");
  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "check your email");

  const [mail] = await withE2eDb((sql) => sql`select text from email_messages where to_address = ${email} and kind = 'customer_sign_in'`);
  const link = (mail.text as string).match(/https?:\/\/\S+/)![0];
  expect(new URL(link).origin).toBe(baseURL);
  await page.goto(link);
  await expectNoSeriousA11yViolations(page, "the sign-in link page");
  await page.getByRole("button", { name: "Continue to my bookings" }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const listed = page.getByTestId("my-booking");
  await expect(listed).toHaveCount(2);
  // Upcoming, soonest first.
  await expect(listed.nth(0)).toContainText(refA);
  await expect(listed.nth(1)).toContainText(refB);
  await expect(listed.nth(0)).toContainText("Confirmed");
  await expect(listed.nth(0)).toContainText("Morgan Self, Riley Guest");
  await expect(listed.nth(0).getByRole("link", { name: /^Invoice INV-/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the list of my bookings");

  // The link works once.
  const used = await page.context().newPage();
  await used.goto(link);
  await used.getByRole("button", { name: "Continue to my bookings" }).click();
  await expect(used.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("expired or has already been used");
  await used.close();

  // Change Riley's needs.
  await page.getByRole("link", { name: `Change this booking (${refA})` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change your booking" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the change-booking page");
  const riley = page.getByRole("form", { name: "Attendee 2: Riley Guest" });
  await riley.getByRole("checkbox", { name: "Vegetarian", exact: true }).check();
  await riley.getByLabel("Details for vegetarian (optional)").fill("No eggs either");
  // A problem keeps what was typed and ticked, so only the problem needs fixing.
  await riley.getByLabel("First name").fill("");
  await riley.getByRole("button", { name: "Save Riley's details" }).click();
  await expect(riley.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("First name is required");
  await expect(riley.getByLabel("First name")).toHaveValue("");
  await expect(riley.getByRole("checkbox", { name: "Vegetarian", exact: true })).toBeChecked();
  await expect(riley.getByLabel("Details for vegetarian (optional)")).toHaveValue("No eggs either");
  await riley.getByLabel("First name").fill("Riley");
  await riley.getByRole("button", { name: "Save Riley's details" }).click();
  await expect(riley.getByRole("status")).toHaveText("Saved. We have emailed the updated ticket.");
  // Focus stays in the form, on what the save said, not back at the top of the page.
  await expect(riley.getByRole("status")).toBeFocused();
  await expect(page.getByTestId("booking-history")).toContainText("Attendee details changed by the booker");
  await expect(page.getByTestId("booking-history")).toContainText("Vegetarian: No eggs either");
  await expectNoSeriousA11yViolations(page, "the change-booking page after a change");

  // The booking page shows the new need and the history.
  await page.getByRole("link", { name: "Back to my bookings" }).click();
  await page.getByRole("link", { name: `Booking, payments and tickets for ${refA}` }).click();
  // A later visit is not greeted as a booking just made.
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  await expect(page.getByText("This booking is confirmed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "What happens next" })).toHaveCount(0);
  await expect(page.getByText("Vegetarian (Standard): No eggs either")).toBeVisible();
  await expect(page.getByRole("heading", { name: "History of changes" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the booking page with its history");

  // Signing out ends the session.
  await page.goto("/my-bookings");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Email me a link" })).toBeVisible();
  await page.goto(`/my-bookings/${refA}`);
  await expect(page.getByRole("button", { name: "Email me a link" })).toBeVisible();
});

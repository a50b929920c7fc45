// Ticket types in the wizard: a Standard and a Concession ticket for the salsa class, priced per type.
import { expect, test } from "@playwright/test";
import { openWizard } from "../fixtures/booking";

const SALSA = "salsa-for-beginners";

test("[BOOKING] books one Standard and one Concession ticket and pays the sum of both prices", async ({ page, request }) => {
  await page.goto(`/courses/${SALSA}`);
  await expect(page.getByRole("heading", { name: "Tickets from £18.00" })).toBeVisible();

  await openWizard(page, SALSA);
  await page.getByRole("radio").first().check();
  const tickets = page.getByRole("group", { name: "Tickets" });
  await expect(tickets.getByLabel("Standard", { exact: true })).toHaveValue("1");
  await expect(tickets).toContainText("£18.00 each");
  await tickets.getByRole("button", { name: "One more Concession ticket" }).click();
  await expect(tickets.getByLabel("Concession", { exact: true })).toHaveValue("1");
  await expect(tickets.getByText("2 tickets chosen")).toBeVisible();
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // Each attendee carries a ticket, which can be changed here.
  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  const first = page.getByRole("group", { name: "Attendee 1" });
  const second = page.getByRole("group", { name: "Attendee 2" });
  await expect(first.getByLabel("Ticket").locator("option:checked")).toHaveText("Standard: £25.00");
  await expect(second.getByLabel("Ticket").locator("option:checked")).toHaveText("Concession: £18.00");
  await first.getByLabel("First name").fill("Ada");
  await first.getByLabel("Last name").fill("Lovelace");
  await second.getByLabel("First name").fill("Brian");
  await second.getByLabel("Last name").fill("Kernighan");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  await page.getByRole("button", { name: "No one has special requirements" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email", { exact: true }).fill("grace@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // Review: a line per type and the total.
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
  const price = page.getByRole("region", { name: "Price" });
  await expect(price.getByText("Standard: 1 × £25.00 per attendee")).toBeVisible();
  await expect(price.getByText("Concession: 1 × £18.00 per attendee")).toBeVisible();
  await expect(price.getByText("Total")).toBeVisible();
  await expect(price.locator("dd").nth(2)).toHaveText("£43.00");
  await expect(page.getByTestId("due-now")).toHaveText("£43.00");
  await expect(page.getByRole("region", { name: "Attendees" })).toContainText("Concession ticket, £18.00");
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: "Continue to payment: £43.00" }).click();

  await page.getByRole("button", { name: /Pay £43.00/ }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  // Each place names its ticket type beside its attendee when a booking mixes types.
  await expect(page.getByRole("listitem").filter({ hasText: /· Concession\b/ })).toHaveCount(1);
  await expect(page.getByRole("listitem").filter({ hasText: /· Standard\b/ })).toHaveCount(1);
  const reference = await page.getByTestId("booking-reference").textContent();
  const token = new URL(page.url()).searchParams.get("token");
  const res = await request.get(`/api/v1/bookings/${reference}`, { headers: { authorization: `Bearer ${token}` } });
  const { booking } = await res.json();
  expect(booking.amountPaid).toBe(4300);
});

test("[BOOKING] a single-type course shows no ticket choice", async ({ page }) => {
  await openWizard(page);
  await page.getByRole("radio").first().check();
  await expect(page.getByRole("group", { name: "Tickets" })).toHaveCount(0);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  await expect(page.getByLabel("Ticket")).toHaveCount(0);
  await expect(page.getByText("Step 2 of 6: Attendees")).toBeVisible();
});

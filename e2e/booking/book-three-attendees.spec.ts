import { expect, test } from "@playwright/test";
import { fillAttendees, openWizard } from "../fixtures/booking";

test("[BOOKING] books three attendees with requirements, pays in the simulated checkout and sees the confirmation", async ({ page, request }) => {
  await openWizard(page);

  // a. session
  const firstSession = page.getByRole("radio").first();
  await firstSession.check();
  await page.getByRole("button", { name: "Continue" }).click();

  // b. attendees
  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  await fillAttendees(page, [
    { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
    { firstName: "Brian", lastName: "Kernighan" },
    { firstName: "Cleo", lastName: "Moore", email: "cleo@example.com" },
  ]);
  await page.getByRole("button", { name: "Continue" }).click();

  // c. requirements: Ada has a severe allergy, Brian uses a wheelchair, Cleo has none.
  await expect(page.getByRole("heading", { level: 1, name: "Special requirements" })).toBeVisible();
  const ada = page.getByRole("group", { name: "Ada Lovelace" });
  await ada.getByRole("checkbox", { name: /Severe allergy/ }).check();
  await ada.getByRole("textbox", { name: /Details: severe allergy/ }).fill("Peanuts; carries an auto-injector");
  const brian = page.getByRole("group", { name: "Brian Kernighan" });
  await brian.getByRole("checkbox", { name: /Wheelchair user/ }).check();
  await page.getByRole("group", { name: "Cleo Moore" }).getByRole("checkbox", { name: "No special requirements" }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  // d. contact
  await expect(page.getByRole("heading", { level: 1, name: /contact and billing/ })).toBeVisible();
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email", { exact: true }).fill("grace@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await page.getByLabel("Organisation (optional)").fill("Analytical Engines Ltd");
  await page.getByRole("button", { name: "Continue" }).click();

  // e. review: price for three at £285, terms
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
  await expect(page.getByText("3 × £285.00 per attendee")).toBeVisible();
  await expect(page.getByTestId("due-now")).toHaveText("£855.00");
  await expect(page.getByText("Peanuts; carries an auto-injector")).toBeVisible();
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: /Continue to payment/ }).click();

  // f. pay in the simulated checkout
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await page.getByRole("button", { name: /Pay £855.00/ }).click();

  // g. confirmation
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  const reference = await page.getByTestId("booking-reference").textContent();
  expect(reference).toMatch(/^TRN-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByText("Severe allergy (risk of anaphylaxis) (Critical): Peanuts; carries an auto-injector")).toBeVisible();

  // The booking's own API agrees: confirmed, paid in full, each attendee with their own needs only.
  const token = new URL(page.url()).searchParams.get("token");
  const res = await request.get(`/api/v1/bookings/${reference}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const { booking } = await res.json();
  expect(booking.status).toBe("confirmed");
  expect(booking.paymentStatus).toBe("paid");
  expect(booking.amountPaid).toBe(85500);
  expect(booking.attendees.map((a: { firstName: string; requirements: { label: string }[] }) => [a.firstName, a.requirements.map((r) => r.label)]))
    .toEqual([["Ada", ["Severe allergy (risk of anaphylaxis)"]], ["Brian", ["Wheelchair user"]], ["Cleo", []]]);
});

// Back from the checkout to the wizard: continuing again with the same answers goes to the same checkout (no
// second hold on the customer's own places); with changed answers, the earlier unpaid booking gives its places
// back before the new one takes them. Paying clears the draft; opening an older booking's page does not.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { answerUpToReview, openWizard, placesLeft, sessionsOf } from "../fixtures/booking";
import { withE2eDb } from "../fixtures/staff";

const WATERCOLOUR = "watercolour-weekend";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const continueButton = (page: Page) => page.getByRole("button", { name: "Continue", exact: true });
const payButton = (page: Page) => page.getByRole("button", { name: /Continue to payment/ });

/** From the review step to the simulated checkout; its URL. */
async function continueToPayment(page: Page): Promise<string> {
  await expect(heading(page, "Check your booking")).toBeVisible();
  const terms = page.getByRole("checkbox", { name: /I accept the booking terms/ });
  if (!(await terms.isChecked())) await terms.check();
  await payButton(page).click();
  await expect(heading(page, /Pay for booking TRN-/)).toBeVisible();
  return page.url();
}

const bookingsOf = (email: string) => withE2eDb((sql) => sql<{ reference: string; status: string; statusReason: string | null }[]>`
  select reference, status, status_reason as "statusReason" from bookings where contact_email = ${email} order by created_at`);

test("[BOOKING] back from the checkout: the same answers reuse its booking, changed ones replace it", async ({ page, request }) => {
  const email = `back-${randomBytes(4).toString("hex")}@example.com`;
  const [session] = await sessionsOf(request, WATERCOLOUR);
  const before = await placesLeft(request, session.id);

  await openWizard(page, WATERCOLOUR, { sessionId: session.id });
  await answerUpToReview(page, {
    attendees: [{ firstName: "Ada", lastName: "Lovelace" }, { firstName: "Brian", lastName: "Kernighan" }],
    contact: { name: "Grace Hopper", email, phone: "+44 20 7946 0958" },
  });
  const first = await continueToPayment(page);
  expect(await placesLeft(request, session.id)).toBe(before - 2);

  // Back with the browser, and on again with nothing changed: the same checkout, the places held once.
  await page.goBack();
  expect(await continueToPayment(page)).toBe(first);
  expect(await placesLeft(request, session.id)).toBe(before - 2);
  expect(await bookingsOf(email)).toHaveLength(1);

  // Back again and another attendee: a new booking and checkout; the first gives its two places back.
  await page.goBack();
  await page.getByRole("button", { name: "Change attendees" }).click();
  await page.getByRole("group", { name: "Attendee 2" }).getByLabel("First name").fill("Barbara");
  await page.getByRole("group", { name: "Attendee 2" }).getByLabel("Last name").fill("Liskov");
  for (const next of ["Special requirements", /contact and billing/, "Check your booking"]) {
    await continueButton(page).click();
    await expect(heading(page, next)).toBeVisible();
  }
  const second = await continueToPayment(page);
  expect(second).not.toBe(first);
  expect(await placesLeft(request, session.id)).toBe(before - 2);
  const [replaced, current] = await bookingsOf(email);
  expect(replaced).toMatchObject({ status: "cancelled", statusReason: "replaced_by_customer" });
  expect(current.status).toBe("pending");

  // The first checkout, opened again, can no longer be paid.
  await page.goto(first);
  await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);

  // Paying the second: confirmed, and the wizard starts afresh.
  await page.goto(second);
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(heading(page, "Booking confirmed")).toBeVisible();
  const bookingPage = page.url().replace("&from=checkout", "");
  expect(await placesLeft(request, session.id)).toBe(before - 2);
  await page.goto(`/book/${WATERCOLOUR}`);
  await expect(heading(page, "Choose a session")).toBeVisible();
  await page.getByRole("radio").first().check();
  await continueButton(page).click();
  await expect(page.getByRole("group", { name: "Attendee 1" }).getByLabel("First name")).toHaveValue("");

  // A new booking begun, then the paid one's page opened (a link in its email): the new answers are kept.
  await page.getByRole("group", { name: "Attendee 1" }).getByLabel("First name").fill("Charles");
  await page.goto(bookingPage);
  await expect(heading(page, "Your booking")).toBeVisible();
  await page.goto(`/book/${WATERCOLOUR}?step=attendees`);
  await expect(page.getByRole("group", { name: "Attendee 1" }).getByLabel("First name")).toHaveValue("Charles");
});

// axe-core (WCAG 2.1 A and AA) over the customer journey: catalogue, each wizard step with and without errors,
// the simulated checkout and the confirmation, at desktop and phone sizes.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations as checkA11y } from "../fixtures/axe";
import { FIRST_AID, fillAttendees, fillSession, openWizard, sessionsOf } from "../fixtures/booking";

const PUBLIC_SPEAKING = "public-speaking-masterclass";

const viewports = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "mobile", size: { width: 390, height: 844 } },
];

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const errorSummary = (page: Page) => page.getByRole("alert").filter({ hasText: "There is a problem" });

for (const { name: viewport, size } of viewports) {
  test.describe(`at ${viewport} size`, () => {
    test.use({ viewport: size });

    test(`[A11Y] home, course list and course pages have no serious or critical axe violations (${viewport})`, async ({ page, request }) => {
      await page.goto("/");
      await expect(heading(page, /booked for your whole group/)).toBeVisible();
      await checkA11y(page, "home");

      await page.goto("/courses");
      await expect(heading(page, "Courses")).toBeVisible();
      await checkA11y(page, "course list");

      await page.goto(`/courses/${FIRST_AID}`);
      await expect(heading(page, "First Aid at Work")).toBeVisible();
      await checkA11y(page, "course page");

      // A sold-out date, on the course page and in the wizard (a disabled radio and its "Sold out" badge).
      const [, laterDate] = await sessionsOf(request, PUBLIC_SPEAKING);
      await fillSession(request, laterDate.id);
      await page.goto(`/courses/${PUBLIC_SPEAKING}`);
      await expect(page.getByText("Fully booked")).toBeVisible();
      await checkA11y(page, "course page with a sold-out date");
      await openWizard(page, PUBLIC_SPEAKING);
      await expect(page.getByRole("radio", { name: /Sold out/ })).toBeDisabled();
      await checkA11y(page, "session step with a sold-out date");
    });

    test(`[A11Y] every wizard step, its errors, the checkout and the confirmation have no serious or critical axe violations (${viewport})`, async ({ page }) => {
      // Session: nothing chosen yet, then the error for continuing without one.
      await openWizard(page, FIRST_AID);
      await checkA11y(page, "session step");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(errorSummary(page)).toBeVisible();
      await checkA11y(page, "session step with errors");
      // The furthest-out session: a deposit is offered there, so the review step shows its payment choice.
      await page.getByRole("radio").last().check();
      await page.getByRole("button", { name: "Continue" }).click();

      // Attendees: two people (so "Remove" buttons show), first submitted blank.
      await expect(heading(page, "Who is attending?")).toBeVisible();
      await page.getByRole("button", { name: "Add another attendee" }).click();
      await checkA11y(page, "attendees step");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(errorSummary(page)).toBeVisible();
      await page.getByRole("group", { name: "Attendee 2" }).getByLabel("Email").fill("not-an-email");
      await checkA11y(page, "attendees step with errors");
      await page.getByRole("button", { name: /Remove attendee 2/ }).click();
      await fillAttendees(page, [
        { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
        { firstName: "Brian", lastName: "Kernighan" },
      ]);
      await page.getByRole("button", { name: "Continue" }).click();

      // Requirements: no answer at all, then a requirement whose details are required left blank.
      await expect(heading(page, "Special requirements")).toBeVisible();
      await checkA11y(page, "requirements step");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(errorSummary(page)).toBeVisible();
      await checkA11y(page, "requirements step with missing answers");
      const ada = page.getByRole("group", { name: "Ada Lovelace" });
      await ada.getByRole("checkbox", { name: /Severe allergy/ }).check();
      await page.getByRole("group", { name: "Brian Kernighan" }).getByRole("checkbox", { name: "No special requirements" }).check();
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(errorSummary(page)).toContainText("Describe the severe allergy");
      await checkA11y(page, "requirements step with details missing");
      await ada.getByRole("textbox", { name: /Details: severe allergy/ }).fill("Peanuts");
      await page.getByRole("button", { name: "Continue" }).click();

      // Contact: blank, then with billing shown, then billing submitted blank with a bad email.
      await expect(heading(page, /contact and billing/)).toBeVisible();
      await checkA11y(page, "contact step");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(errorSummary(page)).toBeVisible();
      await checkA11y(page, "contact step with errors");
      await page.getByRole("checkbox", { name: /billing address/ }).check();
      await expect(page.getByLabel("Address line 1")).toBeVisible();
      await checkA11y(page, "contact step with billing fields");
      await page.getByLabel("Email", { exact: true }).fill("grace@");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(errorSummary(page)).toContainText("Address line 1 is required");
      await checkA11y(page, "contact step with billing errors");
      await page.getByLabel("Your name").fill("Grace Hopper");
      await page.getByLabel("Email", { exact: true }).fill("grace@example.com");
      await page.getByLabel("Phone").fill("+44 20 7946 0958");
      await page.getByLabel("Address line 1").fill("1 High Street");
      await page.getByLabel("Town or city").fill("Leeds");
      await page.getByLabel("Postcode").fill("LS1 1AA");
      await page.getByRole("button", { name: "Continue" }).click();

      // Review: then continuing without accepting the terms.
      await expect(heading(page, "Check your booking")).toBeVisible();
      await expect(page.getByRole("radio", { name: /Pay a deposit now/ })).toBeVisible();
      await checkA11y(page, "review step");
      await page.getByRole("button", { name: /Continue to payment/ }).click();
      await expect(errorSummary(page)).toBeVisible();
      await checkA11y(page, "review step with errors");
      await page.getByLabel(/I accept the booking terms/).check();
      await page.getByRole("button", { name: /Continue to payment/ }).click();

      // The simulated checkout, then the confirmation.
      await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
      await checkA11y(page, "simulated checkout");
      await page.getByRole("button", { name: /^Pay / }).click();
      await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
      await checkA11y(page, "booking confirmation");
    });
  });
}

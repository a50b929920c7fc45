// axe-core (WCAG 2.1 A and AA) over the ticket picker and the seat step, with and without seats and errors, at
// desktop and phone sizes.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations as checkA11y } from "../fixtures/axe";
import { openWizard } from "../fixtures/booking";
import { GALA, reachSeatStep } from "../fixtures/seating";

const viewports = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "mobile", size: { width: 390, height: 844 } },
];

for (const { name: viewport, size } of viewports) {
  test.describe(`at ${viewport} size`, () => {
    test.use({ viewport: size });

    test(`[A11Y] the ticket picker and the seat step have no serious or critical axe violations (${viewport})`, async ({ page }) => {
      test.slow(); // axe walks every one of the plan's 304 seats, four times
      await page.goto(`/courses/${GALA}`);
      await expect(page.getByRole("heading", { level: 1, name: "Winter Gala Concert" })).toBeVisible();
      await checkA11y(page, "seated course page");

      await openWizard(page, GALA);
      await page.getByRole("radio").last().check();
      await expect(page.getByRole("group", { name: "Tickets" })).toBeVisible();
      await checkA11y(page, "session step with the ticket picker");

      await reachSeatStep(page, { ticket: "Standard", attendees: [{ firstName: "Ada", lastName: "Lovelace" }, { firstName: "Brian", lastName: "Kernighan" }] });
      await expect(page.getByLabel(/Seat for Ada Lovelace/)).toBeVisible();
      await checkA11y(page, "seat step");

      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
      await checkA11y(page, "seat step with errors");

      await page.getByRole("button", { name: "Zoom in" }).click();
      await page.getByRole("button", { name: "Choose the best available seats" }).click();
      await expect(page.getByLabel(/Seat for Brian Kernighan/)).not.toHaveValue("");
      await checkA11y(page, "seat step with seats chosen, zoomed in");
    });
  });
}

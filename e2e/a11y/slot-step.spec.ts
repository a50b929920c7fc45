import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { tabTo } from "../fixtures/keyboard";
import { bookableWeekday, openSlotWizard } from "../fixtures/slots";

/** Chooses a date and a span with the keyboard alone, checking axe in each state of the step. */
async function chooseSpanByKeyboard(page: Page, label: string) {
  await openSlotWizard(page);
  await expectNoSeriousA11yViolations(page, `${label}: date step, empty`);

  // Submitting with nothing chosen: the errors are announced, listed and linked to their fields.
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Choose a date" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, `${label}: date step with errors`);
  await summary.getByRole("link", { name: "Choose a date" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Date")).toBeFocused();

  // Type the date into the date field's segments (en-US order: month, day, year).
  const [y, m, d] = bookableWeekday(9).split("-");
  await page.keyboard.type(`${m}${d}${y}`);
  await expect(page.getByRole("status").filter({ hasText: "Open 07:30–18:30." })).toBeVisible();

  await tabTo(page, page.getByLabel("Start time"));
  await page.keyboard.type("09:00");
  await expect(page.getByLabel("Start time")).toHaveValue(/T/);
  await tabTo(page, page.getByLabel("End time"));
  await page.keyboard.type("17:00");
  await expect(page.getByTestId("slot-price")).toContainText("£75.00 per person");
  await expectNoSeriousA11yViolations(page, `${label}: date step, span chosen`);

  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeFocused();
}

test.describe("[A11Y] date and time step of a time-slot offering", () => {
  test.use({ locale: "en-US" });
  // Three full axe runs per test; on a busy machine each can take well over ten seconds.
  test.setTimeout(180_000);

  test("desktop: keyboard only, axe clean", async ({ page }) => {
    await chooseSpanByKeyboard(page, "desktop");
  });

  test("mobile: keyboard only, axe clean", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await chooseSpanByKeyboard(page, "mobile");
  });
});

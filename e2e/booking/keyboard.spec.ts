// The whole booking by keyboard alone: no clicks, checks or fills, only keys, with focus checked where it lands.
import { expect, test, type Page } from "@playwright/test";
import { tabTo } from "../fixtures/keyboard";

const SALSA = "salsa-for-beginners";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const errorSummary = (page: Page) => page.getByRole("alert").filter({ hasText: "There is a problem" });

test("[BOOKING] completes the whole wizard by keyboard alone", async ({ page }) => {
  const { keyboard } = page;
  await page.goto(`/courses/${SALSA}`);
  await page.evaluate(() => window.localStorage.clear());

  // Course page: the first date's "Book" link.
  await tabTo(page, page.getByRole("link", { name: /^Book Salsa for Beginners/ }).first());
  await keyboard.press("Enter");

  // a. Session: the date picked on the course page is chosen; arrow keys move to the next one.
  await expect(heading(page, "Choose a session")).toBeVisible();
  const sessions = page.getByRole("radio");
  await expect(sessions.first()).toBeChecked();
  await tabTo(page, sessions.first());
  await keyboard.press("ArrowDown");
  await expect(sessions.nth(1)).toBeFocused();
  await expect(sessions.nth(1)).toBeChecked();
  // Salsa sells two ticket types: their picker sits between the dates and Continue.
  const continueButton = page.getByRole("button", { name: "Continue", exact: true });
  await tabTo(page, continueButton);
  await keyboard.press("Enter");

  // b. Attendees: the new step's heading takes focus.
  await expect(heading(page, "Who is attending?")).toBeFocused();
  // Continuing with blank names focuses the error summary; its first link leads to the field.
  await tabTo(page, continueButton);
  await keyboard.press("Enter");
  await expect(errorSummary(page)).toBeFocused();
  await keyboard.press("Tab");
  await expect(errorSummary(page).getByRole("link", { name: "Attendee 1: First name is required" })).toBeFocused();
  await keyboard.press("Enter");
  const first = page.getByRole("group", { name: "Attendee 1" });
  await expect(first.getByLabel("First name")).toBeFocused();
  await keyboard.type("Ada");
  await keyboard.press("Tab");
  await expect(first.getByLabel("Last name")).toBeFocused();
  await keyboard.type("Lovelace");
  await keyboard.press("Tab");
  await expect(first.getByLabel("Email")).toBeFocused();
  await keyboard.type("ada@example.com");
  // Adding an attendee puts focus in the new attendee's first field.
  await tabTo(page, page.getByRole("button", { name: "Add another attendee" }));
  await keyboard.press("Enter");
  const second = page.getByRole("group", { name: "Attendee 2" });
  await expect(second.getByLabel("First name")).toBeFocused();
  await keyboard.type("Brian");
  await keyboard.press("Tab");
  await keyboard.type("Kernighan");
  await expect(second.getByLabel("Last name")).toHaveValue("Kernighan");
  await tabTo(page, continueButton);
  await keyboard.press("Enter");

  // c. Requirements: Ada has a severe allergy with details, Brian has none.
  await expect(heading(page, "Special requirements")).toBeFocused();
  const ada = page.getByRole("group", { name: "Ada Lovelace" });
  const allergy = ada.getByRole("checkbox", { name: /Severe allergy/ });
  await tabTo(page, allergy);
  await keyboard.press("Space");
  await expect(allergy).toBeChecked();
  await keyboard.press("Tab");
  const details = ada.getByRole("textbox", { name: /Details: severe allergy/ });
  await expect(details).toBeFocused();
  await keyboard.type("Sesame; carries an auto-injector");
  const brianNone = page.getByRole("group", { name: "Brian Kernighan" }).getByRole("checkbox", { name: "No special requirements" });
  await tabTo(page, brianNone);
  await keyboard.press("Space");
  await expect(brianNone).toBeChecked();
  await tabTo(page, continueButton);
  await keyboard.press("Enter");

  // d. Contact: type, go back with Shift+Tab to finish the email, then Enter submits the form.
  await expect(heading(page, /contact and billing/)).toBeFocused();
  await keyboard.press("Tab");
  await expect(page.getByLabel("Your name")).toBeFocused();
  await keyboard.type("Grace Hopper");
  await keyboard.press("Tab");
  await keyboard.type("grace@example");
  await keyboard.press("Tab");
  await expect(page.getByLabel("Phone")).toBeFocused();
  await keyboard.type("+44 20 7946 0958");
  await keyboard.press("Shift+Tab");
  const email = page.getByLabel("Email", { exact: true });
  await expect(email).toBeFocused();
  await keyboard.press("End");
  await keyboard.type(".com");
  await expect(email).toHaveValue("grace@example.com");
  await keyboard.press("Enter");

  // e. Review: continuing without the terms focuses the summary, whose link leads to the checkbox.
  await expect(heading(page, "Check your booking")).toBeFocused();
  await expect(page.getByText("2 × £25.00 per attendee")).toBeVisible();
  await expect(page.getByText("Sesame; carries an auto-injector")).toBeVisible();
  const pay = page.getByRole("button", { name: /Continue to payment: £50.00/ });
  await tabTo(page, pay);
  await keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Back" })).toBeFocused();
  await keyboard.press("Tab");
  await expect(pay).toBeFocused();
  await keyboard.press("Enter");
  await expect(errorSummary(page)).toBeFocused();
  await keyboard.press("Tab");
  await keyboard.press("Enter");
  const terms = page.getByRole("checkbox", { name: /I accept the booking terms/ });
  await expect(terms).toBeFocused();
  await keyboard.press("Space");
  await expect(terms).toBeChecked();
  await tabTo(page, pay);
  await keyboard.press("Enter");

  // f. Simulated checkout, then the confirmation.
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Pay £50.00 (test)" }));
  await keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(page.getByText("Severe allergy (risk of anaphylaxis) (Critical): Sesame; carries an auto-injector")).toBeVisible();
  await expect(page.getByText("Brian Kernighan · no special requirements")).toBeVisible();
});

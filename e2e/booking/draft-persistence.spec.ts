// The wizard's draft: answers survive refresh, browser history, Back buttons and "Change" links; each attendee's
// requirements stay theirs when another attendee is removed; a sold-out session cannot be chosen.
import { expect, test, type Page } from "@playwright/test";
import { FIRST_AID, fillAttendees, fillSession, openWizard, sessionsOf } from "../fixtures/booking";

const FOOD_HYGIENE = "food-hygiene-level-2";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const errorSummary = (page: Page) => page.getByRole("alert").filter({ hasText: "There is a problem" });
const continueButton = (page: Page) => page.getByRole("button", { name: "Continue", exact: true });
const backButton = (page: Page) => page.getByRole("button", { name: "Back", exact: true });
const attendee = (page: Page, n: number) => page.getByRole("group", { name: `Attendee ${n}` });
const person = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

const STEP = {
  session: "Choose a session", attendees: "Who is attending?", requirements: "Special requirements",
  contact: /contact and billing/, review: "Check your booking",
} as const;

async function expectAttendees(page: Page) {
  await expect(heading(page, STEP.attendees)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /This is me/ })).toBeChecked();
  await expect(attendee(page, 1).getByLabel("First name")).toHaveValue("Ada");
  await expect(attendee(page, 1).getByLabel("Last name")).toHaveValue("Lovelace");
  await expect(attendee(page, 1).getByLabel("Email")).toHaveValue("ada@example.com");
  await expect(attendee(page, 2).getByLabel("First name")).toHaveValue("Brian");
  await expect(attendee(page, 2).getByLabel("Last name")).toHaveValue("Kernighan");
  await expect(attendee(page, 2).getByLabel("Email")).toHaveValue("");
  await expect(attendee(page, 3)).toHaveCount(0);
}

async function expectRequirements(page: Page, brianDiet: "Vegan" | "Vegetarian" = "Vegan") {
  await expect(heading(page, STEP.requirements)).toBeVisible();
  const ada = person(page, "Ada Lovelace");
  await expect(ada.getByRole("checkbox", { name: /Severe allergy/ })).toBeChecked();
  await expect(ada.getByRole("textbox", { name: /Details: severe allergy/ })).toHaveValue("Peanuts; carries an auto-injector");
  await expect(ada.getByRole("checkbox", { name: "No special requirements" })).not.toBeChecked();
  const brian = person(page, "Brian Kernighan");
  await expect(brian.getByRole("checkbox", { name: new RegExp(`^${brianDiet} `) })).toBeChecked();
  await expect(brian.getByRole("checkbox", { name: /Hearing loop/ })).toBeChecked();
  await expect(brian.getByRole("checkbox", { name: /Severe allergy/ })).not.toBeChecked();
}

async function expectContact(page: Page) {
  await expect(heading(page, STEP.contact)).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Ada Lovelace");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("ada@example.com");
  await expect(page.getByLabel("Phone")).toHaveValue("+44 20 7946 0958");
  await expect(page.getByLabel("Organisation (optional)")).toHaveValue("Analytical Engines Ltd");
  await expect(page.getByRole("checkbox", { name: /billing address/ })).toBeChecked();
  await expect(page.getByLabel("Address line 1")).toHaveValue("1 Engine Row");
  await expect(page.getByLabel("Town or city")).toHaveValue("Dublin");
  await expect(page.getByLabel("Postcode")).toHaveValue("D02 X285");
  await expect(page.getByLabel("Country")).toHaveValue("IE");
  await expect(page.getByLabel("VAT ID (optional)")).toHaveValue("IE1234567T");
}

async function expectReview(page: Page, brianDiet: "Vegan" | "Vegetarian" = "Vegan") {
  await expect(heading(page, STEP.review)).toBeVisible();
  const section = (name: string) => page.getByRole("region", { name });
  await expect(section("Session")).toContainText("The Old Mill Studio, Manchester");
  await expect(section("Attendees").getByRole("listitem")).toHaveText(["Ada Lovelace · ada@example.com (you)", "Brian Kernighan"]);
  const needs = section("Special requirements");
  await expect(needs).toContainText("Ada Lovelace: Severe allergy (risk of anaphylaxis) (Critical): Peanuts; carries an auto-injector");
  const brianNeeds = needs.getByRole("listitem").filter({ hasText: "Brian Kernighan:" }).getByRole("listitem");
  await expect(brianNeeds).toHaveCount(2);
  await expect(brianNeeds.filter({ hasText: `${brianDiet} (Standard)` })).toHaveCount(1);
  await expect(brianNeeds.filter({ hasText: "Hearing loop (High)" })).toHaveCount(1);
  await expect(section("Contact and billing")).toContainText("Ada Lovelace · ada@example.com · +44 20 7946 0958");
  await expect(section("Contact and billing")).toContainText("1 Engine Row, Dublin, D02 X285, Ireland · VAT ID IE1234567T");
  await expect(page.getByText("2 × £285.00 per attendee")).toBeVisible();
}

test("[BOOKING] keeps every answer across back, forward and a page refresh", async ({ page }) => {
  await openWizard(page, FIRST_AID);
  // The second date, in Manchester, offers a deposit.
  const manchester = page.getByRole("radio", { name: /Old Mill Studio/ });
  await manchester.check();
  await continueButton(page).click();

  // Attendees, then a refresh halfway through typing.
  await expect(heading(page, STEP.attendees)).toBeVisible();
  await page.getByRole("checkbox", { name: /This is me/ }).check();
  await fillAttendees(page, [{ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" }, { firstName: "Brian", lastName: "Kern" }]);
  await page.reload();
  await expect(attendee(page, 2).getByLabel("Last name")).toHaveValue("Kern");
  await attendee(page, 2).getByLabel("Last name").fill("Kernighan");
  await expectAttendees(page);
  await continueButton(page).click();

  // Requirements; browser back to attendees and forward again, then a refresh.
  await expect(heading(page, STEP.requirements)).toBeVisible();
  const ada = person(page, "Ada Lovelace");
  await ada.getByRole("checkbox", { name: /Severe allergy/ }).check();
  await ada.getByRole("textbox", { name: /Details: severe allergy/ }).fill("Peanuts; carries an auto-injector");
  const brian = person(page, "Brian Kernighan");
  await brian.getByRole("checkbox", { name: /^Vegan / }).check();
  await brian.getByRole("checkbox", { name: /Hearing loop/ }).check();
  await page.goBack();
  await expectAttendees(page);
  await page.goBack();
  await expect(heading(page, STEP.session)).toBeVisible();
  await expect(manchester).toBeChecked();
  await page.goForward();
  await expectAttendees(page);
  await page.goForward();
  await expectRequirements(page);
  await page.reload();
  await expectRequirements(page);
  await continueButton(page).click();

  // Contact: prefilled from the booker; billing added; the wizard's Back button and Continue again.
  await expect(heading(page, STEP.contact)).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Ada Lovelace");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await page.getByLabel("Organisation (optional)").fill("Analytical Engines Ltd");
  await page.getByRole("checkbox", { name: /billing address/ }).check();
  await page.getByLabel("Address line 1").fill("1 Engine Row");
  await page.getByLabel("Town or city").fill("Dublin");
  await page.getByLabel("Postcode").fill("D02 X285");
  await page.getByLabel("Country").selectOption("Ireland");
  await page.getByLabel("VAT ID (optional)").fill("IE1234567T");
  await backButton(page).click();
  await expectRequirements(page);
  await backButton(page).click();
  await expectAttendees(page);
  await continueButton(page).click();
  await expectRequirements(page);
  await continueButton(page).click();
  await expectContact(page);
  await page.reload();
  await expectContact(page);
  await continueButton(page).click();

  // Review: everything shows; the deposit choice is kept through "Change" links and a refresh.
  await expectReview(page);
  const deposit = page.getByRole("radio", { name: /Pay a deposit now/ });
  await deposit.check();
  await expect(page.getByTestId("due-now")).toHaveText("£170.00");
  await page.getByRole("button", { name: "Change attendees" }).click();
  await expectAttendees(page);
  await continueButton(page).click();
  await expectRequirements(page);
  await continueButton(page).click();
  await expectContact(page);
  await continueButton(page).click();
  await expectReview(page);
  await expect(deposit).toBeChecked();

  await page.getByRole("button", { name: "Change special requirements" }).click();
  await expectRequirements(page);
  await person(page, "Brian Kernighan").getByRole("checkbox", { name: /^Vegan / }).uncheck();
  await person(page, "Brian Kernighan").getByRole("checkbox", { name: /^Vegetarian / }).check();
  await continueButton(page).click();
  await expectContact(page);
  await continueButton(page).click();
  await expectReview(page, "Vegetarian");

  await page.getByRole("button", { name: "Change contact and billing" }).click();
  await expectContact(page);
  await page.goBack();
  await expectReview(page, "Vegetarian");
  await page.reload();
  await expectReview(page, "Vegetarian");
  await expect(deposit).toBeChecked();
  await expect(page.getByTestId("due-now")).toHaveText("£170.00");
  await page.goBack();
  await expectContact(page);
  await page.goForward();
  await expectReview(page, "Vegetarian");
});

test("[BOOKING] removing an attendee keeps each remaining attendee's requirements their own", async ({ page }) => {
  await openWizard(page, FIRST_AID);
  await page.getByRole("radio", { name: /Old Mill Studio/ }).check();
  await continueButton(page).click();
  await fillAttendees(page, [
    { firstName: "Ada", lastName: "Lovelace" },
    { firstName: "Brian", lastName: "Kernighan" },
    { firstName: "Cleo", lastName: "Moore" },
  ]);
  await continueButton(page).click();

  // Ada: a severe allergy; Brian: vegan; Cleo: wheelchair user and something else, with details.
  await person(page, "Ada Lovelace").getByRole("checkbox", { name: /Severe allergy/ }).check();
  await person(page, "Ada Lovelace").getByRole("textbox", { name: /Details: severe allergy/ }).fill("Peanuts");
  await person(page, "Brian Kernighan").getByRole("checkbox", { name: /^Vegan / }).check();
  const cleo = person(page, "Cleo Moore");
  await cleo.getByRole("checkbox", { name: /Wheelchair user/ }).check();
  await cleo.getByRole("checkbox", { name: /Something else/ }).check();
  await cleo.getByRole("textbox", { name: /Details: something else/ }).fill("A seat near the door");
  await backButton(page).click();

  // Remove Brian, attendee 2 of 3.
  await expect(heading(page, STEP.attendees)).toBeVisible();
  await page.getByRole("button", { name: "Remove attendee 2 (Brian)" }).click();
  // Focus moves to the attendee before, not back to the top of the page.
  await expect(attendee(page, 1).getByLabel("First name")).toBeFocused();
  await expect(attendee(page, 2).getByLabel("First name")).toHaveValue("Cleo");
  await expect(attendee(page, 3)).toHaveCount(0);
  await continueButton(page).click();

  // Each remaining attendee has only their own needs.
  await expect(heading(page, STEP.requirements)).toBeVisible();
  await expect(person(page, "Brian Kernighan")).toHaveCount(0);
  const ada = person(page, "Ada Lovelace");
  await expect(ada.getByRole("checkbox", { checked: true })).toHaveCount(1);
  await expect(ada.getByRole("checkbox", { name: /Severe allergy/ })).toBeChecked();
  await expect(ada.getByRole("textbox", { name: /Details: severe allergy/ })).toHaveValue("Peanuts");
  await expect(cleo.getByRole("checkbox", { checked: true })).toHaveCount(2);
  await expect(cleo.getByRole("checkbox", { name: /Wheelchair user/ })).toBeChecked();
  await expect(cleo.getByRole("checkbox", { name: /Something else/ })).toBeChecked();
  await expect(cleo.getByRole("checkbox", { name: /^Vegan / })).not.toBeChecked();
  await expect(cleo.getByRole("textbox", { name: /Details: something else/ })).toHaveValue("A seat near the door");

  // The same after a refresh, and on the review page.
  await page.reload();
  await expect(cleo.getByRole("checkbox", { checked: true })).toHaveCount(2);
  await expect(ada.getByRole("checkbox", { checked: true })).toHaveCount(1);
  await continueButton(page).click();
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email", { exact: true }).fill("grace@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await continueButton(page).click();
  await expect(heading(page, STEP.review)).toBeVisible();
  await expect(page.getByRole("region", { name: "Special requirements" })).toContainText("Ada Lovelace: Severe allergy (risk of anaphylaxis) (Critical): Peanuts");
  await expect(page.getByRole("region", { name: "Special requirements" }))
    .toContainText("Cleo Moore: Wheelchair user (High)Something else (Standard): A seat near the door");
  await expect(page.getByRole("region", { name: "Special requirements" })).not.toContainText("Vegan");
});

test("[BOOKING] a sold-out session cannot be chosen", async ({ page, request }) => {
  const [nearlyFull, other] = await sessionsOf(request, FOOD_HYGIENE);
  expect(nearlyFull.available).toBeLessThanOrEqual(2);
  await fillSession(request, nearlyFull.id);

  // The course page offers no "Book" link for it.
  await page.goto(`/courses/${FOOD_HYGIENE}`);
  await expect(page.getByText("Fully booked")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Book / })).toHaveCount(1);

  // In the wizard its radio is disabled and says "Sold out"; the other date can still be chosen.
  await openWizard(page, FOOD_HYGIENE);
  const soldOut = page.getByRole("radio", { name: /Sold out/ });
  await expect(soldOut).toHaveCount(1);
  await expect(soldOut).toBeDisabled();
  await expect(soldOut).toHaveAttribute("value", nearlyFull.id);
  // A click on its card does nothing (forced past Playwright's own "is it enabled" wait, like a real click).
  await page.getByText("Sold out").click({ force: true });
  await expect(soldOut).not.toBeChecked();
  await continueButton(page).click();
  await expect(errorSummary(page)).toContainText("Choose a session");
  await expect(heading(page, STEP.session)).toBeVisible();

  // Not even through a link that names it.
  await openWizard(page, FOOD_HYGIENE, { sessionId: nearlyFull.id });
  await continueButton(page).click();
  await expect(errorSummary(page)).toContainText("Choose a session");
  await expect(heading(page, STEP.session)).toBeVisible();

  await expect(soldOut).not.toBeChecked();
  const open = page.getByRole("radio", { name: new RegExp(`${other.available} places left`) });
  await expect(open).toBeEnabled();
  await open.check();
  await continueButton(page).click();
  await expect(heading(page, STEP.attendees)).toBeVisible();
});

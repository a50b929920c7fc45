// Field errors in the wizard: listed in an announced summary, each linked to its field, each field described by
// its message; and a payment step submitted twice that must still make one booking.
import { expect, test, type Locator, type Page, type Request } from "@playwright/test";
import { answerUpToReview, openWizard, placesLeft, sessionsOf } from "../fixtures/booking";

const WATERCOLOUR = "watercolour-weekend";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const errorSummary = (page: Page) => page.getByRole("alert").filter({ hasText: "There is a problem" });
const continueButton = (page: Page) => page.getByRole("button", { name: "Continue", exact: true });

/** The summary lists exactly these messages, in form order, and has focus. */
async function expectSummary(page: Page, messages: string[]) {
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("listitem")).toHaveText(messages);
}

/**
 * Following the summary's link focuses the field, which is marked invalid and described by the same message. A
 * field repeated per attendee is named in the summary by whose it is (`subject`), not in the field's own message.
 */
async function expectLinkedError(page: Page, link: Locator, field: Locator, message: string, { invalid = true, subject = "" } = {}) {
  await expect(link).toHaveText(subject ? `${subject}: ${message}` : message);
  await link.click();
  await expect(field).toBeFocused();
  if (invalid) await expect(field).toHaveAttribute("aria-invalid", "true");
  const ids = (await field.getAttribute("aria-describedby"))?.split(/\s+/) ?? [];
  const descriptions = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(descriptions, `aria-describedby of the field points at "${message}"`).toContain(message);
  await expect(field).toHaveAccessibleDescription(message);
}

test("[BOOKING] shows field errors, linked and announced", async ({ page }) => {
  await openWizard(page);
  const summary = errorSummary(page);

  // Session: none chosen.
  await continueButton(page).click();
  await expectSummary(page, ["Choose a session"]);
  await expectLinkedError(page, summary.getByRole("link"), page.getByRole("group", { name: /Sessions of/ }), "Choose a session", { invalid: false });
  await page.getByRole("radio").first().check();
  await continueButton(page).click();

  // Attendees: attendee 1 left blank, attendee 2 with no last name and a malformed email.
  await expect(heading(page, "Who is attending?")).toBeVisible();
  await page.getByRole("button", { name: "Add another attendee" }).click();
  const first = page.getByRole("group", { name: "Attendee 1" });
  const second = page.getByRole("group", { name: "Attendee 2" });
  await second.getByLabel("First name").fill("Brian");
  await second.getByLabel("Email").fill("brian@example");
  await continueButton(page).click();
  // Each line says whose field it is: the attendee's name as far as given, else their place in the list.
  await expectSummary(page, ["Attendee 1: First name is required", "Attendee 1: Last name is required", "Brian: Last name is required", "Brian: Enter a valid email address"]);
  const links = summary.getByRole("link");
  await expectLinkedError(page, links.nth(0), first.getByLabel("First name"), "First name is required", { subject: "Attendee 1" });
  await expectLinkedError(page, links.nth(1), first.getByLabel("Last name"), "Last name is required", { subject: "Attendee 1" });
  await expectLinkedError(page, links.nth(2), second.getByLabel("Last name"), "Last name is required", { subject: "Brian" });
  await expectLinkedError(page, links.nth(3), second.getByLabel("Email"), "Enter a valid email address", { subject: "Brian" });
  // Fixing a field clears its own error as the customer types, and leaves focus where it is.
  await first.getByLabel("First name").fill("Ada");
  await expect(first.getByLabel("First name")).not.toHaveAttribute("aria-invalid");
  await expect(first.getByLabel("First name")).toBeFocused();
  await first.getByLabel("Last name").fill("Lovelace");
  await second.getByLabel("Last name").fill("Kernighan");
  await second.getByLabel("Email").fill("brian@example.com");
  await continueButton(page).click();

  // Requirements: Ada's severe allergy without its required details, Brian with no answer at all.
  await expect(heading(page, "Special requirements")).toBeVisible();
  const ada = page.getByRole("group", { name: "Ada Lovelace", exact: true });
  const brian = page.getByRole("group", { name: "Brian Kernighan", exact: true });
  await ada.getByRole("checkbox", { name: /Severe allergy/ }).check();
  await continueButton(page).click();
  const describeAllergy = "Describe the severe allergy (risk of anaphylaxis)";
  const chooseRequirements = "Choose this attendee's requirements, or “No special requirements”";
  await expectSummary(page, [`Ada Lovelace: ${describeAllergy}`, `Brian Kernighan: ${chooseRequirements}`]);
  await expectLinkedError(page, summary.getByRole("link", { name: describeAllergy }),
    ada.getByRole("textbox", { name: /Details: severe allergy/ }), describeAllergy, { subject: "Ada Lovelace" });
  await expectLinkedError(page, summary.getByRole("link", { name: /Choose this attendee/ }), brian, chooseRequirements, { invalid: false, subject: "Brian Kernighan" });
  await ada.getByRole("textbox", { name: /Details: severe allergy/ }).fill("Peanuts");
  await brian.getByRole("checkbox", { name: "No special requirements" }).check();
  await continueButton(page).click();

  // Contact: everything blank, then a malformed email.
  await expect(heading(page, /contact and billing/)).toBeVisible();
  await continueButton(page).click();
  await expectSummary(page, ["Your name is required", "Email is required", "Phone is required"]);
  await expectLinkedError(page, summary.getByRole("link", { name: "Phone is required" }), page.getByLabel("Phone"), "Phone is required");
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email", { exact: true }).fill("grace@@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await continueButton(page).click();
  await expectSummary(page, ["Enter a valid email address"]);
  await expectLinkedError(page, summary.getByRole("link"), page.getByLabel("Email", { exact: true }), "Enter a valid email address");
  await page.getByLabel("Email", { exact: true }).fill("grace@example.com");
  await continueButton(page).click();

  // Review: the terms not accepted.
  await expect(heading(page, "Check your booking")).toBeVisible();
  await page.getByRole("button", { name: /Continue to payment/ }).click();
  const acceptTerms = "Accept the terms and conditions to continue";
  await expectSummary(page, [acceptTerms]);
  await expectLinkedError(page, summary.getByRole("link"), page.getByRole("checkbox", { name: /I accept the booking terms/ }), acceptTerms);
  await expect(page).toHaveURL(/step=review/);
});

test("[BOOKING] a second submit of the review step, sent while the button is disabled, still makes one booking", async ({ page, request }) => {
  const [session] = await sessionsOf(request, WATERCOLOUR);
  const before = await placesLeft(request, session.id);

  // Every answer to the wizard's submit (a server action POST) is kept. The first submit is sent twice at
  // the same moment (the page's request and a copy of it), as a double post or a retrying proxy would, and
  // its answer waits until the page has submitted again from the disabled button.
  const answers: string[] = [];
  let submits = 0;
  let resubmitted!: () => void;
  const resubmit = new Promise<void>((resolve) => { resubmitted = resolve; });
  // The review step also asks the server for its price (another server action): only posts made once the
  // payment button is pressed count as submits.
  let armed = false;
  const isSubmit = (r: Request) => armed && r.method() === "POST" && !!r.headers()["next-action"];
  await page.route((url) => url.pathname === `/book/${WATERCOLOUR}`, async (route) => {
    if (!isSubmit(route.request())) return route.fallback();
    const first = ++submits === 1;
    const [response, ...copied] = await Promise.all([route.fetch(), ...(first ? [page.request.fetch(route.request())] : [])]);
    const body = await response.text();
    answers.push(body, ...(await Promise.all(copied.map((c) => c.text()))));
    if (first) await resubmit;
    await route.fulfill({ response, body });
  });
  // The page stays (its checkout navigation is held) until the submit sent from the disabled button is answered.
  await page.route((url) => url.pathname.startsWith("/checkout/simulated/"), async (route) => {
    await expect.poll(() => answers.length, { timeout: 30_000 }).toBe(3);
    await route.continue().catch(() => {}); // the second answer's own navigation may have replaced this one
  });

  await openWizard(page, WATERCOLOUR, { sessionId: session.id });
  await expect(page.getByRole("radio").first()).toBeChecked();
  await answerUpToReview(page, {
    attendees: [{ firstName: "Ada", lastName: "Lovelace" }, { firstName: "Brian", lastName: "Kernighan" }],
    contact: { name: "Grace Hopper", email: "grace@example.com", phone: "+44 20 7946 0958" },
  });
  await page.getByRole("checkbox", { name: /I accept the booking terms/ }).check();
  await page.waitForLoadState("networkidle"); // the price preview has been answered

  armed = true;
  await page.getByRole("button", { name: /Continue to payment/ }).click();
  const busy = page.getByRole("button", { name: "Working…" });
  await expect(busy).toBeDisabled();
  // A click cannot reach a disabled button, so submit its form directly, as a second post would.
  await busy.evaluate((button: HTMLButtonElement) => button.form!.requestSubmit());
  resubmitted();
  await expect.poll(() => answers.length, { message: "three submits answered by the server", timeout: 30_000 }).toBe(3);

  // All three reached the server and were answered with the same checkout; two places are held, once.
  const checkoutUrls = answers.map((body) => body.match(/"checkoutUrl":"([^"]+)"/)?.[1]);
  expect(checkoutUrls[0]).toMatch(/\/checkout\/simulated\//);
  expect(checkoutUrls).toEqual([checkoutUrls[0], checkoutUrls[0], checkoutUrls[0]]);
  expect(await placesLeft(request, session.id)).toBe(before - 2);

  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: /Pay for booking TRN-/ })).toBeVisible();
  expect(page.url()).toBe(checkoutUrls[0]);
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  expect(await placesLeft(request, session.id)).toBe(before - 2);
});

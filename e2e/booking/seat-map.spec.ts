// Reserved seating in the wizard: seats by mouse on the drawn map, by keyboard through the list alternative, and a
// seat taken by someone else while the customer reviews. Seats are picked from the live map (other specs book on
// the same concert), from the back of a class's rows.
import { expect, test, type Page } from "@playwright/test";
import { openWizard, sessionsOf } from "../fixtures/booking";
import { tabTo } from "../fixtures/keyboard";
import { GALA, reachSeatStep } from "../fixtures/seating";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

async function fillContact(page: Page) {
  await expect(heading(page, /contact and billing/)).toBeVisible();
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email", { exact: true }).fill("grace@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

test("[BOOKING] books three seats on the seat map with the mouse", async ({ page }) => {
  await openWizard(page, GALA);
  // Every date of the concert is seated: the count includes the seats step before a date is chosen.
  await expect(page.getByText("Step 1 of 7: Session")).toBeVisible();
  await reachSeatStep(page, {
    ticket: "Premium",
    attendees: [{ firstName: "Ada", lastName: "Lovelace" }, { firstName: "Brian", lastName: "Kernighan" }, { firstName: "Cleo", lastName: "Moore" }],
  });

  // Three free Premium seats, clicked on the map: each goes to the next attendee without a seat.
  const freePremium = page.getByRole("button", { name: /^Stalls, row [D-H], seat \d+, Premium, available$/ });
  const chosen: string[] = [];
  for (const [i, name] of ["Ada Lovelace", "Brian Kernighan", "Cleo Moore"].entries()) {
    const seat = freePremium.last();
    const label = (await seat.getAttribute("aria-label"))!.replace(/, Premium, available$/, "");
    await seat.click();
    await expect(page.getByRole("status").filter({ hasText: `${label} chosen for ${name}` })).toBeVisible();
    await expect(page.getByRole("button", { name: `${label}, Premium, chosen for ${name}, attendee ${i + 1}` })).toBeVisible();
    chosen.push(label);
  }
  // The list alternative shows the same choice.
  await expect(page.getByLabel(/Seat for Ada Lovelace/).locator("option:checked")).toHaveText(chosen[0]);
  // A VIP seat does not suit a Premium ticket: the click says why and chooses nothing.
  await page.getByRole("button", { name: /^Stalls, row [A-C], seat \d+, VIP, available$/ }).last().click();
  await expect(page.getByRole("status").filter({ hasText: /is a VIP seat, and no attendee has a ticket for VIP seats/ })).toBeVisible();
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  await fillContact(page);
  await expect(heading(page, "Check your booking")).toBeVisible();
  await expect(page.getByText("Premium: 3 × £55.00 per attendee")).toBeVisible();
  const seatsSection = page.getByRole("region", { name: "Seats" });
  for (const [i, name] of ["Ada Lovelace", "Brian Kernighan", "Cleo Moore"].entries())
    await expect(seatsSection).toContainText(`${name}: ${chosen[i]}`);
  await expect(page.getByTestId("due-now")).toHaveText("£165.00");
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: /Continue to payment/ }).click();

  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await page.getByRole("button", { name: /Pay £165.00/ }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  for (const label of chosen) await expect(page.getByText(`· Premium · ${label}`)).toBeVisible();
  // What can be changed online is said as it is: names and needs, not seats or the date.
  await expect(page.getByText(/seats and the date cannot be changed online/)).toBeVisible();
});

test("[BOOKING] books seats with the keyboard and the list alternative only", async ({ page, request }) => {
  test.slow(); // the whole wizard one key at a time
  const { keyboard } = page;
  const [, later] = await sessionsOf(request, GALA);
  await page.goto(`/courses/${GALA}`);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await tabTo(page, page.getByRole("link", { name: /^Choose seats Winter Gala Concert/ }).last());
  await keyboard.press("Enter");

  // Session: the date chosen on the course page; tickets by arrow keys: no Standard, two VIP.
  await expect(heading(page, "Choose a session")).toBeVisible();
  await expect(page.getByRole("radio", { checked: true })).toHaveAttribute("value", later.id);
  const tickets = page.getByRole("group", { name: "Tickets" });
  await tabTo(page, tickets.getByLabel("Standard", { exact: true }));
  await keyboard.press("ArrowDown");
  await expect(tickets.getByLabel("Standard", { exact: true })).toHaveValue("0");
  await tabTo(page, tickets.getByLabel("VIP", { exact: true }));
  await keyboard.press("ArrowUp");
  await keyboard.press("ArrowUp");
  await expect(tickets.getByLabel("VIP", { exact: true })).toHaveValue("2");
  const continueButton = page.getByRole("button", { name: "Continue", exact: true });
  await tabTo(page, continueButton);
  await keyboard.press("Enter");

  // Attendees: both carry a VIP ticket.
  await expect(heading(page, "Who is attending?")).toBeFocused();
  for (const [i, [first, last]] of [["Ada", "Lovelace"], ["Brian", "Kernighan"]].entries()) {
    const group = page.getByRole("group", { name: `Attendee ${i + 1}` });
    await expect(group.getByLabel("Ticket")).toHaveText(/VIP/);
    await tabTo(page, group.getByLabel("First name"));
    await keyboard.type(first);
    await keyboard.press("Tab");
    await keyboard.type(last);
  }
  await tabTo(page, continueButton);
  await keyboard.press("Enter");

  // Requirements: none for anyone.
  await expect(heading(page, "Special requirements")).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "No one has special requirements" }));
  await keyboard.press("Enter");
  await tabTo(page, continueButton);
  await keyboard.press("Enter");

  // Seats: continuing without seats lists what is missing; then each attendee's list, last free VIP seat.
  await expect(heading(page, "Choose your seats")).toBeFocused();
  await expect(page.getByLabel(/Seat for Ada Lovelace/)).toBeVisible();
  await tabTo(page, continueButton);
  await keyboard.press("Enter");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Choose a seat for Ada Lovelace");
  await keyboard.press("Tab");
  await keyboard.press("Enter");
  const adaSeat = page.getByLabel(/Seat for Ada Lovelace/);
  await expect(adaSeat).toBeFocused();
  await keyboard.press("End");
  await expect(adaSeat.locator("option:checked")).toHaveText(/^Stalls, row [A-C], seat \d+$/);
  const brianSeat = page.getByLabel(/Seat for Brian Kernighan/);
  await tabTo(page, brianSeat);
  await keyboard.press("End");
  await expect(brianSeat.locator("option:checked")).toHaveText(/^Stalls, row [A-C], seat \d+$/);
  const adaLabel = (await adaSeat.locator("option:checked").textContent())!;
  const brianLabel = (await brianSeat.locator("option:checked").textContent())!;
  expect(adaLabel).not.toBe(brianLabel);
  // The map agrees.
  await expect(page.getByRole("button", { name: `${adaLabel}, VIP, chosen for Ada Lovelace, attendee 1` })).toBeAttached();
  await tabTo(page, continueButton);
  await keyboard.press("Enter");

  // Contact, then review.
  await expect(heading(page, /contact and billing/)).toBeFocused();
  await keyboard.press("Tab");
  await keyboard.type("Grace Hopper");
  await keyboard.press("Tab");
  await keyboard.type("grace@example.com");
  await keyboard.press("Tab");
  await keyboard.type("+44 20 7946 0958");
  await keyboard.press("Enter");

  await expect(heading(page, "Check your booking")).toBeFocused();
  await expect(page.getByText("VIP: 2 × £95.00 per attendee")).toBeVisible();
  await expect(page.getByRole("region", { name: "Seats" })).toContainText(`Ada Lovelace: ${adaLabel}`);
  const terms = page.getByRole("checkbox", { name: /I accept the booking terms/ });
  await tabTo(page, terms);
  await keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: /Continue to payment: £190.00/ }));
  await keyboard.press("Enter");

  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Pay £190.00 (test)" }));
  await keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(page.getByText(`· VIP · ${adaLabel}`)).toBeVisible();
  await expect(page.getByText(`· VIP · ${brianLabel}`)).toBeVisible();
});

test("[BOOKING] a seat taken during review sends the customer back to the seat step with the seat named", async ({ page, request }) => {
  const [, later] = await sessionsOf(request, GALA);
  await openWizard(page, GALA);
  await reachSeatStep(page, { ticket: "Standard", attendees: [{ firstName: "Ada", lastName: "Lovelace" }] });
  const seatList = page.getByLabel(/Seat for Ada Lovelace/);
  // The last free Standard seat of the circle.
  const option = seatList.locator("optgroup[label^='Circle'] option").last();
  const seatId = (await option.getAttribute("value"))!;
  const label = (await option.textContent())!.replace(/, restricted view$/, "");
  await seatList.selectOption(seatId);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await fillContact(page);
  await expect(heading(page, "Check your booking")).toBeVisible();
  await expect(page.getByRole("region", { name: "Seats" })).toContainText(`Ada Lovelace: ${label}`);

  // Someone else books that seat through the API meanwhile.
  const map = await (await request.get(`/api/v1/sessions/${later.id}/seats`)).json() as { ticketTypes: { id: string; name: string }[] };
  const standard = map.ticketTypes.find((t) => t.name === "Standard")!;
  const other = await request.post("/api/v1/bookings", {
    data: {
      sessionId: later.id, paymentOption: "full", acceptTerms: true,
      contact: { name: "Quick Booker", email: "quick@example.com", phone: "+44 20 7946 0000" },
      attendees: [{ firstName: "Quick", lastName: "Booker", ticketTypeId: standard.id, seatId }],
    },
  });
  expect(other.status(), await other.text()).toBe(201);

  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: /Continue to payment/ }).click();
  await expect(heading(page, "Choose your seats")).toBeVisible();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText(`${label} has just been taken; choose another seat`);
  // The refreshed map shows it taken, and the list no longer offers it.
  await expect(page.getByRole("button", { name: new RegExp(`^${label}, Standard.*, taken$`) })).toBeVisible();
  await expect(seatList).toHaveValue("");
  await expect(seatList.locator(`option[value="${seatId}"]`)).toHaveCount(0);

  // Another seat, and the booking goes through.
  await page.getByRole("button", { name: "Choose the best available seats" }).click();
  await expect(seatList).not.toHaveValue("");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  // The contact step keeps what was typed; its own Continue, once it is shown (a click before that would land
  // on the seat step's button again).
  await expect(heading(page, "Your contact and billing details")).toBeVisible();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(heading(page, "Check your booking")).toBeVisible();
  await page.getByRole("button", { name: /Continue to payment/ }).click();
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
});

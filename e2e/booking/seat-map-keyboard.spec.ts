// The drawn seat map by keyboard alone, on a plan made as the grid builder makes them (seats one unit apart): the
// seats are drawn apart, the plan is one tab stop, the arrow keys move between seats, Enter and Space choose and
// free them, a seat not for sale says so, and the seats chosen on the map are the ones booked.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { fillAttendees, openWizard } from "../fixtures/booking";
import { freshCourseSession } from "../fixtures/instances";
import { tabTo } from "../fixtures/keyboard";
import { withE2eDb } from "../fixtures/staff";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

/** Rows A–C of six Standard seats in grid units (x = seat number, y = row number); A2 blocked by the box office. */
async function gridPlan(sessionId: string) {
  await withE2eDb(async (sql) => {
    const [s] = await sql`select venue_id from course_sessions where id = ${sessionId}`;
    const [plan] = await sql`insert into seating_plans (venue_id, name) values (${s.venue_id}, 'Studio grid') returning id`;
    await sql`insert into seats (plan_id, section, row, number, seat_class, x, y, sort_order)
      select ${plan.id}, 'Stalls', chr(64 + r), n::text, 'Standard', n, r, (r - 1) * 6 + n
      from generate_series(1, 6) n, generate_series(1, 3) r`;
    await sql`update course_sessions set seating_plan_id = ${plan.id} where id = ${sessionId}`;
    await sql`insert into session_seats (session_id, seat_id, status, note)
      select ${sessionId}, id, 'blocked', 'Sound desk' from seats where plan_id = ${plan.id} and row = 'A' and number = '2'`;
  });
}

test("[BOOKING] chooses and frees seats on the drawn map with the keyboard alone", async ({ page }) => {
  const { slug, sessionId } = await freshCourseSession({ prefix: "e2e-seat-keys", title: "Seat Keys Studio", capacity: 18, days: 44 });
  await gridPlan(sessionId);
  const { keyboard } = page;
  const continueButton = page.getByRole("button", { name: "Continue", exact: true });

  await openWizard(page, slug);
  await page.getByRole("radio").first().check();
  await continueButton.click();
  await expect(heading(page, "Who is attending?")).toBeVisible();
  await fillAttendees(page, [{ firstName: "Ada", lastName: "Lovelace" }, { firstName: "Brian", lastName: "Kernighan" }]);
  await continueButton.click();
  await expect(heading(page, "Special requirements")).toBeVisible();
  await page.getByRole("button", { name: "No one has special requirements" }).click();
  await continueButton.click();
  await expect(heading(page, "Choose your seats")).toBeVisible();

  // Seats one unit apart in the plan are drawn a seat's width and more apart, none over another.
  await expect(page.locator("[data-seat-id]")).toHaveCount(18);
  const seatBoxes = await page.locator("[data-seat-id]").evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }));
  expect(seatBoxes).toHaveLength(18);
  for (const [i, a] of seatBoxes.entries()) {
    expect(a.right - a.left).toBeGreaterThan(10);
    for (const b of seatBoxes.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
  }

  const seat = (code: string) => page.getByRole("button", { name: new RegExp(`^Stalls, row ${code[0]}, seat ${code.slice(1)},`) });
  const announced = (text: string) => expect(page.getByRole("status").filter({ hasText: text })).toHaveText(text);

  // One tab stop for the whole plan, on its first seat; the focus is drawn around it.
  await tabTo(page, seat("A1"));
  await expect(page.getByTestId("seat-focus-ring")).toBeVisible();
  await expect(page.locator("[data-seat-id][tabindex='0']")).toHaveCount(1);

  // A2 is not for sale: Enter says so and chooses nothing.
  await keyboard.press("ArrowRight");
  await expect(seat("A2")).toBeFocused();
  await expect(seat("A2")).toHaveAccessibleName("Stalls, row A, seat 2, Standard, not for sale");
  await keyboard.press("Enter");
  await announced("Stalls, row A, seat 2 is not for sale.");

  // A3 for Ada by Enter, B3 behind it for Brian by Space.
  await keyboard.press("ArrowRight");
  await keyboard.press("Enter");
  await announced("Stalls, row A, seat 3 chosen for Ada Lovelace.");
  await expect(seat("A3")).toHaveAccessibleName("Stalls, row A, seat 3, Standard, chosen for Ada Lovelace, attendee 1");
  await keyboard.press("ArrowDown");
  await expect(seat("B3")).toBeFocused();
  await keyboard.press(" ");
  await announced("Stalls, row B, seat 3 chosen for Brian Kernighan.");

  // Home and End to the ends of the row, Page Down to the last row (fewer than five behind), arrows back.
  await keyboard.press("End");
  await expect(seat("B6")).toBeFocused();
  await keyboard.press("Home");
  await expect(seat("B1")).toBeFocused();
  await keyboard.press("PageDown");
  await expect(seat("C1")).toBeFocused();
  await keyboard.press("ArrowUp");
  await keyboard.press("ArrowRight");
  await keyboard.press("ArrowRight");
  await expect(seat("B3")).toBeFocused();

  // Enter on a chosen seat frees it; again, and it is Brian's once more.
  await keyboard.press("Enter");
  await announced("Stalls, row B, seat 3 is no longer chosen for Brian Kernighan.");
  await expect(page.getByLabel(/Seat for Brian Kernighan/)).toHaveValue("");
  await keyboard.press("Enter");
  await announced("Stalls, row B, seat 3 chosen for Brian Kernighan.");
  await expectNoSeriousA11yViolations(page, "seat step with a seat focused by keyboard");

  // Tab leaves the plan for the seat lists, which agree with the map; Shift+Tab comes back to the same seat.
  await keyboard.press("Tab");
  const adaList = page.getByLabel(/Seat for Ada Lovelace/);
  await expect(adaList).toBeFocused();
  await expect(adaList.locator("option:checked")).toHaveText("Stalls, row A, seat 3");
  await expect(page.getByLabel(/Seat for Brian Kernighan/).locator("option:checked")).toHaveText("Stalls, row B, seat 3");
  await keyboard.press("Shift+Tab");
  await expect(seat("B3")).toBeFocused();

  await tabTo(page, continueButton);
  await keyboard.press("Enter");
  await expect(heading(page, /contact and billing/)).toBeVisible();
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email", { exact: true }).fill("grace.keys@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0958");
  await continueButton.click();
  await expect(heading(page, "Check your booking")).toBeVisible();
  const seatsSection = page.getByRole("region", { name: "Seats" });
  await expect(seatsSection).toContainText("Ada Lovelace: Stalls, row A, seat 3");
  await expect(seatsSection).toContainText("Brian Kernighan: Stalls, row B, seat 3");
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: /Continue to payment/ }).click();
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await page.getByRole("button", { name: /Pay £100.00/ }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(page.getByText("· Standard · Stalls, row A, seat 3")).toBeVisible();
  await expect(page.getByText("· Standard · Stalls, row B, seat 3")).toBeVisible();
});

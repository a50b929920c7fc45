// Staff in two tabs: one changes a booking's seat while the other tab, opened before, offers that seat still. The
// refused change names the seat (announced), the seats offered are brought up to date without a reload, and the
// change then goes through with a reason, which the staff history shows and the customer's page does not. By keyboard,
// with axe checks.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { payForBooking } from "../fixtures/finance";
import { freshCourseSession } from "../fixtures/instances";
import { arrowTo, tabTo } from "../fixtures/keyboard";
import { recitalPlan } from "../fixtures/seating";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] a seat taken from another tab is named and no longer offered; the change then goes through with a reason for staff only", async ({ page, context, request }) => {
  const { sessionId } = await freshCourseSession({ prefix: "e2e-seat-race", title: "Seat Race Recital", capacity: 10, days: 43 });
  const seatIds = await recitalPlan(sessionId);
  const book = (firstName: string, lastName: string, seatId: string) => payForBooking(page, request, {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: `${firstName} ${lastName}`, email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`, phone: "+44 20 7946 0105" },
    attendees: [{ firstName, lastName, seatId }],
  });
  const quinn = await book("Quinn", "Racer", seatIds.A1);
  const rowan = await book("Rowan", "Rival", seatIds.A2);

  await signInAs(context, "admin");
  await page.goto(`/admin/bookings/${quinn.reference}`);
  const form = page.getByRole("form", { name: "Change seats" });
  const seat = form.getByLabel(/^New seat for Quinn Racer/);
  await expect(seat.getByRole("option", { name: "Stalls, row B, seat 3" })).toHaveCount(1);

  // Another tab, opened later, gives Rowan seat B3 (and so frees A2).
  const other = await context.newPage();
  await other.goto(`/admin/bookings/${rowan.reference}`);
  const otherForm = other.getByRole("form", { name: "Change seats" });
  await otherForm.getByLabel(/^New seat for Rowan Rival/).selectOption({ label: "Stalls, row B, seat 3" });
  await otherForm.getByRole("button", { name: "Change seats" }).click();
  await expect(otherForm.getByRole("status").filter({ hasText: /^Seats changed/ })).toBeVisible();
  await other.close();

  // The first tab still offers B3: chosen by keyboard with a reason, and refused.
  await tabTo(page, seat);
  await arrowTo(page, seat, "Stalls, row B, seat 3");
  const reason = form.getByRole("textbox", { name: /^Reason/ });
  await expect(reason).toHaveAccessibleDescription(/the customer does not see it/);
  await tabTo(page, reason);
  await page.keyboard.type("Customer asked to sit nearer the aisle");
  const submit = form.getByRole("button", { name: "Change seats" });
  await tabTo(page, submit);
  await page.keyboard.press("Enter");

  // The summary (focused, an alert) and the field name the seat; the status line says the lists are up to date.
  const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Stalls, row B, seat 3 was just taken; choose another seat");
  await expect(summary).toBeFocused();
  await expect(seat).toHaveAccessibleDescription(/Stalls, row B, seat 3 was just taken/);
  await expect(form.getByRole("status").filter({ hasText: "Stalls, row B, seat 3 was just taken by another booking. The seats offered are up to date now: choose another seat." }))
    .toBeVisible();
  // Without a reload: B3 is gone from the list, A2 (freed by the other tab) is offered, and the reason is kept.
  await expect(seat.getByRole("option", { name: "Stalls, row B, seat 3" })).toHaveCount(0);
  await expect(seat.getByRole("option", { name: "Stalls, row A, seat 2" })).toHaveCount(1);
  await expect(seat).toHaveValue("");
  await expect(reason).toHaveValue("Customer asked to sit nearer the aisle");
  await expectNoSeriousA11yViolations(page, "the seat change form after a seat was taken");

  // A reason over 500 characters is refused beside the field, before anything is sent.
  await tabTo(page, seat);
  await arrowTo(page, seat, "Stalls, row A, seat 2");
  await tabTo(page, reason);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText("x".repeat(501));
  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  await expect(summary).toContainText("At most 500 characters");
  await expect(reason).toHaveAccessibleDescription(/At most 500 characters$/);
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "the seat change form with a reason too long");

  // A reason with spaces around it: stored trimmed, the seat changed.
  await tabTo(page, reason);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("  Customer asked to sit nearer the aisle  ");
  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  await expect(form.getByRole("status").filter({ hasText: /^Seats changed/ })).toBeVisible();
  const history = page.getByTestId("booking-history");
  await expect(history).toContainText("After: Quinn Racer: Stalls, row A, seat 2");
  await expect(history).toContainText("Reason: Customer asked to sit nearer the aisle");
  const [change] = await withE2eDb((sql) => sql`select reason from booking_changes where booking_id = ${quinn.bookingId}`);
  expect(change.reason).toBe("Customer asked to sit nearer the aisle");
  await expectNoSeriousA11yViolations(page, "the seat change form after a change with a reason");

  // The customer's page shows the change, never the staff's reason.
  await page.goto(`/bookings/${quinn.reference}?token=${encodeURIComponent(quinn.accessToken)}`);
  await expect(page.getByTestId("booking-history")).toContainText("Seats changed by the box office");
  await expect(page.getByTestId("booking-history")).not.toContainText("aisle");
});

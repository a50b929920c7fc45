// Staff change a seated booking's seat from its booking page with the keyboard only: an empty choice is refused in
// an announced summary, a free seat is taken, the page then shows the new seat and the history says who moved it.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { payForBooking } from "../fixtures/finance";
import { freshCourseSession } from "../fixtures/instances";
import { arrowTo, tabTo } from "../fixtures/keyboard";
import { recitalPlan } from "../fixtures/seating";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] changes a seated booking's seat with the keyboard; the page shows the new seat", async ({ page, context, request }) => {
  const { sessionId } = await freshCourseSession({ prefix: "e2e-seats", title: "Seat Change Recital", capacity: 10, days: 42 });
  const seatIds = await recitalPlan(sessionId);
  const created = await payForBooking(page, request, {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: "Quinn Seated", email: "quinn.seated@example.com", phone: "+44 20 7946 0104" },
    attendees: [{ firstName: "Quinn", lastName: "Seated", seatId: seatIds.A1 }],
  });

  await signInAs(context, "admin");
  await page.goto(`/admin/bookings/${created.reference}`);
  const form = page.getByRole("form", { name: "Change seats" });
  const seat = form.getByLabel(/^New seat for Quinn Seated/);
  await expect(seat).toHaveAccessibleName("New seat for Quinn Seated (Standard ticket; now Stalls, row A, seat 1)");

  // Nothing chosen: the summary is announced and names the problem.
  const submit = form.getByRole("button", { name: "Change seats" });
  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  await expect(form.getByRole("alert")).toContainText("Choose a new seat for at least one place");
  await expectNoSeriousA11yViolations(page, "the seat change form with an error");

  // A free seat in row B, chosen from the list with the arrow keys, then submitted with Enter.
  await tabTo(page, seat);
  await arrowTo(page, seat, "Stalls, row B, seat 3");
  await expect(form.getByRole("status").filter({ hasText: "Stalls, row B, seat 3 chosen for Quinn Seated." })).toBeVisible();
  await tabTo(page, submit);
  await page.keyboard.press("Enter");
  await expect(form.getByRole("status").filter({ hasText: /^Seats changed/ })).toBeVisible();

  // The staff page now shows the new seat, the history says who moved it, and the old seat is free again.
  const attendees = page.getByRole("region", { name: /^Attendees/ });
  await expect(attendees).toContainText("Stalls, row B, seat 3");
  await expect(attendees).not.toContainText("Stalls, row A, seat 1");
  await expect(page.getByTestId("booking-history")).toContainText("Seats changed by staff");
  await expect(page.getByTestId("booking-history")).toContainText("After: Quinn Seated: Stalls, row B, seat 3");
  await expect(form.getByLabel(/^New seat for Quinn Seated/)).toHaveAccessibleName("New seat for Quinn Seated (Standard ticket; now Stalls, row B, seat 3)");
  const claims = await withE2eDb((sql) => sql`select seat_id from session_seats where booking_id = ${created.bookingId}`);
  expect(claims.map((c) => c.seat_id)).toEqual([seatIds.B3]);
  await expectNoSeriousA11yViolations(page, "the seat change form after a change");

  // The customer's page shows the change as the box office's, never a staff member's address.
  await page.goto(`/bookings/${created.reference}?token=${encodeURIComponent(created.accessToken)}`);
  await expect(page.getByTestId("booking-history")).toContainText("Seats changed by the box office");
  await expect(page.getByTestId("booking-history")).not.toContainText("@");
});

// Staff move a session with a paid booking to another day: the form says the booking is told, the booker's email
// goes out, and the customer's booking page offers the calendar event as it is now (one version later). A checkout
// in progress for the old day is stopped: its payment page is closed and says why, as does its booking page.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { payForBooking } from "../fixtures/finance";
import { freshCourseSession } from "../fixtures/instances";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] moves a booked session to another day: the booking is told, and its calendar event follows", async ({ page, context, request }) => {
  const { sessionId } = await freshCourseSession({ prefix: "e2e-move", title: "Moved Workshop", capacity: 10, days: 40 });
  const booked = await payForBooking(page, request, {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: "Mo Mover", email: "mo.mover@example.com", phone: "+44 20 7946 0102" },
    attendees: [{ firstName: "Mo", lastName: "Mover" }],
  });

  // Another customer is paying for the session as it is when staff move it.
  const paying = await request.post("/api/v1/bookings", { data: {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: "Pia Paying", email: "pia.paying@example.com", phone: "+44 20 7946 0103" },
    attendees: [{ firstName: "Pia", lastName: "Paying" }],
  } });
  expect(paying.status(), await paying.text()).toBe(201);
  const checkout = await paying.json();

  await signInAs(context, "admin");
  await page.goto(`/admin/sessions/${sessionId}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("Changing the venue or times emails every booking the new details and an updated calendar event.")).toBeVisible();
  const starts = page.getByLabel("Starts");
  const ends = page.getByLabel("Ends");
  const weekLater = (value: string) => {
    const d = new Date(`${value}:00Z`);
    d.setUTCDate(d.getUTCDate() + 7);
    return d.toISOString().slice(0, 16);
  };
  const [from, to] = [await starts.inputValue(), await ends.inputValue()];
  await expect(async () => {
    await starts.fill(weekLater(from));
    await ends.fill(weekLater(to));
    await expect(starts).toHaveValue(weekLater(from), { timeout: 1_000 });
  }).toPass();
  await page.getByRole("button", { name: "Save session" }).click();
  await expect(page.getByRole("status").filter({
    hasText: "Saved. 1 booking is being told of the new time or place by email. 1 checkout in progress was stopped, as they were for the old time or place; nothing was charged.",
  })).toBeVisible();
  // Focus is back on the button, not dropped to the page while the form was sent.
  await expect(page.getByRole("button", { name: "Save session" })).toBeFocused();
  await expectNoSeriousA11yViolations(page, "session saved with a booking told");

  await expect.poll(async () => (await withE2eDb((sql) => sql`
    select status from email_messages where booking_id = ${booked.bookingId} and kind = 'session-changed'`)).map((r) => r.status),
  { timeout: 60_000 }).toEqual(["sent"]);

  await page.goto(`/bookings/${booked.reference}?token=${encodeURIComponent(booked.accessToken)}`);
  const link = page.getByRole("link", { name: "Add to your calendar (.ics)" });
  // Fetched by the page: the test's own request context has sat idle through the staff steps, and its kept-alive
  // connection may be closed by the server just as it is reused (a browser sends the request again on a new one).
  const ics = await page.evaluate(async (href) => (await fetch(href)).text(), (await link.getAttribute("href"))!);
  expect(ics).toContain(`UID:booking-${booked.bookingId}@turnout`);
  expect(ics).toContain("SEQUENCE:1");
  // The zone the times are written in travels with them (RFC 5545: every TZID has its VTIMEZONE).
  expect(ics).toContain("BEGIN:VTIMEZONE");
  expect(ics).toContain("TZID:Europe/London");
  expect(ics).toContain(`:${weekLater(from).replace(/[-:]/g, "")}00`);

  // The stopped checkout cannot be paid, and says why; its booking page offers the session as it is now.
  await page.goto(checkout.checkoutUrl);
  await expect(page.getByText("This checkout is closed (the session moved to another time or place).")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
  await page.getByRole("link", { name: "See your booking" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Booking not completed" })).toBeVisible();
  await expect(page.getByText(/We moved this session to another time or place while you were paying, so we stopped your checkout/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "a checkout stopped by the move");
});

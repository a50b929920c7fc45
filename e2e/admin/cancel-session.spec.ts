// Staff cancel a seated session with a paid booking from its page: the confirmation says what will happen in one
// sentence, and afterwards the page offers nothing that a cancelled session refuses (blocking seats).
import { expect, test } from "@playwright/test";
import { payForBooking } from "../fixtures/finance";
import { freshCourseSession } from "../fixtures/instances";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] cancels a seated session: one clear confirmation, the booking refunded, no seat blocking afterwards", async ({ page, context, request }) => {
  const { sessionId } = await freshCourseSession({ prefix: "e2e-cancel", title: "Cancelled Recital", capacity: 10, days: 40 });
  const seatIds = await withE2eDb(async (sql) => {
    const [s] = await sql`select venue_id from course_sessions where id = ${sessionId}`;
    const [plan] = await sql`insert into seating_plans (venue_id, name) values (${s.venue_id}, 'Recital room') returning id`;
    const seats = await sql`insert into seats (plan_id, section, row, number, seat_class, x, y, sort_order)
      select ${plan.id}, 'Stalls', 'A', n::text, 'Standard', n, 1, n from generate_series(1, 10) n returning id, sort_order`;
    await sql`update course_sessions set seating_plan_id = ${plan.id} where id = ${sessionId}`;
    return seats.sort((a, b) => a.sort_order - b.sort_order).map((r) => r.id as string);
  });
  const created = await payForBooking(page, request, {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: "Rae Recital", email: "rae.recital@example.com", phone: "+44 20 7946 0101" },
    attendees: [{ firstName: "Rae", lastName: "Recital", seatId: seatIds[0] }],
  });

  await signInAs(context, "admin");
  await page.goto(`/admin/sessions/${sessionId}`);
  await expect(page.getByRole("button", { name: /^Block chosen seats/ })).toBeVisible();
  const asked: string[] = [];
  page.once("dialog", (d) => { asked.push(d.message()); void d.accept(); });
  await page.getByLabel("Reason (sent to bookers)").fill("The soloist is unwell.");
  await page.getByRole("button", { name: "Cancel session, refund and email bookers" }).click();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  expect(asked).toEqual(["Cancel this session, refund £50.00 and email its 1 booker? This cannot be undone."]);
  await expect(page.getByText("The session is cancelled: its seats can no longer be blocked or unblocked.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Block chosen seats/ })).toHaveCount(0);
  await expect.poll(async () => (await withE2eDb((sql) => sql`select status from bookings where id = ${created.bookingId}`))[0]?.status).toBe("refunded");
  // The page follows the refunds made after the cancellation, without a reload.
  await expect(page.getByText(/^0 booked, 0 held/)).toBeVisible();
  await expect(page.getByText(/Refunding and emailing/)).toHaveCount(0);

  // The booking's page counts the cancelled place apart and no longer gives it the seat, which is back on sale.
  await page.goto(`/admin/bookings/${created.reference}`);
  const attendees = page.getByRole("region", { name: "Attendees (0 of 1; 1 cancelled)" });
  await expect(attendees).toContainText("Rae Recital");
  await expect(attendees).toContainText("Standard · Place cancelled");
  await expect(attendees).not.toContainText("seat 1");
});

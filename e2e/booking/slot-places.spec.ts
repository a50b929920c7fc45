// A time-slot booking's attendees are limited by the places left in the chosen span's fullest slot, on the
// attendees step already, not only when the booking is made.
import { expect, test } from "@playwright/test";
import { withE2eDb } from "../fixtures/staff";
import { bookableWeekday, ISLINGTON, openSlotWizard } from "../fixtures/slots";

test("[BOOKING] the attendees step offers no more places than the chosen time has left", async ({ page }) => {
  const date = bookableWeekday(40);
  // 10:00–10:30 on that day has two places left (of 12); the slots around it have room.
  await withE2eDb(async (sql) => {
    const [o] = await sql`select s.course_id from slot_offerings s join courses c on c.id = s.course_id where c.slug = ${ISLINGTON}`;
    await sql`insert into offering_slots (course_id, starts_at, capacity, places_booked)
      values (${o.course_id}, (${`${date} 10:00`}::timestamp at time zone 'Europe/London'), 12, 10)
      on conflict (course_id, starts_at) do update set places_booked = 10`;
  });
  await openSlotWizard(page);
  await page.getByLabel("Date").fill(date);
  await expect(page.getByRole("status").filter({ hasText: "Open 07:30–18:30." })).toBeVisible();
  await page.getByLabel("Start time").selectOption({ label: "09:00" });
  await page.getByLabel("End time").selectOption({ label: "12:00 (3 hours)" });
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  await expect(page.getByText("1 of 2 places")).toBeVisible();
  await page.getByRole("button", { name: "Add another attendee" }).click();
  await expect(page.getByText("2 of 2 places")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add another attendee" })).toHaveCount(0);
});

import { expect, test } from "@playwright/test";
import { fillAttendees } from "../fixtures/booking";
import { bookableWeekday, openSlotWizard } from "../fixtures/slots";
import { calendarDayText } from "../../lib/slots/span";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { signInAs, withE2eDb } from "../fixtures/staff";

// Six steps, a payment and the confirmation page: longer than the default timeout on a busy machine.
test.setTimeout(180_000);

test("[BOOKING] a parent books two children for 09:00–17:00 at the childcare centre with custom answers and pays; the door checks them out to whoever collects them", async ({ page, request, context }) => {
  await openSlotWizard(page);
  const date = bookableWeekday();

  // a. date and span; the price follows the choice.
  await page.getByLabel("Date").fill(date);
  await expect(page.getByRole("status").filter({ hasText: "Open 07:30–18:30." })).toBeVisible();
  await page.getByLabel("Start time").selectOption({ label: "09:00" });
  await page.getByLabel("End time").selectOption({ label: "17:00 (8 hours)" });
  const price = page.getByTestId("slot-price");
  await expect(price).toContainText("Standard hours: 14 × 30 min at £4.50");
  await expect(price).toContainText("Peak hours: 2 × 30 min at £6.00");
  await expect(price).toContainText("£75.00 per person");
  await page.getByRole("button", { name: "Continue" }).click();

  // b. the children
  await expect(page.getByRole("heading", { level: 1, name: "Who is attending?" })).toBeVisible();
  await fillAttendees(page, [{ firstName: "Maya", lastName: "Osei" }, { firstName: "Theo", lastName: "Osei" }]);
  await page.getByRole("button", { name: "Continue" }).click();

  // c. needs keep using the requirement templates
  await expect(page.getByRole("heading", { level: 1, name: "Special requirements" })).toBeVisible();
  const maya = page.getByRole("group", { name: "Maya Osei" });
  await maya.getByRole("checkbox", { name: /Severe allergy/ }).check();
  await maya.getByRole("textbox", { name: /Details: severe allergy/ }).fill("Sesame; auto-injector in her bag");
  await page.getByRole("group", { name: "Theo Osei" }).getByRole("checkbox", { name: "No special requirements" }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  // d. the centre's own questions, per child and once for the booking; a missing answer is named first.
  await expect(page.getByRole("heading", { level: 1, name: "A few questions" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  // Each child's missing answer is named with the child it belongs to.
  await expect(summary.getByRole("link", { name: "Maya Osei: Answer “Date of birth”" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Theo Osei: Answer “Date of birth”" })).toBeVisible();
  // Listed in the order of the page: the children's questions, then the booking's own.
  const listed = await summary.getByRole("link").allTextContents();
  expect(listed[0]).toBe("Maya Osei: Answer “Date of birth”");
  expect(listed.at(-1)).toContain("photograph");
  const yearsBefore = (years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
  for (const [name, age] of [["Maya Osei", 6], ["Theo Osei", 3]] as const) {
    const child = page.getByRole("group", { name });
    await child.getByLabel("Date of birth").fill(yearsBefore(age));
    await child.getByLabel("Who may collect this child?").fill("Ama Osei, Kofi Osei");
    await child.getByLabel("Emergency contact name").fill("Efua Mensah");
    await child.getByLabel("Emergency contact phone").fill("+44 7700 900123");
  }
  await page.getByRole("group", { name: "Maya Osei" }).getByLabel(/Special instructions/).fill("Naps after lunch with her blue blanket");
  await page.getByRole("group", { name: /photograph your children/ }).getByRole("radio", { name: "No" }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  // e. contact
  await page.getByLabel("Your name").fill("Ama Osei");
  await page.getByLabel("Email", { exact: true }).fill("ama.osei@example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0123");
  await page.getByRole("button", { name: "Continue" }).click();

  // f. review shows the answers and how the price is made up
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
  await expect(page.getByText("Standard hours: 14 × 30 min at £4.50 × 2 people")).toBeVisible();
  await expect(page.getByText("Peak hours: 2 × 30 min at £6.00 × 2 people")).toBeVisible();
  await expect(page.getByTestId("due-now")).toHaveText("£150.00");
  await expect(page.getByText("Naps after lunch with her blue blanket")).toBeVisible();
  await expect(page.getByText("Ama Osei, Kofi Osei")).toHaveCount(2);
  // Dates of birth written as dates, not as stored.
  await expect(page.getByText(calendarDayText(yearsBefore(6)), { exact: true })).toBeVisible();
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: /Continue to payment/ }).click();

  // g. pay
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await page.getByRole("button", { name: /Pay £150.00/ }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(page.getByText(/09:00–17:00/).first()).toBeVisible();
  // What the customer can change themselves: names and needs; staff move a booking by the hour.
  await expect(page.getByText(/^To change names or needs, sign in to my bookings with .+; to change the date or times, contact us\.$/)).toBeVisible();

  // The slots now show two places fewer from 09:00 to 17:00, and none outside the span.
  const offering = (await (await request.get("/api/v1/courses")).json()).courses.find((c: { slug: string }) => c.slug === "little-acorns-islington");
  const res = await request.get(`/api/v1/availability/${offering.id}?date=${date}`);
  const day = await res.json();
  const left = Object.fromEntries(day.slots.map((s: { localStart: string; available: number }) => [s.localStart, s.available]));
  expect(left["08:30"]).toBe(12);
  expect(left["09:00"]).toBe(10);
  expect(left["16:30"]).toBe(10);
  expect(left["17:00"]).toBe(12);

  // At the door that day: each child's line says who may collect them, and a child is checked out to whoever did.
  const reference = await page.getByTestId("booking-reference").textContent();
  const [slotDay] = await withE2eDb((sql) => sql`select s.id from course_sessions s join courses c on c.id = s.course_id
    where c.slug = 'little-acorns-islington' and s.slot_date = ${date}`);
  await signInAs(context, "door");
  await page.goto(`/admin/check-in?session=${slotDay.id}`);
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await page.getByLabel("Search by name or booking reference").fill(reference!.trim());
  const mayaAtDoor = page.getByRole("listitem").filter({ hasText: "Maya Osei" });
  await expect(mayaAtDoor).toContainText("Who may collect this child?: Ama Osei, Kofi Osei");
  await expect(page.getByRole("listitem").filter({ hasText: "Theo Osei" })).toContainText("Who may collect this child?: Ama Osei, Kofi Osei");
  await mayaAtDoor.getByRole("button", { name: "Check in Maya Osei" }).click();
  const result = page.getByRole("region", { name: "Result" });
  await expect(result).toContainText("Maya Osei");
  await expect(result).toContainText("Who may collect this child?: Ama Osei, Kofi Osei");
  await expectNoSeriousA11yViolations(page, "the door page of a childcare day");
  await page.getByLabel("Collected by (for check-out)").fill("Kofi Osei");
  await mayaAtDoor.getByRole("button", { name: "Check out Maya Osei" }).click();
  await expect(result).toContainText("Collected by Kofi Osei");
  const [collected] = await withE2eDb((sql) => sql`select c.collected_by from check_ins c join tickets t on t.id = c.ticket_id
    join booking_attendees a on a.id = t.attendee_id join bookings b on b.id = t.booking_id
    where b.reference = ${reference!.trim()} and a.first_name = 'Maya' and c.undone_at is null`);
  expect(collected.collected_by).toBe("Kofi Osei");
});

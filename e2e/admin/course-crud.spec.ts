import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { signInAs, withE2eDb } from "../fixtures/staff";

const counts = () => withE2eDb(async (sql) => {
  const [row] = await sql`select (select count(*) from courses)::int as courses, (select count(*) from course_sessions)::int as sessions,
    (select count(*) from audit_logs)::int as audit`;
  return row;
});

function localIn(days: number, time: string) {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

test("[ADMIN] bad course and session input gets field errors and writes nothing; good input creates them", async ({ page, context }) => {
  await signInAs(context, "admin");
  const before = await counts();

  // A course with a negative price.
  await page.goto("/admin/courses/new");
  const title = `Fire Marshal ${randomBytes(2).toString("hex")}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Lead an evacuation.");
  await page.getByLabel("Description").fill("Half a day on fire safety duties.");
  await page.getByLabel("Category").fill("Health & safety");
  await page.getByLabel("Price per attendee").fill("-40");
  await page.getByRole("button", { name: "Create course" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Price cannot be negative");
  await expect(page.getByLabel("Price per attendee")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "the new course form with errors");
  expect(await counts()).toEqual(before);

  await page.getByLabel("Price per attendee").fill("140");
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // A session that ends before it starts.
  await page.getByRole("link", { name: "Schedule a session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule a session" })).toBeVisible();
  await expect(page.getByLabel("Course", { exact: true })).toHaveValue(/.+/);
  await page.getByLabel("Venue").selectOption({ label: "Riverside Training Centre, London" });
  await page.getByLabel("Starts").fill(localIn(60, "14:00"));
  await page.getByLabel("Ends").fill(localIn(60, "09:00"));
  await page.getByLabel("Capacity").fill("16");
  const sessionsBefore = (await counts()).sessions;
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("The end must be after the start");
  expect((await counts()).sessions).toBe(sessionsBefore);

  await page.getByLabel("Ends").fill(localIn(60, "17:30"));
  // Which fan-club levels hear of the new date: every level unless staff untick some.
  const notify = page.getByRole("group", { name: "Tell fan-club members by email" });
  await expect(notify.getByRole("checkbox", { checked: true })).toHaveCount(3);
  await notify.getByRole("checkbox", { name: "Silver" }).uncheck();
  await expectNoSeriousA11yViolations(page, "the new session form");
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("0 booked, 0 held (checkouts and waiting-list offers), 16 places in total.")).toBeVisible();

  // A term of weekly evenings at once: a bad number of repeats is refused, then four sessions, a week apart.
  const [course] = await withE2eDb((sql) => sql`select id from courses where title = ${title}`);
  await page.goto(`/admin/sessions/new?course=${course.id}`);
  await page.getByLabel("Venue").selectOption({ label: "Riverside Training Centre, London" });
  await page.getByLabel("Starts").fill(localIn(70, "18:30"));
  await page.getByLabel("Ends").fill(localIn(70, "20:00"));
  await page.getByLabel("Capacity").fill("12");
  await page.getByLabel(/Weekly repeats/).fill("60");
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("At most 52 weekly repeats (a year)");
  await expect(page.getByLabel(/Weekly repeats/)).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel(/Weekly repeats/).fill("3");
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/sessions\\?course=${course.id}`));
  const term = await withE2eDb((sql) => sql`select starts_at from course_sessions where course_id = ${course.id} and capacity = 12 order by starts_at`);
  expect(term).toHaveLength(4);
  for (let i = 1; i < term.length; i++) {
    const days = (new Date(term[i].starts_at).getTime() - new Date(term[i - 1].starts_at).getTime()) / 86_400_000;
    // A week apart by the calendar: 7 days, give or take the hour the clocks may change between them.
    expect(Math.abs(days - 7)).toBeLessThanOrEqual(1 / 24);
  }
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(5);
});

test("[ADMIN] capacity cannot go below the places already sold", async ({ page, context }) => {
  await signInAs(context, "admin");
  const [session] = await withE2eDb((sql) => sql`select s.id, s.capacity, s.places_booked from course_sessions s
    join courses c on c.id = s.course_id where c.slug = 'food-hygiene-level-2' and s.places_booked > 0 limit 1`);
  const before = await counts();
  await page.goto(`/admin/sessions/${session.id}`);
  // Typed before the page has hydrated, a value can be lost or merged with the server-rendered one ("124"):
  // wait for the page's scripts, then check the field holds exactly what was typed.
  await page.waitForLoadState("networkidle");
  const capacity = page.getByLabel("Capacity");
  await expect(async () => {
    await capacity.fill("4");
    await expect(capacity).toHaveValue("4", { timeout: 1_000 });
  }).toPass();
  await page.getByRole("button", { name: "Save session" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" }))
    .toContainText(`Capacity cannot be below the ${session.places_booked} places already sold (${session.places_booked} booked)`);
  const [after] = await withE2eDb((sql) => sql`select capacity from course_sessions where id = ${session.id}`);
  expect(after.capacity).toBe(session.capacity);
  expect(await counts()).toEqual(before);
  // It also cannot be deleted, only cancelled.
  await expect(page.getByRole("button", { name: "Delete session" })).toHaveCount(0);
  await expect(page.getByText("This session has bookings, so it cannot be deleted; cancel it instead.")).toBeVisible();
});

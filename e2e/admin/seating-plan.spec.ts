import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { signInAs, withE2eDb } from "../fixtures/staff";

const CSV = [
  "section,row,seat,class,x,y,flags",
  "Stalls,A,1,Premium,1,1,wheelchair",
  "Stalls,A,2,Premium,2,1,companion",
  "Stalls,A,3,Premium,3,1,",
  "Stalls,B,1,Standard,1,2,",
  "Stalls,B,2,Standard,2,2,restricted_view",
  "Stalls,B,3,Standard,3,2,",
].join("\n");

test("[ADMIN] imports a seating plan from CSV and blocks seats", async ({ page, context }) => {
  // One long flow across three pages with two axe runs: more than the default budget on a busy machine.
  test.setTimeout(180_000);
  await signInAs(context, "admin");
  // A scheduled session nobody booked, so its plan may change: the course's last one, since the booking
  // validation spec books the first.
  const [session] = await withE2eDb((sql) => sql`select s.id, s.venue_id, v.name as venue from course_sessions s
    join venues v on v.id = s.venue_id join courses c on c.id = s.course_id
    where c.slug = 'watercolour-weekend' and s.status = 'scheduled' and s.seating_plan_id is null and s.starts_at > now()
      and not exists (select 1 from bookings b where b.session_id = s.id) order by s.starts_at desc limit 1`);
  const planName = `Main hall ${randomBytes(2).toString("hex")}`;

  // A file with a bad line is refused whole, naming the line.
  await page.goto(`/admin/venues/${session.venue_id}`);
  await page.getByRole("link", { name: "Add a seating plan" }).click();
  await page.getByLabel("Plan name").fill(planName);
  await page.getByLabel(/CSV file/).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(`${CSV}\nStalls,B,4,Standard,four,2,`) });
  await expect(page.getByLabel("Seats as CSV")).toHaveValue(/four/);
  await page.getByRole("button", { name: "Import plan" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText('Line 8: x must be a number, not "four"');
  await expect(page.getByLabel("Seats as CSV")).toHaveAttribute("aria-invalid", "true");
  const [{ n }] = await withE2eDb((sql) => sql`select count(*)::int as n from seating_plans where name = ${planName}`);
  expect(n).toBe(0);

  // The good file is imported and drawn.
  await page.getByLabel(/CSV file/).setInputFiles({ name: "hall.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByRole("button", { name: "Import plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: planName })).toBeVisible();
  await expect(page.getByRole("img", { name: /Seat map of .*: 6 seats/ })).toBeVisible();
  await expect(page.locator("svg [data-seat]")).toHaveCount(6);
  await expect(page.getByText("Premium (plain): 3 seats")).toBeVisible();
  await expect(page.getByText("Standard (diagonal stripes): 3 seats")).toBeVisible();
  // The legend names each flag letter drawn beside a seat.
  await expect(page.getByRole("listitem").filter({ hasText: /^WWheelchair space$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the seating plan page");

  // Attach it to the session.
  await page.goto(`/admin/sessions/${session.id}`);
  await page.getByLabel("Seating plan", { exact: true }).selectOption({ label: `${planName} (6 seats)` });
  await page.getByRole("button", { name: "Save seating plan" }).click();
  await expect(page.getByText("6 available, 0 held in checkout, 0 booked, 0 blocked.")).toBeVisible();

  // Block A1 by clicking the map, B1 by keyboard on the map and A2 by a range, with a note.
  await page.locator('svg [data-seat="Stalls A1"]').click();
  const mapSeat = (name: string) => page.getByRole("checkbox", { name: new RegExp(`^Map seat ${name},`) });
  await expect(mapSeat("Stalls row A seat 1")).toHaveAttribute("aria-checked", "true");
  // The map is one tab stop: the chosen seat is it, the arrow keys move as the seats are drawn, Enter and
  // Space choose and free, and the seat with the keyboard's focus has a ring.
  await expect(page.locator('svg [role="checkbox"][tabindex="0"]')).toHaveCount(1);
  await mapSeat("Stalls row A seat 1").focus();
  await page.keyboard.press("ArrowDown");
  await expect(mapSeat("Stalls row B seat 1")).toBeFocused();
  await expect(page.getByTestId("seat-focus-ring")).toBeVisible();
  await page.keyboard.press("Space");
  await expect(mapSeat("Stalls row B seat 1")).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("End");
  await expect(mapSeat("Stalls row B seat 3")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Stalls row B seat 3", { exact: true })).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(mapSeat("Stalls row B seat 3")).toHaveAttribute("aria-checked", "false");
  await page.keyboard.press("ArrowUp");
  await expect(mapSeat("Stalls row A seat 3")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(mapSeat("Stalls row A seat 3")).not.toBeFocused();
  await expect(page.getByTestId("seat-focus-ring")).toHaveCount(0);
  // A range that names no seat is announced, and goes once a range is understood.
  await page.getByLabel("Choose seats by range").fill("Stalls row Q");
  await page.getByRole("button", { name: "Add to chosen seats" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is no row Q in Stalls" })).toBeVisible();
  await page.getByLabel("Choose seats by range").fill("Stalls row A seat 2");
  await page.getByRole("button", { name: "Add to chosen seats" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is no row Q" })).toHaveCount(0);
  await expect(page.getByLabel("Stalls row A seat 1", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Stalls row A seat 2", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Stalls row B seat 1", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Stalls row B seat 3", { exact: true })).not.toBeChecked();
  await page.getByLabel(/Note for blocked seats/).fill("House seats");
  await page.getByRole("button", { name: "Block chosen seats (3)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Blocked 3 seats" })).toContainText("Stalls A1, Stalls A2, Stalls B1");
  await expect(page.getByText("3 available, 0 held in checkout, 0 booked, 3 blocked.")).toBeVisible();
  await expect(page.locator('svg [data-seat="Stalls A1"]')).toHaveAttribute("data-state", "blocked");
  await expect(page.getByRole("row", { name: /Stalls row A seat 2/ })).toContainText("Blocked by staff · House seats");
  const blocked = await withE2eDb((sql) => sql`select note from session_seats where session_id = ${session.id} and status = 'blocked'`);
  expect(blocked.map((b) => b.note)).toEqual(["House seats", "House seats", "House seats"]);

  // While seats are blocked the plan cannot change.
  await expect(page.getByText("3 seats are held, booked or blocked: the plan can change only when none is.")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the session page with its seat map");
});

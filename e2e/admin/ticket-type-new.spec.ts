// Staff add a ticket type to a course: the new-type page opens (it rendered a 500 before) and the type is saved.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] adds a VIP ticket type to a course from its new-type page", async ({ page, context }) => {
  const tag = randomBytes(3).toString("hex");
  const [course] = await withE2eDb((sql) => sql<{ id: string }[]>`select id from courses where slug = 'first-aid-at-work'`);
  await signInAs(context, "admin");
  await page.goto(`/admin/ticket-types/new?course=${course.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "New ticket type" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(`VIP ${tag}`);
  await page.getByLabel(/^Price/).fill("450.00");
  await page.getByRole("button", { name: "Add ticket type" }).click();
  await expect.poll(async () => (await withE2eDb((sql) => sql`select price_amount from ticket_types where course_id = ${course.id} and name = ${`VIP ${tag}`}`))
    .map((r) => r.price_amount)).toEqual([45000]);
});

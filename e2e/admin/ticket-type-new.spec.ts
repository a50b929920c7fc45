// Staff add a ticket type to a course: the new-type page opens (it rendered a 500 before) and the type is saved.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] adds a VIP ticket type to a course from its new-type page", async ({ page, context }) => {
  const tag = randomBytes(3).toString("hex");
  // A course of its own: a second type on a shared course would make other specs' bookings name a type.
  const [course] = await withE2eDb((sql) => sql<{ id: string }[]>`insert into courses (slug, title, summary, description, category, price_amount, deposit_amount, currency)
    values (${`e2e-types-${tag}`}, ${`Types Night ${tag}`}, 'A course for the ticket types spec.', 'Made by e2e/admin/ticket-type-new.', 'Testing', 20000, null, 'GBP')
    returning id`);
  await signInAs(context, "admin");
  await page.goto(`/admin/ticket-types/new?course=${course.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "New ticket type" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(`VIP ${tag}`);
  await page.getByLabel(/^Price/).fill("450.00");
  await page.getByRole("button", { name: "Add ticket type" }).click();
  await expect.poll(async () => (await withE2eDb((sql) => sql`select price_amount from ticket_types where course_id = ${course.id} and name = ${`VIP ${tag}`}`))
    .map((r) => r.price_amount)).toEqual([45000]);
});

// Staff roles on /admin/users: choosing a role changes nothing until it is saved, and an admin taking away
// their own admin role is asked first.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInAs, withE2eDb } from "../fixtures/staff";

const roleOf = async (email: string) =>
  (await withE2eDb((sql) => sql<{ role: string }[]>`select role from users where email = ${email}`))[0].role;

test("[ADMIN] a staff member's role changes when saved, and one's own admin role only after a confirmation", async ({ page, context }) => {
  const colleague = `colleague-${randomBytes(4).toString("hex")}@turnout.example`;
  await withE2eDb((sql) => sql`insert into users (email, name, role) values (${colleague}, 'Colleague', 'finance')`);
  const { email: me } = await signInAs(context, "admin");
  await page.goto("/admin/users");

  // Choosing is not saving: the role stays until "Save role".
  await page.getByLabel(`Role of ${colleague}`).selectOption("door");
  expect(await roleOf(colleague)).toBe("finance");
  await page.getByRole("button", { name: `Save role of ${colleague}` }).click();
  await expect.poll(() => roleOf(colleague)).toBe("door");
  // Saved: the select is back, and nothing is left to save.
  await expect(page.getByLabel(`Role of ${colleague}`)).toBeEnabled();
  await expect(page.getByRole("button", { name: /of colleague-/ }).filter({ hasText: /Sav/ })).toHaveCount(0);

  // Demoting oneself asks first; dismissing keeps the admin role.
  await page.getByLabel(`Role of ${me}`).selectOption("door");
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("You lose access to staff management");
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: `Save role of ${me}` }).click();
  await expect(page.getByRole("button", { name: `Save role of ${me}` })).toBeVisible();
  expect(await roleOf(me)).toBe("admin");
});

// Importing members from CSV: a file with several bad lines is refused whole, each line's problem on a line of its own.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] a members CSV with bad lines imports nothing and names each line's problem on its own line", async ({ page, context }) => {
  const tag = randomBytes(4).toString("hex");
  await signInAs(context, "admin");
  await page.goto("/admin/members");
  const csv = [
    "email,name,level,number,valid_from,valid_until",
    `a.${tag}@example.com,Ann,gold,M-${tag}-1,2026-01-01,`,
    `a.${tag}@example.com,Ann Again,gold,M-${tag}-2,2026-01-01,`,
    `b.${tag}@example.com,Bo,tin,M-${tag}-3,2026-01-01,`,
  ].join("\n");
  await page.getByLabel("CSV text").fill(csv);
  await page.getByRole("button", { name: "Import members" }).click();

  const error = page.locator("#csv-error");
  await expect(error).toContainText("Line 3:");
  const lines = (await error.innerText()).split("\n").map((l) => l.trim()).filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^Line 3: a\..+ is also on line 2$/);
  expect(lines[1]).toMatch(/^Line 4: /);
  expect((await withE2eDb((sql) => sql`select count(*)::int as n from members where email like ${`%.${tag}@example.com`}`))[0].n).toBe(0);
});

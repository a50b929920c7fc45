// The staff bookings list's date filter: dates the wrong way round are named as the problem, beside the field.
import { expect, test } from "@playwright/test";
import { signInAs } from "../fixtures/staff";

test("[ADMIN] a booking search with its dates reversed says so instead of finding nothing", async ({ page, context }) => {
  await signInAs(context, "finance");
  await page.goto("/admin/bookings?from=2026-12-31&to=2026-01-01");
  const problem = page.getByRole("alert").filter({ hasText: "end date" });
  await expect(problem).toHaveText("The end date must not be before the start date.");
  await expect(page.getByLabel("to", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No bookings found.")).toHaveCount(0);
  // The same dates the right way round search as usual.
  await page.goto("/admin/bookings?from=2026-01-01&to=2026-12-31");
  await expect(problem).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /No bookings found\.|Showing/ })).toBeVisible();
});

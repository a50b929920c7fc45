import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";

test("the API reference has one main landmark and says, for each operation, what credentials it needs", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, "API reference");

  const operation = (name: string) => page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });
  await expect(operation("GET /api/v1/courses")).toContainText("No credentials needed; with an API key with the catalogue:read scope");
  await expect(operation("GET /api/v1/bookings/{reference}")).toContainText("Needs the booking's access token");
  await expect(operation("GET /api/v1/admin/bookings")).toContainText("Needs an API key with the bookings:read scope");
  await expect(operation("POST /api/v1/check-ins")).toContainText("Needs a signed-in staff member's session or an API key with the checkin:write scope");

  // A request body that is a named schema links to its fields, which are listed under Schemas.
  const create = operation("POST /api/v1/bookings");
  await expect(create).toContainText("JSON: a SessionBookingRequest or SlotBookingRequest.");
  await create.getByRole("link", { name: "SlotBookingRequest" }).click();
  await expect(page).toHaveURL(/#schema-SlotBookingRequest$/);
  await expect(page.locator("#schema-SlotBookingRequest")).toContainText("offeringId");
  await expect(operation("PUT /api/v1/bookings/{reference}").getByRole("link", { name: "BookingChange", exact: true })).toHaveAttribute("href", "#schema-BookingChange");
  // An inline body lists its fields in place.
  await expect(operation("DELETE /api/v1/bookings/{reference}")).toContainText("attendeeIds?");
});

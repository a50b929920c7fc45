import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { FIRST_AID, placesLeft, sessionsOf } from "../fixtures/booking";
import { bookAndPay, pdfText } from "../fixtures/finance";
import { signInAs } from "../fixtures/staff";

test("[FINANCE] refunds one place: credit note issued, the place back on sale, the customer can download the credit note", async ({ page, context, request }) => {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const session = (await sessionsOf(request, FIRST_AID)).filter((s) => s.available >= 2).at(-1)!;
  const booking = await bookAndPay(page, request, {
    sessionId: session.id, name: `Jordan Refund ${tag}`, organisation: `Refund ${tag} Ltd`, paymentOption: "full", attendees: ["Eve Stays", "Finn Leaves"],
  });
  const leftBefore = await placesLeft(request, session.id);

  await signInAs(context, "finance");
  await page.goto(`/admin/finance?q=${booking.reference}`);
  await page.getByRole("table", { name: "Invoices" }).getByRole("link", { name: /^INV-/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Paid");

  await expectNoSeriousA11yViolations(page, "an invoice with its refund form");
  const form = page.getByRole("form", { name: "Refund this booking" });
  await form.getByRole("checkbox", { name: "Finn Leaves" }).check();
  await expect(form.getByLabel("Amount to refund (GBP)")).toHaveValue("285.00"); // that place's share
  await form.getByRole("button", { name: "Refund and issue credit note" }).click();
  await expect(form.getByText(/Give a reason/).first()).toBeVisible(); // the reason is required
  await form.getByLabel("Reason (printed on the credit note)").fill("Finn cannot attend");
  // An amount the currency cannot have is named as such, and refunds nothing.
  await form.getByLabel("Amount to refund (GBP)").fill("10.005");
  await form.getByRole("button", { name: "Refund and issue credit note" }).click();
  await expect(form.getByText("GBP amounts have at most 2 decimal places").first()).toBeVisible();
  await form.getByLabel("Amount to refund (GBP)").fill("285.00");
  await form.getByRole("button", { name: "Refund and issue credit note" }).click();
  await expect(form.getByRole("status").filter({ hasText: /Credit note CN-\d{4}-\d{5} issued/ })).toBeVisible();
  const creditNote = (await form.getByRole("status").filter({ hasText: /Credit note/ }).textContent())!.match(/CN-\d{4}-\d{5}/)![0];

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Part refunded");
  await expect(page.getByRole("link", { name: creditNote })).toBeVisible();
  await expect(page.getByText(/£285\.00, Finn cannot attend · Refunded/)).toBeVisible();
  expect(await placesLeft(request, session.id)).toBe(leftBefore + 1);

  // The booking's own page shows the price less the credit, and nothing owed.
  await page.goto(`/admin/bookings/${booking.reference}`);
  const payments = page.getByRole("region", { name: "Payments" });
  await expect(payments).toContainText("Credited (credit notes)−£285.00");
  await expect(payments).toContainText("Price now£285.00");
  await expect(payments).not.toContainText("Still owed");

  // The customer sees the cancelled place and downloads the credit note from their booking page.
  await page.goto(`/bookings/${booking.reference}?token=${booking.accessToken}`);
  await expect(page.getByText("(place cancelled)")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `Download credit note ${creditNote} (PDF)` }).click()]);
  const text = await pdfText((await download.path())!);
  expect(text).toContain("CREDIT NOTE");
  expect(text).toContain(creditNote);
  expect(text).toContain("Cancelled: First Aid at Work: place for Finn Leaves");
  expect(text).toMatch(/Refunded to your card\s+£285\.00/);
});

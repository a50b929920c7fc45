// Finance records a deposit booking's balance paid by bank transfer on the invoice's page: a part amount is refused
// beside the field, the whole amount pays the booking, and the page says how it was paid.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { FIRST_AID, sessionsOf } from "../fixtures/booking";
import { bookAndPay } from "../fixtures/finance";
import { signInAs } from "../fixtures/staff";

test("[FINANCE] records a balance paid by bank transfer: a part amount is refused, the whole one pays the booking", async ({ page, context, request }) => {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  // The furthest session, so a deposit is allowed.
  const session = (await sessionsOf(request, FIRST_AID)).filter((s) => s.available >= 1).at(-1)!;
  const booking = await bookAndPay(page, request, { sessionId: session.id, name: `Tara Transfer ${tag}`, organisation: `Transfer ${tag} Ltd`, paymentOption: "deposit", attendees: ["Ola Paid"] });

  await signInAs(context, "finance");
  await page.goto(`/admin/finance?q=${booking.reference}`);
  await page.getByRole("table", { name: "Invoices" }).getByRole("link", { name: /^INV-/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Deposit paid");
  await expectNoSeriousA11yViolations(page, "an invoice with the form to record a payment received");

  const form = page.getByRole("form", { name: "Record a payment received" });
  const amount = form.getByLabel("Amount received (GBP)");
  const owed = await amount.inputValue();
  expect(Number(owed)).toBeGreaterThan(0);
  await amount.fill("1.00");
  await form.getByLabel(/^Reference/).fill(`BACS ${tag}`);
  await form.getByRole("button", { name: "Record the payment" }).click();
  await expect(form.getByText(`Record the whole amount owed, £${Number(owed).toLocaleString("en-GB", { minimumFractionDigits: 2 })}`).first()).toBeVisible();
  await expect(amount).toHaveAttribute("aria-invalid", "true");

  await amount.fill(owed);
  await amount.press("Enter");
  // The form gives way to its outcome, which takes the focus (read out, and the keyboard starts from it); the page
  // refreshes with the booking paid and the payment listed, and the outcome stays.
  const recorded = page.getByRole("status").filter({ hasText: "Payment recorded: the booking is paid in full" });
  await expect(recorded).toBeFocused();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/\bPaid$/);
  await expect(page.getByRole("listitem").filter({ hasText: /Balance £[\d,.]+ by bank transfer/ })).toBeVisible();
  await expect(page.getByRole("form", { name: "Record a payment received" })).toHaveCount(0);
  await expect(recorded).toBeVisible();
  await expectNoSeriousA11yViolations(page, "an invoice just paid by a payment recorded by hand");
  // Loaded again, a paid invoice has neither the form nor the outcome.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Payment received outside the checkout" })).toHaveCount(0);
});

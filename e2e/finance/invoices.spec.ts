import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { FIRST_AID, sessionsOf } from "../fixtures/booking";
import { bookAndPay, pdfText } from "../fixtures/finance";
import { signInAs } from "../fixtures/staff";

test("[FINANCE] filters invoices by customer and status, downloads an invoice PDF and the accounting CSV", async ({ page, context, request }) => {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const organisation = `Ledger ${tag} Ltd`;
  // The furthest session, so a deposit is allowed.
  const session = (await sessionsOf(request, FIRST_AID)).filter((s) => s.available >= 3).at(-1)!;
  const full = await bookAndPay(page, request, { sessionId: session.id, name: `Morgan Full ${tag}`, organisation, paymentOption: "full", attendees: ["Ada One", "Bea Two"] });
  const deposit = await bookAndPay(page, request, { sessionId: session.id, name: `Riley Deposit ${tag}`, organisation, paymentOption: "deposit", attendees: ["Cal Three"] });

  // The customer finds the invoice on their booking page.
  await page.goto(`/bookings/${deposit.reference}?token=${deposit.accessToken}`);
  await expect(page.getByRole("link", { name: /Download invoice INV-\d{4}-\d{5} \(PDF\)/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /Pay the balance of £200\.00/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "a booking page with a balance to pay");

  await signInAs(context, "finance");
  await page.goto("/admin/finance");
  await expect(page.getByRole("heading", { level: 1, name: "Invoices" })).toBeVisible();

  // Filter by the organisation: both invoices, with totals for the filter.
  await page.getByLabel("Number or customer").fill(organisation);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/q=Ledger/);
  const table = page.getByRole("table", { name: "Invoices" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).toContainText(full.reference);
  await expect(table).toContainText(deposit.reference);
  const totals = page.getByRole("table", { name: "Totals for this filter" });
  await expect(totals.getByRole("row", { name: /GBP/ })).toContainText("£855.00"); // 3 places at £285 invoiced
  await expect(totals.getByRole("row", { name: /GBP/ })).toContainText("£200.00"); // outstanding balance
  await expectNoSeriousA11yViolations(page, "the filtered invoice list");

  // Then by status: only the deposit invoice.
  await page.getByLabel("Status").selectOption({ label: "Deposit or part paid" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  const row = table.getByRole("row").nth(1);
  await expect(row).toContainText(deposit.reference);
  await expect(row).toContainText("Deposit paid");
  const number = (await row.getByRole("link").first().textContent())!.trim();
  expect(number).toMatch(/^INV-\d{4}-\d{5}$/);

  // Download its PDF.
  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: `Download ${number} as PDF` }).click()]);
  expect(pdfDownload.suggestedFilename()).toBe(`${number}.pdf`);
  const text = await pdfText((await pdfDownload.path())!);
  expect(text).toContain(number);
  expect(text).toContain(`Riley Deposit ${tag}`);
  expect(text).toContain(organisation);
  // The line names its attendees after the session; the text may wrap there.
  expect(text.replace(/\s+/g, " ")).toContain("for Cal Three");
  expect(text).toMatch(/Total\s+£285\.00/);
  expect(text).toMatch(/Balance due\s+£200\.00/);

  // And the CSV for accounting (this month, or the filter's dates).
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV for accounting" }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^turnout-documents-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n");
  expect(csv[0]).toBe("type,number,issue_date,supply_date,credits_invoice,booking_reference,customer,organisation,email,vat_id,currency,net,vat_rate,vat,gross,refunded,status,paid_to_date,balance_owed");
  const depositLine = csv.find((l) => l.includes(deposit.reference))!;
  expect(depositLine).toContain(`invoice,${number},`);
  expect(depositLine).toContain(`Riley Deposit ${tag},${organisation}`);
  expect(depositLine).toContain(",GBP,237.50,20%,47.50,285.00,0.00,Deposit paid,85.00,200.00");
  // The CSV holds what the filtered list shows: the deposit invoice, not the paid one.
  expect(csv.find((l) => l.includes(full.reference))).toBeUndefined();

  // The customer pays the balance from their booking page; the same invoice is then paid.
  await page.goto(`/bookings/${deposit.reference}?token=${deposit.accessToken}`);
  await page.getByRole("button", { name: "Pay the balance of £200.00" }).click();
  await expect(page.getByText("Test mode: simulated checkout")).toBeVisible();
  await expect(page.getByText("Balance due")).toBeVisible();
  await page.getByRole("button", { name: "Pay £200.00 (test)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Balance paid" })).toBeVisible();
  await expect(page.getByText("Your booking is paid in full")).toBeVisible();
  await expect(page.getByRole("button", { name: /Pay the balance/ })).toHaveCount(0);
  await page.goto(`/admin/finance?q=${deposit.reference}`);
  const paidRow = page.getByRole("table", { name: "Invoices" }).getByRole("row").nth(1);
  await expect(paidRow).toContainText(number);
  await expect(paidRow).toContainText("Paid");
  await expect(paidRow).toContainText("£285.00");
});

// The local outbox offers what each email carried: a paid booking's confirmation, sent by the main server
// (no SMTP), is opened at /dev/outbox on a second production instance with OUTBOX_PUBLIC=true, as a private
// demo would run; each attachment is a link with its type and size, reached and opened by keyboard. The main
// server (OUTBOX_PUBLIC unset) refuses the page and the files alike.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { payForBooking } from "../fixtures/finance";
import { freshCourseSession, startInstances, stopInstances } from "../fixtures/instances";
import { tabTo } from "../fixtures/keyboard";
import { withE2eDb } from "../fixtures/staff";

const port = Number(process.env.E2E_PORT ?? 3100) + 1031;
const demo = `http://127.0.0.1:${port}`;
let instances: ChildProcess[] = [];

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  // Only pages are asked of it: the main server's worker sends the mail.
  instances = await startInstances(playwright, [{
    origin: demo,
    env: { OUTBOX_PUBLIC: "true", JOBS_WORKER: "off", MAINTENANCE_INTERVAL_SECONDS: "0", PAGE_RENDERER: "self", PDF_WARM_UP_ROUNDS: "1" },
  }]);
});

test.afterAll(() => stopInstances(instances));

test("[OUTBOX] a confirmation's invoice, booking PDF and calendar file open from the outbox, by keyboard", async ({ page, request }) => {
  const { sessionId } = await freshCourseSession({ prefix: "outbox", title: "Outbox Course", capacity: 5, days: 12 });
  const booker = `outbox.${randomBytes(4).toString("hex")}@example.com`;
  const { reference, bookingId } = await payForBooking(page, request, {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: "Oona Outbox", email: booker, phone: "+44 20 7946 0300" },
    attendees: [{ firstName: "Oona", lastName: "Outbox", requirements: [] }],
  });

  // The confirmation is sent by the main server's worker; wait for it to be in the outbox.
  const confirmation = async () => (await withE2eDb((sql) => sql`select id, subject from email_messages
    where to_address = ${booker} and kind = 'booking-confirmed' and status = 'sent'`))[0] as { id: string; subject: string } | undefined;
  await expect.poll(async () => (await confirmation())?.id ?? null, { timeout: 150_000 }).not.toBeNull();
  const { id, subject } = (await confirmation())!;
  const [invoice] = await withE2eDb((sql) => sql`select number, pdf from invoices where booking_id = ${bookingId}`);
  const invoiceName = `${invoice.number}.pdf`;

  // The list: the message's attachments under its subject, each a link with its type and size.
  await page.goto(`${demo}/dev/outbox`);
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: subject, exact: true }) });
  for (const name of [invoiceName, `booking-${reference}.pdf`, `${reference}.ics`])
    await expect(row.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(row.getByRole("listitem").filter({ hasText: invoiceName })).toContainText(/\(application\/pdf, \d+ KB\)/);
  await expect(row.getByRole("listitem").filter({ hasText: `${reference}.ics` })).toContainText(/\(text\/calendar, [\d.]+ (B|KB)\)/);
  await expectNoSeriousA11yViolations(page, "the outbox with a confirmation's attachments");

  // The message: Tab reaches the invoice's link, which serves the invoice as issued; Enter on the calendar file's downloads it.
  await page.goto(`${demo}/dev/outbox/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const invoiceLink = page.getByRole("link", { name: invoiceName, exact: true });
  await tabTo(page, invoiceLink);
  await expect(invoiceLink).toBeFocused();
  const pdf = await request.get(`${demo}${await invoiceLink.getAttribute("href")}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await pdf.body()).equals(invoice.pdf)).toBe(true);

  const calendarLink = page.getByRole("link", { name: `${reference}.ics`, exact: true });
  await tabTo(page, calendarLink);
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toBe(`${reference}.ics`);
  expect(await download.failure()).toBeNull();
  await expectNoSeriousA11yViolations(page, "an outbox message with its attachments");

  // Where the outbox page is refused (a production server without OUTBOX_PUBLIC), so are its files.
  const href = (await calendarLink.getAttribute("href"))!;
  expect((await request.get("/dev/outbox")).status()).toBe(404);
  expect((await request.get(href)).status()).toBe(404);
  expect((await request.get(`${demo}${href}`)).status()).toBe(200);
});

import { expect, test } from "@playwright/test";
import { sessionsOf, FIRST_AID } from "../fixtures/booking";
import { bookAndPay, qrTextOf, ticketQrPng } from "../fixtures/check-in";
import { signInAs, withE2eDb } from "../fixtures/staff";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("[CHECK-IN] the door page opens from its service worker with no network; a typed code is checked in there and synced once", async ({ page, context, request, baseURL }) => {
  const [session] = await sessionsOf(request, FIRST_AID);
  const booking = await bookAndPay(page, request, { sessionId: session.id, attendees: ["Cleo Nightingale"] });
  // The code a handheld scanner would type: the text of the ticket's own QR code.
  const code = qrTextOf(await ticketQrPng(request, booking, 1));
  expect(code).toMatch(/^TT1:[A-Za-z0-9_-]{24}$/);

  await signInAs(context, "door");
  await page.goto(`/admin/check-in?session=${session.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Check-in" })).toBeVisible();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${baseURL}/admin/check-in`);
  await expect(page.getByText("Saved on this device: the check-in page opens without a network.")).toBeVisible();
  // The session's ticket list is on the device: this booking is found by name.
  const search = page.getByLabel("Search by name or booking reference");
  await search.fill("Nightingale");
  await expect(page.getByRole("listitem").filter({ hasText: booking.reference })).toContainText("Not arrived");
  await search.fill("");

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), "the page came from the service worker").toBe(true);
  await expect(page.getByRole("heading", { level: 1, name: "Check-in" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Offline: checking tickets on this device" })).toBeVisible();
  // Not even the worker reaches the server: what was shown is the copy it kept.
  const [worker] = context.serviceWorkers();
  expect(await worker.evaluate(() => fetch("/api/health").then(() => "reached the server", () => "no network"))).toBe("no network");

  // As a handheld scanner does: the code, then Enter.
  const result = page.getByRole("region", { name: "Result" });
  const typed = page.getByLabel("Ticket code");
  await typed.fill(code);
  await typed.press("Enter");
  await expect(result).toContainText("Checked in: Cleo Nightingale");
  await expect(page.getByRole("status").filter({ hasText: "1 scan waiting to sync" })).toBeVisible();
  // The same code again on this device is caught here too.
  await typed.fill(code);
  await typed.press("Enter");
  await expect(result).toContainText(/Already checked in at \d\d:\d\d/);

  const checkIns = () => withE2eDb((sql) => sql<{ id: string }[]>`
    select c.id from check_ins c join tickets t on t.id = c.ticket_id where t.booking_id = ${booking.bookingId} and c.undone_at is null`);
  expect(await checkIns()).toHaveLength(0);

  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: "all scans synced" })).toBeVisible();
  expect(await checkIns()).toHaveLength(1);
  const scans = await withE2eDb((sql) => sql<{ method: string; result: string }[]>`
    select s.method, s.result from ticket_scans s join tickets t on t.id = s.ticket_id where t.booking_id = ${booking.bookingId} order by s.recorded_at`);
  expect(scans.filter((s) => s.result === "checked_in").map((s) => s.method)).toEqual(["offline"]);

  // What the worker keeps: the door page and the build's static files; never an API answer or another page.
  const cached = await page.evaluate(async () => {
    const paths = new Set<string>();
    for (const name of await caches.keys())
      for (const req of await (await caches.open(name)).keys()) paths.add(new URL(req.url).pathname);
    return [...paths];
  });
  expect(cached).toContain("/admin/check-in");
  expect(cached.filter((p) => !p.startsWith("/_next/static/") && p !== "/check-in-icon.svg")).toEqual(["/admin/check-in"]);

  // Other pages are not under the worker.
  await page.goto("/courses");
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toBeNull();

  // Signing out takes the kept page and the downloaded ticket lists off the device.
  const keptOnDevice = () => page.evaluate(async () => ({
    pages: (await caches.has("turnout-check-in-pages")) ? (await (await caches.open("turnout-check-in-pages")).keys()).length : 0,
    ticketLists: Object.keys(localStorage).filter((k) => k.startsWith("turnout.checkin.manifest.")).length,
  }));
  await page.goto(`/admin/check-in?session=${session.id}`);
  await expect(page.getByRole("status").filter({ hasText: "all scans synced" })).toBeVisible();
  const before = await keptOnDevice();
  expect(before.pages).toBeGreaterThan(0);
  expect(before.ticketLists).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect(await keptOnDevice()).toEqual({ pages: 0, ticketLists: 0 });
});

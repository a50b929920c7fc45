import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { sessionsOf, FIRST_AID } from "../fixtures/booking";
import { bookAndPay, ticketQrPng } from "../fixtures/check-in";
import { y4mFromPng } from "../fixtures/fake-camera";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[CHECK-IN] the camera reads a ticket's QR code (Chromium's fake camera showing the booking's own QR image) and checks the right person in", async ({ page, request, playwright, launchOptions, baseURL }, testInfo) => {
  // A cap for hangs: this test starts a second browser, and decoding video frames is slow on a busy machine.
  test.setTimeout(300_000);
  const [session] = await sessionsOf(request, FIRST_AID);
  const booking = await bookAndPay(page, request, { sessionId: session.id, attendees: ["Dora Lens"] });
  const video = testInfo.outputPath("ticket.y4m");
  writeFileSync(video, y4mFromPng(await ticketQrPng(request, booking, 1)));

  // A browser of its own: the fake camera is chosen when Chromium starts.
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, permissions: ["camera"] });
    await signInAs(context, "door");
    const door = await context.newPage();
    await door.goto(`/admin/check-in?session=${session.id}`);
    await expect(door.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
    await door.getByRole("button", { name: "Start camera" }).click();
    await expect(door.getByRole("button", { name: "Stop camera" })).toBeVisible();
    const result = door.getByRole("region", { name: "Result" });
    await expect(result).toContainText("Checked in: Dora Lens");
    await door.getByRole("button", { name: "Stop camera" }).click();
    await expect(door.getByRole("button", { name: "Start camera" })).toBeVisible();
  } finally {
    await browser.close();
  }
  // One check-in, recorded as a camera scan, however many frames showed the code.
  const scans = await withE2eDb((sql) => sql<{ method: string; result: string }[]>`
    select s.method, s.result from ticket_scans s join tickets t on t.id = s.ticket_id where t.booking_id = ${booking.bookingId}`);
  expect(scans.filter((s) => s.result === "checked_in")).toEqual([{ method: "camera", result: "checked_in" }]);
});

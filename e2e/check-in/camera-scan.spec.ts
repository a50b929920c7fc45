import { writeFileSync } from "node:fs";
import { expect, test, type Browser, type BrowserType, type LaunchOptions } from "@playwright/test";
import QRCode from "qrcode";
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

  const browser = await withFakeCamera(playwright.chromium, launchOptions, video);
  try {
    const door = await doorWithCamera(browser, baseURL!, session.id);
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

test("[CHECK-IN] the camera reads a crisp code that ZXing's finder misjudges, as a ticket on a phone's screen looks", async ({ request, playwright, launchOptions, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const [session] = await sessionsOf(request, FIRST_AID);
  // The same ticket-shaped code (no ticket has it) as the door spec's screenshot: plain ZXing cannot read it.
  const video = testInfo.outputPath("screen.y4m");
  writeFileSync(video, y4mFromPng(await QRCode.toBuffer("TT1:AHmMcs17CM0P3CFjUn-2yQkJ", { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 8 })));
  const browser = await withFakeCamera(playwright.chromium, launchOptions, video);
  try {
    const door = await doorWithCamera(browser, baseURL!, session.id);
    // Read, then looked up: the door says no ticket has the code.
    await expect(door.getByRole("region", { name: "Result" })).toContainText("Unknown ticket");
  } finally {
    await browser.close();
  }
});

// A browser of its own: the fake camera is chosen when Chromium starts.
function withFakeCamera(chromium: BrowserType, launchOptions: LaunchOptions, video: string): Promise<Browser> {
  return chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
  });
}

async function doorWithCamera(browser: Browser, baseURL: string, sessionId: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, permissions: ["camera"] });
  await signInAs(context, "door");
  const door = await context.newPage();
  await door.goto(`/admin/check-in?session=${sessionId}`);
  await expect(door.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await door.getByRole("button", { name: "Start camera" }).click();
  await expect(door.getByRole("button", { name: "Stop camera" })).toBeVisible();
  return door;
}

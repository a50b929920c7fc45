import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { sessionsOf, FIRST_AID } from "../fixtures/booking";
import { bookAndPay } from "../fixtures/check-in";
import { pdfImagesAsPng } from "../fixtures/pdf-images";
import { signInAs, withE2eDb } from "../fixtures/staff";
import { describeViolations } from "../fixtures/axe";

function samePixels(a: Buffer, b: Buffer) {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return false;
  for (let i = 0; i < x.data.length; i += 4)
    if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) return false;
  return true;
}

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("[CHECK-IN] a ticket QR from the booking's PDF is decoded and checked in; offline scans are validated on the phone and synced after", async ({ page, context, request }) => {
  const [session] = await sessionsOf(request, FIRST_AID);
  const booking = await bookAndPay(page, request, {
sessionId: session.id, attendees: ["Ada Lovelace", "Bea Brown"] });
  const pdf = await request.get(`/api/v1/bookings/${booking.reference}/tickets.pdf`, { headers: { authorization: `Bearer ${booking.accessToken}` } });
  expect(pdf.status()).toBe(200);
  const images = pdfImagesAsPng(await pdf.body());
  expect(images).toHaveLength(2);
  // Which page's code is whose: the same bitmap as the booking's own QR image of that place.
  const imageOf = async (position: number) => {
    const own = await request.get(`/api/v1/bookings/${booking.reference}/qr?position=${position}`, { headers: { authorization: `Bearer ${booking.accessToken}` } });
    const ownPng = Buffer.from(await own.body());
    const match = images.find((png) => samePixels(png, ownPng));
    expect(match, `the PDF holds the QR code of place ${position}`).toBeDefined();
    return match!;
  };
  const ada = await imageOf(1);
  const bea = await imageOf(2);

  await signInAs(context, "door");
  await page.goto(`/admin/check-in?session=${session.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Check-in" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  // Door staff can take the arrivals list with them, as the route allows.
  await expect(page.getByRole("link", { name: "Arrivals CSV" })).toHaveAttribute("href", `/admin/check-in/arrivals?session=${session.id}`);
  // The demo's first aid sessions are days away: the door is warned before admitting anyone.
  await expect(page.getByRole("note")).toContainText("This session is not today");
  // A device name cleared by mistake does not stop the door: scans go out as "Door".
  await page.getByLabel("This device").fill("");

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations, describeViolations(axe.violations)).toEqual([]);

  const result = page.getByRole("region", { name: "Result" });
  const photo = page.getByLabel("Scan a photo of a ticket");
  await photo.setInputFiles({ name: "ada.png", mimeType: "image/png", buffer: ada });
  await expect(result).toContainText("Checked in: Ada Lovelace");
  await expect(result).toContainText("✓ Accepted");
  // Undoing it lets nobody in, so it is not marked accepted; the ticket can be scanned again.
  await result.getByRole("button", { name: "Undo this check-in" }).click();
  await expect(result).toContainText("Check-in undone: Ada Lovelace");
  await expect(result).toContainText("↺ Undone");
  await expect(result).not.toContainText("✓ Accepted");
  await photo.setInputFiles({ name: "ada-back.png", mimeType: "image/png", buffer: ada });
  await expect(result).toContainText("Checked in: Ada Lovelace");

  await photo.setInputFiles({ name: "ada-again.png", mimeType: "image/png", buffer: ada });
  await expect(result).toContainText(/Already checked in at \d\d:\d\d by Door/);

  // The network drops: the page keeps validating from the ticket list it downloaded.
  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Offline" })).toBeVisible();
  await photo.setInputFiles({ name: "bea.png", mimeType: "image/png", buffer: bea });
  await expect(result).toContainText("Checked in: Bea Brown");
  await photo.setInputFiles({ name: "bea-again.png", mimeType: "image/png", buffer: bea });
  await expect(result).toContainText(/Already checked in at \d\d:\d\d/);
  // Typed, as a door volunteer with a hardware keyboard would. (Other specs may have booked an Ada Lovelace on this
  // session too: this booking's row.) Someone already in is not offered "Check in" again: the row says since when,
  // and offers undoing it.
  await page.getByLabel("Search by name or booking reference").focus();
  await page.keyboard.type("Lovelace");
  const adaRow = page.getByRole("listitem").filter({ hasText: booking.reference });
  await expect(adaRow).toContainText(/In at \d\d:\d\d \(Door/);
  await expect(adaRow.getByRole("button", { name: "Check in Ada Lovelace" })).toHaveCount(0);
  await expect(adaRow.getByRole("button", { name: "Undo check-in of Ada Lovelace" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "2 scans waiting to sync" })).toBeVisible();

  const axeOffline = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axeOffline.violations, describeViolations(axeOffline.violations)).toEqual([]);

  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: "all scans synced" })).toBeVisible();
  const rows = await withE2eDb((sql) => sql<{ name: string; method: string }[]>`
    select a.first_name as name, s.method from ticket_scans s join tickets t on t.id = s.ticket_id
      join booking_attendees a on a.id = t.attendee_id
    where t.booking_id = ${booking.bookingId} and s.result = 'checked_in' order by a.position`);
  expect(rows.map((r) => [r.name, r.method])).toEqual([["Ada", "camera"], ["Ada", "camera"], ["Bea", "offline"]]);
});

test("[CHECK-IN] a crisp code that ZXing's finder misjudges is still read from a screenshot", async ({ page, context, request }) => {
  const [session] = await sessionsOf(request, FIRST_AID);
  // A ticket-shaped code (no ticket has it) drawn as tickets are: ZXing's plain search cannot read this one.
  const screenshot = await QRCode.toBuffer("TT1:AHmMcs17CM0P3CFjUn-2yQkJ", { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 8 });
  await signInAs(context, "door");
  await page.goto(`/admin/check-in?session=${session.id}`);
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await page.getByLabel("Scan a photo of a ticket").setInputFiles({ name: "screenshot.png", mimeType: "image/png", buffer: screenshot });
  // Read, then looked up: the door says no ticket has the code, not that no code was found.
  await expect(page.getByRole("region", { name: "Result" })).toContainText("Unknown ticket");
});

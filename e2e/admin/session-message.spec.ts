// Staff email everyone with a paid booking on a session from its page: an empty form lists its problems in the
// fields' order, the confirmation names how many bookers, and the outcome is said once.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { payForBooking } from "../fixtures/finance";
import { freshCourseSession } from "../fixtures/instances";
import { signInAs, withE2eDb } from "../fixtures/staff";

test("[ADMIN] emails a session's bookers: problems in field order, one confirmation, the outcome said once", async ({ page, context, request }) => {
  const { sessionId } = await freshCourseSession({ prefix: "e2e-message", title: "Messaged Workshop", capacity: 10, days: 20 });
  await payForBooking(page, request, {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: "Mo Message", email: "mo.message@example.com", phone: "+44 20 7946 0102" },
    attendees: [{ firstName: "Mo", lastName: "Message" }],
  });

  await signInAs(context, "admin");
  await page.goto(`/admin/sessions/${sessionId}`);
  const form = page.getByRole("form", { name: "Email everyone booked" });
  await form.getByRole("button", { name: "Send to bookers" }).click();
  const summary = form.getByRole("alert").filter({ has: page.getByRole("list") });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([/Subject/, /Message/]);
  await expectNoSeriousA11yViolations(page, "the message form with its problems listed");

  await form.getByLabel("Subject").fill("Bring an apron");
  await form.getByLabel("Message").fill("Hello,\n\nThe studio is being painted: please bring an apron.");
  const asked: string[] = [];
  page.once("dialog", (d) => { asked.push(d.message()); void d.accept(); });
  await form.getByRole("button", { name: "Send to bookers" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Sent to 1 booker." })).toBeVisible();
  expect(asked).toEqual(["Email this message to the booker of this session?"]);
  await expect(form.getByText("Saved.")).toHaveCount(0);
  await expect(form.getByText("Sent to 1 booker.")).toHaveCount(1);
  // One email to the booker, with the subject written.
  await expect.poll(async () => (await withE2eDb((sql) => sql`select subject from email_messages
    where kind = 'session-message' and to_address = 'mo.message@example.com' and status = 'sent'`)).map((r) => r.subject as string))
    .toEqual([expect.stringContaining("Bring an apron")]);
});

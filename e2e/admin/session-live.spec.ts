// A session's admin page announces the bookings paid for that session only; the requirements dashboard, all.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { payForBooking } from "../fixtures/finance";
import { signInAs, withE2eDb } from "../fixtures/staff";

/** Two upcoming sessions of the watercolour course. */
async function twoSessions() {
  return withE2eDb(async (sql) => {
    const rows = await sql`select s.id from course_sessions s join courses c on c.id = s.course_id
      where c.slug = 'watercolour-weekend' and s.status = 'scheduled' and s.starts_at > now() order by s.starts_at limit 2`;
    return rows.map((r) => r.id as string);
  });
}

const bookAndPay = (page: Page, request: APIRequestContext, sessionId: string, name: string) => payForBooking(page, request, {
  sessionId, paymentOption: "full", acceptTerms: true,
  contact: { name, email: "live@example.com", phone: "+44 20 7946 0123" },
  attendees: [{ firstName: name.split(" ")[0], lastName: name.split(" ")[1] }],
});

test("[ADMIN] a session's page announces its own new bookings, not other sessions'", async ({ page, browser, request }) => {
  const [mine, other] = await twoSessions();
  await signInAs(page.context(), "admin");
  await page.goto(`/admin/sessions/${mine}`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  const customer = await browser.newContext();
  const shopper = await customer.newPage();
  // Paid first, on the other session; then on this one. The stream sends them in that order, so once this
  // session's booking is announced, the other's would have been too.
  const elsewhere = await bookAndPay(shopper, request, other, "Otto Elsewhere");
  const here = await bookAndPay(shopper, request, mine, "Hana Here");
  await customer.close();

  const announced = page.getByRole("status").filter({ hasText: "New booking" });
  await expect(announced).toContainText(`New booking ${here.reference}`);
  await expect(announced).not.toContainText(elsewhere.reference);
});

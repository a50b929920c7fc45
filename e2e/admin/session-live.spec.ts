// A session's admin page announces the bookings paid for that session only; the requirements dashboard, all.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { payForBooking } from "../fixtures/finance";
import { signInAs, withE2eDb } from "../fixtures/staff";

/** Two new sessions of the watercolour course for this spec alone (other specs give its sessions plans and bookings). */
async function twoSessions() {
  return withE2eDb(async (sql) => {
    const rows = await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      select s.course_id, s.venue_id, s.starts_at + d.shift, s.ends_at + d.shift, 14
      from (select s.* from course_sessions s join courses c on c.id = s.course_id
              where c.slug = 'watercolour-weekend' order by s.starts_at limit 1) s,
           (values (interval '40 days'), (interval '41 days')) as d(shift)
      returning id, starts_at`;
    return rows.sort((a, b) => +a.starts_at - +b.starts_at).map((r) => r.id as string);
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

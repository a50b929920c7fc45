// My bookings, the 12-attendee limit by keyboard alone: a form opened when the booking had 11 places is sent after
// the 12th was added elsewhere; the problem is announced, its summary entry links to the new attendee's fields,
// which take focus and are described by it, and nothing is written. Then the page says why no one can be added.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { payForBooking } from "../fixtures/finance";
import { tabTo } from "../fixtures/keyboard";
import { withE2eDb } from "../fixtures/staff";

/** A customer session for `email`, as the emailed link opens (the link itself has its own spec). */
async function signInCustomer(context: BrowserContext, email: string) {
  const token = randomBytes(32).toString("base64url");
  const hash = createHash("sha256").update(`customer:${token}`).digest("hex");
  await withE2eDb((sql) => sql`insert into customer_sessions (email, token_hash, expires_at) values (${email.toLowerCase()}, ${hash}, now() + interval '1 hour')`);
  const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
  await context.addCookies([{ name: "turnout-customer", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

const LIMIT = "This booking has had 12 attendees, the most one booking can have (cancelled places count too): make a new booking for more people";

test("[SELF-SERVICE] adding a 13th attendee is refused by keyboard: the problem links to the new attendee and is announced", async ({ page, context, request }) => {
  const { keyboard } = page;
  const tag = randomBytes(3).toString("hex");
  const email = `lena.limit.${tag}@example.com`;
  const sessionId = await withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues where slug = 'riverside-centre'`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, currency)
      values (${`attendee-limit-${tag}`}, ${`Attendee Limit Day ${tag}`}, 'A course made by the attendee-limit spec.', 'Made by e2e/self-service/attendee-limit.spec.ts.',
        'Health & safety', 1000, 'GBP') returning id`;
    const [session] = await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${course.id}, ${venue.id}, now() + interval '80 days', now() + interval '80 days 6 hours', 20) returning id`;
    await sql`insert into ticket_types (course_id, session_id, name, price_amount) values (${course.id}, ${session.id}, 'Standard', 1000)`;
    return session.id as string;
  });
  const booking = await payForBooking(page, request, {
    sessionId, paymentOption: "full", acceptTerms: true,
    contact: { name: "Lena Limit", email, phone: "+44 20 7946 0310" },
    attendees: Array.from({ length: 11 }, (_, i) => ({ firstName: "Guest", lastName: `Number${i + 1}`, requirements: [] })),
  });
  await signInCustomer(context, email);

  await page.goto(`/my-bookings/${booking.reference}`);
  const form = page.getByRole("form", { name: "Add an attendee" });
  await expect(form).toBeVisible();
  // The 12th place is added elsewhere (the booking's API client) while this page is open.
  const put = await request.put(`/api/v1/bookings/${booking.reference}`, {
    headers: { authorization: `Bearer ${booking.accessToken}` },
    data: { addAttendees: [{ firstName: "Twelfth", lastName: "Guest", requirements: [] }] },
  });
  expect(put.status(), await put.text()).toBe(200);

  // Eleven attendees' forms come first: the new attendee's fields are nearer the end of the page.
  await tabTo(page, form.getByLabel("First name"), { backwards: true, max: 300 });
  await keyboard.type("One");
  await keyboard.press("Tab");
  await expect(form.getByLabel("Last name")).toBeFocused();
  await keyboard.type("Toomany");
  await tabTo(page, form.getByRole("button", { name: "Add attendee and pay" }), { max: 300 });
  await keyboard.press("Enter");

  // Announced and focused; its one entry links to the new attendee's fields, which say what is wrong.
  const problem = form.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problem).toBeFocused();
  await expect(problem).toContainText("Please correct the details below.");
  await keyboard.press("Tab");
  const link = problem.getByRole("link", { name: LIMIT });
  await expect(link).toBeFocused();
  await keyboard.press("Enter");
  const attendee = form.getByRole("group", { name: "The new attendee", exact: true });
  await expect(attendee).toBeFocused();
  await expect(attendee).toHaveAccessibleDescription(LIMIT);
  await expect(form.getByLabel("First name")).toHaveValue("One");
  await expectNoSeriousA11yViolations(page, "the add-attendee form refused at the 12-attendee limit");
  const places = await withE2eDb((sql) => sql`select a.first_name from booking_attendees a join bookings b on b.id = a.booking_id where b.reference = ${booking.reference}`);
  expect(places).toHaveLength(12);
  expect(places.map((p) => p.first_name)).not.toContain("One");

  // Shown again, the page offers no form and says why.
  await page.goto(`/my-bookings/${booking.reference}`);
  await expect(page.getByRole("region", { name: "Add an attendee" })).toContainText("This booking has had 12 attendees, the most one booking can have");
  await expect(page.getByRole("form", { name: "Add an attendee" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "my booking at the 12-attendee limit");
});

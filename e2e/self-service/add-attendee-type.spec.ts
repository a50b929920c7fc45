// My bookings, adding an attendee to a session that sells several ticket types, by keyboard alone: the form offers
// each type with its price (a sold-out one shown but not choosable), the price line follows the choice, the
// checkout asks for the chosen type's price, each place's heading and the history name its type, and a type sold
// out meanwhile is refused with its problem announced.
// The spec makes its own course and session and books them through the public API.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { tabTo } from "../fixtures/keyboard";
import { withE2eDb } from "../fixtures/staff";

type Types = { session: string; standard: string; premium: string; vip: string };

async function createTypedSession(tag: string): Promise<Types> {
  return withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues where slug = 'riverside-centre'`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, currency)
      values (${`ticket-choice-${tag}`}, ${`Ticket Choice Gala ${tag}`}, 'A course made by the add-attendee spec.', 'Made by e2e/self-service/add-attendee-type.spec.ts.',
        'Health & safety', 4000, 'GBP') returning id`;
    const [session] = await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${course.id}, ${venue.id}, now() + interval '75 days', now() + interval '75 days 6 hours', 20) returning id`;
    const types = await sql`insert into ticket_types (course_id, session_id, name, price_amount, quota, sort_order) values
      (${course.id}, ${session.id}, 'Standard', 4000, null, 0),
      (${course.id}, ${session.id}, 'Premium', 6500, 3, 1),
      (${course.id}, ${session.id}, 'VIP', 9000, 1, 2) returning id, name`;
    const id = (name: string) => types.find((t) => t.name === name)!.id as string;
    return { session: session.id as string, standard: id("Standard"), premium: id("Premium"), vip: id("VIP") };
  });
}

async function book(request: APIRequestContext, sessionId: string, email: string, ticketTypeId: string, count = 1) {
  const res = await request.post("/api/v1/bookings", {
    data: {
      sessionId, paymentOption: "full", acceptTerms: true,
      contact: { name: "Casey Choice", email, phone: "+44 20 7946 0300" },
      attendees: Array.from({ length: count }, (_, i) => ({ firstName: "Casey", lastName: `Choice${i + 1}`, ticketTypeId, requirements: [] })),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return res.json() as Promise<{ reference: string; checkoutUrl: string }>;
}

async function bookAndPay(page: Page, request: APIRequestContext, sessionId: string, email: string, ticketTypeId: string) {
  const created = await book(request, sessionId, email, ticketTypeId);
  await page.goto(created.checkoutUrl);
  await page.getByRole("button", { name: /^Pay .* \(test\)$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Booking confirmed" })).toBeVisible();
  return created.reference;
}

/** A customer session for `email`, as the emailed link opens (the link itself has its own spec). */
async function signInCustomer(context: BrowserContext, email: string) {
  const token = randomBytes(32).toString("base64url");
  const hash = createHash("sha256").update(`customer:${token}`).digest("hex");
  await withE2eDb((sql) => sql`insert into customer_sessions (email, token_hash, expires_at) values (${email.toLowerCase()}, ${hash}, now() + interval '1 hour')`);
  const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
  await context.addCookies([{ name: "turnout-customer", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

test("[SELF-SERVICE] adds a Premium attendee by keyboard, paying the Premium price; a type sold out meanwhile is refused", async ({ page, context, request }) => {
  const { keyboard } = page;
  const tag = randomBytes(3).toString("hex");
  const email = `casey.choice.${tag}@example.com`;
  const types = await createTypedSession(tag);
  const reference = await bookAndPay(page, request, types.session, email, types.standard);
  await bookAndPay(page, request, types.session, `vip.${tag}@example.com`, types.vip);
  await signInCustomer(context, email);

  await page.goto(`/my-bookings/${reference}`);
  const form = page.getByRole("form", { name: "Add an attendee" });
  const type = form.getByLabel("Ticket type");
  // The booking's own type first; a sold-out type is listed but cannot be chosen.
  await expect(type).toHaveValue(types.standard);
  await expect(type.getByRole("option")).toHaveText(["Standard: £40.00", "Premium: £65.00 (3 left)", "VIP: £90.00 (sold out)"]);
  await expect(type.getByRole("option", { name: "VIP: £90.00 (sold out)" })).toBeDisabled();
  await expect(form).toContainText("A new Standard place costs £40.00; you pay the difference at the checkout straight after.");
  await expectNoSeriousA11yViolations(page, "the add-attendee form with a choice of ticket type");

  // Keyboard only: choose Premium, name the attendee, submit.
  await tabTo(page, type, { max: 200 });
  await keyboard.press("ArrowDown");
  await expect(type).toHaveValue(types.premium);
  await expect(form).toContainText("A new Premium place costs £65.00");
  await keyboard.press("Tab");
  await expect(form.getByLabel("First name")).toBeFocused();
  await keyboard.type("Pia");
  await keyboard.press("Tab");
  await expect(form.getByLabel("Last name")).toBeFocused();
  await keyboard.type("Premium");
  await tabTo(page, form.getByRole("button", { name: "Add attendee and pay" }), { max: 200 });
  await keyboard.press("Enter");

  // The checkout asks for the Premium price.
  await page.getByRole("button", { name: "Pay £65.00 (test)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Balance paid" })).toBeVisible();
  const [added] = await withE2eDb((sql) => sql`select a.ticket_type_id, a.unit_amount from booking_attendees a join bookings b on b.id = a.booking_id
    where b.reference = ${reference} and a.first_name = 'Pia'`);
  expect(added).toMatchObject({ ticket_type_id: types.premium, unit_amount: 6500 });

  // Premium has two left; someone else takes them while the form is open.
  await page.goto(`/my-bookings/${reference}`);
  // Each place's heading names its type, and the history names the type of the place added.
  await expect(page.getByRole("form", { name: "Attendee 1: Casey Choice1 · Standard", exact: true })).toBeVisible();
  await expect(page.getByRole("form", { name: "Attendee 2: Pia Premium · Premium", exact: true })).toBeVisible();
  await expect(page.getByTestId("booking-history")).toContainText("After: 2 attendee(s) · Pia Premium (Premium ticket; no special requirements)");
  await expect(type.getByRole("option", { name: "Premium: £65.00 (2 left)" })).toBeEnabled();
  await tabTo(page, type, { max: 200 });
  await keyboard.press("ArrowDown");
  await expect(type).toHaveValue(types.premium);
  await book(request, types.session, `late.${tag}@example.com`, types.premium, 2);
  await tabTo(page, form.getByLabel("First name"), { max: 200 });
  await keyboard.type("Sam");
  await keyboard.press("Tab");
  await keyboard.type("Soldout");
  await tabTo(page, form.getByRole("button", { name: "Add attendee and pay" }), { max: 200 });
  await keyboard.press("Enter");

  // The problem is announced and takes focus; its link leads to the list, now showing Premium sold out.
  const problem = form.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problem).toBeFocused();
  await expect(problem).toContainText("Premium tickets are sold out for this session.");
  await keyboard.press("Tab");
  await expect(problem.getByRole("link", { name: "Premium tickets are sold out" })).toBeFocused();
  await keyboard.press("Enter");
  await expect(type).toBeFocused();
  await expect(type).toHaveAccessibleDescription(/Premium tickets are sold out/);
  await expect(type.getByRole("option", { name: "Premium: £65.00 (sold out)" })).toBeDisabled();
  await expect(form.getByLabel("First name")).toHaveValue("Sam");
  await expectNoSeriousA11yViolations(page, "the add-attendee form with a sold-out type refused");
  const places = await withE2eDb((sql) => sql`select a.first_name from booking_attendees a join bookings b on b.id = a.booking_id where b.reference = ${reference}`);
  expect(places.map((p) => p.first_name).sort()).toEqual(["Casey", "Pia"]);
});

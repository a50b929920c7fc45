// A customer cancels one attendee from the booking page under the course's policy, which frees a place of a full
// session; the customer waiting for it receives the offer email and books through it. The course and session are
// this spec's own, so no other spec's sessions change.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { bookAndPay } from "../fixtures/finance";
import { withE2eDb } from "../fixtures/staff";

test("[SELF-SERVICE] cancels one attendee with the refund shown first; the waiting customer gets the freed place and books it", async ({ page, request }) => {
  // Two customers' journeys and a background job in one story: more than the default cap on a busy machine.
  test.setTimeout(600_000);
  const tag = randomBytes(3).toString("hex");
  const slug = `e2e-waitlist-${tag}`;
  const sessionId = await withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues where archived_at is null order by created_at limit 1`;
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, currency)
      values (${slug}, ${`Waiting List Workshop ${tag}`}, 'A small workshop.', 'Made by the self-service spec.', 'Testing', 10000, 'GBP') returning id`;
    await sql`insert into ticket_types (course_id, name, price_amount) values (${course.id}, 'Standard', 10000)`;
    const [session] = await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${course.id}, ${venue.id}, now() + interval '30 days', now() + interval '30 days 6 hours', 2) returning id`;
    return session.id as string;
  });

  // The booker takes both places: the session is full.
  const booking = await bookAndPay(page, request, {
    sessionId, name: `Casey Cancel ${tag}`, organisation: `Cancel ${tag} Ltd`, paymentOption: "full", attendees: ["Ivy Stays", "Jon Leaves"],
  });

  // Someone else joins the waiting list from the course page.
  const waiter = `wait.${tag}@example.com`;
  await page.goto(`/courses/${slug}`);
  await expect(page.getByText("Fully booked")).toBeVisible();
  await page.getByRole("link", { name: /Join the waiting list/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Join the waiting list" })).toBeVisible();
  await page.getByRole("button", { name: "Join the waiting list" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter your email address" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the waiting-list form with errors");
  await page.getByLabel("Email address").fill(waiter);
  await page.getByLabel("Number of places").fill("1");
  await page.getByRole("button", { name: "Join the waiting list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are on the waiting list" })).toBeVisible();

  // The booker cancels one attendee and sees what comes back before confirming.
  await page.goto(`/bookings/${booking.reference}?token=${booking.accessToken}`);
  await page.getByRole("link", { name: "Cancel places or the booking" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cancel places" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "choosing places to cancel");
  // Asking with nothing ticked says so beside the choice.
  await page.getByRole("button", { name: "Show what will be refunded" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Tick at least one" })).toHaveText("Tick at least one attendee whose place you want to cancel.");
  // Read out at once: the problem takes focus, and the keyboard goes on from it to the choice.
  await expect(page.getByRole("alert").filter({ hasText: "Tick at least one" })).toBeFocused();
  await expect(page.getByRole("group", { name: "Which places do you want to cancel?" })).toHaveAccessibleDescription(/Tick at least one attendee/);
  await page.getByRole("checkbox", { name: /Jon Leaves/ }).check();
  await page.getByRole("button", { name: "Show what will be refunded" }).click();
  await expect(page.getByTestId("refund-amount")).toHaveText("£100.00");
  await expect(page.getByText("If you cancel at least 14 days before the start, you get everything you paid back.")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the refund shown before confirming");
  await page.getByRole("button", { name: "Cancel this place" }).click();

  const notice = page.getByTestId("cancellation-notice");
  await expect(notice).toContainText(/Cancelled 1 place\. Refund: £100\.00 \(credit note CN-\d{4}-\d{5}\)/);
  // The page speaks of the booking as it now stands, not of a new one.
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  await expect(page.getByText("The places left on this booking stay confirmed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "What happens next" })).toHaveCount(0);
  const creditNote = (await notice.textContent())!.match(/CN-\d{4}-\d{5}/)![0];
  await expect(page.getByText("(place cancelled)")).toBeVisible();
  await expect(page.getByRole("link", { name: `Download credit note ${creditNote} (PDF)` })).toBeVisible();
  await expect(page.getByText("Refunded", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the booking page after a cancellation");

  // The freed place is offered to the waiting customer by email (read from the local outbox).
  const offerMail = async () => {
    const [mail] = await withE2eDb((sql) => sql`select text from email_messages where to_address = ${waiter} and kind = 'waitlist-offer'`);
    return (mail?.text as string | undefined) ?? "";
  };
  await expect.poll(offerMail, { timeout: 90_000 }).toContain("/waitlist/offers/");
  const offerText = await offerMail();
  const offerPath = offerText.match(/\/waitlist\/offers\/[0-9a-f-]+\?token=[\w-]+/)![0];

  await page.goto(offerPath);
  await expect(page.getByRole("heading", { level: 1, name: "Places held for you" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the waiting-list offer");
  await page.evaluate(() => window.localStorage.clear());
  await page.getByRole("button", { name: "Book your place" }).click();

  // The wizard opens on the held session: the place counts as free for this customer only.
  await expect(page.getByRole("heading", { level: 1, name: "Choose a session" })).toBeVisible();
  await expect(page.getByTestId("offer-banner")).toBeVisible();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Continue" }).click();
  const group = page.getByRole("group", { name: "Attendee 1" });
  await group.getByLabel("First name").fill("Wren");
  await group.getByLabel("Last name").fill("Waited");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("group", { name: "Wren Waited" }).getByRole("checkbox", { name: "No special requirements" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Your name").fill("Wren Waited");
  await page.getByLabel("Email", { exact: true }).fill(waiter);
  await page.getByLabel("Phone").fill("+44 20 7946 0123");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your booking" })).toBeVisible();
  await expect(page.getByTestId("review-cancellation-policy")).toContainText("you get 50% of what you paid back");
  await page.getByLabel(/I accept the booking terms/).check();
  await page.getByRole("button", { name: /Continue to payment/ }).click();
  await page.getByRole("button", { name: /^Pay .* \(test\)$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Booking confirmed" })).toBeVisible();

  const [offer] = await withE2eDb((sql) => sql`select o.status, s.places_booked, s.places_held from waitlist_offers o
    join course_sessions s on s.id = o.session_id where o.session_id = ${sessionId}`);
  expect(offer).toMatchObject({ status: "accepted", places_booked: 2, places_held: 0 });
});

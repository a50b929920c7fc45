// Cancelling from the booking page by keyboard alone, on a deposit booking: each place is listed at what was paid
// for it (its deposit, of its price), the policy in force and what cancelling everything refunds; the refund shown
// for the place ticked is what the cancellation records. The course and session are this spec's own.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../fixtures/axe";
import { payForBooking } from "../fixtures/finance";
import { tabTo } from "../fixtures/keyboard";
import { withE2eDb } from "../fixtures/staff";

test("[SELF-SERVICE] the cancel page shows what each place was paid and the refund the cancellation makes, by keyboard", async ({ page, request }) => {
  const { keyboard } = page;
  const tag = randomBytes(3).toString("hex");
  const sessionId = await withE2eDb(async (sql) => {
    const [venue] = await sql`select id from venues where archived_at is null order by created_at limit 1`;
    // The default policy (everything back from 14 days before; a deposit is kept) and a £2.00 fee.
    const [course] = await sql`insert into courses (slug, title, summary, description, category, price_amount, deposit_amount, currency, cancellation_fee_amount)
      values (${`e2e-cancel-figures-${tag}`}, ${`Deposit Workshop ${tag}`}, 'A workshop paid by deposit.', 'Made by e2e/self-service/cancel-figures.spec.ts.',
        'Testing', 12000, 3000, 'GBP', 200) returning id`;
    await sql`insert into ticket_types (course_id, name, price_amount, deposit_amount) values (${course.id}, 'Standard', 12000, 3000)`;
    const [session] = await sql`insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      values (${course.id}, ${venue.id}, now() + interval '40 days', now() + interval '40 days 6 hours', 6) returning id`;
    return session.id as string;
  });
  const booking = await payForBooking(page, request, {
    sessionId, paymentOption: "deposit", acceptTerms: true,
    contact: { name: "Dee Posit", email: `dee.posit.${tag}@example.com`, phone: "+44 20 7946 0320" },
    attendees: [{ firstName: "Ivy", lastName: "Stays", requirements: [] }, { firstName: "Jon", lastName: "Leaves", requirements: [] }],
  });

  await page.goto(`/bookings/${booking.reference}/cancel?token=${booking.accessToken}`);
  await expect(page.getByRole("heading", { level: 1, name: "Cancel places" })).toBeVisible();
  // What was paid per place (the deposit), not the price; the policy in force; what cancelling everything refunds.
  await expect(page.getByTestId("places-paid").getByRole("listitem")).toHaveText(["Ivy Stays · paid £30.00 of its £120.00 price", "Jon Leaves · paid £30.00 of its £120.00 price"]);
  await expect(page.getByTestId("refund-now")).toContainText("refunds 100% of what you paid for the places you cancel, less the deposits, which are kept");
  await expect(page.getByTestId("refund-now")).toContainText("Cancelling the whole booking now refunds £0.00.");
  await expectNoSeriousA11yViolations(page, "choosing places to cancel, with what each was paid");

  await tabTo(page, page.getByRole("checkbox", { name: /Jon Leaves/ }), { max: 200 });
  await keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: /Jon Leaves/ })).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Show what will be refunded" }));
  await keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 2, name: "What you get back" })).toBeVisible();
  await expect(page.getByTestId("cancelled-places-paid")).toHaveText("Jon Leaves: paid £30.00 of its £120.00 price");
  const quote = page.getByTestId("cancellation-quote");
  await expect(quote).toContainText("Paid for this place£30.00");
  await expect(quote).toContainText("Deposit kept (not refundable)−£30.00");
  await expect(page.getByTestId("refund-amount")).toHaveText("£0.00");
  await expectNoSeriousA11yViolations(page, "the refund shown for a deposit place");

  await tabTo(page, page.getByRole("button", { name: "Cancel this place" }));
  await keyboard.press("Enter");
  await expect(page.getByTestId("cancellation-notice")).toContainText("Cancelled 1 place.");
  const [recorded] = await withE2eDb((sql) => sql`select c.paid_for_places, c.deposit_kept, c.refund_amount from booking_cancellations c
    join bookings b on b.id = c.booking_id where b.reference = ${booking.reference}`);
  expect(recorded).toMatchObject({ paid_for_places: 3000, deposit_kept: 3000, refund_amount: 0 });
});

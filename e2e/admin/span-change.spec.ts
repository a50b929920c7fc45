// Staff move a paid time-slot booking to another day: a day the location is closed is refused under the date (not
// under the start time), and a move to an open day is made and said in one message.
import { expect, test } from "@playwright/test";
import { payForBooking } from "../fixtures/finance";
import { signInAs, withE2eDb } from "../fixtures/staff";
import { bookableWeekday, ISLINGTON } from "../fixtures/slots";

const london = (date: string, time: string) => withE2eDb(async (sql) =>
  (await sql`select (${`${date} ${time}`}::timestamp at time zone 'Europe/London') as at`)[0].at as Date);

test("[ADMIN] moves a time-slot booking: a closed day is refused under the date, an open one is moved", async ({ page, context, request }) => {
  const date = bookableWeekday(33);
  const [offering] = await withE2eDb((sql) => sql<{ id: string }[]>`select id from courses where slug = ${ISLINGTON}`);
  // The childcare centre asks questions of every booking and child: answered plainly, a four-year-old.
  const questions = await withE2eDb((sql) => sql<{ id: string; kind: string; scope: string; options: string[] }[]>`
    select id, kind, scope, options from course_questions where course_id = ${offering.id} and required`);
  const fourYearsAgo = `${Number(date.slice(0, 4)) - 4}${date.slice(4)}`;
  const answer = (q: { kind: string; options: string[] }) => ({
    yes_no: "no", number: 1, phone: "020 7946 0103", date, date_of_birth: fourYearsAgo, single_choice: q.options[0], multiple_choice: q.options.slice(0, 1),
  } as Record<string, unknown>)[q.kind] ?? "Jo Mover, 020 7946 0103";
  const answersOf = (scope: string) => Object.fromEntries(questions.filter((q) => q.scope === scope).map((q) => [q.id, answer(q)]));
  const created = await payForBooking(page, request, {
    offeringId: offering.id, startsAt: (await london(date, "10:00")).toISOString(), endsAt: (await london(date, "12:00")).toISOString(),
    paymentOption: "full", acceptTerms: true,
    contact: { name: "Sam Mover", email: "sam.mover@example.com", phone: "+44 20 7946 0102" },
    attendees: [{ firstName: "Kit", lastName: "Mover" }],
    answers: { booking: answersOf("per_booking"), attendees: [answersOf("per_attendee")] },
  });

  await signInAs(context, "admin");
  await page.goto(`/admin/bookings/${created.reference}`);
  const form = page.getByRole("form", { name: "Change the date or times" });
  // The Sunday after: the location is closed on Sundays.
  const sunday = new Date(`${date}T12:00:00Z`);
  sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7 || 7));
  await form.getByLabel("Date").fill(sunday.toISOString().slice(0, 10));
  await form.getByLabel("Reason (printed on any credit note)").fill("The family asked");
  await form.getByRole("button", { name: "Move the booking" }).click();
  await expect(form.getByLabel("Date")).toHaveAccessibleDescription(/Closed on/);
  await expect(form.getByLabel("Start time")).not.toHaveAttribute("aria-invalid", "true");

  // The next day it is open: moved, the same two hours, and said once.
  const monday = new Date(sunday.getTime() + 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Date").fill(monday);
  await form.getByRole("button", { name: "Move the booking" }).click();
  await expect(form.getByRole("status").filter({ hasText: /^Moved/ })).toBeVisible();
  await expect(form.getByText("Saved.", { exact: true })).toHaveCount(0);
  const [moved] = await withE2eDb((sql) => sql`select span_starts_at from bookings where id = ${created.bookingId}`);
  expect(new Date(moved.span_starts_at).toISOString()).toBe((await london(monday, "10:00")).toISOString());
});

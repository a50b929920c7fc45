// Emails through a real SMTP server started here: who gets what, with which attachments, exactly once,
// and nothing lost while the server is down.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { and, eq, sql } from "drizzle-orm";
import { emailMessages, invoices, refunds, users, venues } from "@/db/schema";
import { changeBooking } from "@/lib/booking/change-booking";
import { queueEmail } from "@/lib/email/jobs";
import { invoiceStatus } from "@/lib/invoices/status";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, lapseHold, postWebhook } from "../fixtures";
import { createDiscountCode } from "../discount-fixtures";
import { runMaintenance } from "@/lib/maintenance";
import {
  clearJobs, createPaidBooking, invoiceOf, jobsFor, payBalance, pdfText, runJobs, uniqueEmail,
} from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { warmPdfPool } from "@/lib/pdf/render-pool";

// Start the PDF threads (they compile the documents once) before the first test's clock runs.
beforeAll(warmPdfPool);

const OPS = "ops.alerts@turnout.example";
const LEAD = "finance.lead@turnout.example";

const mail = receiveMailForTests({ ADMIN_ALERT_EMAILS: `${OPS}, ${LEAD}`, MAIL_FROM: "Turnout Bookings <bookings@turnout.example>" });
beforeEach(clearJobs);

const attachment = (m: ParsedMail, ending: string) => m.attachments.find((a) => a.filename?.endsWith(ending));

/** A session at a venue in New York, so a calendar in UTC or London would show the wrong hour. */
async function newYorkSession() {
  const fixture = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 45 });
  await db().update(venues).set({ timeZone: "America/New_York" }).where(eq(venues.id, fixture.venue.id));
  return fixture;
}

describe("to the booker", () => {
  it("confirms with the invoice, the booking confirmation and a calendar file in the venue's time zone", async () => {
    const { session, course } = await newYorkSession();
    const booker = uniqueEmail("booker");
    const booking = await createPaidBooking(session.id, {
      contact: { name: "Pat Booker", email: booker },
      attendees: [
        { firstName: "Pat", lastName: "Booker", email: booker },
        { firstName: "Sam", lastName: "Lee", email: uniqueEmail("sam"), requirements: [{ code: "allergy_severe", details: "Peanuts; carries an EpiPen" }] },
      ],
    });
    await runJobs();
    const invoice = (await invoiceOf(booking.id))!;

    const [m] = mail.to(booker);
    expect(mail.to(booker)).toHaveLength(1);
    expect(m.subject).toBe(`Booking confirmed: ${course.title}, ${new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(session.startsAt)} (${booking.reference})`);
    expect(m.from?.value[0].address).toBe("bookings@turnout.example");
    expect(m.html).toContain(booking.reference);
    expect(m.html).toContain('name="viewport"');
    expect(m.text).toContain("Your booking is confirmed");
    expect(m.text).toContain("Sam Lee");
    expect(m.text).not.toContain("undefined");
    expect(m.attachments.map((a) => a.filename).sort()).toEqual([`${booking.reference}.ics`, `${invoice.number}.pdf`, `booking-${booking.reference}.pdf`, `tickets-${booking.reference}.pdf`].sort());

    const invoiceText = await pdfText(attachment(m, `${invoice.number}.pdf`)!.content);
    expect(invoiceText).toContain(invoice.number);
    expect(invoiceText).toContain("Pat Booker");
    const confirmation = await pdfText(attachment(m, `booking-${booking.reference}.pdf`)!.content);
    expect(confirmation).toContain("Pat Booker");
    expect(confirmation).toContain("Sam Lee");
    // The requirement cell wraps; read it as one line.
    expect(confirmation.replace(/\s+/g, " ")).toContain("Severe allergy (risk of anaphylaxis) (Critical): Peanuts; carries an");
    expect(confirmation).toContain("EpiPen");
    expect(confirmation).toContain("ATTENDEES");

    const ics = attachment(m, ".ics")!;
    expect(ics.contentType).toBe("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(ics.content.toString("utf8")));
    const vtimezone = calendar.getFirstSubcomponent("vtimezone")!;
    expect(vtimezone.getFirstPropertyValue("tzid")).toBe("America/New_York");
    ICAL.TimezoneService.register(vtimezone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("America/New_York");
    const local = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric", minute: "numeric", hourCycle: "h23" })
      .formatToParts(session.startsAt);
    expect(event.startDate.hour).toBe(Number(local.find((p) => p.type === "hour")!.value));
    expect(event.startDate.minute).toBe(Number(local.find((p) => p.type === "minute")!.value));
    const toSecond = (d: Date) => Math.floor(d.getTime() / 1000) * 1000; // calendars keep whole seconds
    expect(event.startDate.toJSDate().getTime()).toBe(toSecond(session.startsAt));
    expect(event.endDate.toJSDate().getTime()).toBe(toSecond(session.endsAt));
    expect(event.summary).toBe(course.title);

    // The booker is also an attendee: one email, not a second "your place" one.
    expect(await db().select().from(emailMessages).where(and(eq(emailMessages.bookingId, booking.id), eq(emailMessages.toAddress, booker))))
      .toHaveLength(1);
  });

  it("shows the discount the booker got between the list price and the total", async () => {
    const { session, course } = await createSessionFixture({ priceAmount: 10_000 });
    const code = await createDiscountCode({ value: 1_000, courseIds: [course.id] });
    const booker = uniqueEmail("discounted");
    const { booking } = await createBookingViaApi(session.id, 2, { discountCode: code.code, contact: { name: "Dee Count", email: booker, phone: "+44 20 7946 0002" } });
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    await runJobs();

    const [m] = mail.to(booker);
    expect(m.subject).toMatch(/^Booking confirmed/);
    // 2 × £100.00 = £200.00; 10 % off = £20.00.
    expect(m.text).toMatch(new RegExp(`^Places at list price\\n£200\\.00\\n+Code ${code.code} \\(10%\\)\\n−£20\\.00\\n+Total\\n£180\\.00$`, "m"));
    expect(m.html).toContain(`Code ${code.code} (10%)`);
    expect(m.html).toContain("−£20.00");
  });

  it("sends a receipt when the balance is paid", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booker = uniqueEmail("balance");
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", contact: { email: booker } });
    await openBalanceCheckout(db(), booking.id);
    await payBalance(booking.id, 9_000);
    await runJobs();
    const subjects = mail.to(booker).map((m) => m.subject);
    expect(subjects).toContain(`Payment received for booking ${booking.reference}`);
    const receipt = mail.to(booker).find((m) => m.subject?.startsWith("Payment received"))!;
    expect(receipt.text).toContain("£90.00");
    expect(receipt.text).toContain("paid in full");
    // The invoice stays as issued; the confirmation attached, drawn after the payment, shows the booking paid.
    const confirmation = await pdfText(attachment(receipt, `booking-${booking.reference}.pdf`)!.content);
    expect(confirmation).toMatch(/Paid\s+£120\.00/);
    expect(confirmation).toContain("Paid in full");
  });

  it("a receipt for places added to a deposit booking names each invoice with its share", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40, capacity: 5 });
    const booker = uniqueEmail("grown");
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", contact: { email: booker } });
    await changeBooking(db(), { bookingId: booking.id, actor: { kind: "booker", email: booker }, change: { addAttendees: [{ firstName: "New", lastName: "Place", requirements: [] }] } });
    // The new place (120.00) and the balance (90.00), paid together.
    expect((await payBalance(booking.id, 21_000)).status).toBe(200);
    await runJobs();
    const numbers = await db().select({ number: invoices.number, supplements: invoices.supplementsInvoiceId }).from(invoices).where(eq(invoices.bookingId, booking.id));
    const own = numbers.find((i) => !i.supplements)!.number;
    const added = numbers.find((i) => i.supplements)!.number;
    const receipt = mail.to(booker).find((m) => m.subject?.startsWith("Payment received"))!;
    expect(receipt.text).toContain(`recorded against invoices ${added} (£120.00) and ${own} (£90.00)`);
  });

  it("explains a late payment refunded because the session filled, queued with the refund, once", async () => {
    const { session, course } = await createSessionFixture({ capacity: 2, priceAmount: 12_000 });
    const booker = uniqueEmail("late");
    const { booking: late } = await createBookingViaApi(session.id, 2, { contact: { name: "Lou Late", email: booker, phone: "+44 20 7946 0001" } });
    await lapseHold(late.id);
    await runMaintenance(db());
    await createBookingViaApi(session.id, 2);
    const event = JSON.stringify(checkoutEvent("checkout.session.completed", late));
    expect((await postWebhook(event)).status).toBe(200);
    expect(await getBooking(late.id)).toMatchObject({ status: "refunded", statusReason: "late_payment_no_capacity" });
    // Queued in the payment's transaction, keyed by the refund: a replayed event queues nothing more.
    const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, late.id));
    expect(refund.reason).toBe("late_payment_refunded");
    expect((await jobsFor("email.send")).filter((j) => j.key === `email:late-payment-refunded:${refund.id}`)).toHaveLength(1);
    await postWebhook(event);
    await runJobs();
    await runJobs();

    const mails = mail.to(booker);
    expect(mails).toHaveLength(1);
    const [m] = mails;
    expect(m.subject).toBe(`Your payment for booking ${late.reference} is being refunded: the session filled up`);
    expect(m.text).toContain("We could not keep your places");
    expect(m.text).toContain(course.title);
    expect(m.text).toContain("£240.00");
    expect(m.text).toMatch(/after that hold had ended/);
    expect(m.text).toMatch(/within 5 to 10 working days/);
    expect(m.attachments).toHaveLength(0);
  });
});

describe("to other attendees", () => {
  it("tells each attendee with an email about their own place only", async () => {
    const { session, course } = await createSessionFixture();
    const booker = uniqueEmail("booker");
    const sam = uniqueEmail("sam");
    const kim = uniqueEmail("kim");
    const booking = await createPaidBooking(session.id, {
      contact: { name: "Pat Booker", email: booker },
      attendees: [
        { firstName: "Sam", lastName: "Lee", email: sam, requirements: [{ code: "diet_vegan" }] },
        { firstName: "Kim", lastName: "Park", email: kim, requirements: [{ code: "allergy_food", details: "Sesame" }] },
        { firstName: "Noel", lastName: "Noemail" },
      ],
    });
    await runJobs();
    for (const [address, own, others, position] of [[sam, "Sam Lee", ["Kim Park", "Sesame", "Noel"], 1], [kim, "Kim Park", ["Sam Lee", "Vegan", "Noel"], 2]] as const) {
      const got = mail.to(address);
      expect(got).toHaveLength(1);
      expect(got[0].subject).toMatch(new RegExp(`^Your place on ${course.title}`));
      const body = `${got[0].text}\n${got[0].html}`;
      expect(body).toContain(own);
      expect(body).toContain(booking.reference);
      for (const other of [...others, "Pat Booker", booker]) expect(body).not.toContain(other);
      expect(got[0].attachments.map((a) => a.filename)).toEqual([`ticket-${booking.reference}-${position}.pdf`, `${booking.reference}.ics`]);
    }
  });
});

describe("to admins", () => {
  it("alerts the alert list and every active admin of a paid booking, and separately of a critical requirement", async () => {
    const admin = uniqueEmail("admin").toLowerCase();
    const retired = uniqueEmail("retired").toLowerCase();
    const finance = uniqueEmail("finance").toLowerCase();
    await db().insert(users).values([
      { email: admin, role: "admin" }, { email: retired, role: "admin", disabledAt: new Date() }, { email: finance, role: "finance" },
    ]);
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, {
      attendees: [{ firstName: "Ria", lastName: "Risk", requirements: [{ code: "medical_condition", details: "Epilepsy; recovery position" }] }],
    });
    await runJobs();
    for (const address of [OPS, LEAD, admin]) {
      const subjects = mail.to(address).filter((m) => m.subject?.includes(booking.reference)).map((m) => m.subject);
      expect(subjects).toHaveLength(2);
      expect(subjects.some((s) => s?.startsWith(`New booking ${booking.reference}`))).toBe(true);
      expect(subjects.some((s) => s?.startsWith("CRITICAL requirement: Medical condition staff should know about"))).toBe(true);
    }
    const critical = mail.to(OPS).find((m) => m.subject?.startsWith("CRITICAL") && m.subject.includes(booking.reference))!;
    expect(critical.text).toContain("Ria Risk");
    expect(critical.text).toContain("Epilepsy; recovery position");
    expect(critical.text).toContain("+44 20 7946 0001");
    for (const address of [retired, finance]) expect(mail.to(address)).toHaveLength(0);
  });

  it("sends no critical alert for a booking without a critical requirement", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "Vee", lastName: "Gan", requirements: [{ code: "diet_vegan" }] }] });
    await runJobs();
    const subjects = mail.to(OPS).filter((m) => m.subject?.includes(booking.reference)).map((m) => m.subject);
    expect(subjects).toEqual([expect.stringMatching(/^New booking/)]);
  });
});

describe("reliable delivery", () => {
  it("retries while the SMTP server is down, loses nothing, and delivers once when it is back", async () => {
    const { session } = await createSessionFixture();
    const booker = uniqueEmail("outage");
    await mail.stop();
    try {
      const booking = await createPaidBooking(session.id, { contact: { email: booker } });
      const key = `booking-confirmed:${booking.id}`;
      // The worker is driven directly: passes while the server is down, then one once it is back and the job's
      // backoff is over (brought forward rather than waited for). On a busy machine one pass can outlast the
      // first backoff and try again, so the counts below are read, not assumed to be one.
      const passStarted = Date.now();
      await runJobs();
      const [failed] = await db().select().from(emailMessages).where(eq(emailMessages.idempotencyKey, key));
      expect(failed).toMatchObject({ status: "queued", lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
      expect(failed.attempts).toBeGreaterThanOrEqual(1);
      expect(failed.sentAt).toBeNull();
      const [job] = (await jobsFor("email.send")).filter((j) => j.key === `email:${key}`);
      // Every try is counted once by the queue and once by the message row.
      expect(job).toMatchObject({ attempts: failed.attempts, last_error: expect.stringContaining("sending booking-confirmed") });
      // Backing off: the queue waits seconds after a failure (e^attempts), so the next try is set well after
      // the pass that failed began.
      expect(job.run_at.getTime()).toBeGreaterThan(passStarted + 2000);
      expect(mail.to(booker)).toHaveLength(0);

      await mail.start();
      const [beforeRetry] = await db().select().from(emailMessages).where(eq(emailMessages.idempotencyKey, key));
      // Every email that failed meanwhile (alerts too) is retried now.
      await db().execute(sql`update graphile_worker._private_jobs set run_at = now() where attempts > 0`);
      await runJobs();
      expect(mail.to(booker)).toHaveLength(1);
      expect(await jobsFor("email.send")).toHaveLength(0);
      const [row] = await db().select().from(emailMessages).where(eq(emailMessages.idempotencyKey, key));
      expect(row).toMatchObject({ status: "sent", attempts: beforeRetry.attempts + 1, lastError: null, transport: "smtp" });
      await runJobs();
      expect(mail.to(booker)).toHaveLength(1);
    } finally {
      // A failure above must not leave the server down for the tests after this one.
      await mail.start();
    }
  });

  it("never sends a key twice, even when the job runs again", async () => {
    const { session } = await createSessionFixture();
    const booker = uniqueEmail("again");
    const booking = await createPaidBooking(session.id, { contact: { email: booker } });
    await runJobs();
    await queueEmail(db(), { kind: "booking-confirmed", bookingId: booking.id });
    await queueEmail(db(), { kind: "booking-confirmed", bookingId: booking.id });
    await runJobs();
    expect(mail.to(booker)).toHaveLength(1);
  });
});

describe("in a rush of payments", () => {
  it("sends customers' confirmations before staff's notices and the invoice PDFs drawn ahead of need", async () => {
    const { session } = await createSessionFixture();
    const first = await createPaidBooking(session.id);
    const second = await createPaidBooking(session.id);
    const queued = await db().execute<{ task: string; priority: number; payload: { kind?: string } }>(sql`
      select t.identifier as task, j.priority, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id order by j.id`);
    const priorityOf = (task: string, kind?: string) => queued.filter((j) => j.task === task && j.payload.kind === kind).map((j) => j.priority);
    expect(priorityOf("email.send", "booking-confirmed")).toEqual([0, 0]);
    expect(priorityOf("email.send", "admin-new-booking")).toEqual([10, 10]);
    expect(priorityOf("invoice.render")).toEqual([20, 20]);

    // One job at a time, as a busy worker takes them: by priority, then in the order they were queued.
    await runJobs();
    const sent = await db().select({ key: emailMessages.idempotencyKey, sentAt: emailMessages.sentAt }).from(emailMessages)
      .where(sql`${emailMessages.bookingId} in (${first.id}, ${second.id})`);
    const at = (prefix: string, bookingId: string) => sent.find((m) => m.key.startsWith(`${prefix}:${bookingId}`))!.sentAt!.getTime();
    expect(at("booking-confirmed", second.id)).toBeLessThan(at("admin-new-booking", first.id));
    // The confirmation drew and stored the invoice's PDF: the job queued for it found it done.
    for (const b of [first, second]) expect((await invoiceOf(b.id))!.pdf).not.toBeNull();
  });
});

describe("balance reminder", () => {
  it("is scheduled the configured days before the due date and asks for what is owed", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booker = uniqueEmail("remind");
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", contact: { email: booker }, attendees: [{ firstName: "A", lastName: "B" }, { firstName: "C", lastName: "D" }] });
    const [job] = (await jobsFor("email.send")).filter((j) => j.key === `email:balance-reminder:${booking.id}`);
    expect(job.run_at.getTime()).toBe(booking.balanceDueAt!.getTime() - 7 * 86_400_000);
    await runJobs();
    expect(mail.to(booker).map((m) => m.subject)).toEqual([expect.stringMatching(/^Booking confirmed/)]);

    // The day comes.
    await db().execute(sql`update graphile_worker._private_jobs set run_at = now() where key = ${`email:balance-reminder:${booking.id}`}`);
    await runJobs();
    const reminder = mail.to(booker).find((m) => m.subject?.startsWith("Balance of £180.00 due by"))!;
    expect(reminder).toBeDefined();
    expect(reminder.html).toContain(`/bookings/${booking.reference}?token=`);
    expect(reminder.html).toContain("#balance");
    expect(invoiceStatus((await getBooking(booking.id))!, new Date(booking.balanceDueAt!.getTime() - 86_400_000), 7)).toBe("balance_due");
  });

  it("sends nothing once the balance is paid", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booker = uniqueEmail("paidup");
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", contact: { email: booker } });
    await openBalanceCheckout(db(), booking.id);
    await payBalance(booking.id, 9_000);
    expect((await jobsFor("email.send")).map((j) => j.key)).not.toContain(`email:balance-reminder:${booking.id}`);
    // Even a reminder that slipped through finds nothing owed.
    await queueEmail(db(), { kind: "balance-reminder", bookingId: booking.id });
    await runJobs();
    expect(mail.to(booker).some((m) => m.subject?.startsWith("Balance of"))).toBe(false);
    expect(await db().select().from(emailMessages).where(eq(emailMessages.idempotencyKey, `balance-reminder:${booking.id}`))).toEqual([]);
  });
});

// The day before a session, its bookers are reminded once, through a real SMTP server: not those who booked within
// the day (they just had their confirmation), not cancelled bookings, and a moved booking only of its new time.
import { beforeEach, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { courseSessions, emailMessages } from "@/db/schema";
import { queueSessionReminders } from "@/lib/email/session-reminder";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { createSessionFixture, db } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs, setBooking, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { randomUUID } from "node:crypto";

const mail = receiveMailForTests();
beforeEach(clearJobs);

const HOUR = 3_600_000;
const daysAgo = (n: number) => new Date(Date.now() - n * 24 * HOUR);
const reminders = (bookingId: string) => db().select().from(emailMessages)
  .where(like(emailMessages.idempotencyKey, `session-reminder:${bookingId}:%`));

/** A paid booking made days ago for a session starting in `hours`. */
async function bookedEarlier(hours: number, o: { attendees?: { firstName: string; lastName: string }[] } = {}) {
  const { session } = await createSessionFixture({ startsInDays: hours / 24, priceAmount: 12_000, depositAmount: null });
  const booker = uniqueEmail("remind");
  const booking = await createPaidBooking(session.id, { contact: { name: "Robin Reminded", email: booker }, attendees: o.attendees });
  await setBooking(booking.id, { confirmedAt: daysAgo(5) });
  return { session, booking, booker };
}

describe("session reminders", () => {
  it("reminds the booker once, the day before, with when, where and who, and what is still owed", async () => {
    const { booking, booker } = await bookedEarlier(20, { attendees: [{ firstName: "Ada", lastName: "One" }, { firstName: "Bo", lastName: "Two" }] });
    await runJobs();
    const before = mail.to(booker).length;

    await queueSessionReminders(db());
    await runJobs();
    const sent = mail.to(booker).slice(before);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(new RegExp(`^Reminder: .*\\(${booking.reference}\\)$`))]);
    expect(sent[0].text).toContain("Ada One, Bo Two");
    expect(sent[0].text).not.toContain("still to pay");
    expect(sent[0].html).toContain(`/bookings/${booking.reference}?token=`);

    // Money still owed (a place added and not yet paid for, say) is said with it.
    const owing = await bookedEarlier(20);
    await setBooking(owing.booking.id, { amountPaid: 9_000 });
    await queueSessionReminders(db());
    await runJobs();
    expect(mail.to(owing.booker).find((m) => m.subject?.startsWith("Reminder:"))?.text).toMatch(/balance of £30\.00 is still to pay/);

    // The next hour's run, or two instances' at once, send nothing more.
    await Promise.all([queueSessionReminders(db()), queueSessionReminders(db())]);
    await runJobs();
    expect(mail.to(booker).length).toBe(before + 1);
    expect(await reminders(booking.id)).toHaveLength(1);
  });

  it("reminds nobody whose session is further away, who booked within the day, or who cancelled", async () => {
    const far = await bookedEarlier(30);
    const recent = await bookedEarlier(20);
    await setBooking(recent.booking.id, { confirmedAt: new Date(Date.now() - 2 * HOUR) });
    const cancelled = await bookedEarlier(20);
    await cancelBookingByCustomer(db(), { bookingId: cancelled.booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });

    await queueSessionReminders(db());
    await runJobs();
    for (const b of [far, recent, cancelled]) expect(await reminders(b.booking.id)).toEqual([]);
  });

  it("a reminder queued for a start that has since moved is not sent; the new start is reminded of in its turn", async () => {
    const { session, booking } = await bookedEarlier(20);
    await queueSessionReminders(db());
    // Staff moved the session two days later before the reminder went out.
    const [moved] = await db().update(courseSessions)
      .set({ startsAt: new Date(session.startsAt.getTime() + 48 * HOUR), endsAt: new Date(session.endsAt.getTime() + 48 * HOUR) })
      .where(eq(courseSessions.id, session.id)).returning();
    await runJobs();
    expect(await reminders(booking.id)).toEqual([]);
    // A day before the new start.
    await queueSessionReminders(db(), new Date(moved.startsAt.getTime() - 20 * HOUR));
    await runJobs();
    expect((await reminders(booking.id)).map((m) => m.idempotencyKey)).toEqual([`session-reminder:${booking.id}:${Math.floor(moved.startsAt.getTime() / 1000)}`]);
  });
});

// Staff change the span of a paid time-slot booking: its places move slot by slot in one transaction, and the
// price difference is refunded with a credit note or charged through a checkout for the difference.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { bookingAttendees, bookingChanges, checkIns, creditNotes, refunds, tickets } from "@/db/schema";
import { composeEmails } from "@/lib/email/compose";
import { SEND_EMAIL_TASK } from "@/lib/email/jobs";
import { amountOwed } from "@/lib/booking/balance";
import { modifyBookingSpan } from "@/lib/booking/modify-span";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { checkoutEvent, db, getBooking, postWebhook, rowCounts, sessionCounters } from "../fixtures";
import { jobsFor, payBalance } from "../finance-fixtures";
import { at, createSlotOfferingFixture, futureDate, postSlotBooking, slotDayOf, slotRows } from "../slot-fixtures";

const actor = { id: null, email: "desk@turnout.example" };

async function paidSpanBooking(courseId: string, date: string, from: string, to: string, people: number) {
  const res = await postSlotBooking(courseId, at(date, from), at(date, to), people);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const booking = (await getBooking(res.json.bookingId))!;
  expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
  return (await getBooking(booking.id))!;
}

const bookedBySlot = async (courseId: string) =>
  Object.fromEntries((await slotRows(courseId)).map((s) => [DateTime.fromJSDate(s.startsAt, { zone: "Europe/London" }).toFormat("yyyy-MM-dd HH:mm"), s.placesBooked]));

describe("modifying the span of a paid booking", () => {
  it("a shorter span frees the old slots, takes the new ones and refunds the difference with a credit note", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const booking = await paidSpanBooking(course.id, date, "09:00", "17:00", 2);
    expect(booking.amountPaid).toBe(13_600);

    const result = await modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(date, "10:00")), endsAt: new Date(at(date, "13:00")), reason: "Collected early" }, actor);
    // Three standard hours at £8 for two children: £48, down from £136.
    expect(result).toMatchObject({ difference: -8_800, checkoutUrl: null, creditNoteNumber: expect.stringMatching(/^CN-\d{4}-\d{5}$/) });
    const after = (await getBooking(booking.id))!;
    expect(after).toMatchObject({ creditedAmount: 8_800, amountRefunded: 8_800, status: "confirmed" });
    expect(after.spanStartsAt!.toISOString()).toBe(new Date(at(date, "10:00")).toISOString());
    expect(after.spanPrice!.lines).toEqual([{ kind: "standard", slots: 3, rateAmount: 800, ranges: ["10:00–13:00"] }]);
    const slots = await bookedBySlot(course.id);
    for (const h of ["09", "13", "14", "15", "16"]) expect(slots[`${date} ${h}:00`], h).toBe(0);
    for (const h of ["10", "11", "12"]) expect(slots[`${date} ${h}:00`], h).toBe(2);
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.number, result.creditNoteNumber!));
    expect(note).toMatchObject({ totalAmount: 8_800, refundAmount: 8_800 });
    expect(note.lines).toEqual([expect.objectContaining({ description: "Price reduction", amount: 8_800 })]);
    const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
    expect(refund).toMatchObject({ amount: 8_800, status: "succeeded" });
    expect(amountOwed(after)).toBe(0);
  });

  it("a longer span on another day moves the places to that day and charges the difference through a checkout", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const nextDay = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    const booking = await paidSpanBooking(course.id, date, "10:00", "12:00", 1);
    const oldDay = (await slotDayOf(course.id, date))!;

    const result = await modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(nextDay, "07:00")), endsAt: new Date(at(nextDay, "12:00")), reason: "Needs the morning" }, actor);
    // Two peak hours at £12 and three at £8: £48, up from £16.
    expect(result).toMatchObject({ difference: 3_200, creditNoteNumber: null, checkoutUrl: expect.any(String) });
    const after = (await getBooking(booking.id))!;
    const newDay = (await slotDayOf(course.id, nextDay))!;
    expect(after.sessionId).toBe(newDay.id);
    expect(after.totalAmount).toBe(4_800);
    expect(amountOwed(after)).toBe(3_200);
    expect(await sessionCounters(oldDay.id)).toMatchObject({ placesBooked: 0, placesHeld: 0 });
    expect(await sessionCounters(newDay.id)).toMatchObject({ placesBooked: 1, placesHeld: 0 });
    const slots = await bookedBySlot(course.id);
    expect(slots[`${date} 10:00`]).toBe(0);
    expect(slots[`${nextDay} 07:00`]).toBe(1);
    expect(slots[`${nextDay} 11:00`]).toBe(1);

    // The ticket goes with the booking to the new day (a new QR code), and the customer hears of the move.
    const [ticket] = await db().select().from(tickets).where(eq(tickets.bookingId, booking.id));
    expect(ticket).toMatchObject({ sessionId: newDay.id, version: 2 });
    const [change] = await db().select().from(bookingChanges).where(eq(bookingChanges.bookingId, booking.id));
    expect(change).toMatchObject({ action: "moved", actorKind: "staff", actorEmail: actor.email, after: expect.objectContaining({ sessionId: newDay.id, reason: "Needs the morning" }) });
    const [mail] = await composeEmails(db(), { kind: "booking-changed", changeId: change.id });
    expect(mail).toMatchObject({ to: booking.contactEmail, subject: `Your booking ${booking.reference} has changed` });
    const props = mail.body.props as { changes: string[]; balance: unknown; when: string; byStaff: boolean };
    expect(props).toMatchObject({ changes: ["The booking moved to another date or time"], balance: { amount: "£32.00", dueDate: expect.any(String) }, byStaff: true });
    expect(props.when).toContain("07:00–12:00");
    expect(mail.attachments.map((a) => a.filename)).toEqual([`tickets-${booking.reference}.pdf`, expect.stringMatching(/\.ics$/)]);
    expect((await jobsFor(SEND_EMAIL_TASK)).some((j) => (j.payload as { changeId?: string }).changeId === change.id)).toBe(true);

    expect((await payBalance(booking.id, 3_200)).status).toBe(200);
    const paid = (await getBooking(booking.id))!;
    expect(paid).toMatchObject({ amountPaid: 4_800, paymentStatus: "paid" });
    expect(amountOwed(paid)).toBe(0);
  });

  it("refuses a new span with a full slot, naming it, and changes nothing", async () => {
    const { course, venue } = await createSlotOfferingFixture({ capacityPerSlot: 3 });
    const date = futureDate(venue.timeZone);
    const booking = await paidSpanBooking(course.id, date, "09:00", "11:00", 2);
    await paidSpanBooking(course.id, date, "13:00", "14:00", 2);
    const before = { counts: await rowCounts(), slots: await slotRows(course.id), booking: await getBooking(booking.id) };
    const move = modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(date, "12:00")), endsAt: new Date(at(date, "14:00")), reason: "Later" }, actor);
    await expect(move).rejects.toMatchObject({ code: "insufficient_capacity", details: { available: 1, slot: { localStart: "13:00" } } });
    expect(await rowCounts()).toEqual(before.counts);
    expect(await slotRows(course.id)).toEqual(before.slots);
    expect(await getBooking(booking.id)).toEqual(before.booking);
  });

  it("keeps a child who has arrived: longer on the same day is fine, another day is refused until the check-in is undone", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    const nextDay = DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;
    const booking = await paidSpanBooking(course.id, date, "10:00", "12:00", 1);
    const [ticket] = await db().select().from(tickets).where(eq(tickets.bookingId, booking.id));
    const [arrived] = await db().insert(checkIns).values({ ticketId: ticket.id, sessionId: booking.sessionId, deviceId: "Front desk", checkedInAt: new Date() }).returning();
    await modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(date, "10:00")), endsAt: new Date(at(date, "13:00")), reason: "Staying longer" }, actor);
    const before = await getBooking(booking.id);
    const move = modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(nextDay, "10:00")), endsAt: new Date(at(nextDay, "12:00")), reason: "Tomorrow" }, actor);
    await expect(move).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already checked in on this day") });
    expect(await getBooking(booking.id)).toEqual(before);
    await db().update(checkIns).set({ undoneAt: new Date() }).where(eq(checkIns.id, arrived.id));
    await modifyBookingSpan(db(), { bookingId: booking.id, startsAt: new Date(at(nextDay, "10:00")), endsAt: new Date(at(nextDay, "12:00")), reason: "Tomorrow" }, actor);
    expect((await getBooking(booking.id))!.sessionId).toBe((await slotDayOf(course.id, nextDay))!.id);
  });

  it("prices only the places that move: what an earlier cancellation kept is neither refunded nor charged again", async () => {
    const { course, venue } = await createSlotOfferingFixture();
    const date = futureDate(venue.timeZone);
    /** Two children 09:00–12:00 (£48 paid); the second cancelled a day before, inside the no-refund band. */
    const withKeptPlace = async () => {
      const booking = await paidSpanBooking(course.id, date, "09:00", "12:00", 2);
      const [, second] = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(asc(bookingAttendees.position));
      await cancelBookingByCustomer(db(), {
        bookingId: booking.id, attendeeIds: [second.id], idempotencyKey: randomUUID(), channel: "page",
        now: new Date(new Date(at(date, "09:00")).getTime() - 24 * 3_600_000),
      });
      expect(await db().select().from(refunds).where(eq(refunds.bookingId, booking.id))).toEqual([]);
      return booking;
    };

    // Shorter: the child left goes from three hours (£24) to two (£16), so £8 comes back; the £24 kept stays kept.
    const shorter = await withKeptPlace();
    const down = await modifyBookingSpan(db(), { bookingId: shorter.id, startsAt: new Date(at(date, "10:00")), endsAt: new Date(at(date, "12:00")), reason: "Collected early" }, actor);
    expect(down).toMatchObject({ difference: -800, checkoutUrl: null });
    expect((await db().select().from(refunds).where(eq(refunds.bookingId, shorter.id))).map((r) => r.amount)).toEqual([800]);
    const afterDown = (await getBooking(shorter.id))!;
    expect(afterDown).toMatchObject({ amountPaid: 4_800, amountRefunded: 800, creditedAmount: 800 });
    expect(amountOwed(afterDown)).toBe(0);
    const [moved] = await db().select().from(bookingChanges).where(eq(bookingChanges.bookingId, shorter.id)).orderBy(asc(bookingChanges.createdAt))
      .then((rows) => rows.filter((r) => r.action === "moved"));
    expect(moved.before).toMatchObject({ totalAmount: 4_800 });
    expect(moved.after).toMatchObject({ totalAmount: 4_000, difference: -800 });

    // Longer: four hours (£32) for the child left, £8 more to pay, nothing refunded.
    const longer = await withKeptPlace();
    const up = await modifyBookingSpan(db(), { bookingId: longer.id, startsAt: new Date(at(date, "09:00")), endsAt: new Date(at(date, "13:00")), reason: "Staying for lunch" }, actor);
    expect(up).toMatchObject({ difference: 800, creditNoteNumber: null, checkoutUrl: expect.any(String) });
    expect(await db().select().from(refunds).where(eq(refunds.bookingId, longer.id))).toEqual([]);
    const afterUp = (await getBooking(longer.id))!;
    expect(afterUp.totalAmount).toBe(5_600);
    expect(amountOwed(afterUp)).toBe(800);
  });
});

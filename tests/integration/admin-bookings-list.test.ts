// The staff bookings list: a booking with a place cancelled and refunded shows the places it still holds and
// the money returned, not what was first booked and paid.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { bookingAttendees, bookings } from "@/db/schema";
import { searchBookings } from "@/db/queries/admin";
import { createSessionFixture, db } from "../fixtures";
import { createPaidBooking } from "../finance-fixtures";

describe("staff bookings list", () => {
  it("shows the places still held and the amount refunded beside what was booked and paid", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "Kept", lastName: "Place" }, { firstName: "Gone", lastName: "Place" }] });
    const list = async () => (await searchBookings(db(), { q: booking.reference })).rows;
    expect((await list()).map((r) => [r.activePlaces, r.booking.attendeeCount])).toEqual([[2, 2]]);

    // One place cancelled with half the money back, as a partial cancellation records it.
    await db().update(bookingAttendees).set({ cancelledAt: new Date() })
      .where(and(eq(bookingAttendees.bookingId, booking.id), eq(bookingAttendees.firstName, "Gone")));
    await db().update(bookings).set({ amountRefunded: booking.amountPaid / 2, paymentStatus: "partially_refunded" }).where(eq(bookings.id, booking.id));
    const [row] = await list();
    expect(row.activePlaces).toBe(1);
    expect(row.booking.attendeeCount).toBe(2);
    expect(row.booking.amountRefunded).toBe(booking.amountPaid / 2);
  });
});

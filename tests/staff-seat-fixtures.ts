// Fixtures for staff seat changes: a seated concert night, paid seated bookings on it, and a second seated night.
import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { bookingAttendees, bookingChanges, courseSessions, ticketTypes } from "@/db/schema";
import { bookingBody, checkoutEvent, createBookingViaApi, db, getBooking, postWebhook, templateByCode } from "./fixtures";
import { attachSeatingPlan, createTypedSessionFixture } from "./seating-fixtures";

const DAY_MS = 86_400_000;

/** A concert night: VIP row A, Premium row B, Standard rows D–F (seat D1 a wheelchair space). */
export async function concert(capacity = 30) {
  const fx = await createTypedSessionFixture([
    { name: "Standard", priceAmount: 3_500, seatClass: "Standard", depositAmount: null },
    { name: "Premium", priceAmount: 5_500, seatClass: "Premium", depositAmount: null },
    { name: "VIP", priceAmount: 9_500, seatClass: "VIP", depositAmount: null },
  ], { capacity });
  const plan = await attachSeatingPlan(fx.session.id, fx.venue.id, [
    { row: "A", seats: 5, seatClass: "VIP" }, { row: "B", seats: 5, seatClass: "Premium" },
    { row: "D", seats: 5, seatClass: "Standard", flags: ["wheelchair"] }, { row: "E", seats: 5, seatClass: "Standard" }, { row: "F", seats: 5, seatClass: "Standard" },
  ]);
  const seat = (code: string) => plan.seats.find((s) => `${s.row}${s.number}` === code)!;
  const [standard, premium, vip] = fx.types;
  return { ...fx, ...plan, seat, standard, premium, vip };
}

export type Concert = Awaited<ReturnType<typeof concert>>;

/** A paid booking of Standard seats, one attendee per seat code; `needs` gives attendee i a requirement template. */
export async function paidSeats(c: Concert, codes: string[], o: { sessionId?: string; ticketTypeId?: string; needs?: Record<number, string>; name?: string } = {}) {
  const attendees = await Promise.all(codes.map(async (code, i) => ({
    firstName: `${o.name ?? "Sam"}${i + 1}`, lastName: "Seated", ticketTypeId: o.ticketTypeId ?? c.standard.id, seatId: c.seat(code).id,
    requirements: o.needs?.[i] ? [{ templateId: (await templateByCode(o.needs[i])).id, details: "Own chair" }] : [],
  })));
  const { booking } = await createBookingViaApi(o.sessionId ?? c.session.id, codes.length, bookingBody(o.sessionId ?? c.session.id, codes.length, { attendees }));
  const res = await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)));
  expect(res.status).toBe(200);
  return (await getBooking(booking.id))!;
}

/** Another seated session of the concert's course, selling its own Standard tickets at `price`. */
export async function secondNight(c: Concert, price: number) {
  const startsAt = new Date(Date.now() + 45 * DAY_MS);
  const [session] = await db().insert(courseSessions).values({
    courseId: c.course.id, venueId: c.venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), capacity: 20,
  }).returning();
  const [standard] = await db().insert(ticketTypes).values({ courseId: c.course.id, sessionId: session.id, name: "Standard", priceAmount: price, depositAmount: null, seatClass: "Standard" }).returning();
  const plan = await attachSeatingPlan(session.id, c.venue.id, [{ row: "K", seats: 6, seatClass: "Standard" }, { row: "L", seats: 2, seatClass: "VIP" }]);
  const seat = (code: string) => plan.seats.find((s) => `${s.row}${s.number}` === code)!;
  return { session, standard, seat, seats: plan.seats };
}

export const placesOf = (bookingId: string) => db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, bookingId)).orderBy(asc(bookingAttendees.position));
export const changesOf = (bookingId: string) => db().select().from(bookingChanges).where(eq(bookingChanges.bookingId, bookingId))
  .orderBy(asc(bookingChanges.createdAt), asc(bookingChanges.id));

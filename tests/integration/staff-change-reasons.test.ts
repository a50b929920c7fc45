// Staff may give a reason for a seat change or a seated move: trimmed, at most 500 characters (a field error
// otherwise, nothing written), kept with the change in booking_changes and shown on the staff booking page only:
// the customer's page, the email and the webhook event never carry it. A change refused because its seat was taken
// names the seat and keeps no reason either.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { and, eq, sql } from "drizzle-orm";
import { auditLogs, outboundEvents } from "@/db/schema";
import { bookingHistory, changeBooking } from "@/lib/booking/change-booking";
import { bookingAccessToken } from "@/lib/booking/reference";
import { composeEmails } from "@/lib/email/compose";
import { AppError } from "@/lib/errors";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { db, errorOf } from "../fixtures";
import { clearJobs } from "../finance-fixtures";
import { actAs, staffSession } from "../next-request";
import { seatRows } from "../seating-fixtures";
import { changesOf, concert, paidSeats, placesOf, secondNight } from "../staff-seat-fixtures";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));
vi.mock("next/navigation", (original) => import("../next-request").then((m) => m.navigationModule(original)));
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

beforeAll(warmPdfPool);
beforeEach(clearJobs);

const REASON = "Customer asked to sit nearer the aisle";

async function seatAction() {
  return (await import("@/app/admin/bookings/actions")).changeBookingSeatsAction;
}

describe("the reason for a staff seat change", () => {
  it("is stored trimmed with the change and shown to staff; the customer's page, email and webhook event never carry it", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    const admin = await staffSession("admin");
    actAs(admin);
    const act = await seatAction();
    expect(await act({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F2").id }], reason: `  ${REASON}\n ` }))
      .toMatchObject({ ok: true, data: { moved: false } });

    const [change] = await changesOf(b.id);
    expect(change).toMatchObject({ action: "seats_changed", actorEmail: admin.email, reason: REASON });
    const [audit] = await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, b.id), eq(auditLogs.action, "booking.seats_changed")));
    expect(audit.after).toMatchObject({ reason: REASON });

    // Staff: the booking page's history says why.
    actAs(admin, `/admin/bookings/${b.reference}`);
    const { default: BookingAdminPage } = await import("@/app/admin/bookings/[reference]/page");
    const staffHtml = renderToStaticMarkup(await BookingAdminPage({ params: Promise.resolve({ reference: b.reference }) }));
    expect(staffHtml).toContain(`Reason: ${REASON}`);

    // Customers: the history without it, on the page and in the email; the webhook event names only what changed.
    expect((await bookingHistory(db(), b.id)).map((h) => h.reason)).toEqual([null]);
    const { default: BookingPage } = await import("@/app/(shop)/bookings/[reference]/page");
    const customerHtml = renderToStaticMarkup(await BookingPage({ params: Promise.resolve({ reference: b.reference }), searchParams: Promise.resolve({ token: bookingAccessToken(b.id) }) }));
    expect(customerHtml).toContain("Seats changed by the box office");
    expect(customerHtml).not.toContain("aisle");
    const [mail] = await composeEmails(db(), { kind: "booking-changed", changeId: change.id });
    expect(JSON.stringify(mail.body.props)).not.toContain("aisle");
    const events = await db().select({ data: outboundEvents.data }).from(outboundEvents).where(sql`${outboundEvents.data}->>'bookingId' = ${b.id}`);
    expect(JSON.stringify(events)).not.toContain("aisle");
  });

  it("is optional: left out or blank, none is stored; 500 characters are kept", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    actAs(await staffSession("admin"));
    const act = await seatAction();
    expect(await act({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F1").id }] })).toMatchObject({ ok: true });
    expect(await act({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F2").id }], reason: "   " })).toMatchObject({ ok: true });
    const longest = "r".repeat(500);
    expect(await act({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F3").id }], reason: longest })).toMatchObject({ ok: true });
    expect((await changesOf(b.id)).map((h) => h.reason)).toEqual([null, null, longest]);
  });

  it("over 500 characters, or not text, is a field error and nothing is written", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    actAs(await staffSession("admin"));
    const act = await seatAction();
    const before = { seats: await seatRows(c.session.id), places: await placesOf(b.id) };
    expect(await act({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F1").id }], reason: "x".repeat(501) }))
      .toEqual({ ok: false, code: "invalid_request", message: "Some fields need attention.", fields: { reason: "At most 500 characters" } });
    expect(await act({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F1").id }], reason: 42 }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { reason: "The reason must be text" } });
    expect(await changesOf(b.id)).toEqual([]);
    expect(await seatRows(c.session.id)).toEqual(before.seats);
    expect(await placesOf(b.id)).toEqual(before.places);
  });

  it("comes with a seated move too", async () => {
    const c = await concert();
    const night = await secondNight(c, 3_500);
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    actAs(await staffSession("finance"));
    const act = await seatAction();
    expect(await act({ bookingId: b.id, sessionId: night.session.id, seats: [{ attendeeId: ann.id, seatId: night.seat("K2").id }], reason: "Moved at the customer's request" }))
      .toMatchObject({ ok: true, data: { moved: true } });
    expect(await changesOf(b.id)).toEqual([expect.objectContaining({ action: "moved", reason: "Moved at the customer's request" })]);
  });

  it("is for staff only: a customer's change with a reason is refused", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1"]);
    const [ann] = await placesOf(b.id);
    expect(await errorOf(changeBooking(db(), {
      bookingId: b.id, actor: { kind: "booker", email: b.contactEmail }, reason: "mine",
      change: { attendees: [{ attendeeId: ann.id, firstName: "Ann", lastName: "Other", requirements: [] }] },
    }))).toMatchObject({ code: "forbidden" });
    expect(await changesOf(b.id)).toEqual([]);
  });

  it("a change refused because its seat was just taken names the seat, answers 409 and keeps nothing, reason included", async () => {
    const c = await concert();
    const b = await paidSeats(c, ["E1"]);
    await paidSeats(c, ["F4"], { name: "Other" });
    const [ann] = await placesOf(b.id);
    actAs(await staffSession("admin"));
    const act = await seatAction();
    const before = await seatRows(c.session.id);
    const refused = await act({ bookingId: b.id, sessionId: c.session.id, seats: [{ attendeeId: ann.id, seatId: c.seat("F4").id }], reason: REASON });
    expect(refused).toEqual({
      ok: false, code: "seat_unavailable", message: "That seat was just taken (Stalls, row F, seat 4): choose another seat.",
      fields: { "seats.0.seatId": "Stalls, row F, seat 4 was just taken; choose another seat" },
    });
    expect(new AppError(refused.ok ? "internal_error" : refused.code).status).toBe(409);
    expect(await changesOf(b.id)).toEqual([]);
    expect(await seatRows(c.session.id)).toEqual(before);
  });
});

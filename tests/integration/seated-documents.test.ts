// Each place's ticket type and seat travel everywhere the booking is shown: the API, the requirements
// dashboard, the confirmation email and its PDF, and the attendee's own email.
import { beforeEach, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { GET as getBookingRoute } from "@/app/api/v1/bookings/[reference]/route";
import { listSessionRequirements } from "@/db/queries/requirements";
import { bookingAccessToken } from "@/lib/booking/reference";
import { bookingBody, callGet, checkoutEvent, createBookingViaApi, db, getBooking, postWebhook, templateByCode } from "../fixtures";
import { clearJobs, pdfText, runJobs, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { attachSeatingPlan, createTypedSessionFixture } from "../seating-fixtures";

const mail = receiveMailForTests();
beforeEach(clearJobs);

const attachment = (m: ParsedMail, ending: string) => m.attachments.find((a) => a.filename?.endsWith(ending));

describe("a seated booking, paid", () => {
  it("shows each attendee's ticket type and seat on every document", async () => {
    const fx = await createTypedSessionFixture([
      { name: "Standard", priceAmount: 3_500, seatClass: "Standard" },
      { name: "VIP", priceAmount: 9_500, seatClass: "VIP" },
    ]);
    const { seats } = await attachSeatingPlan(fx.session.id, fx.venue.id, [
      { row: "A", seats: 4, seatClass: "VIP" }, { row: "B", seats: 4, seatClass: "Standard", flags: ["wheelchair"] },
    ]);
    const [standard, vip] = fx.types;
    const wheelchairSpace = seats.find((s) => s.flags.includes("wheelchair"))!;
    const booker = uniqueEmail("booker");
    const guest = uniqueEmail("guest");
    const wheelchair = await templateByCode("access_wheelchair");
    const { booking } = await createBookingViaApi(fx.session.id, 2, bookingBody(fx.session.id, 2, {
      contact: { name: "Vic Seated", email: booker, phone: "+44 20 7946 0005" },
      attendees: [
        { firstName: "Vic", lastName: "Seated", email: booker, ticketTypeId: vip.id, seatId: seats[1].id },
        { firstName: "Wren", lastName: "Wheels", email: guest, ticketTypeId: standard.id, seatId: wheelchairSpace.id, requirements: [{ templateId: wheelchair.id }] },
      ],
    }));
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    await runJobs();

    // The API.
    const api = await callGet(getBookingRoute, `/api/v1/bookings/${booking.reference}`, { reference: booking.reference },
      { authorization: `Bearer ${bookingAccessToken(booking.id)}` });
    expect(api.json.booking.attendees.map((a: { ticketType: { name: string }; seat: { label: string }; unitAmount: number }) => [a.ticketType.name, a.seat.label, a.unitAmount]))
      .toEqual([["VIP", "Stalls, row A, seat 2", 9_500], ["Standard", "Stalls, row B, seat 1", 3_500]]);

    // The requirements dashboard names the seat of the attendee with a need.
    const needs = await listSessionRequirements(db(), [fx.session.id]);
    expect(needs.map((n) => [n.firstName, n.seatLabel])).toEqual([["Wren", "Stalls, row B, seat 1"]]);

    // The booker's confirmation and its PDF; the guest's own email names only their ticket.
    const [m] = mail.to(booker);
    expect(m.text).toContain("Vic Seated (VIP · Stalls, row A, seat 2)");
    expect(m.text).toContain("Wren Wheels (Standard · Stalls, row B, seat 1)");
    const confirmation = (await pdfText(attachment(m, `booking-${booking.reference}.pdf`)!.content)).replace(/\s+/g, " ");
    expect(confirmation).toContain("VIP · Stalls, row A, seat 2");
    expect(confirmation).toContain("Standard · Stalls, row B, seat 1");
    const [own] = mail.to(guest);
    expect(own.text).toContain("Standard · Stalls, row B, seat 1");
    expect(own.text).not.toContain("row A");
    expect((await getBooking(booking.id))!.status).toBe("confirmed");
  });
});

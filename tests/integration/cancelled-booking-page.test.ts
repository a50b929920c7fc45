// The page of a booking that was cancelled whole says so, and how much of what was paid comes back: all of it,
// the part the cancellation policy allows, or none.
import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { bookingAccessToken } from "@/lib/booking/reference";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { createSessionFixture, db, getBooking } from "../fixtures";
import { clearJobs, createPaidBooking } from "../finance-fixtures";
import { actAs, staffSession } from "../next-request";
import { recordOfflinePaymentAction } from "@/app/admin/finance/actions";
import { processPendingRefunds } from "@/lib/payments/refunds";
import { refundBooking } from "@/lib/payments/refund-booking";
import { isoDay } from "@/lib/invoices/periods";
import { env } from "@/lib/env";
import { eq } from "drizzle-orm";
import { bookingAttendees } from "@/db/schema";

// The booking page's client parts ask for the router, which only a browser-side app provides.
vi.mock("next/navigation", (original) => import("../next-request").then((m) => m.navigationModule(original)));
vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeEach(clearJobs);

async function pageText(booking: { id: string; reference: string }) {
  const { default: BookingPage } = await import("@/app/(shop)/bookings/[reference]/page");
  const element = await BookingPage({ params: Promise.resolve({ reference: booking.reference }), searchParams: Promise.resolve({ token: bookingAccessToken(booking.id) }) });
  return renderToStaticMarkup(element).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

async function cancelledWhole(startsInDays: number) {
  const { session } = await createSessionFixture({ capacity: 6, priceAmount: 12_000, depositAmount: null, startsInDays });
  const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }] });
  await cancelBookingByCustomer(db(), { bookingId: booking.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
  expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", statusReason: "cancelled_by_customer" });
  const { default: BookingPage } = await import("@/app/(shop)/bookings/[reference]/page");
  const element = await BookingPage({ params: Promise.resolve({ reference: booking.reference }), searchParams: Promise.resolve({ token: bookingAccessToken(booking.id) }) });
  return renderToStaticMarkup(element).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("a booking the customer cancelled whole", () => {
  it("with half refunded under the policy: cancelled, not 'refunded', and the part that comes back", async () => {
    const page = await cancelledWhole(5);
    expect(page).toContain("Booking cancelled");
    expect(page).not.toContain("Booking refunded");
    expect(page).toContain("You cancelled this booking. £120.00 of the £240.00 you paid goes back to the card you paid with, as the cancellation policy allows.");
  });

  it("with everything refunded, and with nothing refunded", async () => {
    expect(await cancelledWhole(30)).toContain("You cancelled this booking. Everything you paid, £240.00, goes back to the card you paid with.");
    expect(await cancelledWhole(1)).toContain("You cancelled this booking. Under the cancellation policy none of the £240.00 you paid is refunded.");
  });
});

describe("a booking refunded in part by hand", () => {
  it("counts the money waiting to be paid back by transfer, and names no policy for a refund staff made", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit" });
    const finance = await staffSession("finance");
    actAs(finance);
    expect(await recordOfflinePaymentAction({
      bookingId: booking.id, method: "bank_transfer", receivedAmount: "90.00", receivedOn: isoDay(new Date(), env().FINANCE_TIME_ZONE),
      reference: "Transfer", idempotencyKey: randomUUID(),
    })).toMatchObject({ ok: true });
    const places = await db().select({ id: bookingAttendees.id }).from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: places.map((p) => p.id), amount: 12_000, reason: "Course withdrawn" }, { id: finance.id, email: finance.email });
    await processPendingRefunds(db());
    // The card's £30 is back; the transfer's £90 waits for finance to pay it back.
    expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", amountRefunded: 3_000 });
    const page = await pageText(booking);
    expect(page).toContain("Everything you paid, £120.00, goes back the way you paid");
    expect(page).not.toContain("cancellation policy");
  });
});

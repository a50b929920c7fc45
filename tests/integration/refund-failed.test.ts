// charge.refund.updated: a refund that fails (or is cancelled) at the provider after it was accepted is
// marked failed for finance, its money is taken off the booking again, and the customer is never told of a
// refund that did not happen.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { bookingAttendees, payments, refunds } from "@/db/schema";
import { bookingAccessToken } from "@/lib/booking/reference";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createSessionFixture, db, getBooking, postWebhook } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";

// The booking page's client parts ask for the router, which only a browser-side app provides.
vi.mock("next/navigation", (original) => import("../next-request").then((m) => m.navigationModule(original)));

beforeEach(clearJobs);

function refundUpdatedEvent(refund: { providerRefundId: string; id: string; amount: number }, paymentIntent: string, status: string) {
  return JSON.stringify({
    id: `evt_${randomUUID().replaceAll("-", "")}`, object: "event", type: "charge.refund.updated", livemode: false, created: Math.floor(Date.now() / 1000),
    data: { object: {
      id: refund.providerRefundId, object: "refund", status, failure_reason: "expired_or_canceled_card", amount: refund.amount,
      payment_intent: paymentIntent, metadata: { refundId: refund.id },
    } },
  });
}

async function bookingPageText(reference: string, bookingId: string) {
  const { default: BookingPage } = await import("@/app/(shop)/bookings/[reference]/page");
  const element = await BookingPage({ params: Promise.resolve({ reference }), searchParams: Promise.resolve({ token: bookingAccessToken(bookingId) }) });
  return renderToStaticMarkup(element);
}

describe("a refund that fails at the provider", () => {
  const mail = receiveMailForTests();

  it("is marked failed with the reason, taken off the booking, and never shown or emailed to the customer as made", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 12_000, depositAmount: null });
    const booker = uniqueEmail("failed-refund");
    const booking = await createPaidBooking(session.id, { contact: { email: booker }, attendees: [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }] });
    const attendees = await db().select({ id: bookingAttendees.id }).from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    const actor = { id: null, email: "finance@turnout.test" };
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: attendees.map((a) => a.id), amount: booking.amountPaid, reason: "Cancelled by phone" }, actor);
    const [made] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
    expect(made).toMatchObject({ status: "succeeded", providerRefundId: expect.any(String) });
    expect(await getBooking(booking.id)).toMatchObject({ status: "refunded", amountRefunded: booking.amountPaid, paymentStatus: "refunded" });
    const [payment] = await db().select().from(payments).where(eq(payments.id, made.paymentId));

    // The issuer rejects it before the confirmation email went out.
    const event = refundUpdatedEvent({ providerRefundId: made.providerRefundId!, id: made.id, amount: made.amount }, payment.providerPaymentId, "failed");
    expect((await postWebhook(event)).status).toBe(200);
    const [failed] = await db().select().from(refunds).where(eq(refunds.id, made.id));
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(/^Failed at the payment provider: expired_or_canceled_card; the money did not go back$/);
    expect(await getBooking(booking.id)).toMatchObject({ amountRefunded: 0, paymentStatus: "paid" });
    expect((await db().select().from(payments).where(eq(payments.id, payment.id)))[0].amountRefunded).toBe(0);

    // Replayed, or told again: nothing moves twice.
    await postWebhook(event);
    await postWebhook(refundUpdatedEvent({ providerRefundId: made.providerRefundId!, id: made.id, amount: made.amount }, payment.providerPaymentId, "canceled"));
    expect(await getBooking(booking.id)).toMatchObject({ amountRefunded: 0 });

    await runJobs();
    expect(mail.to(booker).filter((m) => m.subject?.startsWith("Refund of"))).toEqual([]);
    const page = await bookingPageText(booking.reference, booking.id);
    expect(page).toContain("Booking cancelled");
    expect(page).toContain("Your refund has not gone through yet");
    expect(page).not.toContain("Booking refunded");
  });

  it("ignores updates that are not failures, and refunds that are not ours", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 12_000, depositAmount: null });
    const booking = await createPaidBooking(session.id);
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 1_000, reason: "Goodwill" }, { id: null, email: "f@turnout.test" });
    const [made] = await db().select().from(refunds).where(eq(refunds.bookingId, booking.id));
    const [payment] = await db().select().from(payments).where(eq(payments.id, made.paymentId));
    await postWebhook(refundUpdatedEvent({ providerRefundId: made.providerRefundId!, id: made.id, amount: made.amount }, payment.providerPaymentId, "succeeded"));
    await postWebhook(refundUpdatedEvent({ providerRefundId: "re_unknown", id: randomUUID(), amount: 1_000 }, payment.providerPaymentId, "failed"));
    expect((await db().select().from(refunds).where(eq(refunds.id, made.id)))[0].status).toBe("succeeded");
    expect(await getBooking(booking.id)).toMatchObject({ amountRefunded: 1_000, paymentStatus: "partially_refunded" });
  });
});

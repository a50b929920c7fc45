// Counts and sums taken in a subquery of another table's rows: each must be of its own row. (Drizzle writes a
// column of a single-table select as a bare "id", which inside a subquery names the subquery's own table, so
// these counted nothing, or everything, until the outer column was written qualified.)
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookingAnswers, courseQuestions, outboundEvents, payments, refunds, webhookDeliveries } from "@/db/schema";
import { listCoursesForAdmin } from "@/db/queries/admin";
import { questionsForAdmin } from "@/db/queries/admin-slot-offerings";
import { refundablePayments } from "@/lib/payments/refund-booking";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { createSessionFixture, db } from "../fixtures";
import { createPaidBooking } from "../finance-fixtures";

const admin = { id: null, email: "admin@turnout.example" };

describe("counts of each row's own children", () => {
  it("what is left to refund on a payment deducts its pending refunds, and a payment refunded apart does not count", async () => {
    const { session } = await createSessionFixture({ priceAmount: 10_000, depositAmount: null });
    const booking = await createPaidBooking(session.id);
    const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    expect(await refundablePayments(db(), booking.id)).toEqual([expect.objectContaining({ id: payment.id, refundable: 10_000 })]);
    await db().insert(refunds).values({ bookingId: booking.id, paymentId: payment.id, amount: 2_500, currency: "GBP", reason: "test", status: "pending" });
    expect(await refundablePayments(db(), booking.id)).toEqual([expect.objectContaining({ id: payment.id, refundable: 7_500 })]);
    await db().insert(refunds).values({ bookingId: booking.id, paymentId: payment.id, amount: 1, currency: "GBP", reason: "test", status: "pending", countsAgainstBooking: false });
    expect(await refundablePayments(db(), booking.id)).toEqual([]);
  });

  it("the staff course list counts each course's upcoming sessions", async () => {
    const { course } = await createSessionFixture();
    const row = (await listCoursesForAdmin(db())).find((r) => r.course.id === course.id);
    expect(row?.upcomingSessions).toBe(1);
  });

  it("a course's questions count their own answers", async () => {
    const { course } = await createSessionFixture();
    const booking = await createPaidBooking((await createSessionFixture()).session.id);
    const [asked, unasked] = await db().insert(courseQuestions).values([
      { courseId: course.id, kind: "short_text", scope: "per_booking", label: "Asked" },
      { courseId: course.id, kind: "short_text", scope: "per_booking", label: "Not asked", sortOrder: 1 },
    ]).returning();
    await db().insert(bookingAnswers).values({ bookingId: booking.id, questionId: asked.id, label: "Asked", sensitive: false, value: "yes" });
    const counts = Object.fromEntries((await questionsForAdmin(db(), course.id)).map((q) => [q.question.id, q.answers]));
    expect(counts).toEqual({ [asked.id]: 1, [unasked.id]: 0 });
  });

  it("each webhook endpoint counts its own failed deliveries", async () => {
    const url = `https://hooks.example.com/${randomUUID()}`;
    const failing = await createWebhookEndpoint(db(), admin, { url, description: null, events: ["booking.created"], receivesHealthData: false });
    const fine = await createWebhookEndpoint(db(), admin, { url: `${url}/ok`, description: null, events: ["booking.created"], receivesHealthData: false });
    const [event] = await db().insert(outboundEvents).values({ type: "booking.created", data: {} }).returning();
    await db().insert(webhookDeliveries).values([
      { eventId: event.id, endpointId: failing.id, status: "failed" },
      { eventId: event.id, endpointId: fine.id, status: "succeeded", deliveredAt: new Date() },
    ]);
    const listed = Object.fromEntries((await listWebhookEndpoints(db())).map((e) => [e.id, e.failedDeliveries]));
    expect([listed[failing.id], listed[fine.id]]).toEqual([1, 0]);
  });
});

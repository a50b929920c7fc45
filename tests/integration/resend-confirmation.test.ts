// Staff send a booking's confirmation again: one more message per request (a double click sends one), only for a
// paid booking, only by admin or finance, and audited.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { auditLogs, emailMessages } from "@/db/schema";
import { resendConfirmation } from "@/app/admin/bookings/[reference]/actions";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { createBookingViaApi, createSessionFixture, db } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs } from "../finance-fixtures";
import { actAs, staffSession } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeAll(warmPdfPool);
beforeEach(clearJobs);

const confirmations = (bookingId: string) => db().select().from(emailMessages)
  .where(and(eq(emailMessages.bookingId, bookingId), like(emailMessages.idempotencyKey, `booking-confirmed:${bookingId}%`)));

describe("sending the confirmation again", () => {
  it("sends one more message per request, with the documents, and records who asked", async () => {
    const { session } = await createSessionFixture({ depositAmount: null });
    const booking = await createPaidBooking(session.id);
    await runJobs();
    expect(await confirmations(booking.id)).toHaveLength(1);

    const finance = await staffSession("finance");
    actAs(finance);
    const request = { bookingId: booking.id, requestId: randomUUID() };
    expect((await Promise.all(Array.from({ length: 5 }, () => resendConfirmation(request)))).every((r) => r.ok)).toBe(true);
    await runJobs();
    const sent = await confirmations(booking.id);
    expect(sent).toHaveLength(2);
    const again = sent.find((m) => m.idempotencyKey.includes(":resend:"))!;
    expect(again).toMatchObject({ toAddress: booking.contactEmail, status: "sent" });
    expect(again.attachments!.map((a) => a.filename).join(" ")).toMatch(/\.pdf.*\.ics|\.ics.*\.pdf/);
    expect(await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, booking.id), eq(auditLogs.action, "booking.resend_confirmation"))))
      .toMatchObject([{ actorEmail: finance.email }]);

    await resendConfirmation({ bookingId: booking.id, requestId: randomUUID() });
    await runJobs();
    expect(await confirmations(booking.id)).toHaveLength(3);
  });

  it("refuses an unpaid booking and door staff", async () => {
    const { session } = await createSessionFixture({ depositAmount: null });
    const { booking } = await createBookingViaApi(session.id, 1);
    actAs(await staffSession("admin"));
    expect(await resendConfirmation({ bookingId: booking.id, requestId: randomUUID() }))
      .toMatchObject({ ok: false, code: "conflict", message: "Only a paid booking has a confirmation to send." });
    actAs(await staffSession("door"));
    expect(await resendConfirmation({ bookingId: booking.id, requestId: randomUUID() })).toMatchObject({ ok: false, code: "forbidden" });
  });
});

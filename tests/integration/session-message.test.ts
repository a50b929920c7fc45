// Staff email a session's bookers: each paid booking's booker gets the message once (a repeated submission sends
// nothing more), unpaid and cancelled bookings get none, bad input and door staff are refused with nothing sent.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { auditLogs, emailMessages } from "@/db/schema";
import { messageSessionBookersAction } from "@/app/admin/sessions/actions";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { createBookingViaApi, createSessionFixture, db, rowCounts } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { actAs, staffSession } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

const mail = receiveMailForTests();
beforeEach(clearJobs);

describe("messaging a session's bookers", () => {
  it("emails each paid booking's booker once, in paragraphs, with the session's facts and their booking", async () => {
    const { session } = await createSessionFixture({ capacity: 10, depositAmount: null });
    const [ann, bo, gone] = await Promise.all(["ann", "bo", "gone"].map((n) => createPaidBooking(session.id, { contact: { email: uniqueEmail(n) } })));
    await cancelBookingByCustomer(db(), { bookingId: gone.id, attendeeIds: [], idempotencyKey: randomUUID(), channel: "page" });
    const unpaid = await createBookingViaApi(session.id, 1);
    await runJobs();
    const admin = await staffSession("admin");
    actAs(admin);
    const request = { sessionId: session.id, subject: "Room change", message: "We move to Room 2.\n\nEverything else stays.", requestId: randomUUID() };
    const answers = await Promise.all(Array.from({ length: 4 }, () => messageSessionBookersAction(request)));
    for (const a of answers) expect(a).toEqual({ ok: true, data: { recipients: 2 } });
    await runJobs();

    for (const b of [ann, bo]) {
      const got = mail.to(b.contactEmail).filter((m) => m.subject?.startsWith("Room change"));
      expect(got).toHaveLength(1);
      expect(got[0].subject).toContain(b.reference);
      expect(got[0].html).toContain("We move to Room 2.");
      expect(got[0].html).toContain(`/bookings/${b.reference}?token=`);
    }
    for (const id of [gone.id, unpaid.booking.id])
      expect(await db().select().from(emailMessages).where(and(eq(emailMessages.bookingId, id), like(emailMessages.idempotencyKey, "session-message:%")))).toEqual([]);
    expect(await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, session.id), eq(auditLogs.action, "session.message_bookers"))))
      .toMatchObject([{ actorEmail: admin.email, after: { subject: "Room change", recipients: 2 } }]);
  });

  it("refuses an empty message, a session nobody paid for, and door staff, sending nothing", async () => {
    const { session } = await createSessionFixture({ capacity: 10, depositAmount: null });
    actAs(await staffSession("admin"));
    const before = await rowCounts();
    expect(await messageSessionBookersAction({ sessionId: session.id, subject: "", message: " ", requestId: randomUUID() }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { subject: "Subject is required", message: "Message is required" } });
    expect(await messageSessionBookersAction({ sessionId: session.id, subject: "Hello", message: "Hi", requestId: randomUUID() }))
      .toMatchObject({ ok: false, code: "conflict", message: "Nobody has a paid booking on this session to email." });
    actAs(await staffSession("door"));
    expect(await messageSessionBookersAction({ sessionId: session.id, subject: "Hello", message: "Hi", requestId: randomUUID() }))
      .toMatchObject({ ok: false, code: "forbidden" });
    expect(await rowCounts()).toEqual(before);
  });
});

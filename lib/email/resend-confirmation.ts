// Staff send a booking's confirmation again (the customer lost it, or it went to spam): queued like the first,
// with the documents as they are now, one message per request.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLogs } from "@/db/schema";
import { getBookingById } from "@/db/queries/bookings";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { queueEmail } from "./jobs";

export async function resendBookingConfirmation(db: Db, actor: AuditActor, p: { bookingId: string; requestId: string }) {
  const booking = await getBookingById(db, p.bookingId);
  if (!booking) throw new AppError("booking_not_found");
  if (booking.status !== "confirmed") throw new AppError("conflict", { reason: "not_confirmed" }, "Only a paid booking has a confirmation to send.");
  await db.transaction(async (tx) => {
    // A repeat of the same request (a double click, a retry) queues and records nothing more.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`resend-confirmation:${p.requestId}`}))`);
    const [seen] = await tx.select({ id: auditLogs.id }).from(auditLogs)
      .where(and(eq(auditLogs.action, "booking.resend_confirmation"), eq(auditLogs.entityId, booking.id), sql`${auditLogs.after}->>'requestId' = ${p.requestId}`));
    if (seen) return;
    await queueEmail(tx, { kind: "booking-confirmed", bookingId: booking.id, resendId: p.requestId });
    await recordAudit(tx, actor, { action: "booking.resend_confirmation", entityType: "booking", entityId: booking.id, after: { to: booking.contactEmail, requestId: p.requestId } });
  });
}

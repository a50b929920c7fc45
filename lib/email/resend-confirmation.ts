// Staff send a booking's confirmation again (the customer lost it, or it went to spam): queued like the first,
// with the documents as they are now, one message per request.
import type { Db } from "@/db";
import { getBookingById } from "@/db/queries/bookings";
import { earlierRequest } from "@/lib/audit/earlier-request";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { queueEmail } from "./jobs";

export async function resendBookingConfirmation(db: Db, actor: AuditActor, p: { bookingId: string; requestId: string }) {
  const booking = await getBookingById(db, p.bookingId);
  if (!booking) throw new AppError("booking_not_found");
  if (booking.status !== "confirmed") throw new AppError("conflict", { reason: "not_confirmed" }, "Only a paid booking has a confirmation to send.");
  await db.transaction(async (tx) => {
    // A repeat of the same request (a double click, a retry) queues and records nothing more.
    if (await earlierRequest(tx, { action: "booking.resend_confirmation", entityId: booking.id, requestId: p.requestId })) return;
    await queueEmail(tx, { kind: "booking-confirmed", bookingId: booking.id, resendId: p.requestId });
    await recordAudit(tx, actor, { action: "booking.resend_confirmation", entityType: "booking", entityId: booking.id, after: { to: booking.contactEmail, requestId: p.requestId } });
  });
}

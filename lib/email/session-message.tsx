// Staff email everyone booked on a session (a room change, what to bring): one message to each paid booking's
// booker, queued in one transaction with its audit entry; the same request (a double submit) sends nothing more.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { getBookingDetail } from "@/db/queries/bookings";
import { bookings, courseSessions } from "@/db/schema";
import { earlierRequest } from "@/lib/audit/earlier-request";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { bookingPageUrl } from "@/lib/booking/open-checkout";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatSessionWhen } from "@/lib/format";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import SessionMessageEmail from "@/emails/session-message";
import { venueLine } from "./calendar-file";
import type { ComposedEmail } from "./deliver";
import { emailKey, queueEmail, type EmailJob } from "./jobs";

export type SessionMessage = { sessionId: string; subject: string; message: string; requestId: string };

/** Queues the message to every paid booking of the session. Returns how many bookers it goes to. */
export async function messageSessionBookers(db: Db, actor: AuditActor, p: SessionMessage): Promise<{ recipients: number }> {
  return db.transaction(async (tx) => {
    const [session] = await tx.select({ id: courseSessions.id, status: courseSessions.status }).from(courseSessions).where(eq(courseSessions.id, p.sessionId));
    if (!session) throw new AppError("session_not_found");
    if (session.status !== "scheduled") throw new AppError("conflict", { reason: "session_cancelled" }, "This session is cancelled: its bookers have been told.");
    // A repeat of the same request (a double submit, a retry after a lost answer) sends nothing more.
    const seen = await earlierRequest(tx, { action: "session.message_bookers", entityId: p.sessionId, requestId: p.requestId });
    if (seen) return { recipients: seen.recipients as number };
    const paid = await tx.select({ id: bookings.id }).from(bookings)
      .where(and(eq(bookings.sessionId, p.sessionId), eq(bookings.status, "confirmed")));
    if (paid.length === 0) throw new AppError("conflict", { reason: "no_bookers" }, "Nobody has a paid booking on this session to email.");
    for (const b of paid)
      await queueEmail(tx, { kind: "session-message", bookingId: b.id, messageId: p.requestId, subject: p.subject, message: p.message });
    await recordAudit(tx, actor, {
      action: "session.message_bookers", entityType: "session", entityId: p.sessionId,
      after: { requestId: p.requestId, subject: p.subject, message: p.message, recipients: paid.length },
    });
    return { recipients: paid.length };
  });
}

export async function composeSessionMessage(db: Db, job: Extract<EmailJob, { kind: "session-message" }>): Promise<ComposedEmail[]> {
  const d = await getBookingDetail(db, job.bookingId);
  // A booking cancelled since the message was written is not sent it.
  if (!d || d.booking.status !== "confirmed") return [];
  const b = d.booking;
  return [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `${job.subject} (${d.course.title}, ${b.reference})`,
    body: (
      <SessionMessageEmail sellerName={sellerSnapshot(env()).name} bookerName={b.contactName} subject={job.subject}
        paragraphs={job.message.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean)} course={d.course.title}
        when={formatSessionWhen(d.session.startsAt, d.session.endsAt, d.venue.timeZone)} where={venueLine(d.venue)}
        reference={b.reference} bookingUrl={bookingPageUrl(b)} />
    ),
    attachments: [],
  }];
}

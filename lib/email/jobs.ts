// Email jobs: what each kind of email needs to be composed, its idempotency key, and how it is queued.
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { enqueueJob, type JobPriority } from "@/lib/jobs/enqueue";
import { MEMBER_LEVELS } from "@/lib/validations/member-levels";

export const emailJobSchema = z.discriminatedUnion("kind", [
  // `resendId`: staff sent the confirmation again (one message per request), with its documents as they are now.
  z.object({ kind: z.literal("booking-confirmed"), bookingId: z.uuid(), resendId: z.uuid().optional() }),
  z.object({ kind: z.literal("attendee-place"), attendeeId: z.uuid() }),
  // `ticketed`: places (attendee ids) the payment paid for and ticketed now; their tickets go with the receipt.
  z.object({ kind: z.literal("balance-receipt"), paymentId: z.uuid(), ticketed: z.array(z.uuid()).optional() }),
  z.object({ kind: z.literal("balance-reminder"), bookingId: z.uuid() }),
  z.object({ kind: z.literal("refund-confirmed"), creditNoteId: z.uuid() }),
  z.object({ kind: z.literal("admin-new-booking"), bookingId: z.uuid() }),
  z.object({ kind: z.literal("admin-critical"), bookingId: z.uuid() }),
  z.object({ kind: z.literal("late-payment-refunded"), refundId: z.uuid() }),
  // Customer self-service (lib/self-service/emails.tsx).
  z.object({ kind: z.literal("booking-cancelled"), cancellationId: z.uuid() }),
  z.object({ kind: z.literal("admin-booking-cancelled"), cancellationId: z.uuid() }),
  z.object({ kind: z.literal("waitlist-joined"), entryId: z.uuid() }),
  z.object({ kind: z.literal("waitlist-offer"), offerId: z.uuid() }),
  z.object({ kind: z.literal("booking-changed"), changeId: z.uuid() }),
  // Staff moved the booking's session to another time or place: `sequence` is the booking's calendar version
  // it announces (a later change supersedes it), `was` the session as it was.
  z.object({
    kind: z.literal("session-changed"), bookingId: z.uuid(), sequence: z.number().int().min(1),
    was: z.object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), venueId: z.uuid() }),
  }),
  // The day before a booking's session or time slot (lib/email/session-reminder.tsx); `startsAt` names the start
  // it reminds of, so a booking moved meanwhile is reminded of its new time only.
  z.object({ kind: z.literal("session-reminder"), bookingId: z.uuid(), startsAt: z.iso.datetime({ offset: true }) }),
  // Staff's own message to a session's bookers (lib/email/session-message.tsx), one job per booking.
  z.object({ kind: z.literal("session-message"), bookingId: z.uuid(), messageId: z.uuid(), subject: z.string().min(1).max(150), message: z.string().min(1).max(5000) }),
  // Fan-club members told of a new session (lib/members/notification-email.tsx), one message per member.
  // `levels`: the membership levels staff chose to tell; absent (jobs queued before the choice existed) means all.
  // A weekly series is told in one email: its first session, and the others.
  z.object({
    kind: z.literal("members-new-session"), sessionId: z.uuid(), alsoSessionIds: z.array(z.uuid()).max(60).optional(),
    levels: z.array(z.enum(MEMBER_LEVELS)).optional(),
  }),
  // A members-only presale opening (lib/members/notification-email.tsx): sent when it starts, to its levels'
  // members; `startsAt` names the window announced, so a window changed or removed meanwhile sends nothing.
  z.object({ kind: z.literal("members-presale-open"), target: z.enum(["course", "ticket_type"]), targetId: z.uuid(), startsAt: z.iso.datetime({ offset: true }) }),
]);

export type EmailJob = z.infer<typeof emailJobSchema>;

/** One reminder per booking and start: the queueing query finds the ones sent by this key. */
export function sessionReminderKey(bookingId: string, startsAt: Date): string {
  return `session-reminder:${bookingId}:${Math.floor(startsAt.getTime() / 1000)}`;
}

export const SEND_EMAIL_TASK = "email.send";

/** The cause of an email: one message per key (admin alerts add the recipient, one message each). */
export function emailKey(job: EmailJob): string {
  switch (job.kind) {
    case "booking-confirmed": return job.resendId ? `${job.kind}:${job.bookingId}:resend:${job.resendId}` : `${job.kind}:${job.bookingId}`;
    case "attendee-place": return `${job.kind}:${job.attendeeId}`;
    case "balance-receipt": return `${job.kind}:${job.paymentId}`;
    case "refund-confirmed": return `${job.kind}:${job.creditNoteId}`;
    case "late-payment-refunded": return `${job.kind}:${job.refundId}`;
    case "booking-cancelled": case "admin-booking-cancelled": return `${job.kind}:${job.cancellationId}`;
    case "waitlist-joined": return `${job.kind}:${job.entryId}`;
    case "waitlist-offer": return `${job.kind}:${job.offerId}`;
    case "booking-changed": return `${job.kind}:${job.changeId}`;
    case "session-changed": return `${job.kind}:${job.bookingId}:${job.sequence}`;
    case "session-message": return `${job.kind}:${job.messageId}:${job.bookingId}`;
    case "session-reminder": return sessionReminderKey(job.bookingId, new Date(job.startsAt));
    case "members-new-session": return `${job.kind}:${job.sessionId}`;
    case "members-presale-open": return `${job.kind}:${job.target}:${job.targetId}`;
    default: return `${job.kind}:${job.bookingId}`;
  }
}

/** Who waits for an email of this kind (lib/jobs/enqueue.ts): staff's notices and announcements to members go after customers' messages. */
export function emailPriority(kind: EmailJob["kind"]): JobPriority {
  switch (kind) {
    case "admin-new-booking": case "admin-critical": case "admin-booking-cancelled": return "staff";
    case "members-new-session": case "members-presale-open": return "background";
    default: return "customer";
  }
}

/** Queues an email in the caller's transaction: it exists if and only if its cause committed. */
export async function queueEmail(tx: DbOrTx, job: EmailJob, options: { runAt?: Date } = {}) {
  await enqueueJob(tx, SEND_EMAIL_TASK, job, { jobKey: `email:${emailKey(job)}`, runAt: options.runAt, maxAttempts: 12, priority: emailPriority(job.kind) });
}

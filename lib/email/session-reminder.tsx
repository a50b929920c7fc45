// The day before a booking's session (or time slot), its booker is reminded of when, where and who: once per
// booking and start. An hourly job (lib/jobs/worker.ts's crontab, shared by every instance) queues a reminder
// for each paid booking whose start is within the next day and was booked before that day began; bookings made
// closer to the start have just had their confirmation and get none.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { getBookingDetail } from "@/db/queries/bookings";
import { amountOwed } from "@/lib/booking/balance";
import { bookingPageUrl } from "@/lib/booking/open-checkout";
import { env } from "@/lib/env";
import { formatMoney, formatSessionWhen } from "@/lib/format";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import SessionReminderEmail from "@/emails/session-reminder";
import { venueLine } from "./calendar-file";
import type { ComposedEmail } from "./deliver";
import { emailKey, queueEmail, type EmailJob } from "./jobs";

export const SESSION_REMINDERS_TASK = "email:queue-session-reminders";

/** How long before the start the reminder goes. */
export const REMINDER_LEAD_HOURS = 24;

/**
 * Queues the reminders due now: paid bookings of scheduled sessions starting within the lead time, confirmed
 * before it began, not reminded of that start yet. Idempotent (the email's key); returns how many were queued.
 */
export async function queueSessionReminders(db: Db, now = new Date()): Promise<number> {
  const due = await db.execute<{ booking_id: string; starts_at: string }>(sql`
    select b.id as booking_id, coalesce(b.span_starts_at, s.starts_at) as starts_at
    from bookings b join course_sessions s on s.id = b.session_id
    where b.status = 'confirmed' and s.status = 'scheduled'
      and coalesce(b.span_starts_at, s.starts_at) > ${now.toISOString()}::timestamptz
      and coalesce(b.span_starts_at, s.starts_at) <= ${now.toISOString()}::timestamptz + make_interval(hours => ${REMINDER_LEAD_HOURS})
      and b.confirmed_at <= coalesce(b.span_starts_at, s.starts_at) - make_interval(hours => ${REMINDER_LEAD_HOURS})
      and not exists (select 1 from email_messages m where m.idempotency_key =
        'session-reminder:' || b.id || ':' || floor(extract(epoch from coalesce(b.span_starts_at, s.starts_at)))::bigint)
    order by 2`);
  for (const row of due) await queueEmail(db, { kind: "session-reminder", bookingId: row.booking_id, startsAt: new Date(row.starts_at).toISOString() });
  return due.length;
}

/** The reminder, or nothing when its cause has gone: the booking cancelled, its session cancelled or moved. */
export async function composeSessionReminder(db: Db, job: Extract<EmailJob, { kind: "session-reminder" }>): Promise<ComposedEmail[]> {
  const d = await getBookingDetail(db, job.bookingId);
  if (!d || d.booking.status !== "confirmed" || d.session.status !== "scheduled") return [];
  if (d.session.startsAt.getTime() !== new Date(job.startsAt).getTime() || d.session.startsAt <= new Date()) return [];
  const b = d.booking;
  const owed = amountOwed(b);
  const when = formatSessionWhen(d.session.startsAt, d.session.endsAt, d.venue.timeZone);
  return [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Reminder: ${d.course.title}, ${when} (${b.reference})`,
    body: (
      <SessionReminderEmail sellerName={sellerSnapshot(env()).name} bookerName={b.contactName} reference={b.reference} course={d.course.title}
        when={when} where={venueLine(d.venue)} attendees={d.attendees.filter((a) => !a.cancelledAt).map((a) => `${a.firstName} ${a.lastName}`)}
        owed={owed > 0 ? formatMoney(owed, b.currency) : null} bookingUrl={bookingPageUrl(b)} />
    ),
    attachments: [],
  }];
}

// Retention of health and accessibility answers: deleted a set number of days after their session ends, by
// a scheduled job. Idempotent (a second run finds nothing), and each run that removes something is audited.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";

export const PURGE_REQUIREMENTS_TASK = "privacy:purge-requirements";
const SYSTEM = { id: null, email: "system:retention" } as const;
const DAY_MS = 86_400_000;

export type PurgeReport = { requirements: number; bookings: number; sessions: number; outboxAttachments: number; before: string };

/** When a session's answers will be (or were) removed. */
export function requirementsRemovedAt(sessionEndsAt: Date, days: number): Date {
  return new Date(sessionEndsAt.getTime() + days * DAY_MS);
}

/** Deletes the answers of every session that ended more than `days` ago; reports what went. */
export async function purgeExpiredRequirements(db: Db, p: { days: number; now?: Date }): Promise<PurgeReport> {
  const before = new Date((p.now ?? new Date()).getTime() - p.days * DAY_MS);
  return db.transaction(async (tx) => {
    const removed = await tx.execute<{ booking_id: string; session_id: string }>(sql`
      delete from special_requirements r using bookings b, course_sessions s
      where r.booking_id = b.id and s.id = b.session_id and s.ends_at < ${before.toISOString()}::timestamptz
      returning r.booking_id, s.id as session_id`);
    const rows = [...removed];
    // Copies in the webhook outbox go too: for these sessions' bookings, and for any event whose deliveries are
    // all finished (nothing is left to send them to).
    await tx.execute(sql`
      update outbound_events e set health_data = null
      where e.health_data is not null and (
        not exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.status = 'pending')
        or exists (select 1 from bookings b join course_sessions s on s.id = b.session_id
          where b.id::text = e.data->>'bookingId' and s.ends_at < ${before.toISOString()}::timestamptz))`);
    // So do the local outbox's copies of these bookings' emails' attachments (a booking's PDF lists its needs).
    const attachments = await tx.execute(sql`
      delete from email_attachments a using email_messages m, bookings b, course_sessions s
      where a.message_id = m.id and m.booking_id = b.id and s.id = b.session_id and s.ends_at < ${before.toISOString()}::timestamptz
      returning a.message_id`);
    const report = {
      requirements: rows.length,
      bookings: new Set(rows.map((r) => r.booking_id)).size,
      sessions: new Set(rows.map((r) => r.session_id)).size,
      outboxAttachments: [...attachments].length,
      before: before.toISOString(),
    };
    if (report.requirements > 0 || report.outboxAttachments > 0)
      await recordAudit(tx, SYSTEM, { action: "privacy.requirements_purged", entityType: "retention", entityId: null, after: report });
    return report;
  });
}

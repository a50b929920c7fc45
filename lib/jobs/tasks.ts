// Every background task the worker runs, by name. Tasks must be idempotent: a job can run more than once.
import type { TaskList } from "graphile-worker";
import { getDb } from "@/db";
import { settleCancelledBooking } from "@/lib/catalog/session-cancelled-email";
import { SESSION_CANCELLED_TASK } from "@/lib/catalog/sessions";
import { SEND_EMAIL_TASK } from "@/lib/email/jobs";
import { PURGE_OUTBOX_ATTACHMENTS_TASK, purgeOutboxAttachments } from "@/lib/email/outbox";
import { runEmailJob } from "@/lib/email/send-email-job";
import { queueSessionReminders, SESSION_REMINDERS_TASK } from "@/lib/email/session-reminder";
import { ensureCreditNotePdf, storeInvoicePdfAhead } from "@/lib/invoices/render";
import { env } from "@/lib/env";
import { PURGE_REQUIREMENTS_TASK, purgeExpiredRequirements } from "@/lib/privacy/retention";
import { offerWaitlistPlaces } from "@/lib/self-service/waitlist";
import { WAITLIST_OFFER_TASK } from "@/lib/self-service/waitlist-queue";
import { DELIVER_WEBHOOK_TASK } from "@/lib/webhooks/emit";
import { deliverWebhook, ENDPOINT_DISABLED_TASK } from "@/lib/webhooks/deliver";
import { sendEndpointDisabledEmails } from "@/lib/webhooks/endpoint-disabled-email";

export const taskList: TaskList = {
  // Idempotent through the refund's key and the email's key (both session-cancelled:<bookingId>).
  [SESSION_CANCELLED_TASK]: async (payload, helpers) => {
    // `at`: when staff cancelled the session (absent in jobs queued before it was recorded).
    const p = payload as { bookingId: string; reason: string; staff?: { id: string; email: string }; at?: string };
    await settleCancelledBooking(getDb(), p, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  },
  // Idempotent through email_messages' unique key per cause; throws on SMTP failure so the job is retried.
  [SEND_EMAIL_TASK]: async (payload, helpers) => {
    await runEmailJob(getDb(), payload, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  },
  // Idempotent: the first stored PDF wins and is never replaced.
  "invoice.render": async (payload) => {
    await storeInvoicePdfAhead(getDb(), (payload as { invoiceId: string }).invoiceId);
  },
  "credit-note.render": async (payload) => {
    await ensureCreditNotePdf(getDb(), (payload as { creditNoteId: string }).creditNoteId);
  },
  // Idempotent: a second run finds no free places or nobody waiting whose request fits.
  [WAITLIST_OFFER_TASK]: async (payload) => {
    await offerWaitlistPlaces(getDb(), (payload as { sessionId: string }).sessionId);
  },
  // A delivery already made is not made again; a failure throws so the queue retries with backoff.
  [DELIVER_WEBHOOK_TASK]: async (payload, helpers) => {
    await deliverWebhook(getDb(), (payload as { deliveryId: string }).deliveryId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  },
  // Idempotent per admin through the email's key.
  [ENDPOINT_DISABLED_TASK]: async (payload, helpers) => {
    await sendEndpointDisabledEmails(getDb(), payload as { endpointId: string; disabledAt: string }, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  },
  // Idempotent: a second run finds no answers older than the retention period.
  [PURGE_REQUIREMENTS_TASK]: async (_payload, helpers) => {
    const report = await purgeExpiredRequirements(getDb(), { days: env().REQUIREMENT_RETENTION_DAYS });
    if (report.requirements > 0 || report.outboxAttachments > 0)
      helpers.logger.info(`retention: removed ${report.requirements} requirement answers of ${report.sessions} sessions, ${report.outboxAttachments} outbox attachments`);
  },
  // Idempotent: a reminder already sent (its email key) is not queued again.
  [SESSION_REMINDERS_TASK]: async (_payload, helpers) => {
    const queued = await queueSessionReminders(getDb());
    if (queued > 0) helpers.logger.info(`session reminders: queued ${queued}`);
  },
  // Idempotent: a second run finds no attachment kept longer than the retention period.
  [PURGE_OUTBOX_ATTACHMENTS_TASK]: async (_payload, helpers) => {
    const removed = await purgeOutboxAttachments(getDb(), { days: env().OUTBOX_ATTACHMENT_RETENTION_DAYS });
    if (removed > 0) helpers.logger.info(`retention: removed ${removed} outbox attachments`);
  },
};

// When the local outbox (every email the app produced, stored in email_messages) can be browsed at
// /dev/outbox without signing in: in development (`npm run dev`), where the first staff sign-in link itself
// lands there, or when OUTBOX_PUBLIC=true is set explicitly for a private demo. Anywhere else the page does
// not exist: it would hand out staff sign-in links and customers' details to anyone. The attachments' content
// the outbox keeps (email_attachments) is served under the same rule, for OUTBOX_ATTACHMENT_RETENTION_DAYS.
import type { Db } from "@/db";
import { deleteOutboxAttachmentsKeptBefore } from "@/db/queries/outbox";
import { OUTBOX_ATTACHMENT_MAX_BYTES, type EmailMessage } from "@/db/schema";
import { env } from "@/lib/env";

export const PURGE_OUTBOX_ATTACHMENTS_TASK = "email:purge-outbox-attachments";
const DAY_MS = 86_400_000;

export function outboxBrowsable(): boolean {
  if (process.env.NODE_ENV !== "production") return true;
  return env().OUTBOX_PUBLIC && !env().SMTP_URL;
}

/** Where the outbox serves a message's attachment (its place in the message's list). */
export function outboxAttachmentPath(messageId: string, position: number) {
  return `/dev/outbox/${messageId}/attachments/${position}`;
}

export type OutboxAttachmentEntry = {
  position: number;
  filename: string;
  /** The media type without its parameters: `application/pdf`, `text/calendar`. */
  type: string;
  size: string;
  /** Where to open it, when its content is kept; otherwise why not. */
  href: string | null;
  missing: string | null;
};

/** A message's attachments as the outbox pages list them. `kept`: the positions whose content is kept. */
export function outboxAttachmentEntries(m: Pick<EmailMessage, "id" | "attachments" | "transport">, kept: ReadonlySet<number> | undefined,
  retentionDays = env().OUTBOX_ATTACHMENT_RETENTION_DAYS): OutboxAttachmentEntry[] {
  return (m.attachments ?? []).map((a, position) => {
    const href = kept?.has(position) ? outboxAttachmentPath(m.id, position) : null;
    const missing = href ? null
      : m.transport !== "outbox" ? "not kept: sent by SMTP"
      : a.size > OUTBOX_ATTACHMENT_MAX_BYTES ? `not kept: larger than ${formatSize(OUTBOX_ATTACHMENT_MAX_BYTES)}`
      : `deleted after ${retentionDays} day${retentionDays === 1 ? "" : "s"}`;
    return { position, filename: a.filename, type: a.contentType.split(";")[0].trim(), size: formatSize(a.size), href, missing };
  });
}

export function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

/** Deletes the attachments' content kept more than `days` ago (the hourly retention job); reports how many went. */
export async function purgeOutboxAttachments(db: Db, p: { days: number; now?: Date }): Promise<number> {
  return deleteOutboxAttachmentsKeptBefore(db, new Date((p.now ?? new Date()).getTime() - p.days * DAY_MS));
}

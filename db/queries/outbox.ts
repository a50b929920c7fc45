// Reads and deletes of the attachments' content the local outbox keeps (email_attachments).
import { and, eq, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { emailAttachments, emailMessages } from "@/db/schema";

/** Which attachments of these messages still have their content kept, by message id. */
export async function keptAttachmentPositions(db: DbOrTx, messageIds: string[]): Promise<Map<string, Set<number>>> {
  const kept = new Map<string, Set<number>>();
  if (messageIds.length === 0) return kept;
  const rows = await db.select({ messageId: emailAttachments.messageId, position: emailAttachments.position })
    .from(emailAttachments).where(inArray(emailAttachments.messageId, messageIds));
  for (const r of rows) {
    const positions = kept.get(r.messageId) ?? new Set<number>();
    positions.add(r.position);
    kept.set(r.messageId, positions);
  }
  return kept;
}

/** One kept attachment with the name and type its message recorded for it; null when it is not kept. */
export async function getOutboxAttachment(db: DbOrTx, messageId: string, position: number) {
  const [row] = await db.select({ content: emailAttachments.content, attachments: emailMessages.attachments })
    .from(emailAttachments).innerJoin(emailMessages, eq(emailMessages.id, emailAttachments.messageId))
    .where(and(eq(emailAttachments.messageId, messageId), eq(emailAttachments.position, position)));
  const meta = row?.attachments?.[position];
  return row && meta ? { filename: meta.filename, contentType: meta.contentType, content: row.content } : null;
}

/** Deletes the content kept before `before`; returns how many attachments went. */
export async function deleteOutboxAttachmentsKeptBefore(db: DbOrTx, before: Date): Promise<number> {
  const removed = await db.delete(emailAttachments).where(lt(emailAttachments.createdAt, before))
    .returning({ messageId: emailAttachments.messageId });
  return removed.length;
}

/** Deletes the content kept for these messages (a person erased). */
export async function deleteOutboxAttachmentsOf(db: DbOrTx, messageIds: string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const removed = await db.delete(emailAttachments).where(inArray(emailAttachments.messageId, messageIds))
    .returning({ messageId: emailAttachments.messageId });
  return removed.length;
}


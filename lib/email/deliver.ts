// Sends one email per idempotency key, recording it in email_messages.
//
// The guarantee is at least once, and exactly once unless the process dies at one precise moment:
// - Concurrent attempts at one key (a retried job racing a replaced one, two app instances) are serialised
//   by a row lock held from before the send until the "sent" status commits: one sends, the rest find it
//   sent and send nothing.
// - A key recorded as sent is never sent again.
// - If the process dies (or the commit fails) after the SMTP server accepted the message but before
//   "sent" is committed, nothing records the send, the job is retried and the message goes out again. The
//   repeat carries the same Message-ID (messageIdFor), so a receiving server or mail client that
//   de-duplicates by Message-ID drops it. Recording "sending" before the send would not remove this
//   window, only move it: after a crash nobody could tell whether the message left.
// - In the local outbox (no SMTP_URL) delivery is this row's commit itself, so there it is exactly once. The
//   outbox also keeps the attachments' content (email_attachments, committed with the row) to open at /dev/outbox.
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { ReactElement } from "react";
import type { Db } from "@/db";
import { encodedRow, reusable, reusableRows, value } from "@/db/reusable";
import { emailAttachments, emailMessages, OUTBOX_ATTACHMENT_MAX_BYTES } from "@/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { countEmail } from "@/lib/metrics/events";
import { emailTemplateName } from "@/emails/registry";
import { renderEmailOnThread } from "@/lib/pdf/render-pool";
import { renderEmailHtml, type RenderedEmail } from "./render-html";
import { mailTransport, type MailAttachment } from "./transport";

export type ComposedEmail = {
  /** The cause, e.g. `booking-confirmed:<bookingId>`: one message per key, ever. */
  key: string;
  kind: string;
  bookingId: string | null;
  to: string;
  subject: string;
  body: ReactElement;
  attachments: MailAttachment[];
  /**
   * False for a message whose body is a secret (a sign-in link): it is kept in the local outbox, where it
   * must be read, but not once it has really left by SMTP.
   */
  retainBody?: boolean;
};

export type AttemptInfo = { attempt: number; maxAttempts: number };

export class EmailDeliveryError extends Error {}

/** `<hash@sender-domain>`: the same for every attempt of one key. */
export function messageIdFor(key: string) {
  const domain = env().MAIL_FROM.match(/@([^>\s]+)/)?.[1] ?? "turnout.invalid";
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${domain}>`;
}

/**
 * The message's HTML and text. A template's message is drawn on a render thread, off the thread that answers
 * requests (a burst of confirmations would otherwise hold up pages); one composed from parts, or whose props
 * cannot cross to a thread, is drawn here.
 */
export async function renderEmail(body: ReactElement): Promise<RenderedEmail> {
  const template = emailTemplateName(body.type);
  if (template) {
    try {
      return await renderEmailOnThread(template, body.props as Record<string, unknown>);
    } catch (err) {
      log.warn({ err, template }, "email not drawn on a render thread: drawing it here");
    }
  }
  return renderEmailHtml(body);
}

// Every message's statements, built once (db/reusable.ts).
const byKey = { key: sql.placeholder("key") };
const knownStatus = reusable("email-status", (db) => db.select({ status: emailMessages.status }).from(emailMessages)
  .where(eq(emailMessages.idempotencyKey, byKey.key)));
const insertMessage = reusableRows("insert-email-message", emailMessages, ["idempotencyKey", "kind", "bookingId", "toAddress", "subject"],
  (on, rows) => on.insert(emailMessages).values(rows as unknown as (typeof emailMessages.$inferInsert)[])
    .onConflictDoNothing({ target: emailMessages.idempotencyKey }));
const lockedMessage = reusable("email-message-locked", (tx) => tx.select().from(emailMessages)
  .where(eq(emailMessages.idempotencyKey, byKey.key)).for("update"));
// What every attempt records, and then its outcome: the transport's error, or the message sent.
const attemptColumns = {
  toAddress: value("toAddress"), subject: value("subject"), html: value("html"), text: value("text"), attachments: value("attachments"),
  transport: value("transport"), attempts: sql`${emailMessages.attempts} + 1`,
};
const recordFailedAttempt = reusable("email-attempt-failed", (tx) => tx.update(emailMessages)
  .set({ ...attemptColumns, status: value("status"), lastError: value("lastError") })
  .where(eq(emailMessages.id, sql.placeholder("id"))));
const keepAttachments = reusableRows("insert-email-attachments", emailAttachments, ["messageId", "position", "content"],
  (on, rows) => on.insert(emailAttachments).values(rows as unknown as (typeof emailAttachments.$inferInsert)[])
    .onConflictDoNothing());
const recordSent = reusable("email-sent", (tx) => tx.update(emailMessages)
  .set({ ...attemptColumns, status: "sent", sentAt: value("sentAt"), lastError: null, providerMessageId: value("providerMessageId") })
  .where(eq(emailMessages.id, sql.placeholder("id"))));

/**
 * The row for the key is locked while the message is handed to the transport, so two attempts at the same
 * key cannot both send; whoever comes second finds it sent. When the transport refuses, the attempt is
 * recorded and EmailDeliveryError thrown, so the job queue retries with backoff. A failure after the
 * transport accepted (recording it) is not a send failure: it rolls the attempt back and propagates, and
 * the retry resends with the same Message-ID (see the top of this file).
 */
export async function deliverEmail(db: Db, email: ComposedEmail, attempt?: AttemptInfo): Promise<"sent" | "already_sent" | "undeliverable"> {
  if (undeliverableAddress(email.to)) {
    // An erased person's tombstone (erased-N@erased.invalid), say, for an email queued before the erasure: no
    // server can take it, so it is neither sent nor retried, and nothing about it is recorded.
    log.info({ emailKind: email.kind, bookingId: email.bookingId }, "email not sent: the address can never be delivered to");
    return "undeliverable";
  }
  const [known] = await knownStatus(db, { key: email.key });
  if (known?.status === "sent") return "already_sent";

  const { html, text } = await renderEmail(email.body);
  const transport = mailTransport();
  const outcome = await db.transaction(async (tx) => {
    await insertMessage(tx, [{ idempotencyKey: email.key, kind: email.kind, bookingId: email.bookingId, toAddress: email.to, subject: email.subject }]);
    const [row] = await lockedMessage(tx, { key: email.key });
    if (row.status === "sent") return { result: "already_sent" as const };
    const attachments = email.attachments.map((a) => ({
      filename: a.filename, contentType: a.contentType, size: typeof a.content === "string" ? Buffer.byteLength(a.content) : a.content.length,
    }));
    const keepBody = email.retainBody !== false || transport.name === "outbox";
    const base = { toAddress: email.to, subject: email.subject, html: keepBody ? html : null, text: keepBody ? text : null, attachments, transport: transport.name };
    let sent: { providerMessageId: string | null };
    try {
      sent = await transport.send({ to: email.to, subject: email.subject, html, text, attachments: email.attachments, messageId: messageIdFor(email.key) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = attempt ? attempt.attempt >= attempt.maxAttempts : false;
      await recordFailedAttempt(tx, { id: row.id, ...encodedRow(emailMessages, { ...base, status: final ? "failed" : "queued", lastError: message.slice(0, 500) }) });
      return { result: "error" as const, message };
    }
    await recordSent(tx, { id: row.id, ...encodedRow(emailMessages, { ...base, sentAt: new Date(), providerMessageId: sent.providerMessageId }) });
    // Only the local outbox keeps the content: mail that really left has its copy with the recipient.
    if (transport.name === "outbox") {
      const kept = outboxAttachments(row.id, email.attachments);
      if (kept.length > 0) await keepAttachments(tx, kept);
    }
    return { result: "sent" as const };
  });
  if (outcome.result === "error") {
    countEmail("failed", transport.name);
    log.warn({ emailKind: email.kind, bookingId: email.bookingId, transport: transport.name, error: outcome.message.slice(0, 200) }, "email not sent; will retry");
    throw new EmailDeliveryError(`sending ${email.key} failed: ${outcome.message}`);
  }
  countEmail(outcome.result, transport.name);
  if (outcome.result === "sent") log.info({ emailKind: email.kind, bookingId: email.bookingId, transport: transport.name }, "email sent");
  return outcome.result;
}

/** The attachments the local outbox keeps, by their place in the message: each within OUTBOX_ATTACHMENT_MAX_BYTES. */
export function outboxAttachments(messageId: string, attachments: MailAttachment[]) {
  return attachments
    .map((a, position) => ({ messageId, position, content: typeof a.content === "string" ? Buffer.from(a.content, "utf8") : a.content }))
    .filter((a) => a.content.length <= OUTBOX_ATTACHMENT_MAX_BYTES);
}

/** An address in a domain reserved never to exist (RFC 2606 `.invalid`), such as an erased person's tombstone. */
export function undeliverableAddress(address: string): boolean {
  return /\.invalid$/i.test(address.trim().split("@").pop() ?? "");
}

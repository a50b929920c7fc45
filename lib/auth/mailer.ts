// Sends the staff sign-in email through the app's mail transport (SMTP with SMTP_URL, else the local
// outbox). Recorded in email_messages like every email, but when it really leaves by SMTP its body (the
// one-time link) is not kept: the database holds only a hash of the token, and so should the outbox.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { emailMessages } from "@/db/schema";
import { messageIdFor } from "@/lib/email/deliver";
import { mailTransport } from "@/lib/email/transport";

export type SignInMail = { idempotencyKey: string; kind: string; to: string; subject: string; text: string; html: string };

export async function deliverSignInMail(db: DbOrTx, mail: SignInMail): Promise<"sent" | "already_sent"> {
  const transport = mailTransport();
  const keepBody = transport.name === "outbox";
  await db.insert(emailMessages).values({
    idempotencyKey: mail.idempotencyKey, kind: mail.kind, toAddress: mail.to, subject: mail.subject,
    text: keepBody ? mail.text : null, html: keepBody ? mail.html : null, status: "queued", transport: transport.name,
  }).onConflictDoNothing({ target: emailMessages.idempotencyKey });
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.idempotencyKey, mail.idempotencyKey));
  if (row.status === "sent") return "already_sent";
  try {
    const sent = await transport.send({
      to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments: [], messageId: messageIdFor(mail.idempotencyKey),
    });
    await db.update(emailMessages).set({
      status: "sent", attempts: row.attempts + 1, sentAt: new Date(), providerMessageId: sent.providerMessageId, lastError: null,
    }).where(eq(emailMessages.id, row.id));
    return "sent";
  } catch (err) {
    await db.update(emailMessages).set({ status: "failed", attempts: row.attempts + 1, lastError: String((err as Error).message ?? err).slice(0, 500) })
      .where(eq(emailMessages.id, row.id));
    throw err;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

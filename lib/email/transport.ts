// Where email goes: real SMTP with SMTP_URL; without it, the local outbox (the email_messages table,
// browsed at /dev/outbox), so development and demos send nothing to real people.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type MailAttachment = { filename: string; contentType: string; content: Buffer | string };

export type OutgoingMail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  /** Stable per idempotency key, so a receiving server or client can drop a repeat. */
  messageId: string;
};

export type MailTransport = {
  name: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<{ providerMessageId: string | null }>;
  /** Connects and authenticates without sending (SMTP); throws when the server cannot be used. */
  verify?(): Promise<void>;
};

const smtpTransports = new Map<string, Transporter>();

function smtp(url: string): MailTransport {
  let transporter = smtpTransports.get(url);
  if (!transporter) {
    const u = new URL(url);
    const secure = u.protocol === "smtps:";
    transporter = nodemailer.createTransport({
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
      // Fail fast when the server is down: the job is retried with backoff, nothing waits on a dead socket.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    smtpTransports.set(url, transporter);
  }
  const t = transporter;
  return {
    name: "smtp",
    async verify() {
      await t.verify();
    },
    async send(mail) {
      const info = await t.sendMail({
        from: env().MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      return { providerMessageId: info.messageId ?? null };
    },
  };
}

const outbox: MailTransport = {
  name: "outbox",
  async send(mail) {
    return { providerMessageId: mail.messageId };
  },
};

export function mailTransport(): MailTransport {
  const url = env().SMTP_URL;
  return url ? smtp(url) : outbox;
}

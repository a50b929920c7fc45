// The staff sign-in email: one link, valid for a short time, usable once.
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db";
import { mailTransport } from "@/lib/email/transport";
import { outboxBrowsable } from "@/lib/email/outbox";
import { deliverSignInMail, escapeHtml } from "./mailer";

export function magicLinkEmail(p: { url: string; minutes: number }) {
  const subject = "Your Turnout staff sign-in link";
  const text = [
    "Someone (hopefully you) asked to sign in to Turnout's staff pages with this email address.",
    "",
    `Sign in: ${p.url}`,
    "",
    `The link works once and expires in ${p.minutes} minutes. If you did not ask for it, ignore this email.`,
  ].join("\n");
  const html = `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;color:#1c1917">
<p>Someone (hopefully you) asked to sign in to Turnout's staff pages with this email address.</p>
<p><a href="${escapeHtml(p.url)}" style="display:inline-block;background:#0b5549;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:bold">Sign in to Turnout</a></p>
<p>The link works once and expires in ${p.minutes} minutes. If you did not ask for it, ignore this email.</p>
</body></html>`;
  return { subject, text, html };
}

export async function sendMagicLink(db: DbOrTx, p: { to: string; url: string; minutes: number }) {
  const { subject, text, html } = magicLinkEmail(p);
  await deliverSignInMail(db, {
    idempotencyKey: `staff-sign-in:${randomUUID()}`,
    kind: "staff_sign_in",
    to: p.to,
    subject,
    text,
    html,
  });
  // Without SMTP a production server has no public outbox (lib/email/outbox.ts): the operator who started
  // it finds the link in its log, which is how the first admin signs in on a demo instance.
  if (mailTransport().name === "outbox" && !outboxBrowsable())
    console.info(`[sign-in] no SMTP_URL: sign-in link for ${p.to} (valid ${p.minutes} minutes): ${p.url}`);
}

// Sends the staff sign-in email through the app's one delivery path (lib/email/deliver.ts).
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import StaffSignInEmail from "@/emails/staff-sign-in";
import { deliverEmail } from "@/lib/email/deliver";
import { outboxBrowsable } from "@/lib/email/outbox";
import { mailTransport } from "@/lib/email/transport";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export async function sendMagicLink(db: Db, p: { to: string; url: string; minutes: number }) {
  await deliverEmail(db, {
    // Each link is its own cause: asking again sends a new link.
    key: `staff-sign-in:${randomUUID()}`,
    kind: "staff_sign_in",
    bookingId: null,
    to: p.to,
    subject: "Your Turnout staff sign-in link",
    body: StaffSignInEmail({ sellerName: env().SELLER_NAME, url: p.url, minutes: p.minutes }),
    attachments: [],
    // The database holds only a hash of the token; a sent message should not hold the link either.
    retainBody: false,
  });
  // Without SMTP a production server has no public outbox (lib/email/outbox.ts): the operator who started
  // it finds the link in its log, which is how the first admin signs in on a demo instance.
  if (mailTransport().name === "outbox" && !outboxBrowsable())
    log.warn({ signInUrl: p.url, validMinutes: p.minutes }, "no SMTP_URL: staff sign-in link written to the log");
}

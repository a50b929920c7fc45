// When the local outbox (every email the app produced, stored in email_messages) can be browsed at
// /dev/outbox without signing in: in development, where the first staff sign-in link itself lands there;
// and in a demo instance with neither SMTP nor Stripe configured, where no real customer exists. A live
// deployment has SMTP_URL or a Stripe key, and there the page does not exist.
import { env } from "@/lib/env";

export function outboxBrowsable(): boolean {
  if (process.env.NODE_ENV !== "production") return true;
  const e = env();
  return !e.SMTP_URL && e.paymentMode === "simulated";
}

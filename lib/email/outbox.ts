// When the local outbox (every email the app produced, stored in email_messages) can be browsed at
// /dev/outbox without signing in: in development (`npm run dev`), where the first staff sign-in link itself
// lands there, or when OUTBOX_PUBLIC=true is set explicitly for a private demo. Anywhere else the page does
// not exist: it would hand out staff sign-in links and customers' details to anyone.
import { env } from "@/lib/env";

export function outboxBrowsable(): boolean {
  if (process.env.NODE_ENV !== "production") return true;
  return env().OUTBOX_PUBLIC && !env().SMTP_URL;
}

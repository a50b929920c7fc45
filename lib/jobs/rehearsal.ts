// A rehearsal of the work a payment gives the job thread, run as the thread starts: the confirmation emails of
// the latest confirmed bookings are composed and drawn (their queries, PDFs and HTML) but never delivered.
//
// A server just started has compiled none of that code, and its database connections (each a PostgreSQL
// backend of its own) have neither been opened nor read the tables' definitions. A burst of 40 payments soon
// after a start paid for all of it: per payment, about 5 ms more of this thread than a later burst, twice the
// PostgreSQL time (9 connections opened during the burst), and a p95 some 0.8 s longer (`npm run bench`).
// After the rehearsal a first burst opens none, and its PostgreSQL time per payment is 5–8 ms above a later one's
// instead of 16.
// Composing reads only: the one thing it may store is an invoice's PDF that no one has drawn yet, which its
// `invoice.render` job or first download would store alike.
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { bookings } from "@/db/schema";
import { composeEmails } from "@/lib/email/compose";
import { renderEmail } from "@/lib/email/deliver";
import { inRenderTurn, WARM_UP_TURN } from "@/lib/pdf/render-turn";

export type RehearsalOptions = {
  /** Bookings composed at once: as many as jobs run at once, so that every connection of the pool takes part. */
  parallel: number;
  /** Times through: V8 optimises a function after it has run a number of times, not once. */
  rounds: number;
};

/**
 * Composes and draws the confirmations (and staff notices) of the `parallel` latest confirmed bookings, `rounds`
 * times; resolves with the bookings and how many messages were drawn. Nothing is sent or recorded as sent.
 */
export async function rehearseConfirmations(db: Db, options: RehearsalOptions): Promise<{ bookingIds: string[]; messages: number }> {
  const recent = await db.select({ id: bookings.id }).from(bookings)
    .where(eq(bookings.status, "confirmed")).orderBy(desc(bookings.confirmedAt)).limit(options.parallel);
  const bookingIds = recent.map((b) => b.id);
  if (bookingIds.length === 0) return { bookingIds, messages: 0 };
  // Each booking as many times as it takes to keep `parallel` compositions under way.
  const slots = Array.from({ length: options.parallel }, (_, i) => bookingIds[i % bookingIds.length]);
  let messages = 0;
  // Their documents and HTML wait behind every real one, as the PDF threads' own warm-up rounds do.
  await inRenderTurn(WARM_UP_TURN, async () => {
    for (let round = 0; round < options.rounds; round++) {
      await Promise.all(slots.map(async (bookingId) => {
        for (const kind of ["booking-confirmed", "admin-new-booking"] as const) {
          for (const message of await composeEmails(db, { kind, bookingId })) {
            await renderEmail(message.body);
            messages++;
          }
        }
      }));
    }
  });
  return { bookingIds, messages };
}

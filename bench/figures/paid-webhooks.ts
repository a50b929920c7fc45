// Signed checkout.session.completed events for pending bookings of one hot session, posted to the webhook
// route, against a loop of the payment's core transaction straight on PostgreSQL (record the event, lock
// the booking, confirm it, move its places from held to booked, take the next invoice number). Afterwards
// every booking is confirmed and the invoice numbers have no gap.
import { and, eq, inArray, sql } from "drizzle-orm";
import { bookings, invoices, webhookEvents } from "@/db/schema";
import { lockBooking } from "@/db/queries/bookings";
import { confirmHeldPlaces } from "@/db/queries/places";
import { nextDocumentNumber } from "@/lib/invoices/numbering";
import { buildSimulatedEvent, signPayload } from "@/lib/payments/simulated-checkout";
import { http, loop } from "../lib/measure";
import { ms, perSecond, type Row } from "../lib/table";
import type { Figure } from "./figure";
import { hotSession, pendingBookings } from "./fixtures";

const CLIENTS = 50;
const EVENTS = Number(process.env.BENCH_WEBHOOKS ?? 400);

export const paidWebhooks: Figure = {
  name: "paid webhooks",
  async run(app, shared) {
    const raw = (shared.rawPendingBookings ?? []).slice(0, EVENTS * 2);
    const year = new Date().getUTCFullYear() + 50; // a counter row of its own, away from the app's invoices
    const reference = await loop(CLIENTS, (i) => app.db.transaction(async (tx) => {
      const b = raw[i];
      await tx.insert(webhookEvents).values({ id: `evt_raw_${b.id}`, type: "checkout.session.completed", payload: { id: b.id } });
      await lockBooking(tx, b.id);
      await tx.update(bookings).set({ status: "confirmed", confirmedAt: new Date(), amountPaid: sql`${bookings.amountDueNow}` }).where(eq(bookings.id, b.id));
      await confirmHeldPlaces(tx, b.id);
      await nextDocumentNumber(tx, "invoice", year);
    }), { total: raw.length });

    const { session } = await hotSession(app.db);
    const pending = await pendingBookings(app.origin, app.db, session.id, EVENTS);
    const events = pending.map((b) => {
      const payload = JSON.stringify(buildSimulatedEvent("checkout.session.completed", b, b.checkoutSessionId!, b.amountDueNow));
      return { body: payload, headers: { "content-type": "application/json", "stripe-signature": signPayload(payload) } };
    });
    let next = 0;
    const m = await http({ url: `${app.origin}/api/stripe/webhook`, method: "POST", connections: CLIENTS, amount: events.length, next: () => events[next++ % events.length] });

    const ids = pending.map((b) => b.id);
    const confirmed = await app.db.select({ id: bookings.id }).from(bookings).where(and(inArray(bookings.id, ids), eq(bookings.status, "confirmed")));
    const [seq] = await app.db.select({ n: sql<number>`count(*)::int`, lo: sql<number>`min(${invoices.sequence})`, hi: sql<number>`max(${invoices.sequence})` }).from(invoices);
    const gapless = seq.hi - seq.lo + 1 === seq.n;
    const ratio = m.rate / reference.rate;
    const row: Row = {
      figure: `POST /api/stripe/webhook, paid, one hot session, ${CLIENTS} clients`,
      rate: perSecond(m.rate, "events/s"), p50: ms(m.p50), p99: ms(m.p99),
      reference: `payment tx in SQL ${perSecond(reference.rate, "tps")}`, ratio,
      goal: ">= 25 %, all confirmed, numbers gapless",
      pass: ratio >= 0.25 && confirmed.length === ids.length && gapless && m.errors === 0,
    };
    return [row];
  },
};

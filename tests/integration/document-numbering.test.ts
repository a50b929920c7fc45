// Gapless document numbers when issuing transactions roll back: a rolled-back transaction gives its number
// back (lib/invoices/numbering.ts), which a database sequence would not. Each test numbers a year of its
// own, far in the future, so its counter starts at 1 and holds only what it issued.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createDb } from "@/db";
import { lockBooking } from "@/db/queries/bookings";
import { creditNotes, documentCounters, invoices, payments, refunds } from "@/db/schema";
import { env } from "@/lib/env";
import { issueCreditNote } from "@/lib/invoices/issue-credit-note";
import { issueInvoice } from "@/lib/invoices/issue-invoice";
import { createBookingViaApi, createSessionFixture, db } from "../fixtures";
import { clearJobs, createPaidBooking, invoiceOf } from "../finance-fixtures";

/** More connections than the app's pool, so more issuers queue on the counter at once. */
let issuers: ReturnType<typeof createDb>;
beforeAll(() => {
  issuers = createDb(env().DATABASE_URL!, { max: 20 });
});
afterAll(async () => {
  await issuers.sql.end();
  await clearJobs(); // the render jobs of the documents issued here
});

const TOTAL = 100;
/** Two hundred transactions each: room for a slow, shared machine. */
const BUDGET_MS = 90_000;
class RolledBack extends Error {}

/** A random third of 0..n-1. */
function randomThird(n: number): Set<number> {
  const order = Array.from({ length: n }, (_, i) => i).sort(() => Math.random() - 0.5);
  return new Set(order.slice(0, Math.floor(n / 3)));
}

/**
 * Runs `issue` in `TOTAL` concurrent transactions; those picked roll back after taking their number.
 * Returns the indexes that committed.
 */
async function issueConcurrently(issue: (tx: Parameters<Parameters<typeof issuers.db.transaction>[0]>[0], i: number) => Promise<unknown>) {
  const rollBack = randomThird(TOTAL);
  const outcomes = await Promise.allSettled(Array.from({ length: TOTAL }, (_, i) => issuers.db.transaction(async (tx) => {
    await issue(tx, i);
    if (rollBack.has(i)) throw new RolledBack(`issuer ${i} rolls back`);
  })));
  outcomes.forEach((o, i) => {
    if (o.status === "rejected" && !(o.reason instanceof RolledBack)) throw o.reason;
    expect(o.status, `issuer ${i}`).toBe(rollBack.has(i) ? "rejected" : "fulfilled");
  });
  return { committed: TOTAL - rollBack.size, rolledBack: rollBack };
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("numbers given back by rolled-back transactions", () => {
  it("keeps invoice numbers 1..N without gaps or repeats when a random third of 100 concurrent issuers roll back", async () => {
    const year = 2091;
    const now = new Date(Date.UTC(year, 5, 15, 12));
    const { session } = await createSessionFixture({ capacity: TOTAL + 1 });
    const bookingIds = await Promise.all(Array.from({ length: TOTAL + 1 }, async () => (await createBookingViaApi(session.id, 1)).booking.id as string));

    const { committed, rolledBack } = await issueConcurrently(async (tx, i) => {
      await lockBooking(tx, bookingIds[i]);
      const invoice = await issueInvoice(tx, bookingIds[i], now);
      expect(invoice.year).toBe(year);
    });

    const issued = await db().select().from(invoices).where(eq(invoices.year, year));
    expect(issued).toHaveLength(committed);
    expect(issued.map((inv) => inv.sequence).sort((a, b) => a - b)).toEqual(oneToN(committed));
    for (const inv of issued) expect(inv.number).toBe(`INV-${year}-${String(inv.sequence).padStart(5, "0")}`);
    // Exactly the committed bookings have an invoice.
    expect(issued.map((inv) => inv.bookingId).sort())
      .toEqual(bookingIds.slice(0, TOTAL).filter((_, i) => !rolledBack.has(i)).sort());
    // No number was lost at the end either: the next one is N + 1.
    const next = await db().transaction(async (tx) => {
      await lockBooking(tx, bookingIds[TOTAL]);
      return issueInvoice(tx, bookingIds[TOTAL], now);
    });
    expect(next.sequence).toBe(committed + 1);
    const [counter] = await db().select().from(documentCounters).where(eq(documentCounters.year, year));
    expect(counter).toMatchObject({ kind: "invoice", lastNumber: committed + 1 });
  }, BUDGET_MS);

  it("keeps credit note numbers 1..N without gaps or repeats when a random third of 100 concurrent issuers roll back", async () => {
    const year = 2092;
    const now = new Date(Date.UTC(year, 2, 10, 12));
    const { session } = await createSessionFixture({ priceAmount: 50_000 });
    const booking = await createPaidBooking(session.id);
    const invoice = (await invoiceOf(booking.id))!;
    const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    // One refund decision per credit note, as the refund flow records them.
    const refundRows = await db().insert(refunds).values(Array.from({ length: TOTAL + 1 }, () => ({
      bookingId: booking.id, paymentId: payment.id, amount: 100, currency: "GBP", reason: "numbering test", status: "succeeded" as const,
    }))).returning({ id: refunds.id });
    const credit = (i: number) => ({
      invoiceId: invoice.id, refundId: refundRows[i].id, credit: 100, refundAmount: 100, reason: "Goodwill", cancelledLines: [], now,
    });

    const { committed, rolledBack } = await issueConcurrently(async (tx, i) => {
      const note = await issueCreditNote(tx, credit(i));
      expect(note.year).toBe(year);
    });

    const issued = await db().select().from(creditNotes).where(eq(creditNotes.year, year));
    expect(issued).toHaveLength(committed);
    expect(issued.map((cn) => cn.sequence).sort((a, b) => a - b)).toEqual(oneToN(committed));
    for (const cn of issued) expect(cn.number).toBe(`CN-${year}-${String(cn.sequence).padStart(5, "0")}`);
    expect(issued.map((cn) => cn.refundId).sort())
      .toEqual(refundRows.slice(0, TOTAL).filter((_, i) => !rolledBack.has(i)).map((r) => r.id).sort());
    const next = await db().transaction((tx) => issueCreditNote(tx, credit(TOTAL)));
    expect(next.sequence).toBe(committed + 1);
  }, BUDGET_MS);
});

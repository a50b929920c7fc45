// The finance desk's lists: rows with their status now, filtered, and totals per currency.
import type { DbOrTx } from "@/db";
import { listCreditNotes, listInvoices, listPendingRefunds, type CreditNoteListRow, type InvoiceListRow } from "@/db/queries/finance";
import { amountOwed, netPaid, type BookingMoney } from "@/lib/booking/balance";
import { toPayBackByHand } from "@/lib/payments/offline-methods";
import type { FinanceFilterInput } from "@/lib/validations/finance";
import { dayRange } from "./periods";
import { handRefundStatusText, invoiceStatus, invoiceStatusText, supplementaryInvoiceStatus, type InvoiceStatus } from "./status";

/**
 * `toPayBackByHand`: on a booking's own invoice, refunds of money paid by transfer or in cash that finance has not yet
 * paid back (0 on a supplementary invoice): until then its status reads as what is still to pay back, not as
 * "Refunded" or "Paid", though it filters and totals by its status as before.
 */
export type DeskInvoice = InvoiceListRow & {
  status: InvoiceStatus; statusText: string; paid: number; owed: number; credited: number; refunded: number; toPayBackByHand: number;
};

/** What is still to pay back by hand (toPayBackByHand) on each booking that has some, by booking id. */
export type HandRefunds = ReadonlyMap<string, number>;

type Credits = { credited: number; refunded: number };
const NO_CREDITS: Credits = { credited: 0, refunded: 0 };

/**
 * One invoice's share of its booking's money. A booking has its own invoice and, for each later payment that
 * raised its price, a supplementary invoice billing just that extra, issued when it was paid. A supplement shows
 * what its payment paid of it (at most its total: the same payment may also have paid the balance), less refunds
 * on its credit notes, and its own credits; the booking's own invoice shows the rest of what the booking has net
 * paid, and what is owed, credited and refunded beyond the supplements. So no money is counted twice in a list or
 * its totals, no invoice shows more paid than it bills, and a booking's invoices add up to what it has net paid.
 */
function moneyOf(r: InvoiceListRow, now: Date, reminderDays: number, handRefunds: HandRefunds) {
  const paidNet = netPaid(r.booking);
  if (r.supplementsInvoiceId) {
    const credits = r.credits ?? NO_CREDITS;
    const paid = Math.max(0, Math.min(r.supplementPaid ?? r.totalAmount, r.totalAmount, paidNet));
    const status = supplementStatus(r.booking, r.totalAmount, credits);
    return { status, statusText: invoiceStatusText(status, r.booking), paid, owed: 0, ...credits, toPayBackByHand: 0 };
  }
  const own = ownInvoiceMoney(r.booking, r.supplementCredits ?? NO_CREDITS);
  const status = invoiceStatus({ ...own, balanceDueAt: r.booking.balanceDueAt }, now, reminderDays);
  const byHand = handRefunds.get(r.booking.id) ?? 0;
  return {
    status,
    statusText: byHand > 0 ? handRefundStatusText(byHand, r.currency) : invoiceStatusText(status, r.booking),
    toPayBackByHand: byHand,
    paid: Math.max(0, Math.min(r.totalAmount, paidNet - r.supplementsPaid)),
    owed: r.booking.status === "confirmed" ? amountOwed(r.booking) : 0,
    credited: own.creditedAmount,
    refunded: own.amountRefunded,
  };
}

/** Refunded with its booking, or once credit notes took off all it billed; part refunded once money went back on it. */
function supplementStatus(b: { status: string }, total: number, credits: Credits): InvoiceStatus {
  if (supplementaryInvoiceStatus(b) === "refunded" || credits.credited >= total) return "refunded";
  return credits.refunded > 0 ? "part_refunded" : "paid";
}

/**
 * The booking's money less what was credited and refunded on its supplementary invoices: the same price after
 * credits and the same net paid (so the same balance owed), but a place cancelled from a supplement no longer
 * reads as a refund on the booking's own invoice.
 */
function ownInvoiceMoney(b: BookingMoney, onSupplements: Credits): BookingMoney {
  const credited = Math.min(onSupplements.credited, b.creditedAmount);
  const refunded = Math.min(onSupplements.refunded, b.amountRefunded);
  return {
    totalAmount: b.totalAmount - credited, creditedAmount: b.creditedAmount - credited,
    amountPaid: b.amountPaid - refunded, amountRefunded: b.amountRefunded - refunded,
  };
}

export type CurrencyTotals = {
  currency: string; count: number; subtotal: number; tax: number; total: number; credited: number; paid: number; owed: number;
};

/** Status and money of each invoice now, keeping only the asked-for status; totals add up what is kept. */
export function summariseInvoices(rows: InvoiceListRow[], o: { now: Date; reminderDays: number; status?: InvoiceStatus; handRefunds?: HandRefunds }) {
  const invoices: DeskInvoice[] = rows
    .map((r) => ({ ...r, ...moneyOf(r, o.now, o.reminderDays, o.handRefunds ?? new Map()) }))
    .filter((r) => !o.status || r.status === o.status);
  const byCurrency = new Map<string, CurrencyTotals>();
  for (const r of invoices) {
    const t = byCurrency.get(r.currency) ?? { currency: r.currency, count: 0, subtotal: 0, tax: 0, total: 0, credited: 0, paid: 0, owed: 0 };
    t.count += 1;
    t.subtotal += r.subtotalAmount;
    t.tax += r.taxAmount;
    t.total += r.totalAmount;
    t.credited += r.credited;
    t.paid += r.paid;
    t.owed += r.owed;
    byCurrency.set(r.currency, t);
  }
  return { invoices, totals: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}

function range(f: FinanceFilterInput, timeZone: string) {
  const from = f.from ? dayRange(f.from, f.from, timeZone).start : undefined;
  const to = f.to ? dayRange(f.to, f.to, timeZone).end : undefined;
  return { from, to };
}

/** One invoice's status and money now, as the desk's list shows it (a supplementary invoice its own share). */
export async function invoiceOnDesk(db: DbOrTx, invoice: { id: string; number: string }, o: { now: Date; reminderDays: number }): Promise<DeskInvoice | null> {
  const rows = (await listInvoices(db, { q: invoice.number })).filter((r) => r.id === invoice.id);
  return summariseInvoices(rows, { ...o, handRefunds: await handRefundsOf(db, rows) }).invoices[0] ?? null;
}

export async function invoiceDesk(db: DbOrTx, f: FinanceFilterInput, o: { now: Date; reminderDays: number; timeZone: string }) {
  const rows = await listInvoices(db, { q: f.q, courseId: f.course, ...range(f, o.timeZone) });
  return summariseInvoices(rows, { now: o.now, reminderDays: o.reminderDays, status: f.status, handRefunds: await handRefundsOf(db, rows) });
}

/** What is still to pay back by hand on the listed invoices' bookings (toPayBackByHand). */
export async function handRefundsOf(db: DbOrTx, rows: InvoiceListRow[]): Promise<HandRefunds> {
  const listed = new Set(rows.map((r) => r.booking.id));
  // Map.groupBy is not in Node 20.
  const pendingByBooking = new Map<string, Awaited<ReturnType<typeof listPendingRefunds>>>();
  for (const p of await listPendingRefunds(db)) {
    if (!listed.has(p.bookingId)) continue;
    const own = pendingByBooking.get(p.bookingId);
    if (own) own.push(p);
    else pendingByBooking.set(p.bookingId, [p]);
  }
  const byBooking = new Map<string, number>();
  for (const [bookingId, own] of pendingByBooking) {
    const amount = toPayBackByHand(own.map((p) => ({ id: p.paymentId, provider: p.provider })), own);
    if (amount > 0) byBooking.set(bookingId, amount);
  }
  return byBooking;
}

export type CreditNoteTotals = { currency: string; count: number; subtotal: number; tax: number; total: number; refunded: number };

export function summariseCreditNotes(rows: CreditNoteListRow[]) {
  const byCurrency = new Map<string, CreditNoteTotals>();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? { currency: r.currency, count: 0, subtotal: 0, tax: 0, total: 0, refunded: 0 };
    t.count += 1;
    t.subtotal += r.subtotalAmount;
    t.tax += r.taxAmount;
    t.total += r.totalAmount;
    t.refunded += r.refundAmount;
    byCurrency.set(r.currency, t);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export async function creditNoteDesk(db: DbOrTx, f: FinanceFilterInput, o: { timeZone: string }) {
  const creditNotes = await listCreditNotes(db, { q: f.q, courseId: f.course, ...range(f, o.timeZone) });
  return { creditNotes, totals: summariseCreditNotes(creditNotes) };
}

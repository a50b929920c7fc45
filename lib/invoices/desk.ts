// The finance desk's lists: rows with their status now, filtered, and totals per currency.
import type { DbOrTx } from "@/db";
import { listCreditNotes, listInvoices, type CreditNoteListRow, type InvoiceListRow } from "@/db/queries/finance";
import { amountOwed, netPaid } from "@/lib/booking/balance";
import type { FinanceFilterInput } from "@/lib/validations/finance";
import { dayRange } from "./periods";
import { invoiceStatus, invoiceStatusText, supplementaryInvoiceStatus, type InvoiceStatus } from "./status";

export type DeskInvoice = InvoiceListRow & { status: InvoiceStatus; statusText: string; paid: number; owed: number; credited: number; refunded: number };

/**
 * One invoice's share of its booking's money. A booking has its own invoice and, for each later payment that
 * raised its price, a supplementary invoice billing just that extra, issued when it was paid: the supplement
 * shows its own payment, and the booking's own invoice the rest (what is owed, credited and refunded), so that
 * no money is counted twice in a list or its totals.
 */
function moneyOf(r: InvoiceListRow, now: Date, reminderDays: number) {
  const paidNet = netPaid(r.booking);
  if (r.supplementsInvoiceId) {
    const paid = Math.min(r.supplementPaid ?? r.totalAmount, paidNet);
    const status = supplementaryInvoiceStatus(r.booking);
    return { status, statusText: invoiceStatusText(status, r.booking), paid, owed: 0, credited: 0, refunded: 0 };
  }
  const status = invoiceStatus({ ...r.booking, balanceDueAt: r.booking.balanceDueAt }, now, reminderDays);
  return {
    status,
    statusText: invoiceStatusText(status, r.booking),
    paid: Math.max(0, paidNet - r.supplementsPaid),
    owed: r.booking.status === "confirmed" ? amountOwed(r.booking) : 0,
    credited: r.booking.creditedAmount,
    refunded: r.booking.amountRefunded,
  };
}

export type CurrencyTotals = {
  currency: string; count: number; subtotal: number; tax: number; total: number; credited: number; paid: number; owed: number;
};

/** Status and money of each invoice now, keeping only the asked-for status; totals add up what is kept. */
export function summariseInvoices(rows: InvoiceListRow[], o: { now: Date; reminderDays: number; status?: InvoiceStatus }) {
  const invoices: DeskInvoice[] = rows
    .map((r) => ({ ...r, ...moneyOf(r, o.now, o.reminderDays) }))
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

export async function invoiceDesk(db: DbOrTx, f: FinanceFilterInput, o: { now: Date; reminderDays: number; timeZone: string }) {
  const rows = await listInvoices(db, { q: f.q, courseId: f.course, ...range(f, o.timeZone) });
  return summariseInvoices(rows, { now: o.now, reminderDays: o.reminderDays, status: f.status });
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

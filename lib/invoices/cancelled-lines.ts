// The invoice a credit note for cancelled places credits, and the lines it prints for them, read before the
// places are cancelled.
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { invoices, type LineSnapshot } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { placeLine } from "./snapshot";

/** One line per place, as its invoice showed it when that invoice had a line per place, otherwise built afresh. */
export async function cancelledPlaceLines(db: DbOrTx, bookingId: string, invoiceLines: LineSnapshot[], attendeeIds: string[]): Promise<LineSnapshot[]> {
  if (attendeeIds.length === 0) return [];
  const detail = await getBookingDetail(db, bookingId);
  if (!detail) return [];
  return attendeeIds.flatMap((id) => {
    const invoiced = invoiceLines.find((l) => l.attendeeId === id);
    if (invoiced) return [invoiced];
    const a = detail.attendees.find((x) => x.id === id);
    return a ? [placeLine(detail, a)] : [];
  });
}

export type InvoiceToCredit = { id: string; number: string; lines: LineSnapshot[] };

type BookingInvoice = InvoiceToCredit & { supplementsInvoiceId: string | null; totalAmount: number; credited: number };

/** The places an invoice's lines name (older per-place lines one each, grouped lines several). */
const placesNamed = (lines: LineSnapshot[]) => lines.flatMap((l) => l.attendeeIds ?? (l.attendeeId ? [l.attendeeId] : []));

/**
 * Of a booking's invoices (its own first, then its supplementary ones as issued), the one a credit of `credit`
 * for cancelling these places goes against: the invoice that billed them. A place is billed by the first invoice
 * naming it: the booking's own for the places booked, the supplementary invoice its payment issued for a place
 * added later (a later line naming it, such as a change of booked time, bills a difference, not the place).
 *
 * The booking's own invoice otherwise: for no places (a price reduction), for places billed on different
 * invoices, and for a credit more than the billing invoice still holds. Splitting the credit there would take a
 * credit note per invoice, but a refund hangs on one credit note (credit_notes_refund_key, the cancellation's
 * credit_note_id, the refund's confirmation email), so one decision keeps one credit note.
 */
export function invoiceBillingPlaces(list: BookingInvoice[], attendeeIds: string[], credit: number): BookingInvoice | null {
  const own = list.find((i) => !i.supplementsInvoiceId) ?? null;
  if (!own || attendeeIds.length === 0) return own;
  const billedBy = (id: string) => list.find((i) => placesNamed(i.lines).includes(id)) ?? own;
  const billing = new Set(attendeeIds.map(billedBy));
  if (billing.size !== 1) return own;
  const [invoice] = billing;
  return credit <= invoice.totalAmount - invoice.credited ? invoice : own;
}

/** Reads the booking's invoices and picks the one to credit (invoiceBillingPlaces); null when it has none yet. */
export async function invoiceToCredit(db: DbOrTx, bookingId: string, attendeeIds: string[], credit: number): Promise<InvoiceToCredit | null> {
  const list = await db.select({
    id: invoices.id, number: invoices.number, lines: invoices.lines, supplementsInvoiceId: invoices.supplementsInvoiceId,
    totalAmount: invoices.totalAmount,
    credited: sql<number>`(select coalesce(sum(c.total_amount), 0)::int from credit_notes c where c.invoice_id = "invoices"."id")`,
  }).from(invoices).where(eq(invoices.bookingId, bookingId))
    .orderBy(sql`${invoices.supplementsInvoiceId} is not null`, asc(invoices.year), asc(invoices.sequence));
  const chosen = invoiceBillingPlaces(list, attendeeIds, credit);
  return chosen && { id: chosen.id, number: chosen.number, lines: chosen.lines };
}

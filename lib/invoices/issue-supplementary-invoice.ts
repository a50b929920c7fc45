// A supplementary invoice: a booking's price went up after its invoice was issued (staff moved a time-slot
// booking to a longer or dearer span, or the customer added attendees), and the extra is billed on an invoice of its own, issued in the
// transaction of the payment that pays it. The booking's own invoice is never altered.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db";
import { bookings, invoices, payments, type Invoice, type LineSnapshot } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { spanPriceText } from "@/lib/booking/span-price-text";
import { env } from "@/lib/env";
import { documentTotals } from "./amounts";
import { insertInvoice } from "./insert-invoice";
import { sessionDetail, typeWorthNaming } from "./snapshot";

/**
 * What the booking now costs beyond what its invoices bill: the total less the booking invoice's and any
 * supplementary invoices' totals. Credits (credit notes) lower the booking's value and its invoice alike, so
 * they leave this figure alone. Zero for every booking whose price never went up.
 */
export async function uninvoicedAmount(tx: DbOrTx, bookingId: string): Promise<number> {
  const [booking] = await tx.select({ total: bookings.totalAmount }).from(bookings).where(eq(bookings.id, bookingId));
  const [row] = await tx.select({ invoiced: sql<number>`coalesce(sum(${invoices.totalAmount}), 0)::int`, count: sql<number>`count(*)::int` })
    .from(invoices).where(eq(invoices.bookingId, bookingId));
  if (!booking || row.count === 0) return 0;
  return Math.max(0, booking.total - row.invoiced);
}

type Detail = NonNullable<Awaited<ReturnType<typeof getBookingDetail>>>;
type Attendee = Detail["attendees"][number];

const names = (list: Attendee[]) => list.map((a) => `${a.firstName} ${a.lastName}`).join(", ");

/** The places an invoice's lines bill (older per-place lines name one each, grouped lines several). */
const placesBilled = (lines: LineSnapshot[]) => lines.flatMap((l) => l.attendeeIds ?? (l.attendeeId ? [l.attendeeId] : []));

/**
 * The lines of a supplementary invoice for `amount`: places added since the earlier invoices (one line per
 * price, naming them), then whatever is left, the extra for a new span (every place moved alike).
 */
function extraLines(d: Detail, amount: number, earlier: Invoice[], original: string): LineSnapshot[] {
  const active = d.attendees.filter((a) => !a.cancelledAt);
  const billed = new Set(earlier.flatMap((i) => placesBilled(i.lines)));
  const added = active.filter((a) => !billed.has(a.id));
  const where = `${sessionDetail(d)} · in addition to invoice ${original}`;
  const lines: LineSnapshot[] = [];
  let left = amount;
  // One line per ticket type and price, named as the first invoice names its types ("Concession").
  const groups = new Map<string, Attendee[]>();
  for (const a of added) {
    const key = `${a.ticketTypeId}:${a.unitAmount}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const typeCount = new Set(active.map((a) => a.ticketTypeId)).size;
  for (const places of groups.values()) {
    const unitAmount = places[0].unitAmount;
    const lineAmount = unitAmount * places.length;
    if (unitAmount <= 0 || lineAmount > left) continue;
    const named = typeWorthNaming(places[0].ticketType.name, typeCount);
    const type = named ? ` ${named}` : "";
    lines.push({
      description: `${d.course.title} — ${places.length === 1 ? `additional${type} place` : `additional${type} places`} (booking ${d.booking.reference})`,
      detail: `${where} · for ${names(places)}`,
      quantity: places.length, unitAmount, amount: lineAmount, attendeeIds: places.map((a) => a.id),
    });
    left -= lineAmount;
  }
  if (left > 0) {
    const span = d.booking.spanPrice ? `; now ${spanPriceText(d.booking.spanPrice, d.booking.currency)}` : "";
    // Per person when it divides evenly (it does for a span change: every place moved alike).
    const perPerson = active.length > 0 && left % active.length === 0;
    lines.push({
      description: `${d.course.title} — ${d.booking.spanPrice ? "change of booked time" : "price difference"} (booking ${d.booking.reference})`,
      detail: `${sessionDetail(d)}${span} · for ${names(active)} · in addition to invoice ${original}`,
      quantity: perPerson ? active.length : 1,
      unitAmount: perPerson ? left / active.length : left,
      amount: left,
      attendeeIds: active.map((a) => a.id),
    });
  }
  return lines;
}

/**
 * Issues the supplementary invoice for the part of `paymentId` that pays what the booking's invoices do not
 * yet bill; nothing when they bill it all (an ordinary balance payment). Idempotent per payment. The caller
 * holds the booking's row lock, so the amount cannot be billed twice by two payments at once.
 */
export async function issueSupplementaryInvoice(tx: Tx, bookingId: string, paymentId: string, now = new Date()): Promise<Invoice | null> {
  // The booking's invoices, read once: the one for this payment (if issued already), its own, and what they bill.
  const earlier = await tx.select().from(invoices).where(eq(invoices.bookingId, bookingId));
  const existing = earlier.find((i) => i.paymentId === paymentId);
  if (existing) return existing;
  const original = earlier.find((i) => !i.supplementsInvoiceId);
  if (!original) return null;
  const extra = await uninvoicedAmount(tx, bookingId);
  if (extra === 0) return null;
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId));
  const d = (await getBookingDetail(tx, bookingId))!;
  const e = env();

  const lines = extraLines(d, extra, earlier, original.number);
  const totals = documentTotals(lines, e.TAX_RATE_BASIS_POINTS, e.PRICES_INCLUDE_TAX);
  if (totals.total !== extra) throw new Error(`issueSupplementaryInvoice: lines total ${totals.total} but ${extra} is to be billed`);
  const paid = Math.min(extra, payment.amount);
  return insertInvoice(tx, d, {
    lines, totals, now, payments: [{ ...payment, amount: paid }], paidAtIssue: paid,
    balanceDueAt: paid < extra ? d.booking.balanceDueAt : null,
    supplements: { invoiceId: original.id, paymentId },
  });
}

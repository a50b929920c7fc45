// Chart data from figure rows: plain objects a client chart can take, one entry per bar.
import type {
  CheckInFigure, CourseFill, RefundFigure, RequirementShare, SalesPoint, SessionFill, TicketTypeShare,
} from "@/db/queries/analytics";
import { formatDate } from "@/lib/format";
import { refundReasonLabel } from "@/lib/payments/refund-reason";
import { PRIORITY_LABEL } from "./figures";

/** Bookings and places per period, every currency together. */
export function salesVolume(rows: SalesPoint[]) {
  const byPeriod = new Map<string, { period: string; bookings: number; places: number }>();
  for (const r of rows) {
    const p = byPeriod.get(r.period) ?? { period: r.period, bookings: 0, places: 0 };
    p.bookings += r.bookings;
    p.places += r.places;
    byPeriod.set(r.period, p);
  }
  return [...byPeriod.values()];
}

/** Booked value per period, one series per currency (amounts in different currencies are never added). */
export function salesValueByCurrency(rows: SalesPoint[]) {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return currencies.map((currency) => ({ currency, data: rows.filter((r) => r.currency === currency).map((r) => ({ period: r.period, value: r.revenue })) }));
}

export const courseFillData = (rows: CourseFill[]) => rows.map((r) => ({ course: r.course, fill: r.fillRate }));

/** The first `limit` sessions; the table lists them all. */
export function sessionFillData(rows: SessionFill[], limit = 30) {
  return rows.slice(0, limit).map((r) => ({ session: `${r.course}, ${formatDate(r.startsAt, r.timeZone)}`, fill: r.fillRate }));
}

export function ticketMixData(rows: TicketTypeShare[]) {
  const byType = new Map<string, number>();
  for (const r of rows) byType.set(r.ticketType, (byType.get(r.ticketType) ?? 0) + r.places);
  return [...byType].map(([ticketType, places]) => ({ ticketType, places })).sort((a, b) => b.places - a.places);
}

export function refundData(rows: RefundFigure[]) {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return currencies.map((currency) => ({
    currency, data: rows.filter((r) => r.currency === currency).map((r) => ({ reason: refundReasonLabel(r.reason), amount: r.amount })),
  }));
}

export function requirementPriorityData(rows: RequirementShare[]) {
  return ["critical", "high", "standard"].map((priority) => {
    const of = rows.filter((r) => r.priority === priority);
    return { priority: PRIORITY_LABEL[priority], needs: of.reduce((a, r) => a + r.needs, 0), acknowledged: of.reduce((a, r) => a + r.acknowledged, 0) };
  }).filter((r) => r.needs > 0);
}

export const checkInData = (rows: CheckInFigure[]) => rows.filter((r) => r.tickets > 0).map((r) => ({ course: r.course, rate: r.rate }));

// The dashboard's figures: what each one loads and the columns it shows, in the page's tables and in its
// CSV download alike. A new figure is one more entry in `figures`: the page lists its table and the export
// serves its CSV without further changes.
import type { DbOrTx } from "@/db";
import {
  bookingSize, checkInRate, discountUse, fillByCourse, fillBySession, refundSummary, requirementMix, salesOverTime, sessionsAtRisk, ticketTypeMix,
  waitlistDemand,
  type AnalyticsScope,
} from "@/db/queries/analytics";
import { formatDate, formatMoney, formatTime, minorUnitDigits } from "@/lib/format";
import { refundReasonLabel } from "@/lib/payments/refund-reason";
import { categoryLabel } from "@/lib/requirements/dashboard";
import type { RequirementCategory } from "@/db/schema";

export type Column<R> = {
  header: string;
  /** What the table cell shows. */
  display: (row: R) => string;
  /** What the CSV holds: plain numbers (money in major units, a dot for decimals) and ISO times. */
  csv: (row: R) => string | number;
  numeric?: boolean;
};

export type Figure<R = never> = {
  id: string;
  title: string;
  /** One line under the title: what is counted. */
  description: string;
  load: (db: DbOrTx, scope: AnalyticsScope) => Promise<R[]>;
  columns: Column<R>[];
};

const decimalAmount = (amount: number, currency: string) => {
  const digits = minorUnitDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
};
const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
const ratio = (rate: number) => Math.round(rate * 10000) / 10000;
const count = <R,>(header: string, value: (r: R) => number): Column<R> =>
  ({ header, display: (r) => value(r).toLocaleString("en-GB"), csv: value, numeric: true });
const money = <R extends { currency: string },>(header: string, value: (r: R) => number): Column<R> =>
  ({ header, display: (r) => formatMoney(value(r), r.currency), csv: (r) => decimalAmount(value(r), r.currency), numeric: true });
const text = <R,>(header: string, value: (r: R) => string): Column<R> => ({ header, display: value, csv: value });
const sessionStart = <R extends { startsAt: Date; timeZone: string },>(): Column<R> => ({
  header: "Starts",
  display: (r) => `${formatDate(r.startsAt, r.timeZone)}, ${formatTime(r.startsAt, r.timeZone)}`,
  csv: (r) => r.startsAt.toISOString(),
});

export const PRIORITY_LABEL: Record<string, string> = { critical: "Critical", high: "High", standard: "Standard" };

// Row types come from `load`; the columns are checked against them.
function define<R>(load: Figure<R>["load"], figure: Omit<Figure<R>, "load">): Figure<R> {
  return { ...figure, load };
}

export const figures = [
  define(salesOverTime, {
    id: "sales", title: "Sales over time",
    description: "Bookings paid in the period, by the day, week or month they were paid, per currency; value is the booked total.",
    columns: [
      text("Period starting", (r) => r.period), text("Currency", (r) => r.currency),
      count("Bookings", (r) => r.bookings), count("Places", (r) => r.places), money("Value", (r) => r.revenue),
    ],
  }),
  define(bookingSize, {
    id: "booking-size", title: "Average booking",
    description: "Places and value per booking paid in the period, per currency.",
    columns: [
      text("Currency", (r) => r.currency), count("Bookings", (r) => r.bookings), count("Places", (r) => r.places),
      { header: "Places per booking", display: (r) => r.averagePlaces.toFixed(2), csv: (r) => r.averagePlaces.toFixed(2), numeric: true },
      money("Average value", (r) => r.averageValue),
    ],
  }),
  define(fillByCourse, {
    id: "courses", title: "Fill rate per course",
    description: "Scheduled sessions starting in the period: places sold against capacity.",
    columns: [
      text("Course", (r) => r.course), count("Sessions", (r) => r.sessions), count("Capacity", (r) => r.capacity),
      count("Places sold", (r) => r.placesSold),
      { header: "Fill rate", display: (r) => percent(r.fillRate), csv: (r) => ratio(r.fillRate), numeric: true },
    ],
  }),
  define(fillBySession, {
    id: "sessions", title: "Fill rate per session",
    description: "Scheduled sessions starting in the period: places sold against capacity.",
    columns: [
      sessionStart(), text("Course", (r) => r.course), text("Venue", (r) => r.venue), count("Capacity", (r) => r.capacity),
      count("Places sold", (r) => r.placesSold),
      { header: "Fill rate", display: (r) => percent(r.fillRate), csv: (r) => ratio(r.fillRate), numeric: true },
    ],
  }),
  define(ticketTypeMix, {
    id: "ticket-types", title: "Ticket type mix",
    description: "Places sold in the period by ticket type (places cancelled since are left out).",
    columns: [
      text("Ticket type", (r) => r.ticketType), text("Currency", (r) => r.currency), count("Places", (r) => r.places),
      money("Value", (r) => r.amount),
    ],
  }),
  define(discountUse, {
    id: "discounts", title: "Discount use",
    description: "Discounts on bookings paid in the period, per code or automatic rule and currency: bookings, places and the amount taken off.",
    columns: [
      text("Discount", (r) => r.label), text("Kind", (r) => ({ code: "Code", group: "Group discount", early_bird: "Early bird" })[r.source] ?? r.source), text("Currency", (r) => r.currency),
      count("Bookings", (r) => r.bookings), count("Places", (r) => r.places), money("Taken off", (r) => r.amount),
    ],
  }),
  define(refundSummary, {
    id: "refunds", title: "Refunds",
    description: "Refunds completed in the period, by currency and reason.",
    columns: [
      text("Currency", (r) => r.currency), text("Reason", (r) => refundReasonLabel(r.reason)), count("Refunds", (r) => r.refunds),
      money("Amount", (r) => r.amount),
    ],
  }),
  define(requirementMix, {
    id: "requirements", title: "Requirements by priority",
    description: "Needs declared for paid places in sessions starting in the period, and how many staff acknowledged.",
    columns: [
      text("Priority", (r) => PRIORITY_LABEL[r.priority] ?? r.priority), text("Category", (r) => categoryLabel[r.category as RequirementCategory] ?? r.category),
      count("Needs", (r) => r.needs), count("Acknowledged", (r) => r.acknowledged),
    ],
  }),
  define(checkInRate, {
    id: "check-in", title: "Check-in rate",
    description: "Sessions of the period that have started: valid tickets and how many were checked in, per course.",
    columns: [
      text("Course", (r) => r.course), count("Sessions", (r) => r.sessions), count("Tickets", (r) => r.tickets),
      count("Checked in", (r) => r.checkedIn),
      { header: "Check-in rate", display: (r) => percent(r.rate), csv: (r) => ratio(r.rate), numeric: true },
    ],
  }),
  define(waitlistDemand, {
    id: "waitlist", title: "Waiting-list demand",
    description: "Sessions starting in the period with a waiting list: requests still waiting, places they ask for, offers open and bookings made through the list.",
    columns: [
      sessionStart(), text("Course", (r) => r.course), text("Venue", (r) => r.venue),
      count("Waiting", (r) => r.waiting), count("Places asked for", (r) => r.placesWaiting), count("Offers open", (r) => r.offered),
      count("Booked from the list", (r) => r.booked),
    ],
  }),
  define(sessionsAtRisk, {
    id: "at-risk", title: "Upcoming sessions at risk",
    description: "Sessions of the next 30 days with under 30% of places sold or Critical needs not yet acknowledged (course and venue filters apply, not the dates).",
    columns: [
      sessionStart(), text("Course", (r) => r.course), text("Venue", (r) => r.venue),
      count("Places sold", (r) => r.placesSold), count("Capacity", (r) => r.capacity),
      { header: "Fill rate", display: (r) => percent(r.fillRate), csv: (r) => ratio(r.fillRate), numeric: true },
      count("Unacknowledged Critical needs", (r) => r.unacknowledgedCritical),
    ],
  }),
];

export type FigureId = (typeof figures)[number]["id"];

export function figureById(id: string) {
  return figures.find((f) => f.id === id) ?? null;
}

/** Rows as their table cells, in column order. */
export function displayRows<R>(figure: Figure<R>, rows: R[]): string[][] {
  return rows.map((r) => figure.columns.map((c) => c.display(r)));
}

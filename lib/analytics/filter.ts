// Reads the dashboard filter from URL parameters: defaults for what is missing, field errors for what is
// wrong (the page then shows the default view with the errors beside their fields).
import { DateTime } from "luxon";
import { analyticsFilterSchema, type AnalyticsFilter, type AnalyticsInterval } from "@/lib/validations/analytics";
import { fieldErrors } from "@/lib/validations/booking";

export type RawSearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The last 90 days of sales and the sessions of the next 60. */
export function defaultAnalyticsRange(timeZone: string, now = new Date()) {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  return { from: today.minus({ days: 90 }).toISODate()!, to: today.plus({ days: 60 }).toISODate()! };
}

/** Days for short periods, weeks up to half a year, months beyond. */
export function intervalFor(from: string, to: string): AnalyticsInterval {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days <= 31 ? "day" : days <= 190 ? "week" : "month";
}

export function readAnalyticsFilter(params: RawSearchParams, timeZone: string, now = new Date()):
  { filter: AnalyticsFilter; errors: Record<string, string> } {
  const defaults = defaultAnalyticsRange(timeZone, now);
  const from = first(params.from) || defaults.from;
  const to = first(params.to) || defaults.to;
  const raw = {
    from, to,
    course: first(params.course) ?? "",
    venue: first(params.venue) ?? "",
    interval: first(params.interval) || intervalFor(from, to),
  };
  const parsed = analyticsFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data, errors: {} };
  return {
    filter: { ...defaults, interval: intervalFor(defaults.from, defaults.to) },
    errors: fieldErrors(parsed.error),
  };
}

/** The URL parameters of a filter, for links that keep it (CSV downloads). */
export function analyticsQuery(filter: AnalyticsFilter): string {
  const q = new URLSearchParams({ from: filter.from, to: filter.to, interval: filter.interval });
  if (filter.course) q.set("course", filter.course);
  if (filter.venue) q.set("venue", filter.venue);
  return q.toString();
}

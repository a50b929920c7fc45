// The sales dashboard's filter: a GET form, so a view is a link to share. Dates are days in the staff
// time zone, both ends included.
import { z } from "zod";
import { acrossFields } from "./cross-field";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Enter a real date");
const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Choose from the list").optional());

export const ANALYTICS_INTERVALS = ["day", "week", "month"] as const;
export type AnalyticsInterval = (typeof ANALYTICS_INTERVALS)[number];

/** The longest period one view covers: enough for year-on-year looks, small enough to stay quick. */
export const MAX_RANGE_DAYS = 3 * 366;

export const analyticsFilterSchema = z.object({
  from: isoDay,
  to: isoDay,
  course: optionalId,
  venue: optionalId,
  interval: z.enum(ANALYTICS_INTERVALS, "Choose day, week or month"),
}).check(acrossFields<{ from: string; to: string }>(["from", "to"], (v, ctx) => {
  const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must not be before the start date" });
  else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a period of at most three years" });
}));

export type AnalyticsFilter = z.infer<typeof analyticsFilterSchema>;

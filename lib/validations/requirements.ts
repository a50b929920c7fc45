// Staff input on the requirements dashboard: its filters (from the query string), acknowledging a need,
// and the preparation checklist.
import { z } from "zod";
import { REQUIREMENT_CATEGORIES, REQUIREMENT_PRIORITIES } from "./catalog";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A filter that is missing or not valid is simply not applied. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional()).catch(undefined);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));

export const dashboardFilterSchema = z.object({
  course: optional(z.uuid()),
  session: optional(z.uuid()),
  from: optional(isoDate),
  to: optional(isoDate),
  category: optional(z.enum(REQUIREMENT_CATEGORIES)),
  priority: optional(z.enum(REQUIREMENT_PRIORITIES)),
});
export type DashboardFilter = z.output<typeof dashboardFilterSchema>;

/** Reads filters from URLSearchParams or a Next.js searchParams object (first value of each). */
export function parseDashboardFilter(input: URLSearchParams | Record<string, string | string[] | undefined>): DashboardFilter {
  const get = (k: string) => {
    const v = input instanceof URLSearchParams ? input.get(k) : input[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  return dashboardFilterSchema.parse(Object.fromEntries(["course", "session", "from", "to", "category", "priority"].map((k) => [k, get(k)])));
}

export function dashboardFilterQuery(f: DashboardFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  return q.toString();
}

export const acknowledgeSchema = z.object({ requirementId: z.uuid("Not a valid requirement") });

export const checklistTickSchema = z.object({
  itemId: z.uuid("Not a valid checklist item"),
  done: z.boolean({ error: "Say whether the item is done" }),
});

export const checklistAddSchema = z.object({
  sessionId: z.uuid("Not a valid session"),
  label: z.string({ error: "Describe the task" }).trim().min(1, "Describe the task").max(200, "The task must be at most 200 characters"),
});

export const checklistRemoveSchema = z.object({ itemId: z.uuid("Not a valid checklist item") });

// The public catalogue's filters (/courses?category=&from=&to=): read from the URL, where anyone can type
// anything. A bad value is reported beside its field and left out of the search; the page still answers.
import { z } from "zod";
import { parseDay } from "@/lib/invoices/periods";
import { fieldErrors } from "./booking";

type RawSearchParams = Record<string, string | string[] | undefined>;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const day = (label: string) =>
  z.preprocess(blankToUndefined, z.string().refine((s) => parseDay(s) !== null, `${label} must be a real date (YYYY-MM-DD)`).optional());

export const catalogueFilterSchema = z.object({
  category: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  from: day("From"),
  to: day("To"),
}).refine((f) => !f.from || !f.to || !parseDay(f.from) || !parseDay(f.to) || f.from <= f.to, { path: ["to"], message: "To must be on or after From" });

export type CatalogueFilter = z.infer<typeof catalogueFilterSchema>;

/** The valid part of the filter and a message per invalid field (a repeated parameter counts as invalid). */
export function readCatalogueFilter(sp: RawSearchParams): { filter: CatalogueFilter; errors: Record<string, string> } {
  const raw = Object.fromEntries(["category", "from", "to"].map((k) => [k, sp[k]]));
  const parsed = catalogueFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data, errors: {} };
  const errors = fieldErrors(parsed.error);
  const kept = catalogueFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors))));
  return { filter: kept.success ? kept.data : {}, errors };
}

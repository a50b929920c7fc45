// Reads the finance lists' search parameters; a bad value is reported beside its field and ignored.
import { fieldErrors } from "@/lib/validations/booking";
import { financeFilterSchema, type FinanceFilterInput } from "@/lib/validations/finance";

export type RawSearchParams = Record<string, string | string[] | undefined>;

export function readFinanceFilter(sp: RawSearchParams): { filter: FinanceFilterInput; errors: Record<string, string> } {
  const raw = Object.fromEntries(["q", "from", "to", "status", "course"].map((k) => [k, typeof sp[k] === "string" ? sp[k] : undefined]));
  const parsed = financeFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data, errors: {} };
  const errors = fieldErrors(parsed.error);
  const kept = financeFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors))));
  return { filter: kept.success ? kept.data : {}, errors };
}

export function exportRangeFor(filter: FinanceFilterInput, fallback: { from: string; to: string }) {
  return { from: filter.from ?? fallback.from, to: filter.to ?? (filter.from && filter.from > fallback.to ? filter.from : fallback.to) };
}

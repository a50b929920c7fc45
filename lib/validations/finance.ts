// Finance desk input: list filters, export date ranges and the staff refund form.
import { z } from "zod";
import { OFFLINE_PAYMENT_METHODS } from "@/lib/payments/offline-methods";
import { invoiceStatuses } from "@/lib/invoices/status";
import { parseDay } from "@/lib/invoices/periods";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const day = (label: string) => z.string().refine((s) => parseDay(s) !== null, `${label} must be a date (YYYY-MM-DD)`);

const filterFields = {
  q: z.preprocess(blankToUndefined, z.string().trim().max(100, "Search at most 100 characters")
    .refine((s) => !s.includes("\u0000"), "Search must not contain the NUL character").optional()),
  from: z.preprocess(blankToUndefined, day("From").optional()),
  to: z.preprocess(blankToUndefined, day("To").optional()),
  status: z.preprocess(blankToUndefined, z.enum(invoiceStatuses, { error: "Choose a status from the list" }).optional()),
  course: z.preprocess(blankToUndefined, z.uuid("Choose a course from the list").optional()),
};

/** Search parameters of the invoice and credit note lists. */
export const financeFilterSchema = z.object(filterFields)
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "To must be on or after From" });

export type FinanceFilterInput = z.infer<typeof financeFilterSchema>;

/** The longest span of issue dates one export takes. */
export const MAX_EXPORT_DAYS = 400;
export const EXPORT_TOO_LONG = `Export at most ${MAX_EXPORT_DAYS} days at a time`;

/** Whether an export of these issue dates is within MAX_EXPORT_DAYS. */
export const exportSpanAllowed = (r: { from: string; to: string }) => Date.parse(r.to) - Date.parse(r.from) <= MAX_EXPORT_DAYS * 86_400_000;

/** An export of what a filtered list shows: the list's filters, with both dates required, at most a little over a year. */
export const exportFilterSchema = z.object({ ...filterFields, from: day("From"), to: day("To") })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "To must be on or after From" })
  .refine(exportSpanAllowed, { path: ["to"], message: EXPORT_TOO_LONG });

export type ExportFilter = z.infer<typeof exportFilterSchema>;

/** The search parameters of a filter, for links (exports, pages) that must carry the same filter. */
export function filterQuery(f: Partial<Record<keyof typeof filterFields, string | undefined>>): string {
  return new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString();
}

/** "120", "120.5", "120.50": a non-negative amount in major units as typed by staff. */
export const MONEY_INPUT = /^\d{1,7}(\.\d{1,3})?$/;

export const refundFormSchema = z.object({
  bookingId: z.uuid(),
  attendeeIds: z.array(z.uuid()).max(12).default([]),
  amount: z.string({ error: "Enter the amount to refund" }).trim().regex(MONEY_INPUT, "Enter an amount such as 120.00"),
  reason: z.string({ error: "Give a reason" }).trim().min(3, "Give a reason (at least 3 characters)").max(200, "Keep the reason under 200 characters"),
  // Made by the form once per decision: a double submit or a retried request refunds once.
  idempotencyKey: z.uuid("Reload the page and try again"),
});

export type RefundFormInput = z.input<typeof refundFormSchema>;

/** A balance received by bank transfer or in cash, as finance records it on the invoice page. */
export const offlinePaymentFormSchema = z.object({
  bookingId: z.uuid(),
  method: z.enum(OFFLINE_PAYMENT_METHODS, { error: "Choose how it was paid" }),
  // Named apart from the refund form's amount: both forms can be on one page, and a field's id is its name.
  receivedAmount: z.string({ error: "Enter the amount received" }).trim().regex(MONEY_INPUT, "Enter an amount such as 120.00"),
  receivedOn: z.string({ error: "Enter the day it arrived" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the day it arrived as a date")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Enter a real date"),
  reference: z.string().trim().max(100, "Keep the reference under 100 characters").optional(),
  idempotencyKey: z.uuid("Reload the page and try again"),
});

/** "120.5" GBP → 12050. Null when it has more decimals than the currency has. */
/** Why an amount typed in major units cannot be taken (null: it can), in words for the field. */
export function moneyInputProblem(input: string, fractionDigits: number, currency: string): string | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(input.trim());
  if (!m) return `Enter an amount in ${currency} as a number, for example ${fractionDigits ? `12.${"5".padEnd(fractionDigits, "0")}` : "1200"}`;
  if ((m[2] ?? "").length > fractionDigits)
    return fractionDigits ? `${currency} amounts have at most ${fractionDigits} decimal place${fractionDigits === 1 ? "" : "s"}` : `${currency} amounts have no decimal places`;
  if (parseMoneyInput(input, fractionDigits) === 0) return `Enter an amount in ${currency} greater than zero`;
  return null;
}

export function parseMoneyInput(input: string, fractionDigits: number): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(input.trim());
  if (!m) return null;
  const fraction = m[2] ?? "";
  if (fraction.length > fractionDigits) return null;
  return Number(m[1]) * 10 ** fractionDigits + Number(fraction.padEnd(fractionDigits, "0") || "0");
}

// Staff input for discount codes and automatic rules. Forms send strings as typed; the server actions check
// them with the same schemas, and lib/discounts/admin.ts turns them into what is stored.
import { z } from "zod";
import { currencyDigits, moneyText, optionalText, parseMoney, text } from "./catalog";
import { acrossFields } from "./cross-field";

const blank = (v: unknown) => (v === null || v === false || (typeof v === "string" && v.trim() === "") ? undefined : v);

const optionalInt = (label: string, min: number, max: number) =>
  z.preprocess(blank, z.coerce.number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`).optional());

const optionalDate = (label: string) =>
  z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label.toLowerCase()} as a date`).optional());

/** Checkbox groups send a list, a single value, or false when nothing is ticked. */
const idList = z.preprocess((v) => (v === false || v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid("Choose from the list")).max(200));

export const discountTermsFields = {
  description: optionalText("Description", 200),
  kind: z.enum(["percent", "fixed"], { error: "Choose a percentage or a fixed amount" }),
  amount: moneyText,
  currency: z.preprocess(blank, z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Enter a three-letter currency code such as GBP")
    .refine((c) => currencyDigits(c) !== null, "Unknown currency code").optional()),
  per: z.enum(["attendee", "booking"], { error: "Choose per attendee or per booking" }),
  validFrom: optionalDate("Valid from"),
  validUntil: optionalDate("Valid until"),
  minAttendees: optionalInt("Minimum attendees", 1, 12),
};

/** The stored value: basis points for a percentage ("12.5" → 1250), minor units for a fixed amount. */
export function discountValue(v: { kind: "percent" | "fixed"; amount: string; currency?: string }): number | null {
  if (v.kind === "percent") {
    const bp = /^\d{1,3}(\.\d{1,2})?$/.test(v.amount) ? parseMoney(v.amount, "GBP") : null;
    return bp != null && bp >= 1 && bp <= 10_000 ? bp : null;
  }
  if (!v.currency) return null;
  const amount = parseMoney(v.amount, v.currency);
  return amount != null && amount > 0 ? amount : null;
}

type Terms = { kind: "percent" | "fixed"; amount: string; currency?: string; validFrom?: string; validUntil?: string };

/** The terms' rules across fields, each told as soon as its own fields are valid (lib/validations/cross-field.ts). */
const termsChecks = [
  acrossFields<Terms>(["kind", "amount", "currency"], (v, ctx) => {
    if (v.kind === "fixed" && !v.currency) ctx.addIssue({ code: "custom", path: ["currency"], message: "A fixed amount needs its currency" });
    else if (discountValue(v) == null)
      ctx.addIssue({ code: "custom", path: ["amount"], message: v.kind === "percent" ? "Enter a percentage between 0.01 and 100" : "Enter an amount such as 15 or 15.00" });
  }),
  acrossFields<Terms>(["validFrom", "validUntil"], (v, ctx) => {
    if (v.validFrom && v.validUntil && v.validUntil < v.validFrom)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "The last day must not be before the first" });
  }),
];

const codeLimits = {
  maxUses: optionalInt("Maximum uses", 1, 1_000_000),
  maxUsesPerEmail: optionalInt("Uses per customer", 1, 1_000),
  revealsHiddenTicketTypes: z.boolean().optional(),
  courseIds: idList,
  ticketTypeIds: idList,
};

export const discountCodeSchema = z.object({
  code: text("Code", 40).toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{2,39}$/, "Use 3 to 40 letters, digits, hyphens or underscores"),
  ...discountTermsFields,
  ...codeLimits,
}).check(...termsChecks);

export const generateDiscountCodesSchema = z.object({
  prefix: z.preprocess(blank, z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,12}$/, "Use up to 12 letters and digits").optional()),
  count: z.coerce.number({ error: "How many codes?" }).int("How many codes?").min(1, "Generate at least 1 code").max(1_000, "At most 1000 codes at once"),
  ...discountTermsFields,
  ...codeLimits,
}).check(...termsChecks);

export const discountRuleSchema = z.object({
  ruleKind: z.enum(["group", "early_bird"], { error: "Choose a group discount or an early bird" }),
  name: text("Name customers see", 80),
  courseId: z.preprocess(blank, z.uuid("Choose a course").optional()),
  ...discountTermsFields,
  firstPlaces: optionalInt("First places", 1, 100_000),
}).check(
  ...termsChecks,
  acrossFields<{ ruleKind: "group" | "early_bird"; validUntil?: string; firstPlaces?: number }>(["ruleKind", "validUntil", "firstPlaces"], (v, ctx) => {
    if (v.ruleKind === "early_bird" && !v.validUntil && !v.firstPlaces)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "An early bird needs a last day or a number of first places" });
  }),
  acrossFields<{ ruleKind: "group" | "early_bird"; minAttendees?: number }>(["ruleKind", "minAttendees"], (v, ctx) => {
    if (v.ruleKind === "group" && !v.minAttendees)
      ctx.addIssue({ code: "custom", path: ["minAttendees"], message: "A group discount needs its minimum number of attendees" });
  }),
);

export type DiscountCodeInput = z.output<typeof discountCodeSchema>;
export type GenerateDiscountCodesInput = z.output<typeof generateDiscountCodesSchema>;
export type DiscountRuleInput = z.output<typeof discountRuleSchema>;

// Staff input for running courses: courses, venues, sessions and requirement templates. The forms send
// strings (as typed); these schemas turn them into what is stored, and the server actions use the same ones.
import { z } from "zod";
import { acrossFields } from "./cross-field";
import { MEMBER_LEVELS } from "./member-levels";
import type { RequirementCategory, RequirementPriority, StaffRole } from "@/db/schema";
import { minorUnitDigits } from "@/lib/format";
import { VENUE_FEATURE_CODES } from "@/lib/requirements/venue-features";

export const text = (label: string, max: number) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);

export const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v),
    z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be at most ${max} characters`).optional(),
  );

const slug = (label: string) =>
  text(label, 80).toLowerCase().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${label} may use lower-case letters, digits and single hyphens`);

export const REQUIREMENT_CATEGORIES = ["allergy", "dietary", "access", "hearing", "visual", "medical", "other"] as const satisfies readonly RequirementCategory[];
export const REQUIREMENT_PRIORITIES = ["critical", "high", "standard"] as const satisfies readonly RequirementPriority[];
export const STAFF_ROLES = ["admin", "finance", "door"] as const satisfies readonly StaffRole[];

export const uuidInput = (label: string) => z.uuid(`Choose a ${label}`);

// The currencies in use (ISO 4217, as this runtime's ICU knows them). Intl formats any well-formed code, XYZ
// included, so formatting alone cannot tell a real currency from a made-up one.
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export function currencyDigits(code: string): number | null {
  if (!KNOWN_CURRENCIES.has(code)) return null;
  try {
    return minorUnitDigits(code);
  } catch {
    return null;
  }
}

/** "285", "285.5" or "285.50" in the currency's major unit → 28550 minor units; null when not a valid amount. */
export function parseMoney(input: string, currency: string): number | null {
  const digits = currencyDigits(currency) ?? 2;
  const m = input.trim().replace(/,/g, "").match(/^(\d{1,9})(?:\.(\d+))?$/);
  if (!m || (m[2] && m[2].length > digits)) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || 0);
}

/** Minor units back to the text a form shows: 28550 GBP → "285.50". */
export function moneyInput(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return "";
  const digits = currencyDigits(currency) ?? 2;
  return digits === 0 ? String(amount) : (amount / 10 ** digits).toFixed(digits);
}

export const moneyText = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

/** A whole number typed into a field, between `min` and `max` (a minus sign reads as a number below the minimum). */
export const wholeNumber = (label: string, min: number, max: number) =>
  z.union([z.string(), z.number()], { error: `${label} is required` }).transform((v) => String(v).trim())
    .pipe(z.string().min(1, `${label} is required`).regex(/^-?\d+$/, `${label} must be a whole number`))
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max.toLocaleString("en-GB")}`));

/**
 * A price as typed, checked on its own (missing, negative, not an amount) so that its error is listed with every
 * other field's in the first submit; its decimals and the deposit's comparison with it need the whole form
 * (the currency), in priceAndDeposit.
 */
export const priceField = amountField({
  required: "Price is required", negative: "Price cannot be negative", format: "Enter a price such as 285 or 285.00",
});

/** An optional deposit as typed, checked on its own like priceField. */
export const depositField = amountField({
  negative: "Deposit cannot be negative", format: "Enter a deposit such as 85 or 85.00, or leave it empty",
}).optional();

/** An amount as typed, checked on its own (missing when `required` is given, negative, not an amount). */
export function amountField(m: { required?: string; negative: string; format: string }) {
  return moneyText.superRefine((v, ctx) => amountIssue(v, ctx, m));
}

function amountIssue(v: string, ctx: z.RefinementCtx, m: { required?: string; negative: string; format: string }) {
  const message = v === "" ? m.required
    : v.startsWith("-") ? m.negative
      : /^\d{1,9}(?:\.\d+)?$/.test(v.replace(/,/g, "")) ? undefined : m.format;
  if (message) ctx.addIssue({ code: "custom", message });
}

const courseFields = z.object({
  title: text("Title", 160),
  slug: slug("Web address"),
  summary: text("Summary", 300),
  description: text("Description", 5000),
  category: text("Category", 80),
  currency: z.string({ error: "Currency is required" }).trim().toUpperCase()
    .regex(/^[A-Z]{3}$/, "Enter a three-letter currency code such as GBP")
    .refine((c) => currencyDigits(c) !== null, "Unknown currency code"),
  price: priceField,
  deposit: depositField,
  // Hours before the start after which customers can no longer change their bookings online.
  changeCutoffHours: z.union([z.string(), z.number()]).optional()
    .transform((v) => (v === undefined || String(v).trim() === "" ? 48 : Number(String(v).trim())))
    // Letters read as NaN: the same message as a fraction, not zod's "expected number".
    .pipe(z.number({ error: "Enter whole hours, such as 48" }).int("Enter whole hours, such as 48").min(0, "Enter 0 hours or more").max(8760, "Enter at most 8760 hours (a year)")),
});

/**
 * A price and an optional deposit below it, in minor units, from fields priceField and depositField already
 * checked on their own: what is left needs the currency (its decimals) and both amounts. Field errors go to `ctx`.
 */
export function priceAndDeposit(v: { price: string; deposit?: string; currency: string }, ctx: z.RefinementCtx) {
  const fail = (path: string, message: string) => { ctx.addIssue({ code: "custom", path: [path], message }); return null; };
  const priceAmount = parseMoney(v.price, v.currency);
  if (priceAmount === null) return fail("price", "Enter a price such as 285 or 285.00");
  let depositAmount: number | null = null;
  if (v.deposit) {
    depositAmount = parseMoney(v.deposit, v.currency);
    if (depositAmount === null) return fail("deposit", "Enter a deposit such as 85 or 85.00, or leave it empty");
    if (depositAmount === 0) depositAmount = null;
    else if (depositAmount >= priceAmount) return fail("deposit", "The deposit must be less than the price");
  }
  return { priceAmount, depositAmount };
}

/** priceAndDeposit as a check of the form, told beside the other fields' errors (lib/validations/cross-field.ts). */
export const depositBelowPrice = acrossFields<{ price: string; deposit?: string; currency: string }>(
  ["price", "deposit", "currency"], (v, ctx) => { priceAndDeposit(v, ctx); });

function toCourse<V extends z.output<typeof courseFields>>(v: V, ctx: z.RefinementCtx) {
  const money = priceAndDeposit(v, ctx);
  if (!money) return z.NEVER;
  const { price: _price, deposit: _deposit, ...rest } = v;
  return { ...rest, ...money };
}

export const courseSchema = courseFields.check(depositBelowPrice).transform(toCourse);
export type CourseInput = z.input<typeof courseSchema>;
export type CourseValues = z.output<typeof courseSchema>;

export const updateCourseSchema = courseFields.extend({ id: uuidInput("course") }).check(depositBelowPrice).transform(toCourse);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const venueFields = {
  name: text("Name", 160),
  slug: slug("Short name"),
  addressLine1: text("Address line 1", 160),
  addressLine2: optionalText("Address line 2", 160),
  city: text("Town or city", 100),
  postalCode: text("Postcode", 20),
  country: z.string({ error: "Country is required" }).trim().toUpperCase().regex(/^[A-Z]{2}$/, "Enter a two-letter country code such as GB"),
  timeZone: text("Time zone", 64).refine(isTimeZone, "Enter a time zone such as Europe/London"),
};
export const venueSchema = z.object(venueFields);
export type VenueInput = z.input<typeof venueSchema>;
export const updateVenueSchema = z.object({ id: uuidInput("venue"), ...venueFields });

export const venueAssessmentSchema = z.object({
  venueId: uuidInput("venue"),
  features: z.array(z.object({
    feature: z.enum(VENUE_FEATURE_CODES, { error: "Unknown venue feature" }),
    status: z.enum(["yes", "no", "unknown"], { error: "Choose yes, no or not known" }),
    notes: optionalText("Notes", 500),
  })).max(VENUE_FEATURE_CODES.length),
});
export type VenueAssessmentInput = z.input<typeof venueAssessmentSchema>;

/** A local date and time as typed into a datetime-local field, read in the venue's time zone. */
export const localDateTime = (label: string) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Enter the ${label.toLowerCase()} as a date and time`);

const sessionFields = {
  courseId: uuidInput("course"),
  venueId: uuidInput("venue"),
  startsAt: localDateTime("Start"),
  endsAt: localDateTime("End"),
  capacity: z.union([z.string(), z.number()]).transform((v) => String(v).trim())
    .pipe(z.string().min(1, "Capacity is required").regex(/^-?\d+$/, "Capacity must be a whole number"))
    .transform(Number)
    .pipe(z.number().min(1, "Capacity must be at least 1").max(10_000, "Capacity must be at most 10,000")),
  // Door staff also check attendees out (who collected them, when): childcare and the like.
  checkOutRequired: z.boolean().optional().default(false),
};

const endAfterStart = acrossFields<{ startsAt: string; endsAt: string }>(["startsAt", "endsAt"], (v, ctx) => {
  // Same zone, same format: the strings compare like the times they name.
  if (v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
});

/**
 * A new session: which fan-club levels hear of it by email (all by default; none ticked sends nothing).
 * Kept with the email job, so the choice is the one respected when the emails go out.
 */
export const notifyLevelsField = z.preprocess(
  // A form's checkbox group: nothing ticked may arrive as false, one ticked box as its value alone.
  (v) => (v === false || v === null ? [] : typeof v === "string" ? [v] : v),
  z.array(z.enum(MEMBER_LEVELS, { error: "Choose silver, gold or platinum" })).max(MEMBER_LEVELS.length).optional(),
)
  .transform((v) => (v === undefined ? [...MEMBER_LEVELS] : MEMBER_LEVELS.filter((l) => v.includes(l))));

/** A new session's weekly repeats: the same times on the same weekday for this many more weeks (blank: none). */
export const MAX_WEEKLY_REPEATS = 52;
const repeatWeeksField = z.union([z.string(), z.number()]).optional()
  .transform((v) => (v === undefined ? "0" : String(v).trim() || "0"))
  .pipe(z.string().regex(/^\d+$/, "Weekly repeats must be a whole number"))
  .transform(Number)
  .pipe(z.number().max(MAX_WEEKLY_REPEATS, `At most ${MAX_WEEKLY_REPEATS} weekly repeats (a year)`));

export const sessionSchema = z.object({ ...sessionFields, notifyLevels: notifyLevelsField, repeatWeeks: repeatWeeksField }).check(endAfterStart);
export type SessionInput = z.input<typeof sessionSchema>;
export type SessionValues = z.output<typeof sessionSchema>;
/** What an edit changes (the member email went out when the session was created; repeats are made then too). */
export type SessionFieldValues = Omit<SessionValues, "notifyLevels" | "repeatWeeks">;
export const updateSessionSchema = z.object({ id: uuidInput("session"), ...sessionFields }).check(endAfterStart);

/** Staff's message to a session's bookers: a subject and plain text (blank lines start paragraphs). */
export const sessionMessageSchema = z.object({
  sessionId: uuidInput("session"),
  subject: text("Subject", 150),
  message: text("Message", 5000),
  requestId: z.uuid("Reload the page and try again"),
});

export const cancelSessionSchema = z.object({
  id: uuidInput("session"),
  reason: text("Reason", 500),
});

export const idSchema = z.object({ id: z.uuid("Not a valid id") });

const lines = (label: string, maxLines: number, maxLength: number) =>
  z.union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split("\n")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(maxLength, `Each ${label} must be at most ${maxLength} characters`))
      .max(maxLines, `At most ${maxLines} ${label}s`))
    .refine((l) => new Set(l).size === l.length, `Each ${label} can appear once`);

const templateFields = {
  code: text("Code", 60).toLowerCase().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, "Code may use lower-case letters, digits and single underscores"),
  label: text("Label", 120),
  hint: optionalText("Hint", 300),
  category: z.enum(REQUIREMENT_CATEGORIES, { error: "Choose a category" }),
  priority: z.enum(REQUIREMENT_PRIORITIES, { error: "Choose a priority" }),
  detailsRequired: z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")]).optional()
    .transform((v) => v === true || v === "on" || v === "true"),
  checklistItems: lines("checklist item", 20, 200),
  // A group of checkboxes sends a list, one value, or nothing.
  venueFeatures: z.preprocess((v) => (v === undefined || v === null || v === false ? [] : typeof v === "string" ? [v] : v),
    z.array(z.enum(VENUE_FEATURE_CODES, { error: "Unknown venue feature" }))
      .refine((l) => new Set(l).size === l.length, "Each feature can be chosen once")),
  sortOrder: z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined || v === "" ? "0" : String(v).trim()))
    .pipe(z.string().regex(/^-?\d{1,4}$/, "Order must be a whole number")).transform(Number),
};
export const requirementTemplateSchema = z.object(templateFields);
export type RequirementTemplateInput = z.input<typeof requirementTemplateSchema>;
export const updateRequirementTemplateSchema = z.object({ id: uuidInput("requirement"), ...templateFields });

export const staffUserSchema = z.object({
  email: z.string({ error: "Email is required" }).trim().toLowerCase().min(1, "Email is required").max(254)
    .pipe(z.email("Enter a valid email address")),
  name: optionalText("Name", 120),
  role: z.enum(STAFF_ROLES, { error: "Choose a role" }),
});
export type StaffUserInput = z.input<typeof staffUserSchema>;
export const updateStaffUserSchema = z.object({
  id: uuidInput("user"),
  name: optionalText("Name", 120),
  role: z.enum(STAFF_ROLES, { error: "Choose a role" }),
});

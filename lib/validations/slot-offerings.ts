// Staff input for time-slot offerings: the offering's settings, its location's opening hours and closures, its
// peak windows, and the custom questions of a course or offering. The forms send strings (as typed); these
// schemas turn them into what is stored, and the server actions parse with the same ones.
import { z } from "zod";
import { amountField, currencyDigits, optionalText, parseMoney, text, uuidInput, wholeNumber } from "./catalog";
import { acrossFieldsOf } from "./cross-field";

const slug = (label: string) =>
  text(label, 80).toLowerCase().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${label} may use lower-case letters, digits and single hyphens`);

const optionalWholeNumber = (label: string, min: number, max: number) =>
  z.preprocess((v) => (v === null || v === undefined || (typeof v === "string" && v.trim() === "") ? undefined : v),
    wholeNumber(label, min, max).optional());

const offeringFields = {
  title: text("Title", 160),
  slug: slug("Web address"),
  summary: text("Summary", 300),
  description: text("Description", 5000),
  category: text("Category", 80),
  currency: z.string({ error: "Currency is required" }).trim().toUpperCase()
    .regex(/^[A-Z]{3}$/, "Enter a three-letter currency code such as GBP")
    .refine((c) => currencyDigits(c) !== null, "Unknown currency code"),
  slotMinutes: wholeNumber("Slot length", 5, 720).refine((m) => 1440 % m === 0, "Choose a slot length that divides a day, such as 15, 30 or 60 minutes"),
  capacityPerSlot: wholeNumber("Places per slot", 1, 10_000),
  // Checked on their own, so a missing rate is told with every other field; their decimals need the currency.
  standardRate: amountField({ required: "Standard rate is required", negative: "Standard rate cannot be negative", format: "Enter standard rate such as 8 or 8.50" }),
  peakRate: amountField({ required: "Peak rate is required", negative: "Peak rate cannot be negative", format: "Enter peak rate such as 8 or 8.50" }),
  minSpanMinutes: wholeNumber("Shortest booking", 5, 1440),
  maxSpanMinutes: wholeNumber("Longest booking", 5, 1440),
  bookAheadDays: wholeNumber("Days ahead", 0, 730),
  latestMinutesBeforeStart: wholeNumber("Latest booking", 0, 43_200),
  minAgeYears: optionalWholeNumber("Youngest age", 0, 120),
  maxAgeYears: optionalWholeNumber("Oldest age", 0, 120),
  checkOutRequired: z.boolean({ error: "Check-out must be on or off" }).optional().default(false),
};

type OfferingFieldValues = z.output<z.ZodObject<typeof offeringFields>>;

function rate(v: string, currency: string, path: string, label: string, ctx: z.RefinementCtx): number | null {
  const fail = (message: string) => { ctx.addIssue({ code: "custom", path: [path], message }); return null; };
  if (v === "") return fail(`${label} is required`);
  if (v.startsWith("-")) return fail(`${label} cannot be negative`);
  const amount = parseMoney(v, currency);
  return amount === null ? fail(`Enter ${label.toLowerCase()} such as 8 or 8.50`) : amount;
}

/** Rates in the currency's units, spans in whole slots, ages in order: each told as soon as its own fields are valid. */
const acrossOffering = acrossFieldsOf<OfferingFieldValues>();
const acrossOfferingFields = [
  acrossOffering(["standardRate", "currency"], (v, ctx) => { rate(v.standardRate, v.currency, "standardRate", "Standard rate", ctx); }),
  acrossOffering(["peakRate", "currency"], (v, ctx) => { rate(v.peakRate, v.currency, "peakRate", "Peak rate", ctx); }),
  acrossOffering(["slotMinutes", "minSpanMinutes", "maxSpanMinutes"], (v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.minSpanMinutes % v.slotMinutes !== 0) issue("minSpanMinutes", `The shortest booking must be a whole number of ${v.slotMinutes}-minute slots`);
    else if (v.minSpanMinutes < v.slotMinutes) issue("minSpanMinutes", "The shortest booking must be at least one slot");
    if (v.maxSpanMinutes % v.slotMinutes !== 0) issue("maxSpanMinutes", `The longest booking must be a whole number of ${v.slotMinutes}-minute slots`);
    else if (v.maxSpanMinutes < v.minSpanMinutes) issue("maxSpanMinutes", "The longest booking cannot be shorter than the shortest");
  }),
  acrossOffering(["minAgeYears", "maxAgeYears"], (v, ctx) => {
    if (v.minAgeYears != null && v.maxAgeYears != null && v.maxAgeYears < v.minAgeYears)
      ctx.addIssue({ code: "custom", path: ["maxAgeYears"], message: "The oldest age cannot be below the youngest" });
  }),
];

/** Money in minor units, once every check passed (a transform runs only then). */
function toOffering<V extends OfferingFieldValues>(v: V, ctx: z.RefinementCtx) {
  const standardRateAmount = rate(v.standardRate, v.currency, "standardRate", "Standard rate", ctx);
  const peakRateAmount = rate(v.peakRate, v.currency, "peakRate", "Peak rate", ctx);
  if (standardRateAmount === null || peakRateAmount === null) return z.NEVER;
  const { standardRate: _s, peakRate: _p, minAgeYears, maxAgeYears, ...rest } = v;
  return { ...rest, standardRateAmount, peakRateAmount, minAgeYears: minAgeYears ?? null, maxAgeYears: maxAgeYears ?? null };
}

export const slotOfferingSchema = z.object({ venueId: uuidInput("location"), ...offeringFields }).check(...acrossOfferingFields).transform(toOffering);
export type SlotOfferingValues = z.output<typeof slotOfferingSchema>;
export const updateSlotOfferingSchema = z.object({ id: uuidInput("offering"), ...offeringFields }).check(...acrossOfferingFields).transform(toOffering);
export type UpdateSlotOfferingValues = z.output<typeof updateSlotOfferingSchema>;

// ---- Times of day ----

const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** "09:30" → 570, "24:00" → 1440; null when not a time of day. */
export function parseMinuteOfDay(v: string): number | null {
  const m = v.trim().match(TIME_RE);
  if (!m) return null;
  if (v.trim() === "24:00") return 1440;
  return Number(m[1]) * 60 + Number(m[2]);
}

export type MinuteRange = { opensAt: number; closesAt: number };

/**
 * "08:00–12:00, 13:00–18:00" → ranges in minutes, in order and not overlapping; "" → closed all day.
 * Returns the message to show when the text is not such a list.
 */
export function parseRanges(input: string): MinuteRange[] | string {
  const parts = input.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  const out: MinuteRange[] = [];
  for (const part of parts) {
    const m = part.match(/^(\S+?)\s*(?:-|–|—|to)\s*(\S+)$/);
    const opensAt = m ? parseMinuteOfDay(m[1]) : null;
    const closesAt = m ? parseMinuteOfDay(m[2]) : null;
    if (opensAt === null || closesAt === null) return `Write each range as 09:00–17:00, separated by commas (“${part}” is not one)`;
    if (closesAt <= opensAt) return `${part}: the closing time must be after the opening time`;
    out.push({ opensAt, closesAt });
  }
  out.sort((a, b) => a.opensAt - b.opensAt);
  for (let i = 1; i < out.length; i++)
    if (out[i].opensAt < out[i - 1].closesAt) return "The ranges of a day must not overlap";
  return out;
}

export const WEEKDAYS = [
  { iso: 1, key: "monday", label: "Monday" }, { iso: 2, key: "tuesday", label: "Tuesday" },
  { iso: 3, key: "wednesday", label: "Wednesday" }, { iso: 4, key: "thursday", label: "Thursday" },
  { iso: 5, key: "friday", label: "Friday" }, { iso: 6, key: "saturday", label: "Saturday" },
  { iso: 7, key: "sunday", label: "Sunday" },
] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number]["key"];

const rangesField = (label: string) =>
  z.string({ error: `${label} must be text` }).max(200, `${label}: at most 200 characters`).transform((v, ctx) => {
    const parsed = parseRanges(v);
    if (typeof parsed === "string") { ctx.addIssue({ code: "custom", message: parsed }); return z.NEVER; }
    return parsed;
  });

/** The week's opening hours of a location: one text field per weekday, empty when closed. */
export const openingHoursSchema = z.object({
  venueId: uuidInput("location"),
  ...Object.fromEntries(WEEKDAYS.map((d) => [d.key, rangesField(d.label)])) as Record<WeekdayKey, ReturnType<typeof rangesField>>,
}).transform(({ venueId, ...days }) => ({
  venueId,
  hours: WEEKDAYS.flatMap((d) => days[d.key].map((r) => ({ weekday: d.iso, ...r }))),
}));
export type OpeningHoursValues = z.output<typeof openingHoursSchema>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (v: string) => DATE_RE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const calendarDate = (label: string) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).refine(isRealDate, `Enter the ${label.toLowerCase()} as a date`);

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const MAX_CLOSURE_DAYS = 366;

/**
 * A closure: one date or a range of dates (public holidays, a week's closure), closed all day, or a shortened
 * day when both times are given (those hours replace the day's opening hours).
 */
export const closureSchema = z.object({
  venueId: uuidInput("location"),
  fromDate: calendarDate("First day"),
  toDate: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), calendarDate("Last day").optional()),
  reason: text("Reason", 200),
  opensAt: z.string().optional().default(""),
  closesAt: z.string().optional().default(""),
}).transform((v, ctx) => {
  let failed = false;
  const issue = (path: string, message: string) => { failed = true; ctx.addIssue({ code: "custom", path: [path], message }); };
  const toDate = v.toDate ?? v.fromDate;
  if (toDate < v.fromDate) issue("toDate", "The last day cannot be before the first");
  else if (datesBetween(v.fromDate, toDate).length > MAX_CLOSURE_DAYS) issue("toDate", `At most ${MAX_CLOSURE_DAYS} days at once`);
  const open = v.opensAt.trim(), close = v.closesAt.trim();
  let hours: MinuteRange | null = null;
  if (open || close) {
    const opensAt = parseMinuteOfDay(open), closesAt = parseMinuteOfDay(close);
    if (opensAt === null) issue("opensAt", "Enter the opening time as HH:MM, or leave both times empty to close all day");
    if (closesAt === null) issue("closesAt", "Enter the closing time as HH:MM, or leave both times empty to close all day");
    if (opensAt !== null && closesAt !== null) {
      if (closesAt <= opensAt) issue("closesAt", "The closing time must be after the opening time");
      else hours = { opensAt, closesAt };
    }
  }
  if (failed) return z.NEVER;
  return { venueId: v.venueId, dates: datesBetween(v.fromDate, toDate), reason: v.reason, hours };
});
export type ClosureValues = z.output<typeof closureSchema>;

/** A checkbox group sends a list, one value, or nothing. */
const weekdayList = z.preprocess(
  (v) => (v === undefined || v === null || v === false ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().min(1).max(7)), { error: "Choose weekdays from the list" }),
).transform((l) => [...new Set(l)].sort());

export const peakWindowSchema = z.object({
  courseId: uuidInput("offering"),
  weekdays: weekdayList,
  start: z.string({ error: "Start is required" }),
  end: z.string({ error: "End is required" }),
}).transform((v, ctx) => {
  const startsAt = parseMinuteOfDay(v.start), endsAt = parseMinuteOfDay(v.end);
  if (v.weekdays.length === 0) ctx.addIssue({ code: "custom", path: ["weekdays"], message: "Choose at least one weekday" });
  if (startsAt === null) ctx.addIssue({ code: "custom", path: ["start"], message: "Enter the start as HH:MM" });
  if (endsAt === null) ctx.addIssue({ code: "custom", path: ["end"], message: "Enter the end as HH:MM" });
  else if (startsAt !== null && endsAt <= startsAt) ctx.addIssue({ code: "custom", path: ["end"], message: "The end must be after the start" });
  if (startsAt === null || endsAt === null || endsAt <= startsAt || v.weekdays.length === 0) return z.NEVER;
  return { courseId: v.courseId, weekdays: v.weekdays, startsAt, endsAt };
});
export type PeakWindowValues = z.output<typeof peakWindowSchema>;

// ---- Custom questions ----

export const QUESTION_KINDS = [
  { value: "short_text", label: "Short text" }, { value: "long_text", label: "Long text" }, { value: "number", label: "Number" },
  { value: "date", label: "Date" }, { value: "date_of_birth", label: "Date of birth (age checked)" },
  { value: "single_choice", label: "Single choice" }, { value: "multiple_choice", label: "Multiple choice" }, { value: "yes_no", label: "Yes or no" },
  { value: "phone", label: "Phone number" },
] as const;
const KIND_VALUES = QUESTION_KINDS.map((k) => k.value) as [(typeof QUESTION_KINDS)[number]["value"], ...(typeof QUESTION_KINDS)[number]["value"][]];

const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")]).optional()
  .transform((v) => v === true || v === "on" || v === "true");

const questionFields = {
  label: text("Question", 200),
  help: optionalText("Help text", 500),
  kind: z.enum(KIND_VALUES, { error: "Choose a kind of answer" }),
  scope: z.enum(["per_attendee", "per_booking"], { error: "Choose who answers" }),
  required: checkbox,
  sensitive: checkbox,
  atDoor: checkbox,
  options: z.union([z.string(), z.array(z.string())]).optional()
    .transform((v) => (Array.isArray(v) ? v : (v ?? "").split("\n")).map((s) => s.trim()).filter(Boolean)),
  sortOrder: z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined || v === "" ? "0" : String(v).trim()))
    .pipe(z.string().regex(/^-?\d{1,4}$/, "Order must be a whole number")).transform(Number),
};

function checkOptions<V extends { kind: string; options: string[] }>(v: V, ctx: z.RefinementCtx) {
  const choice = v.kind === "single_choice" || v.kind === "multiple_choice";
  if (choice && v.options.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "Give at least two answers to choose from, one per line" });
  if (v.options.length > 30) ctx.addIssue({ code: "custom", path: ["options"], message: "At most 30 answers" });
  if (v.options.some((o) => o.length > 120)) ctx.addIssue({ code: "custom", path: ["options"], message: "Each answer must be at most 120 characters" });
  if (new Set(v.options).size !== v.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Each answer can appear once" });
  // Options mean nothing to other kinds: none are kept.
  return { ...v, options: choice ? v.options : [] };
}

export const questionSchema = z.object({ courseId: uuidInput("course"), ...questionFields }).transform(checkOptions);
export type QuestionValues = z.output<typeof questionSchema>;
export const updateQuestionSchema = z.object({ id: uuidInput("question"), ...questionFields }).transform(checkOptions);
export type UpdateQuestionValues = z.output<typeof updateQuestionSchema>;

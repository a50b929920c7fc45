// Answers to a course's custom questions: one zod schema built from the question list, used by the wizard's
// form and by the server, so both accept and refuse the same answers with the same words.
import { z } from "zod";
import { formatDate } from "@/lib/format";
import { calendarDayText } from "@/lib/slots/span";

/** A calendar day (YYYY-MM-DD) as customers read it: "Mon, 7 Dec 2026". */
const dayText = (day: string) => formatDate(`${day}T12:00:00Z`, "UTC");

export type QuestionKindName =
  | "short_text" | "long_text" | "number" | "date" | "single_choice" | "multiple_choice" | "yes_no" | "date_of_birth";

export type QuestionDef = {
  id: string;
  kind: QuestionKindName;
  scope: "per_attendee" | "per_booking";
  label: string;
  help?: string | null;
  required: boolean;
  options: string[];
};

export type AnswerValue = string | number | boolean | string[];

/** Answers as sent: per booking keyed by question id, and one such map per attendee in order. */
export type AnswersInput = { booking?: Record<string, unknown>; attendees?: Record<string, unknown>[] };

export type AgeRule = { onDate: string; minYears: number | null; maxYears: number | null };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(v: string) {
  if (!DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Whole years between a date of birth and a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number);
  const [y, m, d] = onDate.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/** The schema of one answer; `undefined` out means "not answered" (allowed only when optional). */
function answerSchema(q: QuestionDef, age?: AgeRule): z.ZodType<AnswerValue | undefined> {
  const label = q.label;
  const missing = `Answer “${label}”`;
  let base: z.ZodType<AnswerValue>;
  switch (q.kind) {
    case "short_text":
      base = z.string({ error: `“${label}” must be text` }).trim().max(200, `“${label}” must be at most 200 characters`);
      break;
    case "long_text":
      base = z.string({ error: `“${label}” must be text` }).trim().max(2000, `“${label}” must be at most 2000 characters`);
      break;
    case "number":
      base = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v),
        z.number({ error: `“${label}” must be a number` }).finite(`“${label}” must be a number`));
      break;
    case "yes_no":
      base = z.preprocess((v) => (v === "yes" ? true : v === "no" ? false : v), z.boolean({ error: `Answer “${label}” with yes or no` }));
      break;
    case "single_choice":
      base = z.string({ error: `Choose an answer to “${label}”` }).refine((v) => q.options.includes(v), `Choose one of the answers to “${label}”`);
      break;
    case "multiple_choice":
      base = z.array(z.string(), { error: `Choose answers to “${label}” from the list` })
        .refine((v) => v.every((x) => q.options.includes(x)), `Choose answers to “${label}” from the list`)
        .refine((v) => new Set(v).size === v.length, `Choose each answer to “${label}” once`);
      break;
    case "date":
      base = z.string({ error: `“${label}” must be a date` }).refine(isRealDate, `Enter “${label}” as a date`);
      break;
    case "date_of_birth":
      base = z.string({ error: `“${label}” must be a date` }).refine(isRealDate, `Enter “${label}” as a date`).superRefine((v, ctx) => {
        if (!age || !isRealDate(v)) return;
        if (v > age.onDate) { ctx.addIssue({ code: "custom", message: `“${label}” cannot be after the booked day` }); return; }
        const years = ageOn(v, age.onDate);
        if (age.minYears != null && years < age.minYears)
          ctx.addIssue({ code: "custom", message: `Must be at least ${age.minYears} years old on ${dayText(age.onDate)} (is ${years})` });
        else if (age.maxYears != null && years > age.maxYears)
          ctx.addIssue({ code: "custom", message: `Must be at most ${age.maxYears} years old on ${dayText(age.onDate)} (is ${years})` });
      });
      break;
  }
  return z.unknown().transform((v, ctx) => {
    if (blank(v)) {
      if (q.required) ctx.addIssue({ code: "custom", message: missing });
      return undefined;
    }
    const parsed = base.safeParse(v);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    return parsed.data;
  }) as unknown as z.ZodType<AnswerValue | undefined>;
}

function mapSchema(questions: QuestionDef[], age?: AgeRule) {
  return z.object(Object.fromEntries(questions.map((q) => [q.id, answerSchema(q, age)])));
}

/**
 * The schema of a booking's answers to `questions`, for `attendeeCount` attendees. Errors are keyed by path
 * (`answers.attendees.0.<questionId>`, `answers.booking.<questionId>`). `age` checks dates of birth.
 */
export function answersSchemaFor(questions: QuestionDef[], attendeeCount: number, age?: AgeRule) {
  const perBooking = questions.filter((q) => q.scope === "per_booking");
  const perAttendee = questions.filter((q) => q.scope === "per_attendee");
  return z.object({
    booking: z.preprocess((v) => v ?? {}, mapSchema(perBooking, age)),
    attendees: z.preprocess(
      (v) => (Array.isArray(v) ? v : []).concat(Array.from({ length: Math.max(0, attendeeCount - (Array.isArray(v) ? v.length : 0)) }, () => ({}))),
      z.array(z.preprocess((v) => v ?? {}, mapSchema(perAttendee, age))).max(attendeeCount, "More answers than attendees"),
    ),
  });
}

export type ParsedAnswers = { booking: Record<string, AnswerValue | undefined>; attendees: Record<string, AnswerValue | undefined>[] };

/** An answer as text, for CSV: "Yes", "Tuesday lunch, Wednesday lunch", "2019-04-02". */
export function answerText(v: AnswerValue): string {
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (Array.isArray(v)) return v.join(", ");
  return String(v);
}

/** An answer as pages show it: as answerText, with a date written as the app writes dates ("Wed 2 Apr 2019"). */
export function answerDisplay(v: AnswerValue, kind?: string): string {
  if ((kind === "date" || kind === "date_of_birth") && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return calendarDayText(v);
  return answerText(v);
}

// Answers to a course's custom questions: one zod schema built from the question list, used by the wizard's
// form and by the server, so both accept and refuse the same answers with the same words.
import { z } from "zod";
import { formatDate } from "@/lib/format";
import { calendarDayText } from "@/lib/slots/span";

/** A calendar day (YYYY-MM-DD) as customers read it: "Mon, 7 Dec 2026". */
const dayText = (day: string) => formatDate(`${day}T12:00:00Z`, "UTC");

/** The kinds of question (db/schema/questions.ts's question_kind, which a unit test keeps equal to this list). */
export const questionKinds = ["short_text", "long_text", "number", "date", "single_choice", "multiple_choice", "yes_no", "date_of_birth", "phone"] as const;

/** A telephone number as people write one: digits, spaces, brackets, dots and dashes, an optional leading +. */
export const PHONE_PATTERN = /^\+?[0-9 ()\-.]{6,24}$/;
export type QuestionKindName = (typeof questionKinds)[number];
export const questionScopes = ["per_attendee", "per_booking"] as const;

/**
 * A question as the public API shows it (GET /api/v1/courses, each course's `questions`) and as the wizard asks
 * it: what to send in a booking's `answers`, checked by answersSchemaFor below.
 */
export const publicQuestionSchema = z.strictObject({
  id: z.uuid().meta({ description: "The key of this question's answer in answers.booking or answers.attendees[i]" }),
  kind: z.enum(questionKinds).meta({
    description: "The answer's form: short_text (text, at most 200 characters), long_text (at most 2000), number, date (YYYY-MM-DD), " +
      "single_choice (one of options), multiple_choice (a list of options, each once), yes_no (true or false), date_of_birth " +
      "(YYYY-MM-DD; on a time-slot offering with an age range, the attendee's age on the booked day must be within it: " +
      "rules.minAgeYears and rules.maxAgeYears of GET /api/v1/availability/{offeringId}), phone (a telephone number: digits, spaces, " +
      "brackets, dots and dashes, an optional leading +)",
  }),
  scope: z.enum(questionScopes).meta({ description: "per_attendee: answered for each attendee in answers.attendees[i]; per_booking: once, in answers.booking" }),
  label: z.string(),
  help: z.string().nullable(),
  required: z.boolean().meta({ description: "A required question left out or blank is a 400 naming answers.<scope path>.<id>" }),
  options: z.array(z.string()).meta({ description: "The choices of single_choice and multiple_choice questions; empty for the others" }),
  sensitive: z.boolean().meta({
    description: "true: the answer is kept for staff (a date of birth, who may collect a child). A booking read with its access token " +
      "names it in withheldAnswers instead of showing it, and the confirmation email confirms it without repeating it; an API key " +
      "with bookings:read reads it",
  }),
}).meta({ id: "CourseQuestion" });

export type PublicQuestion = z.infer<typeof publicQuestionSchema>;

/** A question as the answers' schema needs it: whether its answer is kept for staff changes nothing there. */
export type QuestionDef = Omit<PublicQuestion, "help" | "sensitive"> & { help?: string | null; sensitive?: boolean };

export type AnswerValue = string | number | boolean | string[];

/** One answer as sent; its question decides which of these it may be (answersSchemaFor). Blank or null: not answered. */
export const answerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()], {
  error: "An answer is text, a number, true or false, or a list of choices",
}).meta({
  id: "AnswerValue",
  description: "Text for short_text, long_text, phone and single_choice; YYYY-MM-DD for date and date_of_birth; a number (or numeric text) for number; " +
    "true or false (or \"yes\" / \"no\") for yes_no; a list of options for multiple_choice. Null or blank leaves an optional question unanswered.",
});

const questionIdKey = z.string().meta({ description: "A question id (CourseQuestion.id)" });

// Optional: the wizard's draft may carry a question's key with no value (sent as undefined by a server action).
export const answerMapSchema = z.record(questionIdKey, answerValueSchema.optional());

/**
 * A booking's answers as POST /api/v1/bookings and the wizard send them, before they are checked against the
 * course's questions (answersSchemaFor): per-booking answers, and one map per attendee in the order of `attendees`.
 */
export const bookingAnswersInputSchema = z.object({
  booking: answerMapSchema.optional().meta({ description: "Answers to the per_booking questions, keyed by question id" }),
  // 12: MAX_ATTENDEES (lib/validations/booking.ts imports this file, so it cannot be imported here).
  attendees: z.array(answerMapSchema).max(12, "More answers than attendees").optional()
    .meta({ description: "Answers to the per_attendee questions, one map per attendee in the order of attendees" }),
}, { error: "answers must be an object with booking and attendees" }).meta({
  id: "BookingAnswers",
  description: "Answers to the course's custom questions (GET /api/v1/courses lists them per course as questions). Checked as the " +
    "booking wizard checks them: a missing required answer or one of the wrong form is a 400 with a field error keyed " +
    "answers.booking.<questionId> or answers.attendees.<i>.<questionId>; through the API an answer to a question the course does " +
    "not ask (or under the wrong scope) is a 400 at its path too. Stored with the booking, as the wizard stores them.",
});

/**
 * A booking's answers as the API reads them back (GET /api/v1/bookings/{reference} and the staff API): the shape
 * BookingAnswers takes, holding the answers stored, with every attendee's map present (empty when none).
 */
export const recordedAnswersSchema = z.strictObject({
  booking: z.record(questionIdKey, answerValueSchema).meta({ description: "Answers to the per_booking questions, keyed by question id" }),
  attendees: z.array(z.record(questionIdKey, answerValueSchema))
    .meta({ description: "Answers to the per_attendee questions: one map per attendee, in the order of the booking's attendees (cancelled places included)" }),
}).meta({
  id: "RecordedBookingAnswers",
  description: "The answers stored with a booking, in the shape BookingAnswers is sent: as given, normalised (\"yes\" is true, numeric " +
    "text a number). Answers to questions the course has archived since stay, under their question id. An answer left blank is absent.",
});

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
    case "phone":
      base = z.string({ error: `“${label}” must be a phone number` }).trim()
        .regex(PHONE_PATTERN, `Enter “${label}” as a phone number, using digits, spaces and an optional leading +`);
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

/** The message for an answer under a key that is no question of `scope`, saying where it belongs if anywhere. */
function unaskedMessage(all: QuestionDef[], scope: QuestionDef["scope"], key: string): string {
  const other = all.find((q) => q.id === key && q.scope !== scope);
  if (!other) return "This course asks no question with this id";
  return `“${other.label}” is asked ${other.scope === "per_attendee" ? "of each attendee: answer it in answers.attendees" : "once per booking: answer it in answers.booking"}`;
}

function mapSchema(questions: QuestionDef[], age?: AgeRule, unasked?: { all: QuestionDef[]; scope: QuestionDef["scope"] }) {
  const shape = z.object(Object.fromEntries(questions.map((q) => [q.id, answerSchema(q, age)])));
  if (!unasked) return shape;
  const asked = new Set(questions.map((q) => q.id));
  return shape.catchall(z.unknown()).superRefine((answers, ctx) => {
    for (const key of Object.keys(answers))
      if (!asked.has(key)) ctx.addIssue({ code: "custom", path: [key], message: unaskedMessage(unasked.all, unasked.scope, key) });
  });
}

/**
 * The schema of a booking's answers to `questions`, for `attendeeCount` attendees. Errors are keyed by path
 * (`answers.attendees.0.<questionId>`, `answers.booking.<questionId>`). `age` checks dates of birth.
 * `refuseUnasked`: an answer to a question not asked (in that scope) is an error at its path; otherwise it is
 * dropped (the wizard: a draft may keep an answer to a question archived since).
 */
export function answersSchemaFor(questions: QuestionDef[], attendeeCount: number, age?: AgeRule, options: { refuseUnasked?: boolean } = {}) {
  const perBooking = questions.filter((q) => q.scope === "per_booking");
  const perAttendee = questions.filter((q) => q.scope === "per_attendee");
  const unasked = (scope: QuestionDef["scope"]) => (options.refuseUnasked ? { all: questions, scope } : undefined);
  return z.object({
    booking: z.preprocess((v) => v ?? {}, mapSchema(perBooking, age, unasked("per_booking"))),
    attendees: z.preprocess(
      (v) => (Array.isArray(v) ? v : []).concat(Array.from({ length: Math.max(0, attendeeCount - (Array.isArray(v) ? v.length : 0)) }, () => ({}))),
      z.array(z.preprocess((v) => v ?? {}, mapSchema(perAttendee, age, unasked("per_attendee")))).max(attendeeCount, "More answers than attendees"),
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

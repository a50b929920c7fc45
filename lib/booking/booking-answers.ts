// A booking's answers to its course's custom questions: checked with the same schema the wizard uses, then
// stored with the question's label and sensitivity copied, so later edits never rewrite them.
import type { Tx } from "@/db";
import type { CourseQuestion } from "@/db/schema";
import { listCourseQuestions } from "@/db/queries/questions";
import { AppError } from "@/lib/errors";
import { fieldErrors, type BookingRequest } from "@/lib/validations/booking";
import { answersSchemaFor, type AgeRule, type AnswerValue, type ParsedAnswers } from "@/lib/validations/questions";
import type { ResolvedSpan } from "./slot-booking";

export type CheckedAnswers = { questions: CourseQuestion[]; parsed: ParsedAnswers };

/**
 * 400 with `answers.attendees.0.<questionId>` field errors for a missing, mistyped or out-of-range answer; with
 * `refuseUnasked` (the REST API), also for an answer to a question the course does not ask in that scope, which
 * the wizard drops instead (its draft may keep an answer to a question archived since).
 */
export async function checkAnswers(
  tx: Tx, courseId: string, input: BookingRequest, span: ResolvedSpan | null, options: { refuseUnasked?: boolean } = {},
): Promise<CheckedAnswers> {
  const questions = await listCourseQuestions(tx, courseId);
  if (questions.length === 0 && !(options.refuseUnasked && input.answers))
    return { questions, parsed: { booking: {}, attendees: [] } };
  const o = span?.offering.offering;
  const age: AgeRule | undefined = span && o ? { onDate: span.date, minYears: o.minAgeYears, maxYears: o.maxAgeYears } : undefined;
  const result = answersSchemaFor(questions, input.attendees.length, age, { refuseUnasked: options.refuseUnasked }).safeParse(input.answers ?? {});
  if (!result.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrors(result.error)).map(([k, v]) => [`answers.${k}`, v]));
    throw new AppError("invalid_request", { fields });
  }
  return { questions, parsed: result.data as ParsedAnswers };
}

export function answerRowsFor(a: CheckedAnswers, bookingId: string, attendeeIdAt: (i: number) => string) {
  const byId = new Map(a.questions.map((q) => [q.id, q]));
  const row = (questionId: string, value: AnswerValue | undefined, attendeeId: string | null) => {
    const q = byId.get(questionId);
    return q && value !== undefined ? [{ bookingId, attendeeId, questionId, label: q.label, sensitive: q.sensitive, value }] : [];
  };
  return [
    ...Object.entries(a.parsed.booking).flatMap(([id, v]) => row(id, v, null)),
    ...a.parsed.attendees.flatMap((answers, i) => Object.entries(answers).flatMap(([id, v]) => row(id, v, attendeeIdAt(i)))),
  ];
}

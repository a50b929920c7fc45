"use client";
// The course's custom questions: per attendee, then once for the booking, checked by the same schema the
// server uses (lib/validations/questions.ts).
import { useEffect, useMemo, useState } from "react";
import { useForm, type UseFormRegister } from "react-hook-form";
import { z } from "zod";
import { stepResolver } from "@/components/ui/step-resolver";
import { answersSchemaFor, type AgeRule, type QuestionDef } from "@/lib/validations/questions";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { fieldId, TextArea, TextField } from "@/components/ui/field";
import { StepNav } from "./step-nav";
import { attendeeOfPath, type Draft } from "./types";
import type { StepProps } from "./types";

type AnswerDraft = string | string[];
type Values = { answers: { booking: Record<string, AnswerDraft>; attendees: Record<string, AnswerDraft>[] } };

/** The draft's answers (kept per attendee key, so removing someone never shifts the others') in attendee order. */
export function answersPayload(draft: Draft) {
  const a = draft.answers;
  return { booking: a?.booking ?? {}, attendees: draft.attendees.map((p) => a?.attendees[p.key] ?? {}) };
}

export function ageRuleOf(p: Pick<StepProps, "slotOffering" | "draft">): AgeRule | undefined {
  const o = p.slotOffering;
  return o && p.draft.span ? { onDate: p.draft.span.date, minYears: o.minAgeYears ?? null, maxYears: o.maxAgeYears ?? null } : undefined;
}

export function answersStepSchema(questions: QuestionDef[], attendeeCount: number, age?: AgeRule) {
  return z.object({ answers: answersSchemaFor(questions, attendeeCount, age) });
}

function Question({ q, path, register, error }: { q: QuestionDef; path: string; register: UseFormRegister<Values>; error?: string }) {
  const name = path as `answers.booking.${string}`;
  const hint = q.help ?? undefined;
  const optional = !q.required;
  if (q.kind === "long_text") return <TextArea label={q.label} hint={hint} optional={optional} error={error} {...register(name)} />;
  if (q.kind === "short_text") return <TextField label={q.label} hint={hint} optional={optional} error={error} {...register(name)} />;
  if (q.kind === "phone") return <TextField type="tel" autoComplete="off" inputMode="tel" label={q.label} hint={hint} optional={optional} error={error} {...register(name)} />;
  if (q.kind === "number") return <TextField label={q.label} hint={hint} optional={optional} error={error} inputMode="decimal" {...register(name)} />;
  if (q.kind === "date" || q.kind === "date_of_birth") return <TextField type="date" label={q.label} hint={hint} optional={optional} error={error} {...register(name)} />;
  // Choices: a group of radios or checkboxes under one legend; the fieldset takes focus from the error summary.
  const id = fieldId(path);
  const choices = q.kind === "yes_no" ? [["yes", "Yes"], ["no", "No"]] : q.options.map((o) => [o, o]);
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}>
      <legend className="font-medium text-stone-900">{q.label}{optional && <span className="font-normal text-stone-600"> (optional)</span>}</legend>
      {hint && <p id={`${id}-hint`} className="text-sm text-stone-600">{hint}</p>}
      {error && <p id={`${id}-error`} className="text-sm font-medium text-red-700">{error}</p>}
      <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
        {choices.map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input type={q.kind === "multiple_choice" ? "checkbox" : "radio"} value={value} className="h-5 w-5 accent-brand-700" {...register(name)} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function QuestionsStep(props: StepProps) {
  const { draft, update, next, goTo } = props;
  const questions = props.questions ?? [];
  const perAttendee = questions.filter((q) => q.scope === "per_attendee");
  const perBooking = questions.filter((q) => q.scope === "per_booking");
  const age = ageRuleOf(props);
  const schema = useMemo(() => answersStepSchema(questions, draft.attendees.length, age), [questions, draft.attendees.length, age?.onDate]); // eslint-disable-line react-hooks/exhaustive-deps
  const [attempt, setAttempt] = useState(0);
  const initial = answersPayload(draft);
  const { register, handleSubmit, watch, formState: { errors } } = useForm<Values>({
    resolver: stepResolver<Values>(schema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    defaultValues: { answers: { booking: initial.booking as Record<string, AnswerDraft>, attendees: initial.attendees as Record<string, AnswerDraft>[] } },
  });
  const save = (v: Values) => update((d) => ({
    ...d,
    answers: {
      booking: v.answers?.booking ?? {},
      attendees: Object.fromEntries(d.attendees.map((a, i) => [a.key, v.answers?.attendees?.[i] ?? {}])),
    },
  }));
  useEffect(() => {
    const sub = watch((v) => save(v as Values));
    return () => sub.unsubscribe();
  }, [watch]); // eslint-disable-line react-hooks/exhaustive-deps
  const errorAt = (path: string) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], errors) as { message?: string } | undefined;

  return (
    <form noValidate onSubmit={handleSubmit((v) => { save(v); next(); }, () => setAttempt((n) => n + 1))} className="space-y-6">
      <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} subjectOf={attendeeOfPath(draft.attendees)} />
      {perAttendee.length > 0 && draft.attendees.map((a, i) => (
        <fieldset key={a.key} className="space-y-4 rounded-lg border border-stone-300 bg-white p-4">
          <legend className="px-1 text-lg font-semibold">{a.firstName} {a.lastName}</legend>
          {perAttendee.map((q) => {
            const path = `answers.attendees.${i}.${q.id}`;
            return <Question key={q.id} q={q} path={path} register={register} error={errorAt(path)?.message} />;
          })}
        </fieldset>
      ))}
      {perBooking.length > 0 && (
        <fieldset className="space-y-4 rounded-lg border border-stone-300 bg-white p-4">
          <legend className="px-1 text-lg font-semibold">About the booking</legend>
          {perBooking.map((q) => {
            const path = `answers.booking.${q.id}`;
            return <Question key={q.id} q={q} path={path} register={register} error={errorAt(path)?.message} />;
          })}
        </fieldset>
      )}
      <StepNav onBack={() => goTo("requirements")} />
    </form>
  );
}

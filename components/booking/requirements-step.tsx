"use client";
import { useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { stepResolver } from "@/components/ui/step-resolver";
import { requirementsStepSchemaFor } from "@/lib/validations/booking";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { TextArea, fieldId } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { StepNav } from "./step-nav";
import { attendeeName, attendeeOfPath, priorityLabel, type DraftAttendee, type WizardTemplate } from "./types";
import type { StepProps } from "./types";

type Values = { attendees: Pick<DraftAttendee, "key" | "requirements" | "none">[] };

const categoryTitle: Record<WizardTemplate["category"], string> = {
  allergy: "Allergies", dietary: "Dietary", access: "Access and mobility", hearing: "Hearing", visual: "Sight", medical: "Medical", other: "Other",
};

const priorityStyle = {
  critical: "bg-red-100 text-red-900",
  high: "bg-amber-100 text-amber-900",
  standard: "bg-stone-200 text-stone-800",
};

export function RequirementsStep({ draft, update, next, goTo, templates, retentionDays }: StepProps) {
  const schema = useMemo(() => requirementsStepSchemaFor(templates), [templates]);
  const [attempt, setAttempt] = useState(0);
  const { handleSubmit, watch, setValue, formState: { errors, isSubmitted } } = useForm<Values>({
    resolver: stepResolver<Values>(schema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    defaultValues: { attendees: draft.attendees.map(({ key, requirements, none }) => ({ key, requirements, none })) },
  });
  const values = watch("attendees");
  const set = (path: `attendees.${number}`, v: Values["attendees"][number]) => setValue(path, v, { shouldValidate: isSubmitted, shouldDirty: true });

  const save = (v: Values) => update((d) => ({
    ...d,
    attendees: d.attendees.map((a) => {
      const answer = v.attendees.find((x) => x.key === a.key);
      return answer ? { ...a, requirements: answer.requirements, none: answer.none } : a;
    }),
  }));
  useEffect(() => {
    const sub = watch((v) => save(v as Values));
    return () => sub.unsubscribe();
  }, [watch]); // eslint-disable-line react-hooks/exhaustive-deps

  const byCategory = useMemo(() => {
    const groups = new Map<WizardTemplate["category"], WizardTemplate[]>();
    for (const t of templates) groups.set(t.category, [...(groups.get(t.category) ?? []), t]);
    return [...groups.entries()];
  }, [templates]);

  const toggle = (i: number, templateId: string, on: boolean) => {
    const a = values[i];
    const requirements = on ? [...a.requirements, { templateId, details: "" }] : a.requirements.filter((r) => r.templateId !== templateId);
    set(`attendees.${i}`, { ...a, requirements, none: requirements.length ? false : a.none });
  };
  const setNone = (i: number, none: boolean) => set(`attendees.${i}`, { ...values[i], none, requirements: none ? [] : values[i].requirements });
  const noneForEveryone = () => values.forEach((_, i) => setNone(i, true));

  return (
    <form noValidate onSubmit={handleSubmit((v) => { save(v); next(); }, () => setAttempt((n) => n + 1))} className="space-y-6">
      <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} subjectOf={attendeeOfPath(draft.attendees)} />
      <p className="text-stone-700">
        Tell us what each attendee needs so we can prepare: allergies, diet, access, hearing, sight, medical needs or anything else.
        Each attendee&apos;s answers are theirs alone.
      </p>
      <section aria-labelledby="why-we-ask" className="rounded-md border border-stone-300 bg-stone-50 p-4 text-sm text-stone-800">
        <h3 id="why-we-ask" className="font-semibold">Why we ask, who sees it, and when it is deleted</h3>
        <p>
          We use these answers only to keep each attendee safe and included on the day. They are seen by the organiser&apos;s
          staff who prepare the session, never by other attendees. Health and access answers are deleted {retentionDays} day{retentionDays === 1 ? "" : "s"}
          {" "}after the session ends. You can ask us to see or erase everything we hold about you at any time.
        </p>
      </section>
      {values.length > 1 && (
        <Button type="button" variant="secondary" onClick={noneForEveryone}>No one has special requirements</Button>
      )}
      {draft.attendees.map((attendee, i) => {
        const answer = values[i];
        if (!answer) return null;
        const groupError = errors.attendees?.[i]?.requirements?.message ?? errors.attendees?.[i]?.requirements?.root?.message;
        const name = attendeeName(attendee, i);
        return (
          <fieldset key={attendee.key} id={fieldId(`attendees.${i}.requirements`)} tabIndex={-1}
            aria-describedby={groupError ? `${fieldId(`attendees.${i}.requirements`)}-error` : undefined}
            className={`rounded-lg border bg-white p-4 ${groupError ? "border-red-700" : "border-stone-300"}`}>
            <legend className="px-1 text-lg font-semibold">{name}</legend>
            {groupError && <p id={`${fieldId(`attendees.${i}.requirements`)}-error`} className="mb-2 text-sm font-medium text-red-700">{groupError}</p>}
            <label className="flex items-center gap-2 rounded-md bg-stone-100 p-3 font-medium">
              <input type="checkbox" className="h-5 w-5 accent-brand-700" checked={answer.none}
                onChange={(e) => setNone(i, e.target.checked)} />
              No special requirements
            </label>
            <div className="mt-4 space-y-4">
              {byCategory.map(([category, list]) => (
                <fieldset key={category}>
                  <legend className="font-medium text-stone-800">{categoryTitle[category]}<span className="sr-only"> for {name}</span></legend>
                  <ul className="mt-1 space-y-2">
                    {list.map((t) => {
                      const j = answer.requirements.findIndex((r) => r.templateId === t.id);
                      const chosen = j >= 0;
                      const inputId = `req-${i}-${t.id}`;
                      return (
                        <li key={t.id}>
                          <div className="flex items-start gap-2">
                            <input id={inputId} type="checkbox" className="mt-1 h-5 w-5 accent-brand-700" checked={chosen}
                              onChange={(e) => toggle(i, t.id, e.target.checked)} aria-describedby={t.hint ? `${inputId}-hint` : undefined} />
                            <label htmlFor={inputId} className="flex-1">
                              {t.label}{" "}
                              <span className={`ml-1 rounded px-1.5 py-0.5 text-xs font-semibold ${priorityStyle[t.priority]}`}>{priorityLabel[t.priority]}</span>
                              {t.hint && <span id={`${inputId}-hint`} className="block text-sm text-stone-600">{t.hint}</span>}
                            </label>
                          </div>
                          {chosen && (
                            <TextArea className="ml-7 mt-2" name={`attendees.${i}.requirements.${j}.details`}
                              label={<>Details: {t.label.toLowerCase()}<span className="sr-only"> for {name}</span></>}
                              optional={!t.detailsRequired}
                              value={answer.requirements[j].details ?? ""}
                              error={errors.attendees?.[i]?.requirements?.[j]?.details?.message}
                              onChange={(e) => {
                                const requirements = answer.requirements.map((r, k) => (k === j ? { ...r, details: e.target.value } : r));
                                set(`attendees.${i}`, { ...answer, requirements });
                              }} />
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              ))}
            </div>
          </fieldset>
        );
      })}
      <StepNav onBack={() => goTo("attendees")} />
    </form>
  );
}

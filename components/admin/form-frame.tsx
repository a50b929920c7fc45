"use client";
import { useEffect, useRef } from "react";
import { ErrorSummary, type FormError } from "@/components/ui/error-summary";
import { Button } from "@/components/ui/button";
import { UntilHydrated } from "@/components/ui/until-hydrated";

/** The frame of every staff form: problems at the top, fields, then one submit button. */
export function FormFrame({ label, onSubmit, errors, attempt, problem, saved, savedText, submitting, submitLabel, children }: {
  label: string;
  onSubmit: (e?: React.BaseSyntheticEvent) => Promise<void>;
  errors: FormError[];
  attempt: number;
  problem: string | null;
  saved: boolean;
  /** What "Saved." says instead, when the form's outcome has more to tell (a move and its refund, say). */
  savedText?: string | null;
  submitting: boolean;
  submitLabel: string;
  children: React.ReactNode;
}) {
  // The button is disabled while the form is sent, and the browser drops its focus to the page: once the answer
  // is in, a keyboard user is put back on it (unless the error summary took focus first), beside what it said.
  const actions = useRef<HTMLDivElement>(null);
  const wasSubmitting = useRef(false);
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (wasSubmitting.current && !submitting && lost) actions.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
    wasSubmitting.current = submitting;
  }, [submitting]);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="space-y-5 rounded-lg border border-stone-300 bg-white p-5">
      <ErrorSummary errors={errors} attempt={attempt} />
      {problem && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{problem}</p>}
      <UntilHydrated className="space-y-5">
        {children}
        <div ref={actions} className="flex items-center gap-4">
          <Button type="submit" busy={submitting} busyLabel="Saving…">{submitLabel}</Button>
          <p role="status" className="text-brand-800">{saved && !submitting ? savedText ?? "Saved." : ""}</p>
        </div>
      </UntilHydrated>
    </form>
  );
}

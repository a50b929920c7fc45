"use client";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import { flattenErrors } from "@/components/ui/error-summary";
import { stepResolver } from "@/components/ui/step-resolver";
import type { ActionResult } from "@/lib/auth/staff-action";

/**
 * A staff form: the shared zod schema checks input in the browser, the server action checks it again with
 * the same schema and business rules; errors from either land beside their fields and in the summary.
 */
export function useActionForm<V extends FieldValues, R>(p: {
  schema: z.ZodType;
  action: (values: V) => Promise<ActionResult<R>>;
  defaultValues: DefaultValues<V>;
  onSuccess?: (data: R) => void;
  /** After a refusal, once its field errors are set (a form may bring its choices up to date, say). */
  onFailure?: (result: Extract<ActionResult<R>, { ok: false }>) => void;
}) {
  // The error summary takes focus and links to each field (react-hook-form would move focus to the first invalid
  // field just after it, leaving the summary unread), as in the booking wizard.
  const form = useForm<V>({ resolver: stepResolver<V>(p.schema), defaultValues: p.defaultValues, shouldFocusError: false });
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = form.handleSubmit(async (values) => {
    setProblem(null);
    setSaved(false);
    const result = await p.action(values);
    if (result.ok) {
      setSaved(true);
      p.onSuccess?.(result.data);
      return;
    }
    const fields = Object.entries(result.fields ?? {});
    const known = fields.filter(([path]) => path.split(".")[0] in values);
    for (const [path, message] of known) form.setError(path as Path<V>, { type: "server", message });
    if (known.length === 0 || known.length < fields.length) setProblem(result.message);
    p.onFailure?.(result);
    setAttempt((n) => n + 1);
  }, () => setAttempt((n) => n + 1));

  return { form, submit, errors: flattenErrors(form.formState.errors), attempt, problem, saved };
}

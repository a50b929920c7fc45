"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { QUESTION_KINDS, questionSchema, updateQuestionSchema } from "@/lib/validations/slot-offerings";
import type { QuestionFormValues } from "./form-defaults";

/**
 * Adds a question to a course or offering, or edits one; `backTo` is where an edit returns, `save` the page's server
 * action (createQuestion or updateQuestion).
 */
export function QuestionForm({ id, courseId, initial, answered, backTo, save }: {
  id?: string; courseId: string; initial: QuestionFormValues; answered?: number; backTo?: string; save: StaffAction<{ id: string }>;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<QuestionFormValues & { id?: string; courseId?: string }, { id: string }>({
    schema: id ? updateQuestionSchema : questionSchema,
    action: (v) => (id ? save({ ...v, id }) : save({ ...v, courseId })),
    defaultValues: { ...initial, ...(id ? { id } : { courseId }) },
    onSuccess: () => {
      if (id && backTo) router.push(backTo);
      else form.reset(initial);
      router.refresh();
    },
  });
  const e = form.formState.errors;
  const r = form.register;
  const locked = Boolean(answered);
  return (
    <FormFrame label={id ? "Edit question" : "Add a question"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel={id ? "Save question" : "Add question"}>
      <TextField label="Question" hint="As customers see it, for example Who may collect your child?" error={e.label?.message} {...r("label")} />
      <TextField label="Help text" optional error={e.help?.message} {...r("help")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Kind of answer" hint={locked ? "Stays as it is: people have answered" : undefined} error={e.kind?.message} {...r("kind")}>
          <option value="">Choose a kind</option>
          {QUESTION_KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </SelectField>
        <SelectField label="Who answers" error={e.scope?.message} {...r("scope")}>
          <option value="per_attendee">Each attendee</option>
          <option value="per_booking">Once per booking</option>
        </SelectField>
        <TextField label="Order" inputMode="numeric" error={e.sortOrder?.message} {...r("sortOrder")} />
      </div>
      <TextArea label="Answers to choose from" optional rows={3} hint="For single and multiple choice: one per line, at least two"
        error={e.options?.message} {...r("options")} />
      <label className="flex items-center gap-3">
        <input type="checkbox" className="h-5 w-5 accent-brand-700" {...r("required")} />
        An answer is required
      </label>
      <label className="flex items-center gap-3">
        <input type="checkbox" className="h-5 w-5 accent-brand-700" {...r("sensitive")} />
        Sensitive: shown only to admins (and to door staff where ticked below), never in emails to other attendees, erased with the person
      </label>
      <label className="flex items-center gap-3">
        <input type="checkbox" className="h-5 w-5 accent-brand-700" {...r("atDoor")} />
        Show the answer to door staff with the ticket, also offline (for example who may collect a child)
      </label>
    </FormFrame>
  );
}

"use client";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { erasePersonSchema, type ErasePersonValues } from "@/lib/validations/privacy";

type Result = { tombstone: string; removed: Record<string, number>; redacted?: Record<string, number> };

/** Erasure asks for the address twice and a reason: it cannot be undone. */
export function ErasePersonForm({ erasePerson }: { erasePerson: StaffAction<Result> }) {
  const [done, setDone] = useState<Result | null>(null);
  const { form, submit, errors, attempt, problem } = useActionForm<ErasePersonValues, Result>({
    schema: erasePersonSchema,
    action: (v) => erasePerson(v),
    defaultValues: { email: "", reason: "", confirmEmail: "" },
    onSuccess: (r) => { setDone(r); form.reset(); },
  });
  const e = form.formState.errors;
  return (
    <div className="space-y-3">
      <FormFrame label="Erase a person" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={false}
        submitting={form.formState.isSubmitting} submitLabel="Erase this person for good">
        <p className="text-sm text-stone-800">
          Their name, contact details, billing address, requirement answers, answers to course questions and the text of emails sent to them are removed
          and replaced by a tombstone, also in the copies kept in history: booking changes and staff&apos;s reasons for them, the audit log, emails about
          them sent to others, and webhook payloads. Invoices and credit notes keep what tax law requires. This cannot be undone.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Email address" type="email" autoComplete="off" error={e.email?.message} {...form.register("email")} />
          <TextField label="Type the email address again" type="email" autoComplete="off" error={e.confirmEmail?.message} {...form.register("confirmEmail")} />
        </div>
        <TextField label="Reason (for the audit log)" error={e.reason?.message} {...form.register("reason")} />
      </FormFrame>
      {done && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          Erased: now “{done.tombstone}”. Removed {done.removed.places} place(s), {done.removed.requirementAnswers} requirement answer(s),
          {" "}{done.removed.questionAnswers ?? 0} answer(s) to course questions, {done.removed.memberships ?? 0} membership(s), {done.removed.bookingsAsContact} booking contact(s) and {done.removed.emailBodies} email(s).
          {done.redacted && <>{" "}Redacted in history: booking changes {done.redacted.historyEntries}, audit log entries {done.redacted.auditEntries},
            {" "}emails to others {done.redacted.emailsAboutThem}, webhook events {done.redacted.webhookEvents}.</>}
        </p>
      )}
    </div>
  );
}

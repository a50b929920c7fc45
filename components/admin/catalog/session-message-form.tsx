"use client";
// Staff write to everyone with a paid booking on the session: one email to each booker, with the session's facts.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { sessionMessageSchema } from "@/lib/validations/catalog";

type Values = { sessionId: string; subject: string; message: string; requestId: string };

export function SessionMessageForm({ sessionId, bookers, messageSessionBookersAction }: {
  sessionId: string; bookers: number; messageSessionBookersAction: StaffAction<{ recipients: number }>;
}) {
  const router = useRouter();
  const [sent, setSent] = useState<number | null>(null);
  const fresh = (): Values => ({ sessionId, subject: "", message: "", requestId: crypto.randomUUID() });
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { recipients: number }>({
    schema: sessionMessageSchema,
    action: async (v) => {
      if (!window.confirm(`Email this message to the ${bookers === 1 ? "booker" : `${bookers} bookers`} of this session?`))
        return { ok: false, code: "conflict", message: "The message was not sent." } as const;
      return messageSessionBookersAction(v);
    },
    // One id per message written: a double submit or a retry sends it once.
    defaultValues: fresh(),
    onSuccess: (r) => { setSent(r.recipients); form.reset(fresh()); router.refresh(); },
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="Email everyone booked" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      savedText={sent === null ? null : `Sent to ${sent} ${sent === 1 ? "booker" : "bookers"}.`}
      submitting={form.formState.isSubmitting} submitLabel="Send to bookers">
      <p className="text-stone-700">
        Each booker of a paid booking ({bookers}) gets one email with your message, the session&apos;s time and place and a link to
        their booking. Attendees hear of it from their booker.
      </p>
      <TextField label="Subject" error={e.subject?.message} {...form.register("subject")} />
      <TextArea label="Message" rows={5} hint="Plain text; a blank line starts a new paragraph" error={e.message?.message} {...form.register("message")} />
    </FormFrame>
  );
}

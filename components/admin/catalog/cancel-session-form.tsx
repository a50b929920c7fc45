"use client";
import { useRouter } from "next/navigation";
import { cancelSession } from "@/app/admin/sessions/actions";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextArea } from "@/components/ui/field";
import { cancelSessionSchema } from "@/lib/validations/catalog";

export function CancelSessionForm({ id, confirmedBookings }: { id: string; confirmedBookings: number }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<{ id: string; reason: string }, { notified: number }>({
    schema: cancelSessionSchema,
    action: async (v) => {
      if (!window.confirm("Cancel this session and email its bookers? This cannot be undone.")) {
        return { ok: false, code: "conflict", message: "The session was not cancelled." } as const;
      }
      return cancelSession(v);
    },
    defaultValues: { id, reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <FormFrame label="Cancel this session" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Cancel session and email bookers">
      <p>
        Nobody can book a cancelled session. Checkouts in progress are stopped.
        {confirmedBookings > 0
          ? ` The contacts of ${confirmedBookings} confirmed ${confirmedBookings === 1 ? "booking are" : "bookings are"} emailed with the reason below; refunds are handled by finance.`
          : " There are no confirmed bookings to notify."}
      </p>
      <TextArea label="Reason (sent to bookers)" rows={3} error={form.formState.errors.reason?.message} {...form.register("reason")} />
    </FormFrame>
  );
}

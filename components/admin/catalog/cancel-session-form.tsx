"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextArea } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { cancelSessionSchema } from "@/lib/validations/catalog";

/** `refundTotal`: what cancelling refunds ("£1,240.00"), shown before staff confirm. */
export function CancelSessionForm({ id, confirmedBookings, refundTotal, cancelSession }: {
  id: string; confirmedBookings: number; refundTotal: string | null; cancelSession: StaffAction<{ notified: number }>;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<{ id: string; reason: string }, { notified: number }>({
    schema: cancelSessionSchema,
    action: async (v) => {
      const bookers = `${confirmedBookings} ${confirmedBookings === 1 ? "booker" : "bookers"}`;
      const question = confirmedBookings === 0 ? "Cancel this session? Nobody can book it afterwards."
        : refundTotal ? `Cancel this session, refund ${refundTotal} and email its ${bookers}?` : `Cancel this session and email its ${bookers}?`;
      if (!window.confirm(`${question} This cannot be undone.`)) {
        return { ok: false, code: "conflict", message: "The session was not cancelled." } as const;
      }
      return cancelSession(v);
    },
    defaultValues: { id, reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <FormFrame label="Cancel this session" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel={refundTotal ? "Cancel session, refund and email bookers" : "Cancel session and email bookers"}>
      <p>
        Nobody can book a cancelled session. Checkouts in progress are stopped.
        {confirmedBookings > 0
          ? ` Every place of the ${confirmedBookings} confirmed ${confirmedBookings === 1 ? "booking" : "bookings"} is cancelled and everything paid${refundTotal ? ` (${refundTotal} in all)` : ""} is refunded with a credit note; each booker gets one email with the reason below and the refund.`
          : " There are no confirmed bookings to notify."}
      </p>
      <TextArea label="Reason (sent to bookers)" rows={3} error={form.formState.errors.reason?.message} {...form.register("reason")} />
    </FormFrame>
  );
}

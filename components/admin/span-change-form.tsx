"use client";
// Staff move a paid time-slot booking to another date or times; the difference is refunded or charged.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { spanChangeSchema, type SpanChangeInput } from "@/lib/validations/time-slots";

type SpanChangeResult = { difference: number; creditNoteNumber: string | null; checkoutUrl: string | null };

export function SpanChangeForm({ bookingId, date, start, end, timeZone, changeBookingSpanAction }: {
  bookingId: string; date: string; start: string; end: string; timeZone: string; changeBookingSpanAction: StaffAction<SpanChangeResult>;
}) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const { form, submit, errors, attempt, problem, saved } = useActionForm<SpanChangeInput, SpanChangeResult>({
    schema: spanChangeSchema,
    action: (v) => changeBookingSpanAction(v),
    defaultValues: { bookingId, date, start, end, reason: "" },
    onSuccess: (r) => {
      setDone(r.creditNoteNumber ? `Moved; credit note ${r.creditNoteNumber} issued and the difference refunded.`
        : r.checkoutUrl ? `Moved; the customer owes the difference and can pay it from their booking page (${r.checkoutUrl}).`
        : "Moved; the price is unchanged.");
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="Change the date or times" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved} savedText={done}
      submitting={form.formState.isSubmitting} submitLabel="Move the booking">
      <p className="text-stone-700">Times are local to the location ({timeZone}). The booking is re-priced; its old slots go back on sale.</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField type="date" label="Date" error={e.date?.message} {...form.register("date")} />
        <TextField type="time" label="Start time" step={300} error={e.start?.message} {...form.register("start")} />
        <TextField type="time" label="End time" step={300} error={e.end?.message} {...form.register("end")} />
      </div>
      <TextField label="Reason (printed on any credit note)" error={e.reason?.message} {...form.register("reason")} />
    </FormFrame>
  );
}

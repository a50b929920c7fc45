"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { closureSchema } from "@/lib/validations/slot-offerings";

type Values = { venueId: string; fromDate: string; toDate: string; reason: string; opensAt: string; closesAt: string };

/** Closes the location on a date or a range of dates, or opens it shorter hours those days. */
export function ClosureForm({ venueId, addClosures }: { venueId: string; addClosures: StaffAction<{ days: number }> }) {
  const router = useRouter();
  const initial = { venueId, fromDate: "", toDate: "", reason: "", opensAt: "", closesAt: "" };
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { days: number }>({
    schema: closureSchema,
    action: addClosures,
    defaultValues: initial,
    onSuccess: () => { form.reset(initial); router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label="Add a closure" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Add closure">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="First day" type="date" error={e.fromDate?.message} {...r("fromDate")} />
        <TextField label="Last day" type="date" optional hint="For a range of days" error={e.toDate?.message} {...r("toDate")} />
      </div>
      <TextField label="Reason" hint="Shown to customers, for example Christmas Day" error={e.reason?.message} {...r("reason")} />
      <p className="text-sm text-stone-700">Leave both times empty to close all day, or give the shorter hours of those days.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Opens at" optional hint="HH:MM" error={e.opensAt?.message} {...r("opensAt")} />
        <TextField label="Closes at" optional hint="HH:MM" error={e.closesAt?.message} {...r("closesAt")} />
      </div>
    </FormFrame>
  );
}

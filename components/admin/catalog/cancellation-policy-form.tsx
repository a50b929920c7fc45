"use client";
// A course's cancellation policy: refund bands (most generous first), the deposit rule and a fee.
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { cancellationPolicyFormSchema, MAX_POLICY_BANDS, type CancellationPolicyFormInput } from "@/lib/validations/cancellation-policy";

export type CancellationPolicyFormValues = Omit<CancellationPolicyFormInput, "id" | "currency">;

export function CancellationPolicyForm({ id, currency, initial, updateCoursePolicy }: {
  id: string; currency: string; initial: CancellationPolicyFormValues; updateCoursePolicy: StaffAction<{ id: string }>;
}) {
  const router = useRouter();
  const rows = Array.from({ length: MAX_POLICY_BANDS }, (_, i) => initial.bands[i] ?? { hoursBefore: "", refundPercent: "" });
  const { form, submit, errors, attempt, problem, saved } = useActionForm<CancellationPolicyFormInput, { id: string }>({
    schema: cancellationPolicyFormSchema,
    action: (v) => updateCoursePolicy(v),
    defaultValues: { ...initial, bands: rows, id, currency },
    onSuccess: () => router.refresh(),
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label="Cancellation policy" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Save cancellation policy">
      <fieldset className="space-y-3">
        <legend className="font-semibold">Refund bands</legend>
        <p className="text-sm text-stone-700">Most generous first. A customer who cancels at least the given hours before the start gets that
          percentage of what they paid back; later than the last band, nothing. Leave rows empty to use fewer bands (336 hours = 14 days).</p>
        {rows.map((_, i) => (
          <div key={i} className="grid gap-4 sm:grid-cols-2">
            <TextField label={`Band ${i + 1}: at least this many hours before`} inputMode="numeric" optional
              error={e.bands?.[i]?.hoursBefore?.message} {...r(`bands.${i}.hoursBefore`)} />
            <TextField label={`Band ${i + 1}: refund percentage`} inputMode="numeric" optional
              error={e.bands?.[i]?.refundPercent?.message} {...r(`bands.${i}.refundPercent`)} />
          </div>
        ))}
      </fieldset>
      <label className="flex items-center gap-3">
        <input type="checkbox" className="h-5 w-5 accent-brand-700" {...r("depositRefundable")} />
        The deposit is refunded under the same bands (otherwise it is always kept)
      </label>
      <TextField label={`Cancellation fee (${currency})`} optional inputMode="decimal" hint="Taken from each cancellation's refund; leave empty for none"
        error={e.fee?.message} {...r("fee")} />
    </FormFrame>
  );
}

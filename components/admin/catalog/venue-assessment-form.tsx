"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import type { StaffAction } from "@/lib/auth/staff-action";
import { venueAssessmentSchema } from "@/lib/validations/catalog";
import { VENUE_FEATURES } from "@/lib/requirements/venue-features";

type Values = { venueId: string; features: { feature: string; status: "yes" | "no" | "unknown"; notes: string }[] };

export function VenueAssessmentForm({ venueId, current, saveVenueAssessment }: {
  venueId: string; current: Record<string, { status: "yes" | "no" | "unknown"; notes: string | null; updated?: string }>;
  saveVenueAssessment: StaffAction<{ changed: number }>;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { changed: number }>({
    schema: venueAssessmentSchema,
    action: (v) => saveVenueAssessment(v),
    defaultValues: {
      venueId,
      features: VENUE_FEATURES.map((f) => ({ feature: f.code, status: current[f.code]?.status ?? "unknown", notes: current[f.code]?.notes ?? "" })),
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <FormFrame label="Accessibility assessment" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Save assessment">
      {VENUE_FEATURES.map((f, i) => (
        <fieldset key={f.code} className="space-y-2 border-b border-stone-200 pb-4">
          <legend className="font-semibold">
            {f.label} <span className="text-sm font-normal text-stone-600">({f.importance === "required" ? "required" : "optional"})</span>
          </legend>
          <p className="text-sm text-stone-600">{f.hint}</p>
          <div className="flex flex-wrap gap-4">
            {([["yes", "Yes"], ["no", "No"], ["unknown", "Not known"]] as const).map(([value, text]) => (
              <label key={value} className="inline-flex items-center gap-2">
                <input type="radio" value={value} className="h-5 w-5 accent-brand-700" {...form.register(`features.${i}.status`)} />
                {text}
              </label>
            ))}
          </div>
          <label className="block text-sm">
            <span className="font-medium">Notes</span> <span className="text-stone-600">(optional)</span>
            <input className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2" {...form.register(`features.${i}.notes`)} />
          </label>
          {current[f.code]?.updated && <p className="text-xs text-stone-600">{current[f.code]!.updated}</p>}
        </fieldset>
      ))}
    </FormFrame>
  );
}

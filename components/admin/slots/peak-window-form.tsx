"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { peakWindowSchema, WEEKDAYS } from "@/lib/validations/slot-offerings";

type Values = { courseId: string; weekdays: string[]; start: string; end: string };

/** Adds a peak window: slots starting inside it on those weekdays cost the peak rate. */
export function PeakWindowForm({ courseId, timeZone, addPeakWindow }: { courseId: string; timeZone: string; addPeakWindow: StaffAction<{ id: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { id: string }>({
    schema: peakWindowSchema,
    action: addPeakWindow,
    defaultValues: { courseId, weekdays: ["1", "2", "3", "4", "5"], start: "", end: "" },
    onSuccess: () => { form.reset(); router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label="Add a peak window" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Add peak window">
      <fieldset className="space-y-2" aria-describedby={e.weekdays?.message ? "weekdays-error" : undefined}>
        <legend className="font-medium">Weekdays</legend>
        {e.weekdays?.message && <p id="weekdays-error" className="text-sm font-medium text-red-700">{e.weekdays.message}</p>}
        <div className="flex flex-wrap gap-4">
          {WEEKDAYS.map((d, i) => (
            <label key={d.iso} className="flex items-center gap-2">
              <input type="checkbox" value={String(d.iso)} id={i === 0 ? "weekdays" : undefined} className="h-5 w-5 accent-brand-700" {...r("weekdays")} />
              {d.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="From" hint={`HH:MM, local time at the location (${timeZone})`} error={e.start?.message} {...r("start")} />
        <TextField label="Until" hint="HH:MM; 24:00 for midnight" error={e.end?.message} {...r("end")} />
      </div>
    </FormFrame>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { openingHoursSchema, WEEKDAYS, type WeekdayKey } from "@/lib/validations/slot-offerings";

type Values = { venueId: string } & Record<WeekdayKey, string>;

/** The week's opening hours of a location, one line per weekday ("08:00–12:00, 13:00–18:00"; empty: closed). */
export function OpeningHoursForm({ venueId, initial, timeZone, saveOpeningHours }: {
  venueId: string; initial: Record<WeekdayKey, string>; timeZone: string; saveOpeningHours: StaffAction<{ ranges: number }>;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { ranges: number }>({
    schema: openingHoursSchema,
    action: saveOpeningHours,
    defaultValues: { venueId, ...initial },
    onSuccess: () => router.refresh(),
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="Opening hours" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Save opening hours">
      <p className="text-sm text-stone-700">
        Local time at the location ({timeZone}). Several ranges a day are separated by commas, such as 08:00–12:00, 13:00–18:00; leave a day
        empty when closed. Bookings still to come must stay inside the new hours.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {WEEKDAYS.map((d) => (
          <TextField key={d.key} label={d.label} optional error={e[d.key]?.message} {...form.register(d.key)} />
        ))}
      </div>
    </FormFrame>
  );
}

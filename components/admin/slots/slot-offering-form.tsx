"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { slotOfferingSchema, updateSlotOfferingSchema } from "@/lib/validations/slot-offerings";
import type { SlotOfferingFormValues } from "./form-defaults";

/**
 * A new offering (at a chosen location) or the settings of one; `venueName` names the location of an existing one,
 * `save` is the page's server action (createSlotOffering or updateSlotOffering).
 */
export function SlotOfferingForm({ id, initial, venues, venueName, upcoming, save }: {
  id?: string; initial: SlotOfferingFormValues; venues?: { id: string; name: string; city: string; timeZone: string }[];
  venueName?: string; upcoming?: number; save: StaffAction<{ id: string }>;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<SlotOfferingFormValues & { id?: string }, { id: string }>({
    schema: id ? updateSlotOfferingSchema : slotOfferingSchema,
    action: (v) => {
      const { venueId, ...rest } = v;
      return id ? save({ ...rest, id }) : save({ ...rest, venueId });
    },
    defaultValues: { ...initial, ...(id ? { id } : {}) },
    onSuccess: (data) => { if (!id) router.push(`/admin/offerings/${data.id}`); else router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label={id ? "Edit offering" : "New offering"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved && Boolean(id)} submitting={form.formState.isSubmitting} submitLabel={id ? "Save offering" : "Create offering"}>
      {id ? <p><span className="font-medium">Location:</span> {venueName}</p> : (
        <SelectField label="Location" hint="Opening hours and closures belong to the location" error={e.venueId?.message} {...r("venueId")}>
          <option value="">Choose a location</option>
          {venues?.map((v) => <option key={v.id} value={v.id}>{v.name}, {v.city} ({v.timeZone})</option>)}
        </SelectField>
      )}
      <TextField label="Title" error={e.title?.message} {...r("title")} />
      <TextField label="Web address" hint="Lower-case letters, digits and hyphens, for example holiday-club" error={e.slug?.message} {...r("slug")} />
      <TextField label="Summary" error={e.summary?.message} {...r("summary")} />
      <TextArea label="Description" rows={4} error={e.description?.message} {...r("description")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Category" error={e.category?.message} {...r("category")} />
        <TextField label="Currency" hint="Three letters, such as GBP" maxLength={3} error={e.currency?.message} {...r("currency")} />
      </div>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">Slots and prices</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Slot length (minutes)" inputMode="numeric"
            hint={upcoming ? `Fixed while bookings still to come hold slots (${upcoming} now)` : "Divides a day: 15, 30, 60…"}
            error={e.slotMinutes?.message} {...r("slotMinutes")} />
          <TextField label="Places per slot" inputMode="numeric" hint="People at once (per hour with 60-minute slots)" error={e.capacityPerSlot?.message} {...r("capacityPerSlot")} />
          <TextField label="Standard rate per slot and person" inputMode="decimal" hint="For example 8.50. Bookings made keep their price." error={e.standardRate?.message} {...r("standardRate")} />
          <TextField label="Peak rate per slot and person" inputMode="decimal" hint="Charged for slots starting in a peak window" error={e.peakRate?.message} {...r("peakRate")} />
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">What can be booked</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Shortest booking (minutes)" inputMode="numeric" hint="Whole slots" error={e.minSpanMinutes?.message} {...r("minSpanMinutes")} />
          <TextField label="Longest booking (minutes)" inputMode="numeric" hint="Whole slots" error={e.maxSpanMinutes?.message} {...r("maxSpanMinutes")} />
          <TextField label="Days ahead" inputMode="numeric" hint="How far ahead one can book (0 to 730)" error={e.bookAheadDays?.message} {...r("bookAheadDays")} />
          <TextField label="Latest booking (minutes before the start)" inputMode="numeric" error={e.latestMinutesBeforeStart?.message} {...r("latestMinutesBeforeStart")} />
          <TextField label="Youngest age (years)" optional inputMode="numeric" hint="Checked against a date-of-birth question" error={e.minAgeYears?.message} {...r("minAgeYears")} />
          <TextField label="Oldest age (years)" optional inputMode="numeric" error={e.maxAgeYears?.message} {...r("maxAgeYears")} />
        </div>
        <div>
          <label className="flex items-center gap-2">
            <input type="checkbox" className="h-5 w-5" aria-describedby="checkOutRequired-hint" {...r("checkOutRequired")} />
            <span>Check attendees out at the door (who collected them, and when)</span>
          </label>
          <p id="checkOutRequired-hint" className="mt-1 text-sm text-stone-700">
            For children: door staff record who collected each one. Applies to every day not yet over; switched off, to days not yet begun.
          </p>
        </div>
      </fieldset>
    </FormFrame>
  );
}

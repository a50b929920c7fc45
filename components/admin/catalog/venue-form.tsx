"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { updateVenueSchema, venueSchema } from "@/lib/validations/catalog";

export type VenueFormValues = {
  name: string; slug: string; addressLine1: string; addressLine2: string; city: string; postalCode: string; country: string; timeZone: string;
};

/** `save` is the page's server action: createVenue for a new venue, updateVenue for an edit. */
export function VenueForm({ id, initial, save }: { id?: string; initial?: VenueFormValues; save: StaffAction<{ id: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<VenueFormValues & { id?: string }, { id: string }>({
    schema: id ? updateVenueSchema : venueSchema,
    action: (v) => (id ? save({ ...v, id }) : save(v)),
    defaultValues: { ...(initial ?? { name: "", slug: "", addressLine1: "", addressLine2: "", city: "", postalCode: "", country: "GB", timeZone: "Europe/London" }), ...(id ? { id } : {}) },
    onSuccess: (data) => { if (!id) router.push(`/admin/venues/${data.id}`); else router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label={id ? "Edit venue" : "New venue"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved && Boolean(id)} submitting={form.formState.isSubmitting} submitLabel={id ? "Save venue" : "Create venue"}>
      <TextField label="Name" error={e.name?.message} {...r("name")} />
      <TextField label="Short name" hint="Lower-case letters, digits and hyphens, for example riverside-centre" error={e.slug?.message} {...r("slug")} />
      <TextField label="Address line 1" error={e.addressLine1?.message} {...r("addressLine1")} />
      <TextField label="Address line 2" optional error={e.addressLine2?.message} {...r("addressLine2")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Town or city" error={e.city?.message} {...r("city")} />
        <TextField label="Postcode" error={e.postalCode?.message} {...r("postalCode")} />
        <TextField label="Country" hint="Two letters, such as GB" maxLength={2} error={e.country?.message} {...r("country")} />
        <TextField label="Time zone" hint="Session times are set in this zone, for example Europe/London" error={e.timeZone?.message} {...r("timeZone")} />
      </div>
    </FormFrame>
  );
}

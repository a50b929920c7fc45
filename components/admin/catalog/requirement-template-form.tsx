"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { categoryLabel, priorityLabel } from "@/lib/requirements/dashboard";
import { VENUE_FEATURES } from "@/lib/requirements/venue-features";
import { REQUIREMENT_CATEGORIES, REQUIREMENT_PRIORITIES, requirementTemplateSchema, updateRequirementTemplateSchema } from "@/lib/validations/catalog";

export type TemplateFormValues = {
  code: string; label: string; hint: string; category: string; priority: string; detailsRequired: boolean;
  checklistItems: string; venueFeatures: string[]; sortOrder: string;
};

/** `save` is the page's server action: createRequirementTemplate for a new type, updateRequirementTemplate for an edit. */
export function RequirementTemplateForm({ id, initial, save }: { id?: string; initial?: TemplateFormValues; save: StaffAction<{ id: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<TemplateFormValues & { id?: string }, { id: string }>({
    schema: id ? updateRequirementTemplateSchema : requirementTemplateSchema,
    action: (v) => (id ? save({ ...v, id }) : save(v)),
    defaultValues: {
      ...(initial ?? { code: "", label: "", hint: "", category: "", priority: "", detailsRequired: false, checklistItems: "", venueFeatures: [], sortOrder: "0" }),
      ...(id ? { id } : {}),
    },
    onSuccess: (data) => { if (!id) router.push(`/admin/requirement-templates/${data.id}`); else router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label={id ? "Edit requirement type" : "New requirement type"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved && Boolean(id)} submitting={form.formState.isSubmitting} submitLabel={id ? "Save" : "Create"}>
      <TextField label="Label" hint="What attendees see, for example Wheelchair user" error={e.label?.message} {...r("label")} />
      <TextField label="Code" hint="A stable name for the API, for example access_wheelchair" error={e.code?.message} {...r("code")} />
      <TextField label="Hint" optional hint="Shown under the choice in the booking form" error={e.hint?.message} {...r("hint")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Category" error={e.category?.message} {...r("category")}>
          <option value="">Choose a category</option>
          {REQUIREMENT_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel[c]}</option>)}
        </SelectField>
        <SelectField label="Priority" error={e.priority?.message} {...r("priority")}>
          <option value="">Choose a priority</option>
          {REQUIREMENT_PRIORITIES.map((p) => <option key={p} value={p}>{priorityLabel[p]}</option>)}
        </SelectField>
        <TextField label="Order in the list" inputMode="numeric" error={e.sortOrder?.message} {...r("sortOrder")} />
      </div>
      <label className="flex items-center gap-3">
        <input type="checkbox" className="h-5 w-5 accent-brand-700" {...r("detailsRequired")} />
        Attendees must describe it (for example name the allergen)
      </label>
      <TextArea label="Preparation tasks" rows={4} hint="One per line: each booking with this need adds these tasks to its session's checklist"
        error={e.checklistItems?.message} {...r("checklistItems")} />
      <fieldset className="space-y-2">
        <legend className="font-medium">Venue features this need relies on</legend>
        {e.venueFeatures?.message && <p className="text-sm font-medium text-red-700">{e.venueFeatures.message}</p>}
        <div className="grid gap-2 sm:grid-cols-2">
          {VENUE_FEATURES.map((f) => (
            <label key={f.code} className="flex items-center gap-3">
              <input type="checkbox" value={f.code} className="h-5 w-5 accent-brand-700" {...r("venueFeatures")} />
              {f.label}
            </label>
          ))}
        </div>
      </fieldset>
    </FormFrame>
  );
}

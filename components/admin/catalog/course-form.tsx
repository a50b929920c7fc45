"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { courseSchema, updateCourseSchema, type CourseInput } from "@/lib/validations/catalog";

export type CourseFormValues = { title: string; slug: string; summary: string; description: string; category: string; currency: string; price: string; deposit: string; changeCutoffHours?: string };

const slugify = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);

/** `save` is the page's server action: createCourse for a new course, updateCourse for an edit. */
export function CourseForm({ id, initial, save }: { id?: string; initial?: CourseFormValues; save: StaffAction<{ id: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<CourseFormValues & { id?: string }, { id: string }>({
    schema: id ? updateCourseSchema : courseSchema,
    action: (v) => (id ? save({ ...v, id }) : save(v as CourseInput)),
    defaultValues: { ...(initial ?? { title: "", slug: "", summary: "", description: "", category: "", currency: "GBP", price: "", deposit: "", changeCutoffHours: "48" }), ...(id ? { id } : {}) },
    onSuccess: (data) => { if (!id) router.push(`/admin/courses/${data.id}`); else router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label={id ? "Edit course" : "New course"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved && Boolean(id)} submitting={form.formState.isSubmitting} submitLabel={id ? "Save course" : "Create course"}>
      <TextField label="Title" error={e.title?.message} {...r("title", {
        onBlur: (ev) => { if (!id && !form.getValues("slug")) form.setValue("slug", slugify(ev.target.value)); },
      })} />
      <TextField label="Web address" hint="Used in the course's link, for example first-aid-at-work" error={e.slug?.message} {...r("slug")} />
      <TextField label="Summary" hint="One or two sentences for the course list" error={e.summary?.message} {...r("summary")} />
      <TextArea label="Description" rows={5} error={e.description?.message} {...r("description")} />
      <TextField label="Category" hint="For example Health & safety" error={e.category?.message} {...r("category")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Currency" hint="Three letters, such as GBP" maxLength={3} error={e.currency?.message} {...r("currency")} />
        <TextField label="Price per attendee" inputMode="decimal" hint="For example 285.00" error={e.price?.message} {...r("price")} />
        <TextField label="Deposit per attendee" optional inputMode="decimal" hint="Leave empty for no deposit option" error={e.deposit?.message} {...r("deposit")} />
      </div>
      <TextField label="Online changes close (hours before the start)" inputMode="numeric" hint="Customers can change names, needs and the date of their booking until then; 48 by default"
        error={e.changeCutoffHours?.message} {...r("changeCutoffHours")} />
    </FormFrame>
  );
}

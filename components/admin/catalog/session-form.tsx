"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { sessionSchema, updateSessionSchema } from "@/lib/validations/catalog";

export type SessionFormValues = { courseId: string; venueId: string; startsAt: string; endsAt: string; capacity: string; checkOutRequired?: boolean };
type Option = { id: string; label: string; timeZone?: string };

/** `save` is the page's server action: createSession for a new session, updateSession for an edit. */
export function SessionForm({ id, initial, courses, venues, sold, save }: {
  id?: string; initial: SessionFormValues; courses: Option[]; venues: Option[]; sold?: { booked: number; held: number };
  save: StaffAction<{ id: string }>;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<SessionFormValues & { id?: string }, { id: string }>({
    schema: id ? updateSessionSchema : sessionSchema,
    action: (v) => (id ? save({ ...v, id }) : save(v)),
    defaultValues: { ...initial, ...(id ? { id } : {}) },
    onSuccess: (data) => { if (!id) router.push(`/admin/sessions/${data.id}`); else router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  const venueId = form.watch("venueId");
  const tz = venues.find((v) => v.id === venueId)?.timeZone;
  return (
    <FormFrame label={id ? "Edit session" : "New session"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved && Boolean(id)} submitting={form.formState.isSubmitting} submitLabel={id ? "Save session" : "Create session"}>
      <SelectField label="Course" error={e.courseId?.message} {...r("courseId")}>
        <option value="">Choose a course</option>
        {courses.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
      </SelectField>
      <SelectField label="Venue" error={e.venueId?.message} {...r("venueId")}>
        <option value="">Choose a venue</option>
        {venues.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
      </SelectField>
      <p className="text-sm text-stone-700" id="tz-note">Times are the venue&apos;s local time{tz ? ` (${tz})` : ""}.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Starts" type="datetime-local" error={e.startsAt?.message} {...r("startsAt")} />
        <TextField label="Ends" type="datetime-local" error={e.endsAt?.message} {...r("endsAt")} />
      </div>
      <TextField label="Capacity" inputMode="numeric" className="max-w-xs" error={e.capacity?.message}
        hint={sold ? `${sold.booked} booked and ${sold.held} held in checkout: capacity cannot go below ${sold.booked + sold.held}` : "Places available in total"}
        {...r("capacity")} />
      <label className="flex items-center gap-2">
        <input type="checkbox" className="h-5 w-5" {...r("checkOutRequired")} />
        <span>Check attendees out at the door (who collected them, and when)</span>
      </label>
    </FormFrame>
  );
}

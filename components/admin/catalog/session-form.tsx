"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { sessionSchema, updateSessionSchema } from "@/lib/validations/catalog";
import { MEMBER_LEVELS, memberLevelLabel, type MemberLevelName } from "@/lib/validations/member-levels";

export type SessionFormValues = {
  courseId: string; venueId: string; startsAt: string; endsAt: string; capacity: string; checkOutRequired?: boolean;
  /** New sessions only: the fan-club levels told by email. */
  notifyLevels?: MemberLevelName[];
  /** New sessions only: how many more weeks to repeat it. */
  repeatWeeks?: string;
};
type Option = { id: string; label: string; timeZone?: string };

/** `save` is the page's server action: createSession for a new session, updateSession for an edit. */
export function SessionForm({ id, initial, courses, venues, sold, save }: {
  id?: string; initial: SessionFormValues; courses: Option[]; venues: Option[]; sold?: { booked: number; held: number };
  save: StaffAction<{ id: string; bookersTold?: number; checkoutsStopped?: number; repeats?: number }>;
}) {
  const router = useRouter();
  const [savedText, setSavedText] = useState<string | null>(null);
  const { form, submit, errors, attempt, problem, saved } = useActionForm<SessionFormValues & { id?: string }, { id: string; bookersTold?: number; checkoutsStopped?: number; repeats?: number }>({
    schema: id ? updateSessionSchema : sessionSchema,
    action: (v) => (id ? save({ ...v, id }) : save(v)),
    defaultValues: { ...initial, ...(id ? { id } : { notifyLevels: initial.notifyLevels ?? [...MEMBER_LEVELS], repeatWeeks: initial.repeatWeeks ?? "" }) },
    onSuccess: (data) => {
      // A weekly series opens as the course's list of sessions, the single session as its own page.
      if (!id) return router.push(data.repeats ? `/admin/sessions?course=${form.getValues("courseId")}` : `/admin/sessions/${data.id}`);
      setSavedText(saveOutcome(data));
      router.refresh();
    },
  });
  const e = form.formState.errors;
  const r = form.register;
  const venueId = form.watch("venueId");
  const tz = venues.find((v) => v.id === venueId)?.timeZone;
  return (
    <FormFrame label={id ? "Edit session" : "New session"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved && Boolean(id)} savedText={savedText} submitting={form.formState.isSubmitting} submitLabel={id ? "Save session" : "Create session"}>
      <SelectField label="Course" error={e.courseId?.message} {...r("courseId")}>
        <option value="">Choose a course</option>
        {courses.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
      </SelectField>
      <SelectField label="Venue" error={e.venueId?.message} {...r("venueId")}>
        <option value="">Choose a venue</option>
        {venues.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
      </SelectField>
      <p className="text-sm text-stone-700" id="tz-note">
        Times are the venue&apos;s local time{tz ? ` (${tz})` : ""}.
        {sold && sold.booked > 0 && " Changing the venue or times emails every booking the new details and an updated calendar event."}
        {sold && sold.held > 0 && " It also stops the checkouts in progress, which were for the old time or place: nothing is charged."}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Starts" type="datetime-local" error={e.startsAt?.message} {...r("startsAt")} />
        <TextField label="Ends" type="datetime-local" error={e.endsAt?.message} {...r("endsAt")} />
      </div>
      <TextField label="Capacity" inputMode="numeric" className="max-w-xs" error={e.capacity?.message}
        hint={sold ? `${sold.booked} booked and ${sold.held} held (checkouts and waiting-list offers): capacity cannot go below ${sold.booked + sold.held}` : "Places available in total"}
        {...r("capacity")} />
      <label className="flex items-center gap-2">
        <input type="checkbox" className="h-5 w-5" {...r("checkOutRequired")} />
        <span>Check attendees out at the door (who collected them, and when)</span>
      </label>
      {!id && (
        <TextField label="Weekly repeats" optional inputMode="numeric" className="max-w-xs" error={e.repeatWeeks?.message}
          hint="The same times on the same weekday for this many more weeks, up to 52: 9 makes a ten-week term" {...r("repeatWeeks")} />
      )}
      {!id && (
        <fieldset id="notifyLevels" tabIndex={-1} aria-describedby={`notifyLevels-hint${e.notifyLevels ? " notifyLevels-error" : ""}`}
          className="rounded-md border border-stone-300 p-3">
          <legend className="px-1 font-medium">Tell fan-club members by email</legend>
          <p id="notifyLevels-hint" className="text-sm text-stone-700">Members of the levels ticked get an email about the new date. Untick every level to send none.</p>
          {e.notifyLevels && <p id="notifyLevels-error" role="alert" className="text-sm font-medium text-red-700">{e.notifyLevels.message}</p>}
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            {MEMBER_LEVELS.map((level) => (
              <label key={level} className="flex items-center gap-2">
                <input type="checkbox" value={level} className="h-5 w-5" {...r("notifyLevels")} />
                <span>{memberLevelLabel[level]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </FormFrame>
  );
}

/** What a save did beyond saving: bookers told of the new time or place, checkouts in progress stopped. */
function saveOutcome(data: { bookersTold?: number; checkoutsStopped?: number }): string | null {
  const parts: string[] = [];
  if (data.bookersTold) parts.push(`${data.bookersTold === 1 ? "1 booking is" : `${data.bookersTold} bookings are`} being told of the new time or place by email.`);
  if (data.checkoutsStopped)
    parts.push(`${data.checkoutsStopped === 1 ? "1 checkout in progress was" : `${data.checkoutsStopped} checkouts in progress were`} stopped, as they were for the old time or place; nothing was charged.`);
  return parts.length ? `Saved. ${parts.join(" ")}` : null;
}

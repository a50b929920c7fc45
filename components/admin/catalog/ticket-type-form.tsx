"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { ticketTypeSchema, updateTicketTypeSchema } from "@/lib/validations/ticket-types";

import type { TicketTypeFormValues } from "./ticket-type-values";

export type { TicketTypeFormValues } from "./ticket-type-values";

/**
 * A new type (for a course, or for one session) or an edit of one; `backTo` is where a save returns, `save` the page's
 * server action (createTicketType or updateTicketType).
 */
export function TicketTypeForm({ id, courseId, sessionId, initial, timeZone, sold, backTo, save }: {
  id?: string; courseId: string; sessionId?: string | null; initial: TicketTypeFormValues; timeZone: string; sold?: number; backTo: string;
  save: StaffAction<{ id: string }>;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<TicketTypeFormValues & { id?: string; courseId?: string; sessionId?: string }, { id: string }>({
    schema: id ? updateTicketTypeSchema : ticketTypeSchema,
    action: (v) => (id ? save({ ...v, id }) : save({ ...v, courseId, sessionId: sessionId ?? "" })),
    defaultValues: { ...initial, ...(id ? { id } : { courseId, sessionId: sessionId ?? "" }) },
    onSuccess: () => { router.push(backTo); router.refresh(); },
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label={id ? "Edit ticket type" : "New ticket type"} onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved && Boolean(id)} submitting={form.formState.isSubmitting} submitLabel={id ? "Save ticket type" : "Add ticket type"}>
      <TextField label="Name" hint="For example Standard, Concession, VIP" error={e.name?.message} {...r("name")} />
      <TextArea label="Description" optional error={e.description?.message} {...r("description")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={`Price per place (${initial.currency})`} inputMode="decimal" hint="For example 85.00. Places already sold keep their price."
          error={e.price?.message} {...r("price")} />
        <TextField label={`Deposit per place (${initial.currency})`} optional inputMode="decimal" hint="Less than the price; empty for no deposit"
          error={e.deposit?.message} {...r("deposit")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Quota per session" optional inputMode="numeric"
          hint={sold ? `Empty for no limit but the session's capacity. At least the places sold in any one session.` : "Empty for no limit but the session's capacity"}
          error={e.quota?.message} {...r("quota")} />
        <TextField label="Seat class" optional hint="Seats of this class on a seating plan are sold as this type" error={e.seatClass?.message} {...r("seatClass")} />
      </div>
      <p className="text-sm text-stone-700">Sale times are in {timeZone}.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="On sale from" optional type="datetime-local" error={e.onSaleFrom?.message} {...r("onSaleFrom")} />
        <TextField label="On sale until" optional type="datetime-local" error={e.onSaleUntil?.message} {...r("onSaleUntil")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Minimum per booking" inputMode="numeric" hint="0 to 12" error={e.minPerBooking?.message} {...r("minPerBooking")} />
        <TextField label="Maximum per booking" inputMode="numeric" hint="1 to 12" error={e.maxPerBooking?.message} {...r("maxPerBooking")} />
      </div>
      <div className="flex items-center gap-2">
        <input id="visible" type="checkbox" className="h-5 w-5" {...r("visible")} />
        <label htmlFor="visible" className="font-medium">Offered to customers</label>
      </div>
    </FormFrame>
  );
}

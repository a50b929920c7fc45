"use client";
import { useEffect, useMemo, useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { stepResolver } from "@/components/ui/step-resolver";
import { attendeesStepSchema, MAX_ATTENDEES } from "@/lib/validations/booking";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { checkTicketMix, countTickets, sellableTypes } from "@/lib/booking/ticket-mix";
import { formatMoney } from "@/lib/format";
import { StepNav } from "./step-nav";
import { attendeeOfPath, newAttendee, type DraftAttendee } from "./types";
import type { StepProps } from "./types";

type Values = { attendees: Pick<DraftAttendee, "key" | "firstName" | "lastName" | "email" | "isBooker" | "ticketTypeId">[] };

export function AttendeesStep({ draft, update, next, goTo, sessions }: StepProps) {
  const session = sessions.find((s) => s.id === draft.sessionId);
  // Several types on sale: each attendee shows theirs and can change it.
  const types = session && session.ticketTypes.length > 1 ? session.ticketTypes : [];
  const defaultType = sellableTypes(types)[0]?.id ?? null;
  // A time-slot booking is limited by its span's fullest slot, a session by its places left.
  const left = session?.available ?? draft.span?.places;
  const limit = Math.min(MAX_ATTENDEES, Math.max(1, left ?? MAX_ATTENDEES));
  const where = session ? "on this session" : "in the time you chose";
  const schema = useMemo(() => attendeesStepSchema.refine((v) => v.attendees.length <= limit, {
    path: ["attendees"], message: `Only ${limit} ${limit === 1 ? "place is" : "places are"} left ${where}`,
  }), [limit, where]);
  const [attempt, setAttempt] = useState(0);
  const { register, control, handleSubmit, watch, setValue, setFocus, setError, formState: { errors, isSubmitting } } = useForm<Values>({
    // raw: keep each attendee's key, which ties their requirements to them.
    resolver: stepResolver<Values>(schema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    defaultValues: {
      attendees: draft.attendees.map(({ key, firstName, lastName, email, isBooker, ticketTypeId }) =>
        ({ key, firstName, lastName, email, isBooker, ticketTypeId: types.length ? ticketTypeId ?? defaultType : null })),
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: "attendees", keyName: "fieldKey" });

  // Save as the customer types, so a refresh or the Back button loses nothing.
  const save = (values: Partial<Values>) =>
    update((d) => ({
      ...d,
      attendees: (values.attendees ?? []).filter(Boolean).map((a) => {
        const prior = d.attendees.find((p) => p.key === a!.key);
        const merged = { ...(prior ?? newAttendee()), ...a, key: a!.key ?? prior?.key ?? crypto.randomUUID(), ticketTypeId: a!.ticketTypeId || null } as DraftAttendee;
        // A seat is of one class: a new ticket type may need another seat.
        return prior && prior.ticketTypeId !== merged.ticketTypeId ? { ...merged, seatId: null, seatLabel: null } : merged;
      }),
    }));
  useEffect(() => {
    const sub = watch((values) => save(values as Values));
    return () => sub.unsubscribe();
  }, [watch]); // eslint-disable-line react-hooks/exhaustive-deps

  const attendees = watch("attendees");
  // Focus stays in the list: on the attendee before the one removed (the new first one when the first goes), not
  // lost to the page's top with the button that held it.
  const removeAttendee = (i: number) => {
    remove(i);
    if (i === 0) setValue("attendees.0.isBooker", false);
    setTimeout(() => setFocus(`attendees.${Math.max(0, i - 1)}.firstName`), 0);
  };
  const addAttendee = () => {
    const last = attendees?.[attendees.length - 1]?.ticketTypeId;
    append({ key: crypto.randomUUID(), firstName: "", lastName: "", email: "", isBooker: false, ticketTypeId: types.length ? last || defaultType : null });
    setTimeout(() => setFocus(`attendees.${fields.length}.firstName`), 0);
  };

  /** Each attendee's type against the types' places and limits; errors land on the first attendee of a type. */
  const checkTypes = (v: Values) => {
    if (!types.length || !session) return true;
    let ok = true;
    v.attendees.forEach((a, i) => {
      if (!a.ticketTypeId || !types.some((t) => t.id === a.ticketTypeId)) {
        setError(`attendees.${i}.ticketTypeId`, { message: `Choose a ticket type for attendee ${i + 1}` });
        ok = false;
      }
    });
    if (!ok) return false;
    const mix = checkTicketMix(types, countTickets(v.attendees, null), session.available);
    for (const [path, message] of Object.entries(mix)) {
      const typeId = path.split(".")[1];
      const at = typeId ? v.attendees.findIndex((a) => a.ticketTypeId === typeId) : -1;
      if (at >= 0) setError(`attendees.${at}.ticketTypeId`, { message });
      else setError("attendees", { message });
      ok = false;
    }
    return ok;
  };
  const onValid = (v: Values) => {
    if (!checkTypes(v)) { setAttempt((n) => n + 1); return; }
    save(v);
    update((d) => ({ ...d, serverFields: withoutAttendeeFields(d.serverFields) }));
    next();
  };
  // Problems the server found with a ticket type, until the customer continues from this step.
  const serverErrors = Object.entries(draft.serverFields).filter(([path]) => /^attendees\.\d+\.ticketTypeId$/.test(path))
    .map(([path, message]) => ({ path, message }));
  const summary = [...flattenErrors(errors), ...serverErrors.filter((e) => !flattenErrors(errors).some((x) => x.path === e.path))];

  return (
    <form noValidate onSubmit={handleSubmit(onValid, () => setAttempt((n) => n + 1))} className="space-y-6">
      <ErrorSummary errors={summary} attempt={attempt} subjectOf={attendeeOfPath(attendees)} />
      <p className="text-stone-700">Add everyone who will attend: 1 to {MAX_ATTENDEES} people. Email is optional; we use it to send each attendee the details of their place.</p>
      <div id="attendees" tabIndex={-1}>
        {errors.attendees?.root?.message && <p className="font-medium text-red-700">{errors.attendees.root.message}</p>}
        {errors.attendees?.message && <p className="font-medium text-red-700">{errors.attendees.message}</p>}
      </div>
      <ol className="space-y-4">
        {fields.map((field, i) => (
          <li key={field.fieldKey}>
            <fieldset className="rounded-lg border border-stone-300 bg-white p-4">
              <legend className="px-1 font-semibold">Attendee {i + 1}</legend>
              <input type="hidden" {...register(`attendees.${i}.key`)} />
              {i === 0 && (
                <label className="mb-3 flex items-center gap-2">
                  <input type="checkbox" className="h-5 w-5 accent-brand-700" {...register("attendees.0.isBooker")} />
                  <span>This is me: I am booking and attending</span>
                </label>
              )}
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField label="First name" autoComplete={i === 0 && attendees?.[0]?.isBooker ? "given-name" : "off"}
                  error={errors.attendees?.[i]?.firstName?.message} {...register(`attendees.${i}.firstName`)} />
                <TextField label="Last name" autoComplete={i === 0 && attendees?.[0]?.isBooker ? "family-name" : "off"}
                  error={errors.attendees?.[i]?.lastName?.message} {...register(`attendees.${i}.lastName`)} />
                <TextField label="Email" optional type="email" inputMode="email" className="sm:col-span-2" autoComplete="off"
                  error={errors.attendees?.[i]?.email?.message} {...register(`attendees.${i}.email`)} />
                {types.length > 0 && (
                  <SelectField label="Ticket" className="sm:col-span-2"
                    error={errors.attendees?.[i]?.ticketTypeId?.message ?? draft.serverFields[`attendees.${i}.ticketTypeId`]}
                    {...register(`attendees.${i}.ticketTypeId`)}>
                    {types.map((t) => {
                      const off = !t.onSale || t.available <= 0;
                      return (
                        <option key={t.id} value={t.id} disabled={off && attendees?.[i]?.ticketTypeId !== t.id}>
                          {t.name}: {formatMoney(t.priceAmount, t.currency)}{off ? (t.onSale ? " (sold out)" : " (not on sale)") : ""}
                        </option>
                      );
                    })}
                  </SelectField>
                )}
              </div>
              {fields.length > 1 && (
                <Button type="button" variant="secondary" className="mt-4"
                  aria-label={`Remove attendee ${i + 1}${attendees?.[i]?.firstName ? ` (${attendees[i].firstName})` : ""}`}
                  onClick={() => removeAttendee(i)}>
                  Remove
                </Button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="text-sm text-stone-700">{fields.length} of {limit} {limit === 1 ? "place" : "places"}</p>
      {fields.length < limit && (
        <Button type="button" variant="secondary" onClick={addAttendee}>Add another attendee</Button>
      )}
      <StepNav onBack={() => goTo("session")} busy={isSubmitting} />
    </form>
  );
}

const withoutAttendeeFields = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).filter(([path]) => !/^attendees\.\d+\.ticketTypeId$/.test(path)));

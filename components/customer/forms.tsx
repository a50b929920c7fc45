"use client";
// The my-bookings forms: ask for a sign-in link, use it, and change a booking (attendee details and needs,
// an attendee added, a move). Each posts to a server action given by the page and shows its answer in place:
// problems in an announced summary linked to their fields, success in a status message.
import { useActionState, useEffect, useRef, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";

export type FormState = {
  error?: string; fields?: Record<string, string>; done?: string; attempt?: number;
  /** What was sent when the answer lists problems: shown again, since React clears a form after its action. */
  values?: Record<string, string | string[]>;
} | null;
type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** A text field's value as last sent, if the form came back with problems. */
function sent(state: FormState, name: string): string | undefined {
  const v = state?.values?.[name];
  return typeof v === "string" ? v : undefined;
}

/** The needs as last sent (ticked, with their details), if the form came back with problems; else `current`. */
function sentNeeds(state: FormState, current: NeedValue[]): NeedValue[] {
  if (!state?.values) return current;
  const ticked = state.values.need;
  return (Array.isArray(ticked) ? ticked : []).map((templateId) => ({ templateId, details: sent(state, `details:${templateId}`) ?? null }));
}

const control = "mt-1 block w-full rounded-md border bg-white px-3 py-2.5 text-base shadow-sm";

function Problems({ state, idPrefix }: { state: FormState; idPrefix: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.error) ref.current?.focus();
  }, [state?.attempt, state?.error]);
  if (!state?.error) return null;
  const fields = Object.entries(state.fields ?? {}).filter(([k]) => k);
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${idPrefix}-problem-title`} className="rounded-md border-2 border-red-700 bg-red-50 p-4">
      <h3 id={`${idPrefix}-problem-title`} className="font-semibold text-red-800">There is a problem</h3>
      <p className="text-red-800">{state.error}</p>
      {fields.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {fields.map(([k, v]) => <li key={k}><a className="text-red-800 underline" href={`#${idPrefix}-${k.replaceAll(".", "-")}`}>{v}</a></li>)}
        </ul>
      )}
    </div>
  );
}

function Done({ state }: { state: FormState }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const done = state?.done && !state.error ? state.done : "";
  // The button that sent the form is disabled while it saves, and focus would fall back to the page: it goes to
  // what the save says instead, so keyboard and screen reader users carry on from the form.
  useEffect(() => {
    if (done) ref.current?.focus();
  }, [state?.attempt, done]);
  return <p ref={ref} tabIndex={-1} role="status" className="text-brand-800 font-medium">{done}</p>;
}

function Input({ idPrefix, name, label, error, optional, ...rest }: { idPrefix: string; name: string; label: string; error?: string; optional?: boolean } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-stone-900">{label}{optional && <span className="font-normal text-stone-600"> (optional)</span>}</label>
      {error && <p id={`${id}-error`} className="text-sm font-medium text-red-700">{error}</p>}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        aria-required={optional ? undefined : true} className={`${control} ${error ? "border-red-700 ring-1 ring-red-700" : "border-stone-400"}`} {...rest} />
    </div>
  );
}

export function RequestLinkForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} noValidate className="space-y-4 rounded-lg border border-stone-300 bg-white p-5">
      <Problems state={state} idPrefix="signin" />
      <Input idPrefix="signin" name="email" label="Email address" type="email" autoComplete="email" defaultValue={sent(state, "email")} error={state?.fields?.email} />
      <SubmitButton busyLabel="Sending…" className="w-full">Email me a link</SubmitButton>
    </form>
  );
}

export function UseLinkForm({ action, token, next }: { action: Action; token: string; next?: string | null }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <Problems state={state} idPrefix="link" />
      <input type="hidden" name="token" value={token} />
      {next && <input type="hidden" name="next" value={next} />}
      <SubmitButton busyLabel="Signing in…">{next ? "Verify and continue booking" : "Continue to my bookings"}</SubmitButton>
    </form>
  );
}

export type NeedTemplate = { id: string; label: string; hint: string | null; detailsRequired: boolean };
export type NeedValue = { templateId: string; details: string | null };

function NeedsFieldset({ idPrefix, templates, value, fields, legend, state }: {
  idPrefix: string; templates: NeedTemplate[]; value: NeedValue[]; fields: Record<string, string>; legend: string; state: FormState;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="font-medium text-stone-900">{legend}</legend>
      <p className="text-sm text-stone-600">Tick any that apply; leave all unticked for no special requirements.</p>
      {templates.map((t) => {
        const current = value.find((v) => v.templateId === t.id);
        const id = `${idPrefix}-need-${t.id}`;
        const detailsError = fields[`need-${t.id}-details`];
        return (
          <div key={t.id} className="rounded-md border border-stone-200 p-2">
            <div className="flex items-center gap-2">
              <input type="checkbox" id={id} name="need" value={t.id} defaultChecked={Boolean(current)} className="h-5 w-5" />
              <label htmlFor={id}>{t.label}</label>
            </div>
            <label htmlFor={`${id}-details`} className="mt-1 block text-sm text-stone-700">Details for {t.label.toLowerCase()}{t.detailsRequired ? " (required when ticked)" : " (optional)"}</label>
            {detailsError && <p id={`${id}-details-error`} className="text-sm font-medium text-red-700">{detailsError}</p>}
            <input id={`${id}-details`} name={`details:${t.id}`} defaultValue={sent(state, `details:${t.id}`) ?? current?.details ?? ""} maxLength={500}
              aria-invalid={detailsError ? true : undefined} aria-describedby={detailsError ? `${id}-details-error` : undefined}
              className={`${control} ${detailsError ? "border-red-700 ring-1 ring-red-700" : "border-stone-400"}`} />
          </div>
        );
      })}
    </fieldset>
  );
}

/** `place`: the place's ticket type (and seat) where they say something, as the booking page names them. */
export function AttendeeForm({ action, reference, attendee, templates, place }: {
  action: Action; reference: string; templates: NeedTemplate[];
  attendee: { id: string; position: number; firstName: string; lastName: string; email: string | null; requirements: NeedValue[] };
  place?: string | null;
}) {
  const [state, formAction] = useActionState(action, null);
  const p = `attendee-${attendee.position}`;
  const f = state?.fields ?? {};
  return (
    <form action={formAction} noValidate className="space-y-3" aria-labelledby={`${p}-heading`}>
      <h3 id={`${p}-heading`} className="text-lg font-semibold">Attendee {attendee.position}: {attendee.firstName} {attendee.lastName}{place ? ` · ${place}` : ""}</h3>
      <Problems state={state} idPrefix={p} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="attendeeId" value={attendee.id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Input idPrefix={p} name="firstName" label="First name" defaultValue={sent(state, "firstName") ?? attendee.firstName} error={f.firstName} autoComplete="off" />
        <Input idPrefix={p} name="lastName" label="Last name" defaultValue={sent(state, "lastName") ?? attendee.lastName} error={f.lastName} autoComplete="off" />
      </div>
      <Input idPrefix={p} name="email" label="Email" type="email" optional defaultValue={sent(state, "email") ?? attendee.email ?? ""} error={f.email} autoComplete="off" />
      <NeedsFieldset idPrefix={p} templates={templates} value={sentNeeds(state, attendee.requirements)} fields={f} state={state} legend={`Special requirements of ${attendee.firstName}`} />
      <Done state={state} />
      <SubmitButton busyLabel="Saving…">Save {attendee.firstName}&apos;s details</SubmitButton>
    </form>
  );
}

/** A ticket type the add-attendee form offers, its label naming price and places left (or why it cannot be chosen). */
export type TicketChoice = { id: string; name: string; priceText: string; label: string; disabled: boolean };

/**
 * `owedText`: what the booking still owes now (a deposit booking's balance), paid at the same checkout as the place.
 * `ticketTypes`: given when the session sells more than one type; the place then costs the chosen type's price.
 */
export function AddAttendeeForm({ action, reference, templates, priceText, owedText, ticketTypes, defaultTicketTypeId }: {
  action: Action; reference: string; templates: NeedTemplate[]; priceText: string; owedText: string | null;
  ticketTypes?: TicketChoice[]; defaultTicketTypeId?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const f = state?.fields ?? {};
  // The type the price line names: the one picked since the last answer, else the one the list shows after it
  // (what was sent, or the default).
  const answer = state?.attempt ?? 0;
  const [pick, setPick] = useState<{ answer: number; id: string } | null>(null);
  const picked = pick?.answer === answer ? pick.id : sent(state, "ticketTypeId") ?? defaultTicketTypeId ?? "";
  const chosen = ticketTypes?.find((t) => t.id === picked);
  const place = chosen ? `A new ${chosen.name} place costs ${chosen.priceText}` : `A new place costs ${priceText}`;
  const typeError = f.ticketTypeId;
  const limitError = f.addAttendees;
  return (
    <form action={formAction} noValidate className="space-y-3" aria-labelledby="add-heading">
      <h3 id="add-heading" className="text-lg font-semibold">Add an attendee</h3>
      <p id="add-cost" className="text-stone-700">
        {owedText
          ? <>{place}. The checkout straight after takes it together with the {owedText} still owed on this booking, so the booking is then paid in full.</>
          : <>{place}; you pay the difference at the checkout straight after.</>}
      </p>
      <Problems state={state} idPrefix="add" />
      <input type="hidden" name="reference" value={reference} />
      {ticketTypes && (
        <div className="space-y-1">
          <label htmlFor="add-ticketTypeId" className="block font-medium text-stone-900">Ticket type</label>
          {typeError && <p id="add-ticketTypeId-error" className="text-sm font-medium text-red-700">{typeError}</p>}
          <select id="add-ticketTypeId" name="ticketTypeId" defaultValue={sent(state, "ticketTypeId") ?? defaultTicketTypeId ?? ""}
            onChange={(e) => setPick({ answer, id: e.target.value })} aria-invalid={typeError ? true : undefined}
            aria-describedby={typeError ? "add-ticketTypeId-error add-cost" : "add-cost"}
            className={`${control} ${typeError ? "border-red-700 ring-1 ring-red-700" : "border-stone-400"}`}>
            {ticketTypes.map((t) => <option key={t.id} value={t.id} disabled={t.disabled}>{t.label}</option>)}
          </select>
        </div>
      )}
      {/* The new attendee as a whole: what a problem with adding anyone at all (the booking's 12-attendee limit) is
          about, so the summary's link has somewhere to go and focus lands where the problem is read out. */}
      <fieldset id="add-addAttendees" tabIndex={-1} aria-describedby={limitError ? "add-addAttendees-error" : undefined} className="space-y-3">
        <legend className="font-medium text-stone-900">The new attendee</legend>
        {limitError && <p id="add-addAttendees-error" className="text-sm font-medium text-red-700">{limitError}</p>}
        <div className="grid gap-3 sm:grid-cols-2">
          <Input idPrefix="add" name="firstName" label="First name" defaultValue={sent(state, "firstName")} error={f.firstName} autoComplete="off" />
          <Input idPrefix="add" name="lastName" label="Last name" defaultValue={sent(state, "lastName")} error={f.lastName} autoComplete="off" />
        </div>
        <Input idPrefix="add" name="email" label="Email" type="email" optional defaultValue={sent(state, "email")} error={f.email} autoComplete="off" />
        <NeedsFieldset idPrefix="add" templates={templates} value={sentNeeds(state, [])} fields={f} state={state} legend="Special requirements of the new attendee" />
      </fieldset>
      <Done state={state} />
      <SubmitButton busyLabel="Adding…">Add attendee and pay</SubmitButton>
    </form>
  );
}

export type MoveChoice = { id: string; label: string; disabled: boolean; balanceDueNow?: boolean };

/**
 * `owedText`: the balance still owed. A date where it would fall due at once (`balanceDueNow`, the server's own
 * rule) says so as soon as it is chosen, before the customer confirms, since the move then goes to the checkout.
 */
export function MoveForm({ action, reference, sessions, owedText }: { action: Action; reference: string; sessions: MoveChoice[]; owedText?: string }) {
  const [state, formAction] = useActionState(action, null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = sessions.find((s) => s.id === (chosenId ?? sent(state, "sessionId")));
  return (
    <form action={formAction} noValidate className="space-y-3" aria-labelledby="move-heading">
      <h3 id="move-heading" className="text-lg font-semibold">Move to another date</h3>
      <Problems state={state} idPrefix="move" />
      <input type="hidden" name="reference" value={reference} />
      <div className="space-y-1">
        <label htmlFor="move-sessionId" className="block font-medium text-stone-900">New session</label>
        {state?.fields?.sessionId && <p id="move-sessionId-error" className="text-sm font-medium text-red-700">{state.fields.sessionId}</p>}
        <select id="move-sessionId" name="sessionId" defaultValue={sent(state, "sessionId") ?? ""}
          onChange={(e) => setChosenId(e.target.value)}
          aria-describedby={[state?.fields?.sessionId && "move-sessionId-error", chosen?.balanceDueNow && "move-balance-due"].filter(Boolean).join(" ") || undefined}
          className={`${control} border-stone-400`}>
          <option value="" disabled>Choose a session</option>
          {sessions.map((s) => <option key={s.id} value={s.id} disabled={s.disabled}>{s.label}</option>)}
        </select>
      </div>
      <div aria-live="polite">
        {chosen?.balanceDueNow && (
          <p id="move-balance-due" className="rounded-md border-2 border-amber-600 bg-amber-50 p-3">
            On this date the balance{owedText ? ` of ${owedText}` : ""} is due immediately: when you move, we take you straight to the checkout to pay it.
          </p>
        )}
      </div>
      <Done state={state} />
      <SubmitButton busyLabel="Moving…" variant="secondary">Move the booking</SubmitButton>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { FocusedAlert } from "@/components/ui/focused-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { confirmCancellation } from "./actions";

/** The confirm button; the hidden key is made once per page view, so repeated submits are one request. */
export function ConfirmCancellationForm(p: { reference: string; token: string; attendeeIds: string[]; idempotencyKey: string; label: string }) {
  const [state, action] = useActionState(confirmCancellation, null);
  return (
    <form action={action} className="space-y-3">
      {state?.error && <FocusedAlert key={state.error} className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{state.error}</FocusedAlert>}
      <input type="hidden" name="reference" value={p.reference} />
      <input type="hidden" name="token" value={p.token} />
      <input type="hidden" name="key" value={p.idempotencyKey} />
      {p.attendeeIds.map((id) => <input key={id} type="hidden" name="attendeeId" value={id} />)}
      <SubmitButton busyLabel="Cancelling…">{p.label}</SubmitButton>
    </form>
  );
}

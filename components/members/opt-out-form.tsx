"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { OptOutAction } from "@/lib/members/opt-out-form";

const done = <p role="status" className="rounded-lg border-2 border-brand-600 bg-brand-50 p-4 font-medium">Done: we will not email you about new sessions as a member again.</p>;

export function MemberOptOutForm({ memberId, token, optedOut, optOutOfMemberEmailsAction }: {
  memberId: string; token: string; optedOut: boolean; optOutOfMemberEmailsAction: OptOutAction;
}) {
  const [state, action] = useActionState(optOutOfMemberEmailsAction, null);
  if (optedOut || (state && "optedOut" in state)) return done;
  return (
    <form action={action} className="space-y-3">
      {state && "error" in state && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{state.error}</p>}
      <input type="hidden" name="memberId" value={memberId} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton busyLabel="Saving…">Stop member emails</SubmitButton>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { LeaveWaitlistAction } from "@/lib/self-service/waitlist-forms";

export function LeaveWaitlistForm({ entryId, token, leaveWaitlistAction }: { entryId: string; token: string; leaveWaitlistAction: LeaveWaitlistAction }) {
  const [state, action] = useActionState(leaveWaitlistAction, null);
  if (state && "left" in state)
    return <p role="status" className="rounded-lg border-2 border-brand-600 bg-brand-50 p-4 font-medium">You have left the waiting list. We will not email you about this session again.</p>;
  return (
    <form action={action} className="space-y-3">
      {state && "error" in state && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{state.error}</p>}
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton busyLabel="Leaving…">Leave the waiting list</SubmitButton>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BookWithOfferAction } from "@/lib/self-service/waitlist-forms";

export function BookWithOfferForm({ offerId, token, places, bookWithOfferAction }: { offerId: string; token: string; places: number; bookWithOfferAction: BookWithOfferAction }) {
  const [state, action] = useActionState(bookWithOfferAction, null);
  return (
    <form action={action} className="space-y-3">
      {state?.error && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{state.error}</p>}
      <input type="hidden" name="offerId" value={offerId} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton busyLabel="Opening the booking…">{places === 1 ? "Book your place" : "Book your places"}</SubmitButton>
    </form>
  );
}

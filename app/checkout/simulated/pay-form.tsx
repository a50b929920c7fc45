"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelSimulated, paySimulated } from "./actions";

export function PayForm({ checkoutId, amountLabel, isBalance = false }: { checkoutId: string; amountLabel: string; isBalance?: boolean }) {
  const [payState, pay] = useActionState(async () => (await paySimulated(checkoutId)) ?? null, null);
  const [cancelState, cancel] = useActionState(async () => (await cancelSimulated(checkoutId)) ?? null, null);
  const error = payState?.error ?? cancelState?.error;
  return (
    <div className="space-y-4">
      {error && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{error}</p>}
      <form action={pay}>
        <SubmitButton className="w-full" busyLabel="Paying…">Pay {amountLabel} (test)</SubmitButton>
      </form>
      <form action={cancel}>
        <SubmitButton variant="secondary" className="w-full" busyLabel="Cancelling…">
          {isBalance ? "Cancel and return to my booking" : "Cancel and release my places"}
        </SubmitButton>
      </form>
    </div>
  );
}

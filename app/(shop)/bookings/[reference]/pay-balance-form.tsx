"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { payBalance } from "./actions";

/** The customer's "pay the balance" button; opens the checkout for what is still owed. */
export function PayBalanceForm({ reference, token, amountLabel }: { reference: string; token: string; amountLabel: string }) {
  const [state, pay] = useActionState(async () => (await payBalance(reference, token)) ?? null, null);
  return (
    <form action={pay} className="space-y-2">
      {state?.error && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{state.error}</p>}
      <SubmitButton busyLabel="Opening payment…">Pay the balance of {amountLabel}</SubmitButton>
    </form>
  );
}

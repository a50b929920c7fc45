"use client";
// Finance records a balance that arrived by bank transfer or in cash: the whole amount owed, on the day it came.
// The section stays on the page while it is open (money owed) and, once a payment is recorded, for as long as the
// page is: the refreshed page owes nothing, so the form goes, and the outcome takes its place with the focus.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextField } from "@/components/ui/field";
import { FocusedAlert } from "@/components/ui/focused-alert";
import type { StaffAction } from "@/lib/auth/staff-action";
import { OFFLINE_PAYMENT_METHODS, offlineMethodText, type OfflinePaymentMethod } from "@/lib/payments/offline-methods";
import { offlinePaymentFormSchema } from "@/lib/validations/finance";

type Values = { bookingId: string; method: OfflinePaymentMethod; receivedAmount: string; receivedOn: string; reference: string; idempotencyKey: string };

export type OfflinePaymentFormProps = {
  /** Whether a payment can be recorded now (money owed after a first payment). */
  open: boolean;
  bookingId: string;
  currency: string;
  /** The amount owed now, in major units as typed ("180.00"), and in words ("£180.00"). */
  owedInput: string;
  owedText: string;
  today: string;
  recordOfflinePaymentAction: StaffAction<{ replayed: boolean }>;
};

export function OfflinePaymentSection({ open, ...form }: OfflinePaymentFormProps) {
  const [done, setDone] = useState(false);
  if (!open && !done) return null;
  return (
    <section aria-labelledby="record-payment" className="space-y-2">
      <h2 id="record-payment" className="text-lg font-semibold">Payment received outside the checkout</h2>
      {done ? (
        <FocusedAlert role="status" className="rounded-md border border-brand-600 bg-brand-50 p-3">
          Payment recorded: the booking is paid in full and the customer is sent a receipt.
        </FocusedAlert>
      ) : <OfflinePaymentForm {...form} onRecorded={() => setDone(true)} />}
    </section>
  );
}

function OfflinePaymentForm({ bookingId, currency, owedInput, owedText, today, recordOfflinePaymentAction, onRecorded }:
  Omit<OfflinePaymentFormProps, "open"> & { onRecorded: () => void }) {
  const router = useRouter();
  const fresh = (): Values => ({ bookingId, method: "bank_transfer", receivedAmount: owedInput, receivedOn: today, reference: "", idempotencyKey: crypto.randomUUID() });
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { replayed: boolean }>({
    schema: offlinePaymentFormSchema,
    action: (v) => recordOfflinePaymentAction(v),
    // One key per decision: a double submit or a retry after a lost answer records the payment once.
    defaultValues: fresh(),
    onSuccess: () => { onRecorded(); router.refresh(); },
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="Record a payment received" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Record the payment">
      <p className="text-stone-700">
        For a balance of {owedText} that arrived by bank transfer or was paid at the desk. Record the whole amount owed: the booking is then
        paid in full, the balance reminder is withdrawn and the customer is emailed a receipt. A later refund of this money is paid back by
        hand and marked here.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Paid by" error={e.method?.message} {...form.register("method")}>
          {OFFLINE_PAYMENT_METHODS.map((m) => <option key={m} value={m}>{offlineMethodText[m]}</option>)}
        </SelectField>
        <TextField label={`Amount received (${currency})`} inputMode="decimal" autoComplete="off" error={e.receivedAmount?.message} {...form.register("receivedAmount")} />
        <TextField label="Day it arrived" type="date" max={today} error={e.receivedOn?.message} {...form.register("receivedOn")} />
        <TextField label="Reference" optional hint="The transfer's reference or the receipt number, for the audit log" error={e.reference?.message} {...form.register("reference")} />
      </div>
    </FormFrame>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { refundFormSchema } from "@/lib/validations/finance";

type Values = { bookingId: string; attendeeIds: string[]; amount: string; reason: string; idempotencyKey: string };

export type RefundFormProps = {
  bookingId: string;
  currency: string;
  fractionDigits: number;
  places: { id: string; name: string }[];
  /** Money that can still go back, in minor units. */
  refundable: number;
  refundBookingAction: StaffAction<{ creditNoteNumber: string }>;
  /** Some of the money came by bank transfer or in cash: its refund is paid back by hand. */
  paidOffline?: boolean;
};

const toMajor = (minor: number, digits: number) => (minor / 10 ** digits).toFixed(digits);

/**
 * Choose places to cancel (or none, for a price reduction) and the amount to return. The suggested amount
 * is each cancelled place's share of what was paid, or everything left when every place goes.
 */
export function RefundForm({ bookingId, currency, fractionDigits, places, refundable, refundBookingAction, paidOffline = false }: RefundFormProps) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { creditNoteNumber: string }>({
    schema: refundFormSchema,
    action: (v) => refundBookingAction(v),
    // One key per decision: resubmitting (a double click, a retry after a lost answer) refunds once.
    defaultValues: { bookingId, attendeeIds: [], amount: "", reason: "", idempotencyKey: crypto.randomUUID() },
    onSuccess: (r) => {
      setDone(r.creditNoteNumber);
      form.reset({ bookingId, attendeeIds: [], amount: "", reason: "", idempotencyKey: crypto.randomUUID() });
      router.refresh();
    },
  });
  const e = form.formState.errors;
  const chosen = form.watch("attendeeIds") ?? [];
  // Checkboxes are kept as an array by hand: a lone registered checkbox would give a boolean, not a list.
  const toggle = (id: string, on: boolean) => {
    const ids = on ? [...chosen, id] : chosen.filter((x) => x !== id);
    form.setValue("attendeeIds", ids, { shouldDirty: true });
    const s = suggest(ids);
    if (s) form.setValue("amount", s);
  };
  const suggest = (ids: string[]) => {
    if (ids.length === 0) return "";
    const share = ids.length === places.length ? refundable : Math.min(refundable, Math.floor((refundable / places.length) * ids.length));
    return toMajor(share, fractionDigits);
  };
  return (
    <FormFrame label="Refund this booking" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Refund and issue credit note">
      {done && <p role="status" className="rounded-md border border-brand-600 bg-brand-50 p-3">Credit note {done} issued; the refund is on its way.</p>}
      <p className="text-stone-700">
        Cancelled places go back on sale at once. A credit note against this invoice is issued with the next number, the money goes back to
        the card it came from, and the customer is emailed the credit note when the refund has gone through.
        {paidOffline && " Money paid by bank transfer or in cash waits to be paid back by hand: mark it here once paid."}
      </p>
      <fieldset aria-describedby={e.attendeeIds ? "attendeeIds-error" : undefined}>
        <legend className="font-medium">Places to cancel <span className="font-normal text-stone-600">(none for a price reduction)</span></legend>
        {e.attendeeIds?.message && <p id="attendeeIds-error" className="text-sm font-medium text-red-700">{e.attendeeIds.message}</p>}
        <ul className="mt-2 space-y-1">
          {places.map((p) => (
            <li key={p.id}>
              <label className="inline-flex min-h-11 items-center gap-2">
                <input type="checkbox" name="attendeeIds" value={p.id} className="h-5 w-5" checked={chosen.includes(p.id)}
                  onChange={(ev) => toggle(p.id, ev.target.checked)} />
                {p.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={`Amount to refund (${currency})`} inputMode="decimal" autoComplete="off" error={e.amount?.message}
          hint={`Up to ${toMajor(refundable, fractionDigits)} can go back${chosen.length ? "; suggested from what was paid per place" : ""}.`}
          {...form.register("amount")} />
        <TextField label="Reason (printed on the credit note)" error={e.reason?.message} {...form.register("reason")} />
      </div>
    </FormFrame>
  );
}

"use client";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { stepResolver } from "@/components/ui/step-resolver";
import { contactStepSchema } from "@/lib/validations/booking";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/field";
import { StepNav } from "./step-nav";
import { countries } from "./countries";
import type { Draft } from "./types";
import type { StepProps } from "./types";

type Values = Pick<Draft, "contact" | "hasBilling" | "billing">;

export function ContactStep({ draft, update, next, back }: StepProps) {
  const booker = draft.attendees.find((a) => a.isBooker);
  const [attempt, setAttempt] = useState(0);
  const { register, handleSubmit, watch, formState: { errors, isSubmitting } } = useForm<Values>({
    resolver: stepResolver<Values>(contactStepSchema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    defaultValues: {
      contact: {
        ...draft.contact,
        // The booker said they are attendee 1: start from their name and email.
        name: draft.contact.name || (booker ? `${booker.firstName} ${booker.lastName}`.trim() : ""),
        email: draft.contact.email || booker?.email || "",
      },
      hasBilling: draft.hasBilling,
      billing: draft.billing,
    },
  });
  useEffect(() => {
    const sub = watch((v) => update(v as Values));
    return () => sub.unsubscribe();
  }, [watch, update]);
  const hasBilling = watch("hasBilling");
  // Errors are keyed by path; react-hook-form nests them the same way.
  const billingErrors = (errors.billing ?? {}) as Record<string, { message?: string } | undefined>;

  return (
    <form noValidate onSubmit={handleSubmit((v) => { update(v); next(); }, () => setAttempt((n) => n + 1))} className="space-y-6">
      <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} />
      <fieldset className="space-y-4 rounded-lg border border-stone-300 bg-white p-4">
        <legend className="px-1 font-semibold">Contact</legend>
        <p className="text-sm text-stone-700">We send the confirmation and invoice here, and call only if something about the booking changes.</p>
        <TextField label="Your name" autoComplete="name" error={errors.contact?.name?.message} {...register("contact.name")} />
        <TextField label="Email" type="email" inputMode="email" autoComplete="email" error={errors.contact?.email?.message} {...register("contact.email")} />
        <TextField label="Phone" type="tel" inputMode="tel" autoComplete="tel" error={errors.contact?.phone?.message} {...register("contact.phone")} />
        <TextField label="Organisation" optional autoComplete="organization" error={errors.contact?.organisation?.message} {...register("contact.organisation")} />
      </fieldset>
      <fieldset className="space-y-4 rounded-lg border border-stone-300 bg-white p-4">
        <legend className="px-1 font-semibold">Billing</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" className="h-5 w-5 accent-brand-700" {...register("hasBilling")} />
          Put a billing address and VAT ID on the invoice
        </label>
        {hasBilling && (
          <div className="space-y-4">
            <TextField label="Address line 1" autoComplete="address-line1" error={billingErrors.line1?.message} {...register("billing.line1")} />
            <TextField label="Address line 2" optional autoComplete="address-line2" error={billingErrors.line2?.message} {...register("billing.line2")} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="Town or city" autoComplete="address-level2" error={billingErrors.city?.message} {...register("billing.city")} />
              <TextField label="Postcode" autoComplete="postal-code" error={billingErrors.postalCode?.message} {...register("billing.postalCode")} />
            </div>
            <SelectField label="Country" autoComplete="country" error={billingErrors.country?.message} {...register("billing.country")}>
              {countries.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </SelectField>
            <TextField label="VAT ID" optional error={billingErrors.vatId?.message} {...register("billing.vatId")} />
          </div>
        )}
      </fieldset>
      <StepNav onBack={back} busy={isSubmitting} />
    </form>
  );
}

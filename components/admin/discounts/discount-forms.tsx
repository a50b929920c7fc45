"use client";
// Staff forms for discount codes (one, or a generated batch) and automatic rules.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UseFormRegister, FieldErrors, FieldValues } from "react-hook-form";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { discountCodeSchema, discountRuleSchema, generateDiscountCodesSchema } from "@/lib/validations/discounts";

export type ScopeOptions = { courses: { id: string; title: string; currency: string }[]; ticketTypes: { id: string; label: string }[] };

type Terms = {
  description: string; kind: string; amount: string; currency: string; per: string; validFrom: string; validUntil: string; minAttendees: string;
};
type Limits = { maxUses: string; maxUsesPerEmail: string; revealsHiddenTicketTypes: boolean; courseIds: string[]; ticketTypeIds: string[] };

const emptyTerms: Terms = { description: "", kind: "percent", amount: "", currency: "", per: "booking", validFrom: "", validUntil: "", minAttendees: "" };
const emptyLimits: Limits = { maxUses: "", maxUsesPerEmail: "", revealsHiddenTicketTypes: false, courseIds: [], ticketTypeIds: [] };

function TermsFields<V extends FieldValues>({ r, e, kind }: { r: UseFormRegister<V>; e: FieldErrors<V>; kind: string }) {
  const reg = r as unknown as UseFormRegister<Terms>;
  const err = e as FieldErrors<Terms>;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-4">
        <SelectField label="Discount" error={err.kind?.message} {...reg("kind")}>
          <option value="percent">Percentage</option>
          <option value="fixed">Fixed amount</option>
        </SelectField>
        <TextField label={kind === "fixed" ? "Amount" : "Percentage"} hint={kind === "fixed" ? "For example 15.00" : "For example 10 or 12.5"}
          inputMode="decimal" error={err.amount?.message} {...reg("amount")} />
        <TextField label="Currency" optional={kind !== "fixed"} hint="For a fixed amount, such as GBP" error={err.currency?.message} {...reg("currency")} />
        <SelectField label="Taken off" error={err.per?.message} {...reg("per")}>
          <option value="booking">the booking</option>
          <option value="attendee">each attendee (fixed amounts)</option>
        </SelectField>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField type="date" label="First day" optional error={err.validFrom?.message} {...reg("validFrom")} />
        <TextField type="date" label="Last day" optional error={err.validUntil?.message} {...reg("validUntil")} />
        <TextField label="Minimum attendees" optional inputMode="numeric" error={err.minAttendees?.message} {...reg("minAttendees")} />
      </div>
    </>
  );
}

function LimitFields<V extends FieldValues>({ r, e, scope }: { r: UseFormRegister<V>; e: FieldErrors<V>; scope: ScopeOptions }) {
  const reg = r as unknown as UseFormRegister<Limits>;
  const err = e as FieldErrors<Limits>;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Maximum uses in total" optional inputMode="numeric" error={err.maxUses?.message} {...reg("maxUses")} />
        <TextField label="Uses per customer email" optional inputMode="numeric" error={err.maxUsesPerEmail?.message} {...reg("maxUsesPerEmail")} />
      </div>
      <label className="flex items-center gap-3">
        <input type="checkbox" className="h-5 w-5 accent-brand-700" {...reg("revealsHiddenTicketTypes")} />
        Presale: lets customers book hidden ticket types
      </label>
      <fieldset className="space-y-2">
        <legend className="font-medium">Applies to (nothing ticked: every course)</legend>
        <div className="grid max-h-60 gap-2 overflow-y-auto sm:grid-cols-2">
          {scope.courses.map((c) => (
            <label key={c.id} className="flex items-center gap-3">
              <input type="checkbox" value={c.id} className="h-5 w-5 accent-brand-700" {...reg("courseIds")} />{c.title}
            </label>
          ))}
          {scope.ticketTypes.map((t) => (
            <label key={t.id} className="flex items-center gap-3">
              <input type="checkbox" value={t.id} className="h-5 w-5 accent-brand-700" {...reg("ticketTypeIds")} />{t.label}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

export function DiscountCodeForm({ scope, createDiscountCodeAction }: { scope: ScopeOptions; createDiscountCodeAction: StaffAction<{ id: string; code: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem } = useActionForm<Terms & Limits & { code: string }, { id: string; code: string }>({
    schema: discountCodeSchema,
    action: createDiscountCodeAction,
    defaultValues: { code: "", ...emptyTerms, ...emptyLimits },
    onSuccess: () => router.push("/admin/discounts"),
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="New discount code" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={false}
      submitting={form.formState.isSubmitting} submitLabel="Create code">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Code" hint="What customers type, for example SPRING10" error={e.code?.message} {...form.register("code")} />
        <TextField label="Description" optional hint="For staff" error={e.description?.message} {...form.register("description")} />
      </div>
      <TermsFields r={form.register} e={e} kind={form.watch("kind")} />
      <LimitFields r={form.register} e={e} scope={scope} />
    </FormFrame>
  );
}

export function GenerateDiscountCodesForm({ scope, generateDiscountCodesAction }: {
  scope: ScopeOptions; generateDiscountCodesAction: StaffAction<{ batch: string; count: number }>;
}) {
  const [made, setMade] = useState<{ batch: string; count: number } | null>(null);
  const { form, submit, errors, attempt, problem } = useActionForm<Terms & Limits & { prefix: string; count: string }, { batch: string; count: number }>({
    schema: generateDiscountCodesSchema,
    action: generateDiscountCodesAction,
    defaultValues: { prefix: "", count: "50", ...emptyTerms, ...emptyLimits, maxUses: "1" },
    onSuccess: setMade,
  });
  const e = form.formState.errors;
  return (
    <div className="space-y-4">
      {made && (
        <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3">
          Made {made.count} codes in batch {made.batch}.{" "}
          <a className="font-medium underline" href={`/admin/discounts/export/csv?batch=${encodeURIComponent(made.batch)}`}>Download them as CSV</a>
        </p>
      )}
      <FormFrame label="Generate discount codes" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={false}
        submitting={form.formState.isSubmitting} submitLabel="Generate codes">
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="How many codes" inputMode="numeric" error={e.count?.message} {...form.register("count")} />
          <TextField label="Prefix" optional hint="For example VIP gives VIP-7KQ2M9XA" error={e.prefix?.message} {...form.register("prefix")} />
          <TextField label="Description" optional error={e.description?.message} {...form.register("description")} />
        </div>
        <TermsFields r={form.register} e={e} kind={form.watch("kind")} />
        <LimitFields r={form.register} e={e} scope={scope} />
      </FormFrame>
    </div>
  );
}

export function DiscountRuleForm({ scope, createDiscountRuleAction }: { scope: ScopeOptions; createDiscountRuleAction: StaffAction<{ id: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem } = useActionForm<Terms & { ruleKind: string; name: string; courseId: string; firstPlaces: string }, { id: string }>({
    schema: discountRuleSchema,
    action: createDiscountRuleAction,
    defaultValues: { ruleKind: "group", name: "", courseId: "", firstPlaces: "", ...emptyTerms },
    onSuccess: () => router.push("/admin/discounts"),
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="New automatic discount" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={false}
      submitting={form.formState.isSubmitting} submitLabel="Create discount">
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Kind" error={e.ruleKind?.message} {...form.register("ruleKind")}>
          <option value="group">Group discount (from a number of attendees)</option>
          <option value="early_bird">Early bird (until a day, or the first places)</option>
        </SelectField>
        <TextField label="Name customers see" hint="For example Groups of 5 or more" error={e.name?.message} {...form.register("name")} />
        <SelectField label="Course" error={e.courseId?.message} {...form.register("courseId")}>
          <option value="">Every course</option>
          {scope.courses.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </SelectField>
      </div>
      <TermsFields r={form.register} e={e} kind={form.watch("kind")} />
      <TextField label="Only the session's first places" optional hint="Early bird: for example 20" inputMode="numeric" error={e.firstPlaces?.message} {...form.register("firstPlaces")} />
    </FormFrame>
  );
}

"use client";
// Member prices per level and a members-only presale window, for a course or one of its ticket types.
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { MEMBER_LEVELS, memberOffersFormSchema, type MemberOffersFormInput } from "@/lib/validations/member-offers";

const levelName = { silver: "Silver", gold: "Gold", platinum: "Platinum" } as const;

export type MemberOffersInitial = Omit<MemberOffersFormInput, "target" | "id">;

export function MemberOffersForm({ save, target, id, currency, listPrice, timeZone, initial }: {
  save: StaffAction<{ id: string }>;
  target: "course" | "ticket_type"; id: string; currency: string; listPrice: string; timeZone: string; initial: MemberOffersInitial;
}) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<MemberOffersFormInput, { id: string }>({
    schema: memberOffersFormSchema,
    action: (v) => save(v),
    defaultValues: { ...initial, target, id },
    onSuccess: () => router.refresh(),
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label="Fan-club members" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Save member prices and presale">
      <fieldset className="space-y-3">
        <legend className="font-semibold">Member prices per place</legend>
        <p className="text-sm text-stone-700">
          What a verified member of each level pays instead of the list price ({listPrice}); below it, or empty for none.
          {target === "course" ? " Used for places whose ticket type has no member price of its own." : ""}
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          {MEMBER_LEVELS.map((level) => (
            <TextField key={level} label={`${levelName[level]} (${currency})`} optional inputMode="decimal"
              error={e.prices?.[level]?.message} {...r(`prices.${level}`)} />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-semibold">Members-only presale</legend>
        <p className="text-sm text-stone-700">From the start until the end only members may book{target === "course" ? " this course" : " this ticket type"};
          before and after it, everyone may. Times are in {timeZone}. Leave both empty for no presale.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Presale start" type="datetime-local" optional error={e.presaleFrom?.message} {...r("presaleFrom")} />
          <TextField label="Presale end" type="datetime-local" optional error={e.presaleUntil?.message} {...r("presaleUntil")} />
        </div>
        <fieldset>
          <legend className="font-medium">Levels that may book during the presale (none ticked: every level)</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {MEMBER_LEVELS.map((level) => (
              <label key={level} className="flex items-center gap-2">
                <input type="checkbox" value={level} className="h-5 w-5 accent-brand-700" {...r("presaleLevels")} />
                {levelName[level]}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>
    </FormFrame>
  );
}

"use client";
// Staff forms for the fan club: add one member, or import many from a CSV file.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { importMembersSchema, memberSchema } from "@/lib/validations/members";

type MemberForm = { email: string; name: string; level: string; number: string; validFrom: string; validUntil: string };

export function AddMemberForm({ createMemberAction }: { createMemberAction: StaffAction<{ id: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<MemberForm, { id: string }>({
    schema: memberSchema,
    action: createMemberAction,
    defaultValues: { email: "", name: "", level: "silver", number: "", validFrom: "", validUntil: "" },
    onSuccess: () => { form.reset(); router.refresh(); },
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="Add a member" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Add member">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Email" type="email" autoComplete="off" error={e.email?.message} {...form.register("email")} />
        <TextField label="Name" optional error={e.name?.message} {...form.register("name")} />
        <SelectField label="Level" error={e.level?.message} {...form.register("level")}>
          <option value="silver">Silver</option>
          <option value="gold">Gold</option>
          <option value="platinum">Platinum</option>
        </SelectField>
        <TextField label="Member number" error={e.number?.message} {...form.register("number")} />
        <TextField type="date" label="Valid from" error={e.validFrom?.message} {...form.register("validFrom")} />
        <TextField type="date" label="Valid until" optional hint="The last day of the membership" error={e.validUntil?.message} {...form.register("validUntil")} />
      </div>
    </FormFrame>
  );
}

export function ImportMembersForm({ importMembersAction }: { importMembersAction: StaffAction<{ imported: number }> }) {
  const router = useRouter();
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const { form, submit, errors, attempt, problem, saved } = useActionForm<{ csv: string }, { imported: number }>({
    schema: importMembersSchema,
    action: importMembersAction,
    defaultValues: { csv: "" },
    onSuccess: (r) => { setImported(r.imported); form.reset(); setFileNote(null); router.refresh(); },
  });
  return (
    <FormFrame label="Import members from CSV" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Import members">
      <div className="space-y-2">
        <label htmlFor="members-csv-file" className="block font-medium text-stone-900">CSV file <span className="font-normal text-stone-600">(or paste below)</span></label>
        <p id="members-csv-file-hint" className="text-sm text-stone-600">
          Header: email,name,level,number,valid_from,valid_until (dates as YYYY-MM-DD). One bad line refuses the whole file.
        </p>
        <input id="members-csv-file" type="file" accept=".csv,text/csv" aria-describedby="members-csv-file-hint members-csv-file-status"
          className="block w-full text-base file:mr-3 file:rounded-md file:border file:border-stone-400 file:bg-white file:px-3 file:py-2"
          onChange={async (ev) => {
            const file = ev.target.files?.[0];
            if (!file) return;
            form.setValue("csv", await file.text(), { shouldValidate: true });
            setFileNote(`${file.name} loaded into the text below.`);
          }} />
        <p id="members-csv-file-status" role="status" className="text-sm text-brand-800">
          {fileNote ?? (imported !== null && saved ? `${imported} members imported.` : "")}
        </p>
      </div>
      <TextArea label="CSV text" rows={8} className="font-mono" error={form.formState.errors.csv?.message} {...form.register("csv")} />
    </FormFrame>
  );
}

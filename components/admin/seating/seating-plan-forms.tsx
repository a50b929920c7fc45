"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextArea, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { CSV_COLUMNS, MAX_CSV_BYTES } from "@/lib/seating/plan-seats";
import { seatingPlanCsvSchema, seatingPlanGridSchema } from "@/lib/validations/seating";

type Created = { id: string; venueId: string; seats: number };

/** A plan from a CSV file or pasted text: the file's text lands in the text area, where it can be checked. */
export function ImportSeatingPlanForm({ venueId, importSeatingPlan }: { venueId: string; importSeatingPlan: StaffAction<Created> }) {
  const router = useRouter();
  const [fileNote, setFileNote] = useState<string | null>(null);
  const { form, submit, errors, attempt, problem, saved } = useActionForm<{ venueId: string; name: string; csv: string }, Created>({
    schema: seatingPlanCsvSchema,
    action: importSeatingPlan,
    defaultValues: { venueId, name: "", csv: "" },
    onSuccess: (d) => router.push(`/admin/venues/${d.venueId}/seating/${d.id}`),
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="Import a seating plan from CSV" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Import plan">
      <TextField label="Plan name" hint="For example Main hall, theatre style" error={e.name?.message} {...form.register("name")} />
      <div className="space-y-1">
        <label htmlFor="csv-file" className="block font-medium text-stone-900">CSV file <span className="font-normal text-stone-600">(or paste below)</span></label>
        <p id="csv-file-hint" className="text-sm text-stone-600">At most 1 MB. Its text is shown below before you import it.</p>
        <input id="csv-file" type="file" accept=".csv,text/csv" aria-describedby="csv-file-hint csv-file-status"
          className="block w-full text-base file:mr-3 file:rounded-md file:border file:border-stone-400 file:bg-white file:px-3 file:py-2"
          onChange={async (ev) => {
            const file = ev.target.files?.[0];
            if (!file) return;
            if (file.size > MAX_CSV_BYTES) {
              setFileNote(null);
              form.setError("csv", { type: "client", message: "The CSV is larger than 1 MB: split the venue into several plans" });
              return;
            }
            form.setValue("csv", await file.text(), { shouldValidate: true });
            setFileNote(`${file.name} loaded into the text below.`);
          }} />
        <p id="csv-file-status" role="status" className="text-sm text-brand-800">{fileNote ?? ""}</p>
      </div>
      <TextArea label="Seats as CSV" rows={8} className="font-mono" spellCheck={false}
        hint={`Header ${CSV_COLUMNS.join(",")}; one seat per line; flags among wheelchair, companion, restricted_view, separated by | or ;`}
        error={e.csv?.message} {...form.register("csv")} />
    </FormFrame>
  );
}

type GridValues = { venueId: string; name: string; section: string; rows: string; seatsPerRow: string; defaultClass: string; classRanges: string };

export function GridSeatingPlanForm({ venueId, createGridSeatingPlan }: { venueId: string; createGridSeatingPlan: StaffAction<Created> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<GridValues, Created>({
    schema: seatingPlanGridSchema,
    action: createGridSeatingPlan,
    defaultValues: { venueId, name: "", section: "Stalls", rows: "", seatsPerRow: "", defaultClass: "Standard", classRanges: "" },
    onSuccess: (d) => router.push(`/admin/venues/${d.venueId}/seating/${d.id}`),
  });
  const e = form.formState.errors;
  const r = form.register;
  return (
    <FormFrame label="Build a grid seating plan" onSubmit={submit} errors={errors} attempt={attempt} problem={problem}
      saved={saved} submitting={form.formState.isSubmitting} submitLabel="Create plan">
      <TextField label="Plan name" error={e.name?.message} {...r("name")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Section" error={e.section?.message} {...r("section")} />
        <TextField label="Rows" inputMode="numeric" hint="Labelled A, B, C…" error={e.rows?.message} {...r("rows")} />
        <TextField label="Seats per row" inputMode="numeric" hint="Numbered from 1 on the left" error={e.seatsPerRow?.message} {...r("seatsPerRow")} />
      </div>
      <TextArea label="Classes by row" optional rows={3} hint='One range per line, such as "A-B VIP" or "C-F Premium"'
        error={e.classRanges?.message} {...r("classRanges")} />
      <TextField label="Class of the other rows" error={e.defaultClass?.message} {...r("defaultClass")} />
    </FormFrame>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { SelectField, TextField } from "@/components/ui/field";
import type { StaffAction } from "@/lib/auth/staff-action";
import { staffUserSchema } from "@/lib/validations/catalog";

type Values = { email: string; name: string; role: string };

export function StaffUserForm({ createStaffUser }: { createStaffUser: StaffAction<{ id: string }> }) {
  const router = useRouter();
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { id: string }>({
    schema: staffUserSchema,
    action: (v) => createStaffUser(v),
    defaultValues: { email: "", name: "", role: "" },
    onSuccess: () => { form.reset(); router.refresh(); },
  });
  const e = form.formState.errors;
  return (
    <FormFrame label="Add a staff member" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Add staff member">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Work email" type="email" error={e.email?.message} {...form.register("email")} />
        <TextField label="Name" optional error={e.name?.message} {...form.register("name")} />
        <SelectField label="Role" error={e.role?.message} {...form.register("role")}>
          <option value="">Choose a role</option>
          <option value="admin">Admin: courses, sessions, requirements, staff</option>
          <option value="finance">Finance: bookings, payments, invoices</option>
          <option value="door">Door: check-in at sessions</option>
        </SelectField>
      </div>
      <p className="text-sm text-stone-700">They sign in at /signin with a link emailed to this address.</p>
    </FormFrame>
  );
}

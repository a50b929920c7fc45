"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import { API_KEY_SCOPES } from "@/db/schema/integration-types";
import type { StaffAction } from "@/lib/auth/staff-action";
import { apiKeySchema } from "@/lib/validations/integrations";
import { ShownOnce } from "./shown-once";

type Values = { name: string; scopes: string[] };

export const SCOPE_HELP: Record<(typeof API_KEY_SCOPES)[number], string> = {
  "catalogue:read": "read courses, sessions, seats and availability",
  "bookings:create": "create bookings",
  "bookings:read": "read bookings and each session's attendees with their needs",
  "checkin:write": "check tickets in",
};

export function ApiKeyForm({ createApiKey }: { createApiKey: StaffAction<{ id: string; key: string }> }) {
  const router = useRouter();
  const [key, setKey] = useState<string | null>(null);
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { id: string; key: string }>({
    schema: apiKeySchema,
    action: (v) => createApiKey(v),
    defaultValues: { name: "", scopes: [] },
    onSuccess: (data) => { form.reset(); setKey(data.key); router.refresh(); },
  });
  const e = form.formState.errors;
  if (key) return <ShownOnce label="The new API key" value={key} onDone={() => setKey(null)} />;
  return (
    <FormFrame label="Create an API key" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Create key">
      <TextField label="Name" hint="What uses it, e.g. the CRM" error={e.name?.message} {...form.register("name")} />
      <fieldset aria-describedby={e.scopes ? "scopes-error" : undefined} className="space-y-2">
        <legend className="font-medium text-stone-900">What the key may do</legend>
        {e.scopes?.message && <p id="scopes-error" className="text-sm font-medium text-red-700">{e.scopes.message}</p>}
        {API_KEY_SCOPES.map((scope, i) => (
          <div key={scope} className="flex items-start gap-2">
            <input type="checkbox" id={i === 0 ? "scopes" : `scopes-${scope}`} value={scope} className="mt-1 size-5" {...form.register("scopes")} />
            <label htmlFor={i === 0 ? "scopes" : `scopes-${scope}`}><code>{scope}</code>: {SCOPE_HELP[scope]}</label>
          </div>
        ))}
      </fieldset>
    </FormFrame>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFrame } from "@/components/admin/form-frame";
import { useActionForm } from "@/components/admin/use-action-form";
import { TextField } from "@/components/ui/field";
import { WEBHOOK_EVENT_TYPES } from "@/db/schema/integration-types";
import type { StaffAction } from "@/lib/auth/staff-action";
import { webhookEndpointSchema } from "@/lib/validations/integrations";
import { ShownOnce } from "./shown-once";

type Values = { url: string; description: string; events: string[]; receivesHealthData: boolean };

const EVENT_HELP: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  "booking.created": "a booking is started and its places held",
  "booking.confirmed": "its payment is processed",
  "booking.changed": "its places or time change",
  "booking.cancelled": "it is cancelled",
  "payment.refunded": "money goes back to the customer",
  "attendee.checked_in": "an attendee is checked in at the door",
  "waitlist.offered": "a place is offered to the waiting list",
};

export function WebhookEndpointForm({ createWebhookEndpoint }: { createWebhookEndpoint: StaffAction<{ id: string; secret: string }> }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const { form, submit, errors, attempt, problem, saved } = useActionForm<Values, { id: string; secret: string }>({
    schema: webhookEndpointSchema,
    action: (v) => createWebhookEndpoint(v),
    defaultValues: { url: "", description: "", events: [], receivesHealthData: false },
    onSuccess: (data) => { form.reset(); setSecret(data.secret); router.refresh(); },
  });
  const e = form.formState.errors;
  if (secret) return <ShownOnce label="The endpoint's signing secret" value={secret} onDone={() => setSecret(null)} />;
  return (
    <FormFrame label="Add a webhook endpoint" onSubmit={submit} errors={errors} attempt={attempt} problem={problem} saved={saved}
      submitting={form.formState.isSubmitting} submitLabel="Add endpoint">
      <TextField label="Endpoint URL" type="url" inputMode="url" hint="http:// or https://; https in production" error={e.url?.message} {...form.register("url")} />
      <TextField label="Description" optional error={e.description?.message} {...form.register("description")} />
      <fieldset aria-describedby={e.events ? "events-error" : undefined} className="space-y-2">
        <legend className="font-medium text-stone-900">Events to send</legend>
        {e.events?.message && <p id="events-error" className="text-sm font-medium text-red-700">{e.events.message}</p>}
        {WEBHOOK_EVENT_TYPES.map((type, i) => (
          <div key={type} className="flex items-start gap-2">
            <input type="checkbox" id={i === 0 ? "events" : `events-${type}`} value={type} className="mt-1 size-5" {...form.register("events")} />
            <label htmlFor={i === 0 ? "events" : `events-${type}`}><code>{type}</code>: {EVENT_HELP[type]}</label>
          </div>
        ))}
      </fieldset>
      <div className="flex items-start gap-2">
        <input type="checkbox" id="receivesHealthData" className="mt-1 size-5" aria-describedby="receivesHealthData-hint" {...form.register("receivesHealthData")} />
        <div>
          <label htmlFor="receivesHealthData" className="font-medium">May receive health data</label>
          <p id="receivesHealthData-hint" className="text-sm text-stone-700">Adds attendees&apos; special requirements (allergies, medical and access needs) to booking
            events. Leave it off unless the receiving system is allowed to hold health data.</p>
        </div>
      </div>
    </FormFrame>
  );
}

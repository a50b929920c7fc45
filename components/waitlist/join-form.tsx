"use client";
// Joining a full session's waiting list: email, number of places, optional ticket type and note.
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { stepResolver } from "@/components/ui/step-resolver";
import { UntilHydrated } from "@/components/ui/until-hydrated";
import type { JoinWaitlistAction } from "@/lib/self-service/waitlist-forms";
import { placesHint, waitlistJoinSchemaUpTo, type WaitlistJoinInput } from "@/lib/validations/waitlist";

type Values = { sessionId: string; ticketTypeId: string; email: string; places: string; note: string };

/** `mostPlaces`: the most one request on this session's list can ask for (waitlistSessionFacts); the server checks it again. */
export function WaitlistJoinForm({ sessionId, ticketTypes, mostPlaces, joinWaitlistAction }: {
  sessionId: string; ticketTypes: { id: string; name: string }[]; mostPlaces: number; joinWaitlistAction: JoinWaitlistAction;
}) {
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [joined, setJoined] = useState<string | null>(null);
  const resolver = useMemo(() => stepResolver<Values>(waitlistJoinSchemaUpTo(mostPlaces)), [mostPlaces]);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<Values>({
    resolver,
    shouldFocusError: false,
    defaultValues: { sessionId, ticketTypeId: "", email: "", places: "1", note: "" },
  });
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    const result = await joinWaitlistAction(v satisfies WaitlistJoinInput);
    if (result.ok) { setJoined(result.email); return; }
    const fields = Object.entries(result.fields ?? {});
    for (const [path, message] of fields) if (path in v) setError(path as keyof Values, { type: "server", message });
    if (fields.length === 0) setProblem(result.message);
    setAttempt((n) => n + 1);
  }, () => setAttempt((n) => n + 1));

  if (joined) {
    return (
      <div role="status" className="rounded-lg border-2 border-brand-600 bg-brand-50 p-5">
        <h2 className="text-lg font-semibold">You are on the waiting list</h2>
        <p className="mt-1">We have emailed {joined}. When places free up we hold them for you and email you a link to book them.</p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-stone-300 bg-white p-5">
      <UntilHydrated className="space-y-4">
        <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} />
        {problem && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{problem}</p>}
        <input type="hidden" {...register("sessionId")} />
        <TextField label="Email address" type="email" autoComplete="email" error={errors.email?.message} {...register("email")} />
        <TextField label="Number of places" type="number" inputMode="numeric" min={1} max={mostPlaces} hint={placesHint(mostPlaces)}
          error={errors.places?.message} {...register("places")} />
        {ticketTypes.length > 1 && (
          <SelectField label="Ticket type" optional error={errors.ticketTypeId?.message} {...register("ticketTypeId")}>
            <option value="">Any ticket type</option>
            {ticketTypes.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </SelectField>
        )}
        <TextArea label="Note" optional hint="Anything we should know, at most 500 characters" error={errors.note?.message} {...register("note")} />
        <Button type="submit" busy={isSubmitting} busyLabel="Joining…">Join the waiting list</Button>
      </UntilHydrated>
    </form>
  );
}

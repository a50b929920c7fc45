"use client";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { sessionStepSchema } from "@/lib/validations/booking";
import { formatMoney, formatSessionWhen } from "@/lib/format";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { StepNav } from "./step-nav";
import type { StepProps } from "./wizard";

/** Places left, refreshed while the customer is choosing. */
function useLiveAvailability(sessionIds: string[], initial: Record<string, number>) {
  const [available, setAvailable] = useState(initial);
  useEffect(() => {
    const refresh = async () => {
      const results = await Promise.all(sessionIds.map(async (id) => {
        const res = await fetch(`/api/v1/sessions/${id}/availability`, { cache: "no-store" }).catch(() => null);
        return res?.ok ? [id, (await res.json()).available as number] as const : null;
      }));
      setAvailable((prev) => ({ ...prev, ...Object.fromEntries(results.filter((r) => r !== null)) }));
    };
    const timer = setInterval(refresh, 15_000);
    return () => clearInterval(timer);
  }, [sessionIds.join(",")]); // eslint-disable-line react-hooks/exhaustive-deps
  return available;
}

export function SessionStep({ course, sessions, draft, update, next }: StepProps) {
  const available = useLiveAvailability(sessions.map((s) => s.id), Object.fromEntries(sessions.map((s) => [s.id, s.available])));
  const [attempt, setAttempt] = useState(0);
  const { register, handleSubmit, setError, formState: { errors } } = useForm({
    resolver: zodResolver(sessionStepSchema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    // A session that has sold out since it was chosen starts unchosen: its radio is disabled.
    defaultValues: { sessionId: sessions.some((s) => s.id === draft.sessionId && (available[s.id] ?? s.available) > 0) ? draft.sessionId : "" },
  });
  const onValid = (v: { sessionId: string }) => {
    // The live count may have reached zero after the radio was checked.
    if ((available[v.sessionId] ?? 0) <= 0) {
      setError("sessionId", { message: "That session is sold out. Choose another session" });
      setAttempt((n) => n + 1);
      return;
    }
    const paymentOption = sessions.find((s) => s.id === v.sessionId)?.depositAvailable ? draft.paymentOption : "full";
    update({ sessionId: v.sessionId, paymentOption });
    next();
  };

  if (!sessions.length)
    return <p>There are no upcoming sessions of this course to book at the moment.</p>;

  return (
    <form noValidate onSubmit={handleSubmit(onValid, () => setAttempt((n) => n + 1))} className="space-y-4">
      <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} />
      <fieldset id="sessionId" tabIndex={-1} aria-describedby={errors.sessionId ? "sessionId-error" : undefined}>
        <legend className="mb-2 font-medium">Sessions of {course.title}</legend>
        {errors.sessionId && <p id="sessionId-error" className="mb-2 text-sm font-medium text-red-700">{errors.sessionId.message}</p>}
        <ul className="space-y-3">
          {sessions.map((s) => {
            const left = available[s.id] ?? s.available;
            const full = left <= 0;
            return (
              <li key={s.id}>
                <label className={`flex cursor-pointer gap-3 rounded-lg border bg-white p-4 has-[:checked]:border-brand-600 has-[:checked]:ring-2 has-[:checked]:ring-brand-600 ${full ? "cursor-not-allowed opacity-70" : "border-stone-300"}`}>
                  <input type="radio" value={s.id} disabled={full} {...register("sessionId")} className="mt-1 h-5 w-5 accent-brand-700" />
                  <span className="flex-1">
                    <span className="block font-semibold">{formatSessionWhen(s.startsAt, s.endsAt, s.timeZone)}</span>
                    <span className="block text-stone-700">{s.venueName}, {s.venueCity}</span>
                    <span className="block text-stone-700">
                      {formatMoney(course.priceAmount, course.currency)} per person
                      {s.depositAvailable && course.depositAmount != null && <> · deposit {formatMoney(course.depositAmount, course.currency)} available</>}
                    </span>
                    <span className={`mt-1 inline-block rounded px-2 py-0.5 text-sm font-semibold ${full ? "bg-stone-200 text-stone-800" : left <= 3 ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-800"}`}>
                      {full ? "Sold out" : `${left} ${left === 1 ? "place" : "places"} left`}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <StepNav />
    </form>
  );
}

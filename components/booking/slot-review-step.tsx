"use client";
// The review step of a time-slot booking: the span, who comes, their needs, and how the price is made up.
import { CancellationPolicySummary } from "./cancellation-policy-summary";
import { useEffect, useState } from "react";
import { ServerRefusal, type Refusal } from "./server-refusal";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { stepResolver } from "@/components/ui/step-resolver";
import { reviewStepSchema } from "@/lib/validations/booking";
import { formatMoney, formatSessionWhen } from "@/lib/format";
import { quoteOffered } from "@/lib/slots/bookable";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { StepNav } from "./step-nav";
import { countries } from "./countries";
import { useDayAvailability } from "./slot-step";
import { slotRateText } from "./slot-types";
import { answersPayload } from "./questions-step";
import { DiscountCodeField, DiscountLines, howDiscountsCombine, usePricePreview } from "./discount-code";
import { MemberCheckout } from "./member-checkout";
import { answerDisplay } from "@/lib/validations/questions";
import { priorityLabel, type StepId } from "./types";
import { startDraftCheckout } from "./start-draft-checkout";
import type { StepProps } from "./types";

type Values = { paymentOption: "full"; acceptTerms: boolean };

function stepOfField(path: string): StepId {
  if (path.startsWith("offeringId") || path.startsWith("startsAt") || path.startsWith("endsAt")) return "session";
  if (/^attendees\.\d+\.requirements/.test(path)) return "requirements";
  if (path.startsWith("answers")) return "questions";
  if (path.startsWith("attendees")) return "attendees";
  if (path.startsWith("contact") || path.startsWith("billing")) return "contact";
  return "review";
}

function Section({ title, step, goTo, children }: { title: string; step: StepId; goTo: (s: StepId) => void; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-stone-300 bg-white p-4" aria-labelledby={`review-${step}`}>
      <div className="flex items-start justify-between gap-4">
        <h2 id={`review-${step}`} className="text-lg font-semibold">{title}</h2>
        <button type="button" onClick={() => goTo(step)} className="font-medium text-brand-700 underline underline-offset-4">
          Change<span className="sr-only"> {title.toLowerCase()}</span>
        </button>
      </div>
      <div className="mt-2 text-stone-800">{children}</div>
    </section>
  );
}

export function SlotReviewStep({ draft, update, goTo, course, slotOffering, templates, questions = [], startCheckout, previewPrice, requestMemberVerification }: StepProps) {
  const o = slotOffering!;
  const span = draft.span!;
  const day = useDayAvailability(o.id, span.date);
  const slots = day?.data?.slots ?? [];
  const from = slots.findIndex((s) => s.start === span.startsAt);
  const to = slots.findIndex((s) => s.end === span.endsAt);
  const quote = from >= 0 && to >= from ? quoteOffered(slots, from, to) : null;
  const people = draft.attendees.length;
  const money = (n: number) => formatMoney(n, o.currency);
  const templateById = new Map(templates.map((t) => [t.id, t]));
  const [attempt, setAttempt] = useState(0);
  const [serverError, setServerError] = useState<Refusal | null>(null);
  const { register, handleSubmit, watch, formState: { errors, isSubmitting, isSubmitSuccessful } } = useForm<Values>({
    resolver: stepResolver<Values>(reviewStepSchema),
    shouldFocusError: false,
    defaultValues: { paymentOption: "full", acceptTerms: draft.acceptTerms },
  });
  useEffect(() => {
    const sub = watch((v) => update((d) => ({ ...d, acceptTerms: v.acceptTerms ?? d.acceptTerms })));
    return () => sub.unsubscribe();
  }, [watch, update]);

  const request = {
    offeringId: o.id,
    startsAt: span.startsAt,
    endsAt: span.endsAt,
    paymentOption: "full",
    contact: draft.contact,
    billing: draft.hasBilling ? draft.billing : undefined,
    attendees: draft.attendees.map((a) => ({
      firstName: a.firstName, lastName: a.lastName, email: a.email, isBooker: a.isBooker,
      requirements: a.none ? [] : a.requirements.map((r) => ({ templateId: r.templateId, details: r.details })),
    })),
    answers: answersPayload(draft),
  };
  // The server's price with discounts (automatic ones and a code): what checkout will charge.
  const { price: priced, codeError, pointsError, checkingCode } = usePricePreview(previewPrice, { ...request, acceptTerms: true }, draft.discountCode, draft.pointsToRedeem);
  const total = priced?.totalAmount ?? (quote ? quote.perAttendee * people : null);

  const submit = async (v: Values) => {
    setServerError(null);
    const result = await startDraftCheckout(startCheckout, {
      ...request,
      acceptTerms: v.acceptTerms,
      ...(draft.discountCode && !codeError ? { discountCode: draft.discountCode } : {}),
      ...(draft.pointsToRedeem && !pointsError ? { pointsToRedeem: draft.pointsToRedeem } : {}),
    }, draft, update);
    if (result.ok) {
      window.location.assign(result.checkoutUrl);
      return;
    }
    if (result.code === "insufficient_capacity") {
      update({ idempotencyKey: crypto.randomUUID() });
      setServerError({ message: result.message, links: [{ step: "session", message: "Choose another time" }, { step: "attendees", message: "Change who is coming" }] });
    } else {
      setServerError({ message: result.message, links: Object.entries(result.fields ?? {}).map(([path, message]) => ({ step: stepOfField(path), message })) });
    }
    setAttempt((n) => n + 1);
  };

  return (
    <form noValidate onSubmit={handleSubmit(submit, () => setAttempt((n) => n + 1))} className="space-y-5">
      <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} />
      <ServerRefusal refusal={serverError} goTo={goTo} />

      <Section title="Date and time" step="session" goTo={goTo}>
        <p className="font-medium">{course.title}</p>
        <p>{formatSessionWhen(span.startsAt, span.endsAt, o.timeZone)}</p>
        <p>{o.locationName}, {o.locationCity}</p>
      </Section>

      <Section title="Attendees" step="attendees" goTo={goTo}>
        <ol className="list-decimal space-y-1 pl-5">
          {draft.attendees.map((a) => <li key={a.key}>{a.firstName} {a.lastName}{a.isBooker && <span className="text-stone-600"> (you)</span>}</li>)}
        </ol>
      </Section>

      <Section title="Special requirements" step="requirements" goTo={goTo}>
        <ul className="space-y-2">
          {draft.attendees.map((a) => (
            <li key={a.key}>
              <span className="font-medium">{a.firstName} {a.lastName}: </span>
              {a.none || a.requirements.length === 0 ? "none" : a.requirements.map((r) => {
                const t = templateById.get(r.templateId);
                return `${t?.label ?? "Requirement"} (${t ? priorityLabel[t.priority] : ""})${r.details ? `: ${r.details}` : ""}`;
              }).join("; ")}
            </li>
          ))}
        </ul>
      </Section>

      {questions.length > 0 && (
        <Section title="Your answers" step="questions" goTo={goTo}>
          <AnswersReview questions={questions} draft={draft} />
        </Section>
      )}

      <Section title="Contact and billing" step="contact" goTo={goTo}>
        <p>{draft.contact.name} · {draft.contact.email} · {draft.contact.phone}</p>
        {draft.hasBilling && (
          <p>{[draft.billing.line1, draft.billing.line2, draft.billing.city, draft.billing.postalCode,
            countries.find(([c]) => c === draft.billing.country)?.[1]].filter(Boolean).join(", ")}</p>
        )}
      </Section>

      <section className="rounded-lg border border-stone-300 bg-white p-4" aria-labelledby="price-title">
        <h2 id="price-title" className="text-lg font-semibold">Price</h2>
        {quote ? (
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
            {quote.lines.map((l) => (
              <div key={l.kind} className="contents">
                <dt>{slotRateText(l, o.slotMinutes, money)} × {people} {people === 1 ? "person" : "people"}</dt>
                <dd className="text-right">{money(l.slots * l.rateAmount * people)}</dd>
              </div>
            ))}
            {priced && <DiscountLines price={priced} money={money} />}
            <dt className="font-semibold">Total</dt><dd className="text-right font-semibold" data-testid="due-now">{money(total ?? 0)}</dd>
          </dl>
        ) : <p role="status" className="mt-2">{day ? "This time can no longer be booked as chosen. Change the date and time." : "Working out the price…"}</p>}
        {priced && priced.discounts.length > 0 && <p className="mt-2 text-sm text-stone-700">{howDiscountsCombine}</p>}
        <DiscountCodeField applied={draft.discountCode} error={draft.discountCode ? codeError : null} checking={checkingCode}
          onApply={(code) => update({ discountCode: code })} onRemove={() => update({ discountCode: undefined })} />
        <MemberCheckout requestMemberVerification={requestMemberVerification} courseSlug={course.slug} verifiedEmail={course.verifiedEmail ?? null} contactEmail={draft.contact.email} price={priced}
          points={draft.pointsToRedeem} pointsError={draft.pointsToRedeem ? pointsError : null} money={money}
          onUseEmail={(email) => update((d) => ({ ...d, contact: { ...d.contact, email } }))} onPoints={(n) => update({ pointsToRedeem: n })} />
        <input type="hidden" value="full" {...register("paymentOption")} />
      </section>

      <CancellationPolicySummary sentences={course.cancellationPolicy} />
      <div className="space-y-1">
        <div className="flex items-start gap-2">
          <input id="acceptTerms" type="checkbox" className="mt-1 h-5 w-5 accent-brand-700" aria-invalid={errors.acceptTerms ? true : undefined}
            aria-describedby={errors.acceptTerms ? "acceptTerms-error" : undefined} {...register("acceptTerms")} />
          <label htmlFor="acceptTerms">
            I accept the <Link href={`/terms?course=${encodeURIComponent(course.slug)}`} target="_blank" className="underline">booking terms and cancellation policy</Link> (opens in a new tab)
          </label>
        </div>
        {errors.acceptTerms && <p id="acceptTerms-error" className="text-sm font-medium text-red-700">{errors.acceptTerms.message}</p>}
      </div>
      <StepNav onBack={() => goTo("contact")} busy={isSubmitting || isSubmitSuccessful && !serverError}
        nextLabel={quote && total != null ? `Continue to payment: ${money(total)}` : "Continue to payment"} />
    </form>
  );
}

function shown(v: string | string[] | undefined, kind: string): string | null {
  if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) return null;
  return v === "yes" ? "Yes" : v === "no" ? "No" : answerDisplay(v, kind);
}

/** Each attendee's answers, then the booking's, as the customer gave them (both review steps). */
export function AnswersReview({ questions, draft }: { questions: NonNullable<StepProps["questions"]>; draft: StepProps["draft"] }) {
  const a = answersPayload(draft);
  const list = (scope: "per_attendee" | "per_booking", values: Record<string, string | string[]>) => (
    <dl className="grid grid-cols-1 gap-x-4 sm:grid-cols-[auto_1fr]">
      {questions.filter((q) => q.scope === scope).map((q) => (
        <div key={q.id} className="contents">
          <dt className="text-stone-700">{q.label}</dt><dd className="mb-1">{shown(values[q.id], q.kind) ?? "not answered"}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <div className="space-y-3">
      {questions.some((q) => q.scope === "per_attendee") && draft.attendees.map((p, i) => (
        <div key={p.key}>
          <h3 className="font-medium">{p.firstName} {p.lastName}</h3>
          {list("per_attendee", a.attendees[i] as Record<string, string | string[]>)}
        </div>
      ))}
      {questions.some((q) => q.scope === "per_booking") && list("per_booking", a.booking as Record<string, string | string[]>)}
    </div>
  );
}

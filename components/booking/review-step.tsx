"use client";
import { CancellationPolicySummary } from "./cancellation-policy-summary";
import { useEffect, useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { stepResolver } from "@/components/ui/step-resolver";
import { reviewStepSchema } from "@/lib/validations/booking";
import { formatDate, formatMoney, formatSessionWhen } from "@/lib/format";
import { quotePlaces, type PlacePrice } from "@/lib/booking/pricing";
import { ErrorSummary, flattenErrors } from "@/components/ui/error-summary";
import { ServerRefusal, type Refusal } from "./server-refusal";
import { StepNav } from "./step-nav";
import { startDraftCheckout } from "./start-draft-checkout";
import { countries } from "./countries";
import { priorityLabel, type Draft, type StepId } from "./types";
import type { StepProps } from "./types";
import { answersPayload } from "./questions-step";
import { AnswersReview } from "./slot-review-step";
import { DiscountCodeField, DiscountLines, howDiscountsCombine, usePricePreview } from "./discount-code";
import { MemberCheckout } from "./member-checkout";

type Values = { paymentOption: Draft["paymentOption"]; acceptTerms: boolean };

function stepOfField(path: string): StepId {
  if (path.startsWith("sessionId")) return "session";
  if (/^attendees\.\d+\.requirements/.test(path)) return "requirements";
  if (/^attendees\.\d+\.seatId/.test(path)) return "seats";
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

function Line({ label, amount }: { label: string; amount: string }) {
  return <><dt>{label}</dt><dd className="text-right">{amount}</dd></>;
}

export function ReviewStep({ draft, update, goTo, course, sessions, templates, questions, startCheckout, previewPrice, requestMemberVerification }: StepProps) {
  const session = sessions.find((s) => s.id === draft.sessionId)!;
  const [attempt, setAttempt] = useState(0);
  const [serverError, setServerError] = useState<Refusal | null>(null);
  const { register, handleSubmit, watch, formState: { errors, isSubmitting, isSubmitSuccessful } } = useForm<Values>({
    resolver: stepResolver<Values>(reviewStepSchema),
    shouldFocusError: false, // the error summary takes focus and links to each field
    defaultValues: { paymentOption: session.depositAvailable ? draft.paymentOption : "full", acceptTerms: draft.acceptTerms },
    // (A deposit needs a type with one among the places chosen; see depositOffered below.)
  });
  // Keep the payment choice and the terms in the draft as they change, so "Change" links and a refresh keep them.
  useEffect(() => {
    const sub = watch((v) => update((d) => ({ ...d, paymentOption: v.paymentOption ?? d.paymentOption, acceptTerms: v.acceptTerms ?? d.acceptTerms })));
    return () => sub.unsubscribe();
  }, [watch, update]);
  const option = watch("paymentOption");
  // Each attendee's place at their ticket type's price; a session selling one type prices every place alike.
  const single = session.ticketTypes.length === 1 ? session.ticketTypes[0] : undefined;
  const typeOf = (id: string | null) => session.ticketTypes.find((t) => t.id === id) ?? single;
  const places: PlacePrice[] = draft.attendees.map((a) => {
    const t = typeOf(a.ticketTypeId);
    return t ? { ticketTypeId: t.id, name: t.name, unitAmount: t.priceAmount, depositAmount: t.depositAmount }
      : { unitAmount: course.priceAmount, depositAmount: course.depositAmount };
  });
  const depositOffered = session.depositAvailable && places.some((p) => p.depositAmount != null);
  const quote = quotePlaces({ places, currency: course.currency, option: depositOffered ? option : "full", depositAllowed: depositOffered });
  const depositQuote = depositOffered ? quotePlaces({ places, currency: course.currency, option: "deposit", depositAllowed: true }) : null;
  const several = session.ticketTypes.length > 1;
  const money = (n: number) => formatMoney(n, course.currency);
  const templateById = new Map(templates.map((t) => [t.id, t]));

  // The booking as it stands, priced by the server with its discounts: what checkout will charge.
  const request = {
    sessionId: draft.sessionId,
    contact: draft.contact,
    billing: draft.hasBilling ? draft.billing : undefined,
    attendees: draft.attendees.map((a) => ({
      firstName: a.firstName, lastName: a.lastName, email: a.email, isBooker: a.isBooker,
      requirements: a.none ? [] : a.requirements.map((r) => ({ templateId: r.templateId, details: r.details })),
      ...(a.ticketTypeId ? { ticketTypeId: a.ticketTypeId } : {}),
      ...(session.seated && a.seatId ? { seatId: a.seatId } : {}),
    })),
    answers: answersPayload(draft), // custom questions (questions-step.tsx)
  };
  const { price, codeError, pointsError, checkingCode } = usePricePreview(previewPrice, { ...request, paymentOption: "full", acceptTerms: true }, draft.discountCode, draft.pointsToRedeem);
  // A refused code comes back with the price without it, and the code is left out of the checkout.
  const priced = price;
  const dueNow = priced ? (option === "deposit" && priced.deposit ? priced.deposit.amountDueNow : priced.full.amountDueNow) : quote.amountDueNow;

  const submit = async (v: Values) => {
    setServerError(null);
    update({ paymentOption: v.paymentOption, acceptTerms: v.acceptTerms });
    const result = await startDraftCheckout(startCheckout, {
      ...request,
      paymentOption: depositOffered ? v.paymentOption : "full",
      acceptTerms: v.acceptTerms,
      ...(draft.discountCode && !codeError ? { discountCode: draft.discountCode } : {}),
      ...(draft.pointsToRedeem && !pointsError ? { pointsToRedeem: draft.pointsToRedeem } : {}),
    }, draft, update);
    if (result.ok) {
      window.location.assign(result.checkoutUrl);
      return;
    }
    if (result.code === "seat_unavailable") {
      // Back to the seat step with the taken seats freed and named there; the step loads the plan afresh.
      const fields = result.fields ?? {};
      const taken = new Set((result.seats ?? []).map((s) => s.id));
      update((d) => ({
        ...d,
        idempotencyKey: crypto.randomUUID(),
        serverFields: fields,
        attendees: d.attendees.map((a, i) => (fields[`attendees.${i}.seatId`] || (a.seatId && taken.has(a.seatId)) ? { ...a, seatId: null, seatLabel: null } : a)),
      }));
      goTo("seats");
      return;
    }
    if (result.fields && Object.keys(result.fields).some((p) => /^attendees\.\d+\.(ticketTypeId|seatId)$/.test(p))) {
      // A ticket type over its quota, or a seat the server refused: the message waits on the field's own step.
      const fields = result.fields;
      update((d) => ({ ...d, idempotencyKey: crypto.randomUUID(), serverFields: fields }));
      setServerError({
        message: result.message,
        links: Object.entries(fields).map(([path, message]) => ({ step: stepOfField(path), message, field: path })),
      });
    } else if (result.code === "insufficient_capacity") {
      update({ idempotencyKey: crypto.randomUUID() });
      setServerError({
        message: result.available ? `Sorry, only ${result.available} ${result.available === 1 ? "place is" : "places are"} left on this session now.`
          : "Sorry, this session has no places left now.",
        links: [{ step: "session", message: "Choose another session" }, { step: "attendees", message: "Change the attendees" }],
      });
    } else {
      // A code refused as the booking was made (used up meanwhile, or used with this email in a checkout still open):
      // it is taken off, so the price shown is again what checkout would charge.
      if (result.fields?.discountCode) update({ discountCode: undefined, idempotencyKey: crypto.randomUUID() });
      setServerError({
        message: result.message,
        links: Object.entries(result.fields ?? {}).map(([path, message]) => ({ step: stepOfField(path), message, field: path })),
      });
    }
    setAttempt((n) => n + 1);
  };

  return (
    <form noValidate onSubmit={handleSubmit(submit, () => setAttempt((n) => n + 1))} className="space-y-5">
      <ErrorSummary errors={flattenErrors(errors)} attempt={attempt} />
      <ServerRefusal refusal={serverError} goTo={goTo} />

      <Section title="Session" step="session" goTo={goTo}>
        <p className="font-medium">{course.title}</p>
        <p>{formatSessionWhen(session.startsAt, session.endsAt, session.timeZone)}</p>
        <p>{session.venueName}, {session.venueCity}</p>
      </Section>

      <Section title="Attendees" step="attendees" goTo={goTo}>
        <ol className="list-decimal space-y-1 pl-5">
          {draft.attendees.map((a) => (
            <li key={a.key}>
              {a.firstName} {a.lastName}{a.email && <span className="text-stone-600"> · {a.email}</span>}{a.isBooker && <span className="text-stone-600"> (you)</span>}
              {several && <span className="block text-stone-700">{typeOf(a.ticketTypeId)?.name} ticket, {money(typeOf(a.ticketTypeId)?.priceAmount ?? 0)}</span>}
              {session.seated && a.seatLabel && <span className="block text-stone-700" data-testid="review-seat">Seat: {a.seatLabel}</span>}
            </li>
          ))}
        </ol>
      </Section>

      <Section title="Special requirements" step="requirements" goTo={goTo}>
        <ul className="space-y-2">
          {draft.attendees.map((a) => (
            <li key={a.key}>
              <span className="font-medium">{a.firstName} {a.lastName}: </span>
              {a.none || a.requirements.length === 0 ? "none" : (
                <ul className="list-disc pl-5">
                  {a.requirements.map((r) => {
                    const t = templateById.get(r.templateId);
                    return <li key={r.templateId}>{t?.label ?? "Requirement"} ({t ? priorityLabel[t.priority] : ""}){r.details && `: ${r.details}`}</li>;
                  })}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </Section>

      {session.seated && (
        <Section title="Seats" step="seats" goTo={goTo}>
          <ul className="space-y-1">
            {draft.attendees.map((a) => <li key={a.key}>{a.firstName} {a.lastName}: {a.seatLabel ?? "no seat chosen"}</li>)}
          </ul>
        </Section>
      )}

      {questions && questions.length > 0 && (
        <Section title="Your answers" step="questions" goTo={goTo}>
          <AnswersReview questions={questions} draft={draft} />
        </Section>
      )}

      <Section title="Contact and billing" step="contact" goTo={goTo}>
        <p>{draft.contact.name} · {draft.contact.email} · {draft.contact.phone}</p>
        {draft.contact.organisation && <p>{draft.contact.organisation}</p>}
        {draft.hasBilling && (
          <p>
            {[draft.billing.line1, draft.billing.line2, draft.billing.city, draft.billing.postalCode,
              countries.find(([c]) => c === draft.billing.country)?.[1]].filter(Boolean).join(", ")}
            {draft.billing.vatId && <> · VAT ID {draft.billing.vatId}</>}
          </p>
        )}
      </Section>

      <section className="rounded-lg border border-stone-300 bg-white p-4" aria-labelledby="price-title">
        <h2 id="price-title" className="text-lg font-semibold">Price</h2>
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
          {quote.lines.map((l) => (
            <Line key={`${l.ticketTypeId}:${l.unitAmount}`} label={several ? `${l.name}: ${l.quantity} × ${money(l.unitAmount)} per attendee` : `${l.quantity} × ${money(l.unitAmount)} per attendee`}
              amount={money(l.amount)} />
          ))}
          {priced && <DiscountLines price={priced} money={money} />}
          <dt className="font-semibold">Total</dt><dd className="text-right font-semibold" data-testid="total">{money(priced?.totalAmount ?? quote.totalAmount)}</dd>
        </dl>
        {priced && priced.discounts.length > 0 && <p className="mt-2 text-sm text-stone-700">{howDiscountsCombine}</p>}
        <DiscountCodeField applied={draft.discountCode} error={draft.discountCode ? codeError : null} checking={checkingCode}
          onApply={(code) => update({ discountCode: code })} onRemove={() => update({ discountCode: undefined })} />
        <MemberCheckout requestMemberVerification={requestMemberVerification} courseSlug={course.slug} verifiedEmail={course.verifiedEmail ?? null} contactEmail={draft.contact.email} price={priced}
          points={draft.pointsToRedeem} pointsError={draft.pointsToRedeem ? pointsError : null} money={money}
          onUseEmail={(email) => update((d) => ({ ...d, contact: { ...d.contact, email } }))} onPoints={(n) => update({ pointsToRedeem: n })} />
        {depositQuote ? (
          <fieldset className="mt-4" id="paymentOption" tabIndex={-1}>
            <legend className="font-medium">How would you like to pay?</legend>
            <label className="mt-2 flex items-start gap-2">
              <input type="radio" value="full" className="mt-1 h-5 w-5 accent-brand-700" {...register("paymentOption")} />
              <span>Pay in full now: {money(priced?.full.amountDueNow ?? quote.totalAmount)}</span>
            </label>
            <label className="mt-2 flex items-start gap-2">
              <input type="radio" value="deposit" className="mt-1 h-5 w-5 accent-brand-700" {...register("paymentOption")} />
              <span>
                Pay a deposit now: {money(priced?.deposit?.amountDueNow ?? depositQuote.amountDueNow)}
                {(priced?.deposit ?? depositQuote).depositPerAttendee != null && <> ({money((priced?.deposit ?? depositQuote).depositPerAttendee!)} per attendee)</>},
                then {money(priced?.deposit?.balanceAmount ?? depositQuote.balanceAmount)} by {session.balanceDueAt && formatDate(session.balanceDueAt, session.timeZone)}
              </span>
            </label>
          </fieldset>
        ) : <input type="hidden" value="full" {...register("paymentOption")} />}
        <dl className="mt-4 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-stone-200 pt-3">
          <dt className="font-semibold">Due now</dt><dd className="text-right font-semibold" data-testid="due-now">{money(dueNow)}</dd>
          {(priced ? (option === "deposit" && priced.deposit ? priced.deposit.balanceAmount : 0) : quote.balanceAmount) > 0 && (
            <><dt>Balance later</dt><dd className="text-right">{money(priced?.deposit?.balanceAmount ?? quote.balanceAmount)}</dd></>
          )}
        </dl>
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
      <p className="text-sm text-stone-700">
        {dueNow === 0 ? "Nothing to pay: your booking is confirmed as soon as you continue." : "Your places are held for a short time while you pay."}
      </p>
      <StepNav onBack={() => goTo("contact")} busy={isSubmitting || isSubmitSuccessful && !serverError}
        nextLabel={dueNow === 0 ? "Confirm booking" : `Continue to payment: ${money(dueNow)}`} />
    </form>
  );
}

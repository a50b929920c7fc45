"use client";
// The booking wizard: one question group per step, answers kept in a draft across back, forward and refresh.
import { useEffect, useMemo, useRef } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import {
  attendeesStepSchema, contactStepSchema, requirementsStepSchemaFor, sessionStepSchema,
} from "@/lib/validations/booking";
import { Progress } from "./progress";
import { SessionStep } from "./session-step";
import { AttendeesStep } from "./attendees-step";
import { RequirementsStep } from "./requirements-step";
import { ContactStep } from "./contact-step";
import { ReviewStep } from "./review-step";
import { SeatStep } from "./seat-step";
import { useDraft } from "./use-draft";
import { STEPS, stepsFor, withPresaleTypes, type Draft, type StepId, type StepProps, type WizardProps, type WizardSession, type WizardTemplate } from "./types";
// Time-slot offerings: a date and span instead of a session (see slot-step.tsx).
import { slotStepSchema } from "@/lib/validations/booking";
import { SlotStep } from "./slot-step";
import { SlotReviewStep } from "./slot-review-step";
import type { WizardSlotOffering } from "./slot-types";
// Custom questions of the course (see questions-step.tsx); a course without any skips the step.
import type { QuestionDef } from "@/lib/validations/questions";
import { QuestionsStep, ageRuleOf, answersPayload, answersStepSchema } from "./questions-step";

/** The first step whose answers are missing or invalid; later steps cannot be opened before it. */
function firstIncomplete(draft: Draft, templates: WizardTemplate[], sessions: WizardSession[], slots?: WizardSlotOffering | null, questions: QuestionDef[] = []): StepId {
  if (slots) {
    if (!slotStepSchema.safeParse(draft).success) return "session";
    if (!attendeesStepSchema.safeParse(draft).success) return "attendees";
    if (!requirementsStepSchemaFor(templates).safeParse(draft).success) return "requirements";
    if (questions.length && !answersStepSchema(questions, draft.attendees.length, ageRuleOf({ slotOffering: slots, draft }))
      .safeParse({ answers: answersPayload(draft) }).success) return "questions";
    if (!contactStepSchema.safeParse(draft).success) return "contact";
    return "review";
  }
  const session = sessions.find((s) => s.id === draft.sessionId);
  if (!sessionStepSchema.safeParse(draft).success || !session) return "session";
  // Several types on sale: every attendee needs one the session sells.
  if (session.ticketTypes.length > 1 && !draft.attendees.every((a) => session.ticketTypes.some((t) => t.id === a.ticketTypeId))) return "session";
  if (!attendeesStepSchema.safeParse(draft).success) return "attendees";
  if (!requirementsStepSchemaFor(templates).safeParse(draft).success) return "requirements";
  if (session.seated) {
    const seatIds = draft.attendees.map((a) => a.seatId);
    if (seatIds.some((id) => !id) || new Set(seatIds).size !== seatIds.length) return "seats";
  }
  if (questions.length && !answersStepSchema(questions, draft.attendees.length, ageRuleOf({ slotOffering: slots, draft }))
    .safeParse({ answers: answersPayload(draft) }).success) return "questions";
  if (!contactStepSchema.safeParse(draft).success) return "contact";
  return "review";
}

export function BookingWizard(props: WizardProps) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { draft, update } = useDraft(props.course.slug, props.initialSessionId);
  // Hidden ticket types a presale code unlocked are offered like the session's own, on every step.
  const presale = draft?.presale;
  const sessions = useMemo(() => withPresaleTypes(props.sessions, presale), [props.sessions, presale]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Seats are a step of the chosen session's booking; before one is chosen, of every booking when all sessions are
  // seated, so "Step 1 of 7" does not become "Step 2 of 7" after a step of six.
  const chosen = props.sessions.find((s) => s.id === draft?.sessionId);
  const seated = !props.slotOffering && (chosen ? chosen.seated : props.sessions.length > 0 && props.sessions.every((s) => s.seated));
  const steps = stepsFor(seated, (props.questions?.length ?? 0) > 0)
    .map((s) => (s.id === "session" && props.slotOffering ? { ...s, title: "Date and time" } : s));
  const requested = (steps.some((s) => s.id === params.get("step")) ? params.get("step") : "session") as StepId;

  const allowed = useMemo(() => (draft ? firstIncomplete(draft, props.templates, sessions, props.slotOffering, props.questions) : "session"),
    [draft, props.templates, sessions, props.slotOffering, props.questions]);
  const order = (s: StepId) => STEPS.findIndex((x) => x.id === s);
  const step: StepId = requested === "pay" ? "review" : order(requested) > order(allowed) ? allowed : requested;

  useEffect(() => {
    if (draft && step !== requested) router.replace(`${pathname}?step=${step}`, { scroll: false });
  }, [draft, step, requested, pathname, router]);

  // Move focus to the step's heading so screen readers announce the new step, or to the field a link named.
  const first = useRef(true);
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    const target = pendingFocus.current ? document.getElementById(pendingFocus.current) : null;
    pendingFocus.current = null;
    (target ?? headingRef.current)?.focus();
  }, [step]);

  if (!draft) return <p role="status">Loading your booking…</p>;

  const goTo = (s: StepId, focusId?: string) => {
    pendingFocus.current = focusId ?? null;
    router.push(`${pathname}?step=${s}`);
  };
  const next = () => goTo(steps[steps.findIndex((x) => x.id === step) + 1].id);
  const back = () => goTo(steps[Math.max(0, steps.findIndex((x) => x.id === step) - 1)].id);
  const stepProps: StepProps = { ...props, sessions, draft, update, next, back, goTo };
  const title = {
    session: props.slotOffering ? "Choose a date and time" : "Choose a session", attendees: "Who is attending?", requirements: "Special requirements",
    seats: "Choose your seats", questions: "A few questions", contact: "Your contact and billing details", review: "Check your booking", pay: "Pay",
  }[step];

  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm font-medium uppercase tracking-wide text-brand-700">Booking: {props.course.title}</p>
      <Progress current={step} steps={steps} />
      <h1 ref={headingRef} tabIndex={-1} className="mb-4 text-2xl font-bold sm:text-3xl">{title}</h1>
      {step === "session" && (props.slotOffering ? <SlotStep {...stepProps} /> : <SessionStep {...stepProps} />)}
      {step === "attendees" && <AttendeesStep {...stepProps} />}
      {step === "requirements" && <RequirementsStep {...stepProps} />}
      {step === "seats" && <SeatStep {...stepProps} />}
      {step === "questions" && <QuestionsStep {...stepProps} />}
      {step === "contact" && <ContactStep {...stepProps} />}
      {step === "review" && (props.slotOffering ? <SlotReviewStep {...stepProps} /> : <ReviewStep {...stepProps} />)}
    </div>
  );
}

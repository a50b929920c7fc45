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
import { useDraft } from "./use-draft";
import { STEPS, type Draft, type StepId, type WizardCourse, type WizardSession, type WizardTemplate } from "./types";
// Time-slot offerings: a date and span instead of a session (see slot-step.tsx).
import { slotStepSchema } from "@/lib/validations/booking";
import { SlotStep } from "./slot-step";
import { SlotReviewStep } from "./slot-review-step";
import type { WizardSlotOffering } from "./slot-types";
// Custom questions of the course (see questions-step.tsx); a course without any skips the step.
import type { QuestionDef } from "@/lib/validations/questions";
import { QuestionsStep, ageRuleOf, answersPayload, answersStepSchema } from "./questions-step";

export type WizardProps = {
  course: WizardCourse;
  sessions: WizardSession[];
  templates: WizardTemplate[];
  initialSessionId: string | null;
  slotOffering?: WizardSlotOffering | null;
  questions?: QuestionDef[];
};

export type StepProps = WizardProps & {
  draft: Draft;
  update: (change: Partial<Draft> | ((d: Draft) => Draft)) => void;
  next: () => void;
  goTo: (step: StepId) => void;
};

/** The first step whose answers are missing or invalid; later steps cannot be opened before it. */
function firstIncomplete(draft: Draft, templates: WizardTemplate[], sessions: WizardSession[], slots?: WizardSlotOffering | null, questions: QuestionDef[] = []): StepId {
  if (slots) {
    if (!slotStepSchema.safeParse(draft).success) return "session";
  } else if (!sessionStepSchema.safeParse(draft).success || !sessions.some((s) => s.id === draft.sessionId)) return "session";
  if (!attendeesStepSchema.safeParse(draft).success) return "attendees";
  if (!requirementsStepSchemaFor(templates).safeParse(draft).success) return "requirements";
  if (questions.length && !answersStepSchema(questions, draft.attendees.length, ageRuleOf({ slotOffering: slots, draft }))
    .safeParse({ answers: answersPayload(draft) }).success) return "questions";
  if (!contactStepSchema.safeParse(draft).success) return "contact";
  return "review";
}

export function BookingWizard(props: WizardProps) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const requested = (STEPS.some((s) => s.id === params.get("step") && (s.id !== "questions" || props.questions?.length)) ? params.get("step") : "session") as StepId;
  const { draft, update } = useDraft(props.course.slug, props.initialSessionId);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const allowed = useMemo(() => (draft ? firstIncomplete(draft, props.templates, props.sessions, props.slotOffering, props.questions) : "session"), [draft, props.templates, props.sessions, props.slotOffering, props.questions]);
  const steps = STEPS.filter((s) => s.id !== "questions" || (props.questions?.length ?? 0) > 0)
    .map((s) => (s.id === "session" && props.slotOffering ? { ...s, title: "Date and time" } : s));
  const order = (s: StepId) => { const i = steps.findIndex((x) => x.id === s); return i < 0 ? 0 : i; };
  const step: StepId = requested === "pay" ? "review" : order(requested) > order(allowed) ? allowed : requested;

  useEffect(() => {
    if (draft && step !== requested) router.replace(`${pathname}?step=${step}`, { scroll: false });
  }, [draft, step, requested, pathname, router]);

  // Move focus to the step's heading so screen readers announce the new step.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    headingRef.current?.focus();
  }, [step]);

  if (!draft) return <p role="status">Loading your booking…</p>;

  const goTo = (s: StepId) => router.push(`${pathname}?step=${s}`);
  const next = () => goTo(steps[order(step) + 1].id);
  const stepProps: StepProps = { ...props, draft, update, next, goTo };
  const title = {
    session: props.slotOffering ? "Choose a date and time" : "Choose a session", attendees: "Who is attending?", requirements: "Special requirements",
    questions: "A few questions",
    contact: "Your contact and billing details", review: "Check your booking", pay: "Pay",
  }[step];

  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm font-medium uppercase tracking-wide text-brand-700">Booking: {props.course.title}</p>
      <Progress current={step} steps={steps} />
      <h1 ref={headingRef} tabIndex={-1} className="mb-4 text-2xl font-bold sm:text-3xl">{title}</h1>
      {step === "session" && (props.slotOffering ? <SlotStep {...stepProps} /> : <SessionStep {...stepProps} />)}
      {step === "attendees" && <AttendeesStep {...stepProps} />}
      {step === "requirements" && <RequirementsStep {...stepProps} />}
      {step === "questions" && <QuestionsStep {...stepProps} />}
      {step === "contact" && <ContactStep {...stepProps} />}
      {step === "review" && (props.slotOffering ? <SlotReviewStep {...stepProps} /> : <ReviewStep {...stepProps} />)}
    </div>
  );
}

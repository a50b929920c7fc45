// What the booking wizard receives from the server and keeps in its draft.
import type { RequirementCategory, RequirementPriority } from "@/db/schema";
import type { PublicTicketType } from "@/lib/catalog/public-ticket-types";
import type { PreviewPriceAction, RequestMemberVerificationAction, RevealPresaleAction, StartCheckoutAction } from "@/lib/booking/wizard-actions";
import type { QuestionDef } from "@/lib/validations/questions";
import type { DraftSpan, WizardSlotOffering } from "./slot-types";

export type WizardCourse = {
  slug: string; title: string; priceAmount: number; depositAmount: number | null; currency: string;
  /** The course's cancellation policy in plain words, shown on the review step. */
  cancellationPolicy?: string[];
  /** The email this browser proved through a one-use link (a customer session), for member prices and points. */
  verifiedEmail?: string | null;
};

export type WizardSession = {
  id: string; startsAt: string; endsAt: string; timeZone: string; venueName: string; venueCity: string;
  capacity: number; available: number; depositAvailable: boolean; balanceDueAt: string | null;
  /** Places a waiting-list offer holds for this customer (already left out of `available`). */
  heldForYou?: number;
  /** Reserved seating: the customer picks a seat per attendee on the session's plan. */
  seated: boolean;
  /** Visible types with places left and sale state; a session selling one type shows no type choice. */
  ticketTypes: WizardTicketType[];
};

export type WizardTicketType = PublicTicketType;

export type WizardTemplate = {
  id: string; code: string; label: string; hint: string | null; category: RequirementCategory; priority: RequirementPriority; detailsRequired: boolean;
};

export type DraftAttendee = {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  isBooker: boolean;
  requirements: { templateId: string; details: string }[];
  none: boolean;
  /** Null until chosen; a session selling one type needs none. */
  ticketTypeId: string | null;
  /** The seat on a seated session, with its label for the review. */
  seatId: string | null;
  seatLabel: string | null;
};

export const DRAFT_VERSION = 2;

export type Draft = {
  version: typeof DRAFT_VERSION;
  sessionId: string;
  attendees: DraftAttendee[];
  contact: { name: string; email: string; phone: string; organisation: string };
  hasBilling: boolean;
  billing: { line1: string; line2: string; city: string; postalCode: string; country: string; vatId: string };
  paymentOption: "full" | "deposit";
  acceptTerms: boolean;
  /** Kept until the booking it made is paid: continuing again with the same answers answers that booking. */
  idempotencyKey: string;
  /** The booking this draft's last checkout was opened for: its page clears the draft once it is paid. */
  checkoutReference?: string;
  /** A discount code the customer applied on the review step (or a presale code, carried through). */
  discountCode?: string;
  /** Reward points a verified member chose to spend on the review step. */
  pointsToRedeem?: number;
  /** A presale code entered on the session step, and the hidden ticket types it unlocked per session. */
  presale?: { code: string; types: Record<string, WizardTicketType[]> };
  /** Field errors from the server (`attendees.1.seatId`), shown on their step until that answer changes. */
  serverFields: Record<string, string>;
  /** Time-slot offerings: the chosen date and span (ISO instants) instead of a session. */
  span?: DraftSpan;
  /** Answers to the course's custom questions: per booking, and per attendee key. */
  answers?: { booking: Record<string, string | string[]>; attendees: Record<string, Record<string, string | string[]>> };
};

export const STEPS = [
  { id: "session", title: "Session" },
  { id: "attendees", title: "Attendees" },
  { id: "requirements", title: "Requirements" },
  { id: "seats", title: "Seats" },
  { id: "questions", title: "Questions" },
  { id: "contact", title: "Contact" },
  { id: "review", title: "Review" },
  { id: "pay", title: "Pay" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];
export type Step = { id: StepId; title: string };

/** The steps of a booking: the seat step only for a session with reserved seating. */
/** The steps a booking goes through: seats only with reserved seating, questions only when the course asks some. */
export const stepsFor = (seated: boolean, hasQuestions = false): readonly Step[] =>
  STEPS.filter((s) => (s.id !== "seats" || seated) && (s.id !== "questions" || hasQuestions));

export const newAttendee = (): DraftAttendee => ({
  key: crypto.randomUUID(), firstName: "", lastName: "", email: "", isBooker: false, requirements: [], none: false,
  ticketTypeId: null, seatId: null, seatLabel: null,
});

export const emptyDraft = (sessionId = ""): Draft => ({
  version: DRAFT_VERSION,
  sessionId,
  attendees: [newAttendee()],
  contact: { name: "", email: "", phone: "", organisation: "" },
  hasBilling: false,
  billing: { line1: "", line2: "", city: "", postalCode: "", country: "GB", vatId: "" },
  paymentOption: "full",
  acceptTerms: false,
  idempotencyKey: crypto.randomUUID(),
  serverFields: {},
});

/**
 * A stored draft in today's shape: a version 1 draft (before ticket types and seats) gains empty choices and
 * keeps everything else; anything else unreadable starts afresh.
 */
export function migrateDraft(stored: unknown): Draft | null {
  if (!stored || typeof stored !== "object") return null;
  const d = stored as Partial<Omit<Draft, "version">> & { version?: number };
  if (d.version !== 1 && d.version !== DRAFT_VERSION) return null;
  if (!Array.isArray(d.attendees) || typeof d.sessionId !== "string") return null;
  return {
    ...emptyDraft(),
    ...d,
    version: DRAFT_VERSION,
    attendees: d.attendees.map((a) => ({ ...newAttendee(), ...a })),
    serverFields: d.serverFields ?? {},
  };
}

/** The sessions with the hidden ticket types a presale code unlocked added to their own. */
export function withPresaleTypes(sessions: WizardSession[], presale: Draft["presale"]): WizardSession[] {
  if (!presale) return sessions;
  return sessions.map((s) => {
    const extra = (presale.types[s.id] ?? []).filter((t) => !s.ticketTypes.some((own) => own.id === t.id));
    return extra.length ? { ...s, ticketTypes: [...s.ticketTypes, ...extra] } : s;
  });
}

/** A ticket type's seat class on a session, null when it has none (any seat). */
export const seatClassOf = (session: WizardSession | undefined, ticketTypeId: string | null) => {
  const types = session?.ticketTypes ?? [];
  const type = types.find((t) => t.id === ticketTypeId) ?? (types.length === 1 ? types[0] : undefined);
  return type?.seatClass ?? null;
};

export const priorityLabel: Record<RequirementPriority, string> = { critical: "Critical", high: "High", standard: "Standard" };

export type WizardProps = {
  course: WizardCourse;
  sessions: WizardSession[];
  templates: WizardTemplate[];
  initialSessionId: string | null;
  /** Days after the session when requirement answers are deleted (shown with the consent text). */
  retentionDays: number;
  slotOffering?: WizardSlotOffering | null;
  questions?: QuestionDef[];
  /** The page's server actions: the review step prices the booking and starts the checkout with them. */
  startCheckout: StartCheckoutAction;
  previewPrice: PreviewPriceAction;
  requestMemberVerification: RequestMemberVerificationAction;
  revealPresaleTickets: RevealPresaleAction;
};

export type StepProps = WizardProps & {
  draft: Draft;
  update: (change: Partial<Draft> | ((d: Draft) => Draft)) => void;
  next: () => void;
  /** The step before this one (the seat step only on a seated session). */
  back: () => void;
  /** Opens a step; with `focusId`, focus lands on that field rather than the step's heading. */
  goTo: (step: StepId, focusId?: string) => void;
};

/** An attendee as the wizard names them: their name once given, else their place in the list ("Attendee 2"). */
export const attendeeName = (a: { firstName: string; lastName: string } | undefined, i: number) =>
  `${a?.firstName ?? ""} ${a?.lastName ?? ""}`.trim() || `Attendee ${i + 1}`;

/** Whose field an error is at (`attendees.1.firstName`, `answers.attendees.0.<question>`), for the error summary. */
export function attendeeOfPath(attendees: readonly { firstName: string; lastName: string }[]) {
  return (path: string) => {
    const m = /(?:^|\.)attendees\.(\d+)\./.exec(path);
    return m ? attendeeName(attendees[Number(m[1])], Number(m[1])) : null;
  };
}

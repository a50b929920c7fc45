// What the booking wizard receives from the server and keeps in its draft.
import type { RequirementCategory, RequirementPriority } from "@/db/schema";
import type { DraftSpan } from "./slot-types";

export type WizardCourse = {
  slug: string; title: string; priceAmount: number; depositAmount: number | null; currency: string;
};

export type WizardSession = {
  id: string; startsAt: string; endsAt: string; timeZone: string; venueName: string; venueCity: string;
  capacity: number; available: number; depositAvailable: boolean; balanceDueAt: string | null;
};

export type WizardTemplate = {
  id: string; label: string; hint: string | null; category: RequirementCategory; priority: RequirementPriority; detailsRequired: boolean;
};

export type DraftAttendee = {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  isBooker: boolean;
  requirements: { templateId: string; details: string }[];
  none: boolean;
};

export type Draft = {
  version: 1;
  sessionId: string;
  attendees: DraftAttendee[];
  contact: { name: string; email: string; phone: string; organisation: string };
  hasBilling: boolean;
  billing: { line1: string; line2: string; city: string; postalCode: string; country: string; vatId: string };
  paymentOption: "full" | "deposit";
  acceptTerms: boolean;
  idempotencyKey: string;
  /** Time-slot offerings: the chosen date and span (ISO instants) instead of a session. */
  span?: DraftSpan;
  /** Answers to the course's custom questions: per booking, and per attendee key. */
  answers?: { booking: Record<string, string | string[]>; attendees: Record<string, Record<string, string | string[]>> };
};

export const STEPS = [
  { id: "session", title: "Session" },
  { id: "attendees", title: "Attendees" },
  { id: "requirements", title: "Requirements" },
  { id: "questions", title: "Questions" },
  { id: "contact", title: "Contact" },
  { id: "review", title: "Review" },
  { id: "pay", title: "Pay" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];

export const newAttendee = (): DraftAttendee => ({
  key: crypto.randomUUID(), firstName: "", lastName: "", email: "", isBooker: false, requirements: [], none: false,
});

export const emptyDraft = (sessionId = ""): Draft => ({
  version: 1,
  sessionId,
  attendees: [newAttendee()],
  contact: { name: "", email: "", phone: "", organisation: "" },
  hasBilling: false,
  billing: { line1: "", line2: "", city: "", postalCode: "", country: "GB", vatId: "" },
  paymentOption: "full",
  acceptTerms: false,
  idempotencyKey: crypto.randomUUID(),
});

export const priorityLabel: Record<RequirementPriority, string> = { critical: "Critical", high: "High", standard: "Standard" };

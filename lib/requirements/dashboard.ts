// Shapes the requirements dashboard: each session's needs grouped Critical → High → Standard, counts per
// priority and category, unacknowledged Critical needs, checklist progress and venue gaps. Pure.
import { placeSummary } from "@/lib/booking/place-summary";
import type { RequirementCategory, RequirementPriority } from "@/db/schema";
import type { Role } from "@/lib/auth/guard";
import { answerDisplay, type AnswerValue } from "@/lib/validations/questions";
import { venueGaps, type FeatureNeed, type FeatureStatus, type VenueGap } from "./venue-features";

export const PRIORITIES = ["critical", "high", "standard"] as const satisfies readonly RequirementPriority[];
export const CATEGORIES = ["allergy", "dietary", "access", "hearing", "visual", "medical", "other"] as const satisfies readonly RequirementCategory[];

export const priorityLabel: Record<RequirementPriority, string> = { critical: "Critical", high: "High", standard: "Standard" };
export const categoryLabel: Record<RequirementCategory, string> = {
  allergy: "Allergy", dietary: "Dietary", access: "Access", hearing: "Hearing", visual: "Visual", medical: "Medical", other: "Other",
};

export type Person = { id: string; name: string | null; email: string } | null;

export type RequirementInput = {
  id: string; sessionId: string; bookingId: string; reference: string;
  firstName: string; lastName: string; seatLabel?: string | null; category: RequirementCategory; priority: RequirementPriority;
  /** The ticket type the place was sold as. */
  ticketTypeId?: string | null; ticketTypeName?: string | null;
  label: string; details: string | null; venueFeatures: string[];
  acknowledgedAt: Date | null; acknowledgedBy: Person;
};

export type ChecklistInput = {
  id: string; sessionId: string; source: "generated" | "staff"; label: string;
  /** The need a generated item prepares for; null for an item staff added. */
  requirementId?: string | null;
  requirementLabel: string | null; priority: RequirementPriority | null; attendeeName: string | null;
  doneAt: Date | null; doneBy: Person;
};

export type SessionInput = {
  id: string; startsAt: Date; endsAt: Date; capacity: number; placesBooked: number;
  /** Set for a day of a time-slot offering, whose places are counted per slot. */
  capacityPerSlot?: number | null;
  course: { id: string; title: string; slug: string };
  venue: { id: string; name: string; city: string; timeZone: string };
};

/** One answer to a custom question on a confirmed booking; attendee null for a question asked once per booking. */
export type AnswerInput = {
  sessionId: string; bookingId: string; reference: string; spanStartsAt: Date | null; spanEndsAt: Date | null;
  attendeeId: string | null; firstName: string | null; lastName: string | null;
  label: string; value: AnswerValue; sensitive: boolean;
  /** The question's kind (a date is shown as one). */
  kind?: string;
};

/** The answers of one attendee (or of a booking as a whole), as the dashboard lists them. */
export type AnswerGroup = {
  key: string; reference: string; who: string; span: { startsAt: Date; endsAt: Date } | null;
  items: { label: string; text: string; sensitive: boolean }[];
};

/** Who sees answers marked sensitive (dates of birth, who may collect a child): those who see needs, admins. */
export const seesSensitiveAnswers = (role: Role) => role === "admin";

/** Answers grouped per attendee (and per booking for booking-wide questions), in the order they came. */
export function groupAnswers(list: AnswerInput[]): AnswerGroup[] {
  const groups = new Map<string, AnswerGroup>();
  for (const a of list) {
    const key = `${a.bookingId}:${a.attendeeId ?? "booking"}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key, reference: a.reference, who: a.attendeeId ? `${a.firstName} ${a.lastName}` : "Whole booking",
        span: a.spanStartsAt && a.spanEndsAt ? { startsAt: a.spanStartsAt, endsAt: a.spanEndsAt } : null, items: [],
      };
      groups.set(key, g);
    }
    g.items.push({ label: a.label, text: answerDisplay(a.value, a.kind), sensitive: a.sensitive });
  }
  return [...groups.values()];
}

export type Counts = { byPriority: Record<RequirementPriority, number>; byCategory: Record<RequirementCategory, number>; total: number };

/**
 * `place`: the place's ticket type and seat where they say something (lib/booking/place-summary.ts: a session's
 * only "Standard" type without a seat says nothing), as the booking pages describe a place.
 */
export type DashboardRequirement = RequirementInput & { attendeeName: string; place: string | null };

export type DashboardSession = SessionInput & {
  groups: { priority: RequirementPriority; requirements: DashboardRequirement[] }[];
  counts: Counts;
  unacknowledgedCritical: number;
  checklist: { items: ChecklistInput[]; done: number; total: number; percent: number };
  gaps: VenueGap[];
  answers: AnswerGroup[];
};

export function emptyCounts(): Counts {
  return {
    byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Counts["byPriority"],
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Counts["byCategory"],
    total: 0,
  };
}

export function countRequirements(list: { priority: RequirementPriority; category: RequirementCategory }[]): Counts {
  const counts = emptyCounts();
  for (const r of list) {
    counts.byPriority[r.priority]++;
    counts.byCategory[r.category]++;
    counts.total++;
  }
  return counts;
}

export function groupByPriority<T extends { priority: RequirementPriority }>(list: T[]) {
  return PRIORITIES.map((priority) => ({ priority, requirements: list.filter((r) => r.priority === priority) }))
    .filter((g) => g.requirements.length > 0);
}

export function checklistProgress(items: { doneAt: Date | null }[]) {
  const done = items.filter((i) => i.doneAt).length;
  return { done, total: items.length, percent: items.length ? Math.round((done / items.length) * 100) : 0 };
}

export function buildDashboard(p: {
  sessions: SessionInput[];
  requirements: RequirementInput[];
  /** Every requirement of these sessions, unfiltered: venue gaps concern all attendees whatever the filter. */
  allRequirements?: RequirementInput[];
  checklist: ChecklistInput[];
  venueStatuses: Map<string, Partial<Record<string, FeatureStatus>>>;
  /** With a category or priority filter, sessions without a matching need are left out. */
  onlyWithRequirements?: boolean;
  /** Answers to custom questions, already limited to what the viewer may see. */
  answers?: AnswerInput[];
}) {
  const all = p.allRequirements ?? p.requirements;
  const sessions: DashboardSession[] = [];
  for (const s of p.sessions) {
    const own = p.requirements.filter((r) => r.sessionId === s.id);
    const types = new Set(own.map((r) => r.ticketTypeId)).size;
    const reqs = own.map((r) => ({
      ...r, attendeeName: `${r.firstName} ${r.lastName}`,
      place: r.ticketTypeName ? placeSummary({ ticketType: { name: r.ticketTypeName }, seat: r.seatLabel ? { label: r.seatLabel } : null }, types) : r.seatLabel ?? null,
    }));
    if (p.onlyWithRequirements && reqs.length === 0) continue;
    // With a filter, a generated task goes with its need (a Critical-only view lists the Critical needs' tasks);
    // staff's own tasks concern the whole session and always show.
    const shown = new Set(reqs.map((r) => r.id));
    const items = p.checklist.filter((i) => i.sessionId === s.id && (!p.onlyWithRequirements || !i.requirementId || shown.has(i.requirementId)));
    const needs: FeatureNeed[] = all.filter((r) => r.sessionId === s.id).flatMap((r) =>
      r.venueFeatures.map((feature) => ({ feature, attendeeName: `${r.firstName} ${r.lastName}`, requirementLabel: r.label })));
    sessions.push({
      ...s,
      groups: groupByPriority(reqs),
      counts: countRequirements(reqs),
      unacknowledgedCritical: reqs.filter((r) => r.priority === "critical" && !r.acknowledgedAt).length,
      checklist: { items, ...checklistProgress(items) },
      gaps: venueGaps(needs, p.venueStatuses.get(s.venue.id) ?? {}),
      answers: groupAnswers((p.answers ?? []).filter((a) => a.sessionId === s.id)),
    });
  }
  const totals = countRequirements(sessions.flatMap((s) => s.groups.flatMap((g) => g.requirements)));
  return {
    sessions,
    totals,
    sessionsNeedingAttention: sessions.filter((s) => s.unacknowledgedCritical > 0).map((s) => s.id),
  };
}

export type Dashboard = ReturnType<typeof buildDashboard>;

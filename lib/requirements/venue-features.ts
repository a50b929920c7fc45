// The venue accessibility checklist: features every venue is assessed on, which attendee needs rely on
// (requirement_templates.venue_features), and the sessions whose venue lacks what its attendees need.

export type VenueFeatureCode = (typeof VENUE_FEATURES)[number]["code"];
export type FeatureStatus = "yes" | "no" | "unknown";

export const VENUE_FEATURES = [
  { code: "step_free_entrance", label: "Step-free entrance", importance: "required", hint: "Level or ramped entrance, door at least 80 cm wide" },
  { code: "step_free_route", label: "Step-free route to the training room", importance: "required", hint: "No steps between the entrance and the room, or a lift" },
  { code: "lift", label: "Lift to upper floors", importance: "required", hint: "Needed when the room is not on the ground floor" },
  { code: "accessible_toilet", label: "Accessible toilet", importance: "required", hint: "Wheelchair-accessible, on the same floor or reachable by lift" },
  { code: "hearing_loop", label: "Hearing loop in the room", importance: "required", hint: "Tested and working" },
  { code: "accessible_parking", label: "Accessible parking", importance: "optional", hint: "Blue Badge spaces close to the entrance" },
  { code: "quiet_room", label: "Quiet or private room", importance: "optional", hint: "For medication, prayer or a break" },
  { code: "allergen_safe_catering", label: "Allergen-controlled catering", importance: "optional", hint: "Caterer can prepare food free of a named allergen" },
  { code: "assistance_dog_area", label: "Assistance dog relief area", importance: "optional", hint: "Outdoor space nearby" },
] as const satisfies readonly { code: string; label: string; importance: "required" | "optional"; hint: string }[];

const byCode = new Map<string, (typeof VENUE_FEATURES)[number]>(VENUE_FEATURES.map((f) => [f.code, f]));

export const VENUE_FEATURE_CODES = VENUE_FEATURES.map((f) => f.code) as [VenueFeatureCode, ...VenueFeatureCode[]];

export function isVenueFeature(code: string): code is VenueFeatureCode {
  return byCode.has(code);
}

export function venueFeatureLabel(code: string): string {
  return byCode.get(code)?.label ?? code;
}

export type AssessmentProgress = { answered: number; total: number; requiredAnswered: number; requiredTotal: number; percent: number };

/** How much of the checklist has an answer (yes or no); "unknown" still needs checking. */
export function assessmentProgress(statuses: Partial<Record<string, FeatureStatus>>): AssessmentProgress {
  let answered = 0, requiredAnswered = 0, requiredTotal = 0;
  for (const f of VENUE_FEATURES) {
    const known = statuses[f.code] === "yes" || statuses[f.code] === "no";
    if (known) answered++;
    if (f.importance === "required") {
      requiredTotal++;
      if (known) requiredAnswered++;
    }
  }
  const total = VENUE_FEATURES.length;
  return { answered, total, requiredAnswered, requiredTotal, percent: Math.round((answered / total) * 100) };
}

export type FeatureNeed = { feature: string; attendeeName: string; requirementLabel: string };
export type VenueGap = { feature: string; label: string; status: "no" | "unknown"; neededBy: { attendeeName: string; requirementLabel: string }[] };

/**
 * The features a session's attendees need that its venue lacks ("no") or has not been assessed on
 * ("unknown"), each with who needs it. Lacking features come first.
 */
export function venueGaps(needs: FeatureNeed[], statuses: Partial<Record<string, FeatureStatus>>): VenueGap[] {
  const gaps = new Map<string, VenueGap>();
  for (const need of needs) {
    const status = statuses[need.feature] ?? "unknown";
    if (status === "yes") continue;
    const gap = gaps.get(need.feature) ?? { feature: need.feature, label: venueFeatureLabel(need.feature), status, neededBy: [] };
    if (!gap.neededBy.some((n) => n.attendeeName === need.attendeeName && n.requirementLabel === need.requirementLabel))
      gap.neededBy.push({ attendeeName: need.attendeeName, requirementLabel: need.requirementLabel });
    gaps.set(need.feature, gap);
  }
  const order = (g: VenueGap) => (g.status === "no" ? 0 : 1);
  return [...gaps.values()].sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label));
}

import { describe, expect, it } from "vitest";
import { assessmentProgress, venueGaps, VENUE_FEATURES } from "./venue-features";

describe("assessmentProgress", () => {
  it("counts yes and no as answered, unknown and missing as not", () => {
    const p = assessmentProgress({ step_free_entrance: "yes", hearing_loop: "no", lift: "unknown", quiet_room: "yes" });
    const required = VENUE_FEATURES.filter((f) => f.importance === "required").length;
    expect(p).toEqual({ answered: 3, total: VENUE_FEATURES.length, requiredAnswered: 2, requiredTotal: required, percent: Math.round((3 / VENUE_FEATURES.length) * 100) });
  });
});

describe("venueGaps", () => {
  const needs = [
    { feature: "hearing_loop", attendeeName: "Hal Hearing", requirementLabel: "Hearing loop" },
    { feature: "step_free_entrance", attendeeName: "Wil Wheels", requirementLabel: "Wheelchair user" },
    { feature: "accessible_toilet", attendeeName: "Wil Wheels", requirementLabel: "Wheelchair user" },
    { feature: "step_free_entrance", attendeeName: "Sue Steps", requirementLabel: "Step-free access (mobility)" },
    { feature: "step_free_entrance", attendeeName: "Sue Steps", requirementLabel: "Step-free access (mobility)" },
  ];

  it("lists lacking features first, then unassessed ones, each with who needs it once", () => {
    const gaps = venueGaps(needs, { hearing_loop: "unknown", step_free_entrance: "no", accessible_toilet: "yes" });
    expect(gaps).toEqual([
      { feature: "step_free_entrance", label: "Step-free entrance", status: "no", neededBy: [
        { attendeeName: "Wil Wheels", requirementLabel: "Wheelchair user" },
        { attendeeName: "Sue Steps", requirementLabel: "Step-free access (mobility)" },
      ] },
      { feature: "hearing_loop", label: "Hearing loop in the room", status: "unknown", neededBy: [{ attendeeName: "Hal Hearing", requirementLabel: "Hearing loop" }] },
    ]);
  });

  it("has no gaps when the venue has everything", () => {
    expect(venueGaps(needs, { hearing_loop: "yes", step_free_entrance: "yes", accessible_toilet: "yes" })).toEqual([]);
  });
});

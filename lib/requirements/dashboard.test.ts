import { describe, expect, it } from "vitest";
import { buildDashboard, checklistProgress, countRequirements, groupByPriority, type ChecklistInput, type RequirementInput, type SessionInput } from "./dashboard";

const session = (id: string, venueId = "v1"): SessionInput => ({
  id, startsAt: new Date("2030-03-01T09:00:00Z"), endsAt: new Date("2030-03-01T16:00:00Z"), capacity: 10, placesBooked: 3,
  course: { id: "c1", title: "First Aid", slug: "first-aid" }, venue: { id: venueId, name: "Hall", city: "Leeds", timeZone: "Europe/London" },
});

const need = (o: Partial<RequirementInput>): RequirementInput => ({
  id: Math.random().toString(36), sessionId: "s1", bookingId: "b1", reference: "TRN-AAAA-BBBB", firstName: "Ann", lastName: "Lee",
  category: "dietary", priority: "standard", label: "Vegan", details: null, venueFeatures: [], acknowledgedAt: null, acknowledgedBy: null, ...o,
});

describe("groupByPriority", () => {
  it("orders Critical, High, Standard and leaves out empty groups, keeping order within a group", () => {
    const list = [need({ label: "a", priority: "standard" }), need({ label: "b", priority: "critical" }), need({ label: "c", priority: "standard" })];
    expect(groupByPriority(list).map((g) => [g.priority, g.requirements.map((r) => r.label)])).toEqual([["critical", ["b"]], ["standard", ["a", "c"]]]);
  });
});

describe("countRequirements", () => {
  it("counts every priority and category, zeros included", () => {
    const c = countRequirements([need({ priority: "critical", category: "allergy" }), need({}), need({ category: "access", priority: "high" })]);
    expect(c).toEqual({
      total: 3, byPriority: { critical: 1, high: 1, standard: 1 },
      byCategory: { allergy: 1, dietary: 1, access: 1, hearing: 0, visual: 0, medical: 0, other: 0 },
    });
  });
});

describe("checklistProgress", () => {
  it("is zero for an empty list and rounds the percentage", () => {
    expect(checklistProgress([])).toEqual({ done: 0, total: 0, percent: 0 });
    expect(checklistProgress([{ doneAt: new Date() }, { doneAt: null }, { doneAt: null }])).toEqual({ done: 1, total: 3, percent: 33 });
  });
});

describe("buildDashboard", () => {
  it("flags unacknowledged Critical needs per session and lists those sessions", () => {
    const d = buildDashboard({
      sessions: [session("s1"), session("s2")],
      requirements: [
        need({ sessionId: "s1", priority: "critical", acknowledgedAt: new Date(), acknowledgedBy: { id: "u", name: "Sam", email: "s@x" } }),
        need({ sessionId: "s2", priority: "critical" }),
        need({ sessionId: "s2", priority: "critical" }),
      ],
      checklist: [],
      venueStatuses: new Map(),
    });
    expect(d.sessions.map((s) => [s.id, s.unacknowledgedCritical])).toEqual([["s1", 0], ["s2", 2]]);
    expect(d.sessionsNeedingAttention).toEqual(["s2"]);
    expect(d.totals.byPriority.critical).toBe(3);
  });

  it("names each place's ticket type and seat where they say something", () => {
    const place = (requirements: RequirementInput[]) => buildDashboard({ sessions: [session("s1")], requirements, checklist: [], venueStatuses: new Map() })
      .sessions[0].groups.flatMap((g) => g.requirements.map((r) => [r.firstName, r.place]));
    // One "Standard" type and no seats: nothing to say, as the booking pages.
    expect(place([need({ ticketTypeId: "t1", ticketTypeName: "Standard" })])).toEqual([["Ann", null]]);
    // Two types among the session's needs: each named; a seat always.
    expect(place([
      need({ ticketTypeId: "t1", ticketTypeName: "Standard" }),
      need({ firstName: "Bo", ticketTypeId: "t2", ticketTypeName: "Student", seatLabel: "Stalls, row A, seat 3" }),
    ])).toEqual([["Ann", "Standard"], ["Bo", "Student · Stalls, row A, seat 3"]]);
  });

  it("with a filter, leaves out sessions without a match but keeps venue gaps from every attendee", () => {
    const wheel = need({ sessionId: "s1", category: "access", priority: "high", label: "Wheelchair user", venueFeatures: ["step_free_entrance"] });
    const vegan = need({ sessionId: "s1", firstName: "Bo" });
    const d = buildDashboard({
      sessions: [session("s1"), session("s2")],
      requirements: [vegan],
      allRequirements: [vegan, wheel],
      checklist: [],
      venueStatuses: new Map([["v1", { step_free_entrance: "no" }]]),
      onlyWithRequirements: true,
    });
    expect(d.sessions.map((s) => s.id)).toEqual(["s1"]);
    expect(d.sessions[0].gaps).toEqual([{ feature: "step_free_entrance", label: "Step-free entrance", status: "no", neededBy: [{ attendeeName: "Ann Lee", requirementLabel: "Wheelchair user" }] }]);
  });

  it("with a filter, lists the tasks of the needs shown and staff's own tasks, not other needs' tasks", () => {
    const allergy = need({ sessionId: "s1", priority: "critical", category: "allergy", label: "Severe allergy" });
    const vegan = need({ sessionId: "s1", firstName: "Bo" });
    const task = (id: string, o: Partial<ChecklistInput>): ChecklistInput => ({
      id, sessionId: "s1", source: "generated", label: id, requirementLabel: null, priority: null, attendeeName: null, doneAt: null, doneBy: null, ...o,
    });
    const checklist = [
      task("brief the caterer", { requirementId: allergy.id, priority: "critical" }),
      task("order a vegan meal", { requirementId: vegan.id, priority: "standard" }),
      task("print the register", { source: "staff", requirementId: null }),
    ];
    const build = (filtered: boolean) => buildDashboard({
      sessions: [session("s1")], requirements: filtered ? [allergy] : [allergy, vegan], allRequirements: [allergy, vegan],
      checklist, venueStatuses: new Map(), onlyWithRequirements: filtered,
    }).sessions[0].checklist;
    expect(build(true).items.map((i) => i.id)).toEqual(["brief the caterer", "print the register"]);
    expect(build(true).total).toBe(2);
    expect(build(false).items.map((i) => i.id)).toEqual(["brief the caterer", "order a vegan meal", "print the register"]);
  });
});

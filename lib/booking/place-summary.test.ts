import { describe, expect, it } from "vitest";
import { placeSummaries, placeSummary } from "./place-summary";

describe("placeSummary", () => {
  it("says nothing for a course's only Standard type without a seat", () => {
    expect(placeSummary({ ticketType: { name: "Standard" }, seat: null }, 1)).toBeNull();
  });
  it("names the type and the seat", () => {
    expect(placeSummary({ ticketType: { name: "VIP" }, seat: { label: "Stalls, row A, seat 3" } }, 1)).toBe("VIP · Stalls, row A, seat 3");
    expect(placeSummary({ ticketType: { name: "Standard" }, seat: { label: "Circle, row B, seat 1" } }, 1)).toBe("Standard · Circle, row B, seat 1");
  });
  it("names Standard when the booking mixes types", () => {
    const m = placeSummaries([
      { id: "a", ticketTypeId: "s", ticketType: { name: "Standard" }, seat: null },
      { id: "b", ticketTypeId: "c", ticketType: { name: "Concession" }, seat: null },
    ]);
    expect([...m.values()]).toEqual(["Standard", "Concession"]);
  });
});

import { describe, expect, it } from "vitest";
import type { BookingChange } from "@/db/schema";
import { historyOfPlace, isOfHolder, namesInHistory } from "./export-history";

const who = { email: "sam@example.com", placeIds: new Set(["p-sam"]), names: ["Sam Private"] };
const change = (o: Partial<BookingChange>): BookingChange => ({
  id: "c", bookingId: "b", action: "attendees_updated", actorKind: "booker", actorEmail: "olive@example.com", before: {}, after: {}, reason: null,
  createdAt: new Date(0), ...o,
});

describe("isOfHolder", () => {
  it("takes a snapshot with their address, or of their place under one of their names without an address", () => {
    expect(isOfHolder({ attendeeId: "p-other", email: "SAM@example.com" }, who)).toBe(true);
    expect(isOfHolder({ attendeeId: "p-sam", firstName: "sam", lastName: "private", seat: "A1" }, who)).toBe(true);
    expect(isOfHolder({ attendeeId: "p-sam", firstName: "Sam", lastName: "Private", email: null }, who)).toBe(true);
  });
  it("leaves out whoever held their place before them, and other places", () => {
    expect(isOfHolder({ attendeeId: "p-sam", firstName: "Hana", lastName: "Handed", email: "hana@example.com" }, who)).toBe(false);
    expect(isOfHolder({ attendeeId: "p-sam", firstName: "Hana", lastName: "Handed", seat: "A1" }, who)).toBe(false);
    expect(isOfHolder({ attendeeId: "p-olive", firstName: "Sam", lastName: "Private" }, who)).toBe(false);
  });
});

describe("namesInHistory", () => {
  it("finds earlier names of their places only from snapshots with their address", () => {
    const changes = [change({
      before: { attendees: [{ attendeeId: "p-sam", firstName: "Sammy", lastName: "P", email: "sam@example.com" }, { attendeeId: "p-sam", firstName: "Hana", lastName: "H", email: null }] },
      after: { attendees: [] },
    })];
    expect(namesInHistory(changes, who)).toEqual(["Sammy P"]);
  });
});

describe("historyOfPlace", () => {
  it("keeps a reason about their place alone, withholds one beside other places or about the whole booking", () => {
    const seat = (id: string, name: string, s: string) => ({ attendeeId: id, firstName: name, lastName: "X", seat: s });
    const out = historyOfPlace([
      change({ id: "1", action: "seats_changed", actorKind: "staff", actorEmail: "desk@turnout.test", reason: "Aisle for Sam",
        before: { attendees: [{ ...seat("p-sam", "Sam", "A1"), lastName: "Private" }] }, after: { attendees: [{ ...seat("p-sam", "Sam", "A2"), lastName: "Private" }] } }),
      change({ id: "2", action: "seats_changed", actorKind: "staff", reason: "Both moved", before: { attendees: [seat("p-olive", "Olive", "B1")] }, after: { attendees: [seat("p-olive", "Olive", "B2")] } }),
      change({ id: "3", action: "moved", reason: "Booker away", before: { sessionId: "s1", startsAt: "x", totalAmount: 5 }, after: { sessionId: "s2", startsAt: "y", totalAmount: 5, difference: 0 } }),
    ], who);
    expect(out.map((h) => [h.id, h.reason, "reasonWithheld" in h])).toEqual([["1", "Aisle for Sam", false], ["3", null, true]]);
    expect(out[0].actorEmail).toBeNull();
    expect(out[1].after).toEqual({ sessionId: "s2", startsAt: "y" });
  });
});

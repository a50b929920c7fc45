import { describe, expect, it } from "vitest";
import { addedPlaceChoices, addedTypeProblem, attendeeLimitProblem, attendeesLeftToAdd, checkAddedTypes, placesPerType } from "./added-place-types";

const now = new Date("2026-06-01T10:00:00Z");
const type = (id: string, name: string, o: Partial<Parameters<typeof addedTypeProblem>[0]> & { priceAmount?: number; quota?: number | null; available?: number } = {}) => ({
  id, name, visible: true, onSaleFrom: null, onSaleUntil: null, retiredAt: null, minPerBooking: 0, maxPerBooking: 12,
  description: null, priceAmount: 4_000, quota: null, available: 10, ...o,
});
const standard = type("std", "Standard");
const premium = type("pre", "Premium", { priceAmount: 6_000, quota: 5, available: 2 });
const vip = type("vip", "VIP", { priceAmount: 9_000, quota: 2, available: 0 });

describe("addedTypeProblem", () => {
  it("refuses hidden, retired and off-sale types, naming the type where it helps", () => {
    expect(addedTypeProblem({ ...standard, visible: false }, 0, 1, now)).toBe("This ticket type is not sold for this session");
    expect(addedTypeProblem({ ...standard, retiredAt: now }, 0, 1, now)).toBe("This ticket type is not sold for this session");
    expect(addedTypeProblem({ ...standard, onSaleFrom: new Date("2026-07-01") }, 0, 1, now)).toBe("Standard tickets are not on sale yet");
    expect(addedTypeProblem({ ...standard, onSaleUntil: now }, 0, 1, now)).toBe("Standard tickets are no longer on sale");
    expect(addedTypeProblem(standard, 0, 1, now)).toBeNull();
  });

  it("counts the booking's own places of the type against its per-booking limits", () => {
    expect(addedTypeProblem({ ...premium, maxPerBooking: 2 }, 1, 1, now)).toBeNull();
    expect(addedTypeProblem({ ...premium, maxPerBooking: 2 }, 2, 1, now)).toBe("At most 2 Premium tickets per booking; this booking has 2");
    expect(addedTypeProblem({ ...premium, minPerBooking: 2 }, 0, 1, now)).toBe("At least 2 Premium tickets per booking");
    expect(addedTypeProblem({ ...premium, minPerBooking: 2 }, 1, 1, now)).toBeNull();
  });
});

describe("checkAddedTypes", () => {
  it("takes the type asked for, or the first public type on sale when none is named", () => {
    const types = [{ ...standard, onSaleUntil: now }, premium, vip];
    const r = checkAddedTypes({ types, wanted: ["vip", undefined], held: new Map(), now });
    expect(r.fields).toEqual({});
    expect(r.chosen.map((t) => t?.id)).toEqual(["vip", "pre"]);
  });

  it("answers field errors keyed by the added place", () => {
    const r = checkAddedTypes({ types: [standard, { ...premium, maxPerBooking: 1 }], wanted: ["nope", "pre", "pre"], held: new Map(), now });
    expect(r.fields).toEqual({
      "addAttendees.0.ticketTypeId": "This ticket type is not sold for this session",
      "addAttendees.1.ticketTypeId": "At most 1 Premium ticket per booking",
    });
  });
});

describe("addedPlaceChoices", () => {
  it("lists the public types with places left and why one cannot be chosen", () => {
    const { choices } = addedPlaceChoices([standard, premium, vip, { ...standard, id: "hid", visible: false }, { ...standard, id: "soon", name: "Late", onSaleFrom: new Date("2026-07-01") }], [], now);
    expect(choices.map((c) => [c.id, c.available, c.unavailable])).toEqual([
      ["std", 10, null], ["pre", 2, null], ["vip", 0, "sold out"], ["soon", 0, "not on sale yet"],
    ]);
  });

  it("starts on the type most of the booking's places are, when it can be chosen, else the first that can", () => {
    const places = (...ids: string[]) => ids.map((ticketTypeId) => ({ ticketTypeId }));
    expect(addedPlaceChoices([standard, premium, vip], places("std", "pre", "pre"), now).defaultId).toBe("pre");
    expect(addedPlaceChoices([standard, premium, vip], places("vip", "vip"), now).defaultId).toBe("std");
    expect(addedPlaceChoices([standard, { ...premium, maxPerBooking: 2 }], places("pre", "pre"), now)).toMatchObject({
      defaultId: "std", choices: [{ id: "std", unavailable: null }, { id: "pre", unavailable: "at most 2 per booking" }],
    });
    expect(addedPlaceChoices([vip], [], now).defaultId).toBeNull();
  });

  it("counts places per type", () => {
    expect(placesPerType([{ ticketTypeId: "a" }, { ticketTypeId: "b" }, { ticketTypeId: "a" }])).toEqual(new Map([["a", 2], ["b", 1]]));
  });
});

describe("the 12-attendee limit", () => {
  it("counts every place the booking has had, cancelled ones too, and says how many more fit", () => {
    expect(attendeesLeftToAdd(1)).toBe(11);
    expect(attendeesLeftToAdd(12)).toBe(0);
    expect(attendeesLeftToAdd(13)).toBe(0);
    expect(attendeeLimitProblem(11, 1)).toBeNull();
    expect(attendeeLimitProblem(11, 2)).toBe("This booking can take at most 1 more attendee (12 in all, cancelled places included)");
    expect(attendeeLimitProblem(9, 4)).toBe("This booking can take at most 3 more attendees (12 in all, cancelled places included)");
    expect(attendeeLimitProblem(12, 1)).toBe("This booking has had 12 attendees, the most one booking can have (cancelled places count too): make a new booking for more people");
  });
});

import { describe, expect, it } from "vitest";
import { bookableEnds, bookableStarts, quoteOffered, type OfferedSlot } from "./bookable";

const slot = (h: number, available: number, peak = false, next = h + 1): OfferedSlot => ({
  start: `T${h}`, end: `T${next}`, localStart: `${h}:00`, localEnd: `${next}:00`, available, rateAmount: peak ? 1200 : 800, peak,
});

describe("bookable spans", () => {
  // 07–12 and 13–15 (closed 12–13); 10:00 has one place left.
  const day = [slot(7, 5, true), slot(8, 5, true), slot(9, 5), slot(10, 1), slot(11, 5), slot(13, 5), slot(14, 5)];

  it("offers only ends reachable without a full slot, a closed gap or the span limits", () => {
    const rule = { people: 2, minSlots: 2, maxSlots: 3 };
    expect(bookableEnds(day, 0, rule)).toEqual([1, 2]);
    expect(bookableEnds(day, 2, rule)).toEqual([]); // 10:00 lacks room for two
    expect(bookableEnds(day, 4, rule)).toEqual([]); // 11:00 would cross the lunch closing
    expect(bookableEnds(day, 5, rule)).toEqual([6]);
    expect(bookableStarts(day, rule)).toEqual([0, 1, 5]);
    expect(bookableStarts(day, { people: 1, minSlots: 1, maxSlots: 10 })).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("prices a span slot by slot with standard and peak lines", () => {
    expect(quoteOffered(day, 0, 2)).toEqual({ perAttendee: 3200, lines: [{ kind: "standard", slots: 1, rateAmount: 800 }, { kind: "peak", slots: 2, rateAmount: 1200 }] });
  });
});

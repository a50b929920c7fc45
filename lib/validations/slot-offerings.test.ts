import { describe, expect, it } from "vitest";
import { closureSchema, datesBetween, openingHoursSchema, parseMinuteOfDay, parseRanges, peakWindowSchema } from "./slot-offerings";

const venueId = "5f0c7a8e-2b1d-4c3e-9f4a-1b2c3d4e5f60";

describe("opening hours as typed", () => {
  it("reads times of day, 24:00 included", () => {
    expect(parseMinuteOfDay("09:30")).toBe(570);
    expect(parseMinuteOfDay("7:05")).toBe(425);
    expect(parseMinuteOfDay("24:00")).toBe(1440);
    expect(parseMinuteOfDay("24:30")).toBeNull();
    expect(parseMinuteOfDay("9.30")).toBeNull();
  });

  it("reads several ranges a day in any order, with any dash, and refuses overlaps", () => {
    expect(parseRanges("13:00–18:00, 08:00-12:00")).toEqual([{ opensAt: 480, closesAt: 720 }, { opensAt: 780, closesAt: 1080 }]);
    expect(parseRanges("18:00 to 24:00")).toEqual([{ opensAt: 1080, closesAt: 1440 }]);
    expect(parseRanges("  ")).toEqual([]);
    expect(parseRanges("08:00-12:00, 11:00-13:00")).toBe("The ranges of a day must not overlap");
    expect(parseRanges("12:00-08:00")).toBe("12:00-08:00: the closing time must be after the opening time");
  });

  it("turns a week of text fields into rows per ISO weekday, empty days closed", () => {
    const parsed = openingHoursSchema.parse({
      venueId, monday: "08:00-12:00, 13:00-18:00", tuesday: "", wednesday: "", thursday: "", friday: "", saturday: "09:00-13:00", sunday: "",
    });
    expect(parsed.hours).toEqual([
      { weekday: 1, opensAt: 480, closesAt: 720 }, { weekday: 1, opensAt: 780, closesAt: 1080 }, { weekday: 6, opensAt: 540, closesAt: 780 },
    ]);
  });
});

describe("closures and peak windows as typed", () => {
  it("expands a range of days, across a month end", () => {
    expect(datesBetween("2031-01-30", "2031-02-02")).toEqual(["2031-01-30", "2031-01-31", "2031-02-01", "2031-02-02"]);
    const one = closureSchema.parse({ venueId, fromDate: "2031-12-25", toDate: "", reason: "Christmas Day", opensAt: "", closesAt: "" });
    expect(one).toEqual({ venueId, dates: ["2031-12-25"], reason: "Christmas Day", hours: null });
    const short = closureSchema.parse({ venueId, fromDate: "2031-12-24", reason: "Christmas Eve", opensAt: "08:00", closesAt: "13:00" });
    expect(short.hours).toEqual({ opensAt: 480, closesAt: 780 });
  });

  it("refuses more than a year of closures at once", () => {
    const r = closureSchema.safeParse({ venueId, fromDate: "2031-01-01", toDate: "2032-06-01", reason: "Works", opensAt: "", closesAt: "" });
    expect(r.success).toBe(false);
  });

  it("sorts the weekdays of a peak window and keeps each once", () => {
    expect(peakWindowSchema.parse({ courseId: venueId, weekdays: ["5", "1", "1"], start: "07:00", end: "09:00" }))
      .toEqual({ courseId: venueId, weekdays: [1, 5], startsAt: 420, endsAt: 540 });
  });
});

import { describe, expect, it } from "vitest";
import { dayRange, isoDay, monthOf, nextDay, parseDay } from "./periods";

describe("parseDay", () => {
  it("accepts real calendar days only", () => {
    expect(parseDay("2026-02-28")).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseDay("2026-02-29")).toBeNull();
    expect(parseDay("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDay("2026-13-01")).toBeNull();
    expect(parseDay("26-1-1")).toBeNull();
  });
});

describe("dayRange", () => {
  it("covers whole local days, across a clock change", () => {
    // London moves to summer time on 29 March 2026.
    const r = dayRange("2026-03-01", "2026-03-31", "Europe/London");
    expect(r.start.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(r.end.toISOString()).toBe("2026-03-31T23:00:00.000Z");
  });
  it("starts a day at local midnight in other zones", () => {
    expect(dayRange("2026-07-01", "2026-07-01", "Europe/Berlin").start.toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });
});

describe("nextDay, isoDay and monthOf", () => {
  it("rolls over months and years", () => {
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });
  it("names the local day of an instant", () => {
    expect(isoDay(new Date("2026-06-30T23:30:00Z"), "Europe/London")).toBe("2026-07-01");
    expect(isoDay(new Date("2026-06-30T23:30:00Z"), "UTC")).toBe("2026-06-30");
  });
  it("gives the month around an instant", () => {
    expect(monthOf(new Date("2026-02-10T12:00:00Z"), "Europe/London")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(monthOf(new Date("2026-12-31T23:30:00Z"), "Europe/Berlin")).toEqual({ from: "2027-01-01", to: "2027-01-31" });
  });
});

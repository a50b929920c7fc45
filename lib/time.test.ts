import { describe, expect, it } from "vitest";
import { localDatePlusDays, plusDays, zonedInstant } from "./time";

describe("zonedInstant", () => {
  it("reads London summer time as UTC+1", () => {
    expect(zonedInstant({ year: 2031, month: 7, day: 15, hour: 9, minute: 30 }, "Europe/London").toISOString())
      .toBe("2031-07-15T08:30:00.000Z");
  });

  it("reads London winter time as UTC", () => {
    expect(zonedInstant({ year: 2031, month: 1, day: 15, hour: 9, minute: 30 }, "Europe/London").toISOString())
      .toBe("2031-01-15T09:30:00.000Z");
  });

  it("gets the days either side of the spring and autumn changes right", () => {
    // 2031: clocks go forward on Sunday 30 March, back on Sunday 26 October.
    const london = (month: number, day: number, hour: number) =>
      zonedInstant({ year: 2031, month, day, hour, minute: 0 }, "Europe/London").toISOString();
    expect(london(3, 29, 19)).toBe("2031-03-29T19:00:00.000Z");
    expect(london(3, 30, 19)).toBe("2031-03-30T18:00:00.000Z");
    expect(london(10, 25, 19)).toBe("2031-10-25T18:00:00.000Z");
    expect(london(10, 26, 19)).toBe("2031-10-26T19:00:00.000Z");
  });

  it("handles an early-morning time on the day the clocks change", () => {
    // 03:00 on 30 March 2031 is after the 01:00 UTC change: BST.
    expect(zonedInstant({ year: 2031, month: 3, day: 30, hour: 3, minute: 0 }, "Europe/London").toISOString())
      .toBe("2031-03-30T02:00:00.000Z");
    // 00:30 is before it: GMT.
    expect(zonedInstant({ year: 2031, month: 3, day: 30, hour: 0, minute: 30 }, "Europe/London").toISOString())
      .toBe("2031-03-30T00:30:00.000Z");
  });

  it("works for zones ahead of UTC", () => {
    expect(zonedInstant({ year: 2031, month: 1, day: 1, hour: 9, minute: 0 }, "Asia/Tokyo").toISOString())
      .toBe("2031-01-01T00:00:00.000Z");
  });
});

describe("localDatePlusDays", () => {
  it("gives the local calendar date, which may differ from the UTC one", () => {
    const lateEvening = new Date("2031-07-14T23:30:00Z"); // 00:30 on the 15th in London (BST)
    expect(localDatePlusDays(lateEvening, 0, "Europe/London")).toEqual({ year: 2031, month: 7, day: 15 });
    expect(localDatePlusDays(lateEvening, 3, "Europe/London")).toEqual({ year: 2031, month: 7, day: 18 });
  });
});

describe("plusDays", () => {
  it("steps calendar days across month, year and leap days, either way", () => {
    expect(plusDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(plusDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(plusDays("2026-12-25", 7)).toBe("2027-01-01");
    expect(plusDays("2032-03-30", -14)).toBe("2032-03-16");
  });
});

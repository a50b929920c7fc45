import { describe, expect, it } from "vitest";
import { isoDay } from "@/lib/invoices/periods";
import { offlineReceivedAt, receivedOnProblem } from "./offline-payment";

describe("offlineReceivedAt", () => {
  const now = new Date("2026-12-06T15:42:10Z");

  it("is the moment it is recorded when the day is today in finance's time zone", () => {
    expect(offlineReceivedAt("2026-12-06", "Europe/London", now)).toEqual(now);
    // Already 7 December in Sydney.
    expect(offlineReceivedAt("2026-12-07", "Australia/Sydney", now)).toEqual(now);
  });

  it("is the middle of an earlier day in that time zone, so it shows as that day there", () => {
    // Summer time in London: the day runs from 23:00 UTC the day before.
    expect(offlineReceivedAt("2026-07-01", "Europe/London", now)).toEqual(new Date("2026-07-01T11:00:00Z"));
    // Noon UTC would already be the next day at UTC+14.
    const kiritimati = offlineReceivedAt("2026-12-01", "Pacific/Kiritimati", now);
    expect(kiritimati).toEqual(new Date("2026-11-30T22:00:00Z"));
    expect(isoDay(kiritimati, "Pacific/Kiritimati")).toBe("2026-12-01");
  });
});

describe("receivedOnProblem", () => {
  // 09:30 on 7 December in Sydney, still 6 December in UTC.
  const now = new Date("2026-12-06T22:30:00Z");
  const createdAt = new Date("2026-12-06T14:00:00Z"); // 7 December, 01:00 in Sydney

  it("takes today and earlier days as finance counts them, not as UTC does", () => {
    expect(receivedOnProblem("2026-12-07", createdAt, "Australia/Sydney", now)).toBeNull();
    expect(receivedOnProblem("2026-12-06", new Date("2026-11-01T00:00:00Z"), "Australia/Sydney", now)).toBeNull();
  });

  it("refuses a day after today or before the booking was made there", () => {
    expect(receivedOnProblem("2026-12-08", createdAt, "Australia/Sydney", now)).toBe("The day it arrived cannot be in the future");
    expect(receivedOnProblem("2026-12-06", createdAt, "Australia/Sydney", now)).toBe("The day it arrived cannot be before the booking was made");
    expect(receivedOnProblem("2026-12-07", createdAt, "Europe/London", now)).toBe("The day it arrived cannot be in the future");
  });
});

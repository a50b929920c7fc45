import { describe, expect, it } from "vitest";
import { changeBlocker, changeCutoffAt } from "./change-booking";

const startsAt = new Date("2027-03-10T09:00:00Z");
const base = { booking: { status: "confirmed" as const }, sessionStatus: "scheduled", startsAt, cutoffHours: 48, timeZone: "Europe/London" };

describe("the change cut-off", () => {
  it("is the given hours before the start", () => {
    expect(changeCutoffAt(startsAt, 48).toISOString()).toBe("2027-03-08T09:00:00.000Z");
    expect(changeCutoffAt(startsAt, 0).toISOString()).toBe(startsAt.toISOString());
  });

  it("allows changes until the cut-off and refuses them from it on, saying when it was", () => {
    expect(changeBlocker({ ...base, now: new Date("2027-03-08T08:59:59Z") })).toBeNull();
    expect(changeBlocker({ ...base, now: new Date("2027-03-08T09:00:00Z") })).toBe(
      "Changes closed on Mon, 8 Mar 2027 at 09:00 GMT, 48 hours before the start. Please contact us.");
  });

  it("refuses unpaid bookings and cancelled sessions", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    expect(changeBlocker({ ...base, booking: { status: "pending" }, now })).toBe("Only a paid booking can be changed.");
    expect(changeBlocker({ ...base, booking: { status: "refunded" }, now })).toBe("This booking has been cancelled.");
    expect(changeBlocker({ ...base, booking: { status: "expired" }, now })).toBe("This booking was not paid in time, so its places were released.");
    expect(changeBlocker({ ...base, sessionStatus: "cancelled", now })).toBe("This session has been cancelled.");
  });
});

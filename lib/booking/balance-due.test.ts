import { describe, expect, it } from "vitest";
import { balanceDueNow, balanceDueOnMove, balanceDueText } from "./balance-due";

// The walkthrough of 6 Dec 2026: a session on 15 Dec, balances due 14 days before (1 Dec, already past).
const now = new Date("2026-12-06T10:00:00Z");
const dec15 = new Date("2026-12-15T09:30:00Z");
const dec29 = new Date("2026-12-29T09:30:00Z");

describe("balanceDueOnMove", () => {
  it("keeps the new session's usual date while a deposit could still be taken there", () => {
    expect(balanceDueOnMove({ sessionStartsAt: dec29, depositOffered: true, daysBefore: 14, now }))
      .toEqual({ dueAt: new Date("2026-12-15T09:30:00Z"), dueNow: false });
  });

  it("is due at the move when the new session's balance date has passed, never on that past day", () => {
    expect(balanceDueOnMove({ sessionStartsAt: dec15, depositOffered: true, daysBefore: 14, now })).toEqual({ dueAt: now, dueNow: true });
  });

  it("is due at the move when the balance date is less than a day away, as no deposit would be taken there", () => {
    const starts = new Date(now.getTime() + 14 * 86_400_000 + 3_600_000);
    expect(balanceDueOnMove({ sessionStartsAt: starts, depositOffered: true, daysBefore: 14, now })).toEqual({ dueAt: now, dueNow: true });
  });

  it("is due at the move when the new session's tickets take no deposit at all", () => {
    expect(balanceDueOnMove({ sessionStartsAt: dec29, depositOffered: false, daysBefore: 14, now })).toEqual({ dueAt: now, dueNow: true });
  });
});

describe("balanceDueText", () => {
  it("reads 'due now' once the date has come, and 'due by' the venue's day before", () => {
    expect(balanceDueText(now, now, "Europe/London")).toBe("due now");
    expect(balanceDueText(new Date("2026-12-01T00:00:00Z"), now, "Europe/London")).toBe("due now");
    expect(balanceDueText(new Date("2026-12-15T09:30:00Z"), now, "Europe/London")).toBe("due by Tue, 15 Dec 2026");
    expect(balanceDueText(null, now, "Europe/London")).toBeNull();
    expect(balanceDueNow(new Date(now.getTime() + 1), now)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { codeStatus, ruleStatus } from "./present";

const now = new Date("2031-03-15T12:00:00Z");
const code = { archivedAt: null, validFrom: null, validUntil: null, maxUses: null, usesCount: 0 };

describe("a discount's status for staff", () => {
  it("says why a code cannot be used now: withdrawn first, then over, used up, not begun", () => {
    expect(codeStatus(code, now)).toBe("Active");
    expect(codeStatus({ ...code, validUntil: new Date("2031-03-15T00:00:00Z") }, now)).toBe("Expired");
    expect(codeStatus({ ...code, validUntil: new Date("2031-03-16T00:00:00Z") }, now)).toBe("Active");
    expect(codeStatus({ ...code, maxUses: 3, usesCount: 3 }, now)).toBe("Used up");
    expect(codeStatus({ ...code, validFrom: new Date("2031-04-01T00:00:00Z") }, now)).toBe("Not yet valid");
    expect(codeStatus({ ...code, archivedAt: now, validUntil: new Date("2031-01-01T00:00:00Z") }, now)).toBe("Withdrawn");
  });

  it("says whether an automatic discount applies now", () => {
    const rule = { active: true, validFrom: null, validUntil: null };
    expect(ruleStatus(rule, now)).toBe("On");
    expect(ruleStatus({ ...rule, active: false }, now)).toBe("Off");
    expect(ruleStatus({ ...rule, validUntil: new Date("2031-03-01T00:00:00Z") }, now)).toBe("Ended");
    expect(ruleStatus({ ...rule, validFrom: new Date("2031-03-20T00:00:00Z") }, now)).toBe("Not yet begun");
  });
});

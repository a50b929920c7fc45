import { describe, expect, it } from "vitest";
import { checkCode, normalizeCode, ruleDiscounts } from "./code-rules";
import type { DiscountRule } from "@/db/schema";

const now = new Date("2027-03-10T12:00:00Z");
const ctx = { now, currency: "GBP", courseId: "course-a" };
const code = {
  id: "c1", code: "SPRING", kind: "percent" as const, value: 1_000, per: "booking" as const, currency: null,
  validFrom: null, validUntil: null, maxUses: null, usesCount: 0, minAttendees: 1, archivedAt: null,
};
const none = { courseIds: [], ticketTypeIds: [] };

describe("checkCode", () => {
  it("normalises what customers type", () => {
    expect(normalizeCode("  spring10 ")).toBe("SPRING10");
  });

  it("turns a usable code into a discount covering everything, or only its ticket types", () => {
    expect(checkCode(code, none, ctx)).toEqual({ ok: true, discount: expect.objectContaining({ id: "c1", source: "code", kind: "percent", value: 1_000, ticketTypeIds: null, label: "Code SPRING (10%)" }) });
    expect(checkCode(code, { courseIds: ["course-a"], ticketTypeIds: ["t9"] }, ctx)).toMatchObject({ ok: true, discount: { ticketTypeIds: null } });
    expect(checkCode(code, { courseIds: [], ticketTypeIds: ["t1"] }, ctx)).toMatchObject({ ok: true, discount: { ticketTypeIds: ["t1"] } });
  });

  it("refuses unknown, withdrawn, early, expired, used-up, other-course and other-currency codes", () => {
    expect(checkCode(null, none, ctx)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("recognise") });
    expect(checkCode({ ...code, archivedAt: now }, none, ctx)).toMatchObject({ ok: false, status: 400 });
    expect(checkCode({ ...code, validFrom: new Date("2027-03-11T00:00:00Z") }, none, ctx)).toMatchObject({ ok: false, message: "This code is not valid yet" });
    expect(checkCode({ ...code, validUntil: now }, none, ctx)).toMatchObject({ ok: false, message: "This code has expired" });
    expect(checkCode({ ...code, maxUses: 3, usesCount: 3 }, none, ctx)).toMatchObject({ ok: false, status: 409 });
    expect(checkCode(code, { courseIds: ["course-b"], ticketTypeIds: [] }, ctx)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("course") });
    expect(checkCode({ ...code, kind: "fixed", value: 500, currency: "EUR" }, none, ctx)).toMatchObject({ ok: false, status: 400 });
  });
});

describe("ruleDiscounts", () => {
  const rule = (r: Partial<DiscountRule>): DiscountRule => ({
    id: "r", ruleKind: "group", name: "Groups", courseId: null, kind: "percent", value: 1_000, per: "booking", currency: null,
    minAttendees: 5, validFrom: null, validUntil: null, firstPlaces: null, active: true, createdAt: now, ...r,
  });
  it("keeps the rules in force for this course, currency and moment", () => {
    const kept = ruleDiscounts([
      rule({ id: "all" }),
      rule({ id: "mine", courseId: "course-a" }),
      rule({ id: "other", courseId: "course-b" }),
      rule({ id: "off", active: false }),
      rule({ id: "ended", ruleKind: "early_bird", validUntil: now }),
      rule({ id: "later", validFrom: new Date("2027-04-01T00:00:00Z") }),
      rule({ id: "euro", kind: "fixed", value: 500, currency: "EUR" }),
      rule({ id: "bird", ruleKind: "early_bird", minAttendees: 1, firstPlaces: 10 }),
    ], ctx);
    expect(kept.map((d) => d.id)).toEqual(["all", "mine", "bird"]);
    expect(kept[2]).toMatchObject({ source: "early_bird", firstPlaces: 10 });
  });
});

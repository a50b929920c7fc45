import { describe, expect, it } from "vitest";
import { exportFilterSchema, filterQuery, financeFilterSchema, moneyInputProblem, parseMoneyInput, refundFormSchema } from "./finance";

describe("parseMoneyInput", () => {
  it("reads major units into minor units without floating point", () => {
    expect(parseMoneyInput("120", 2)).toBe(12_000);
    expect(parseMoneyInput("120.5", 2)).toBe(12_050);
    expect(parseMoneyInput("0.07", 2)).toBe(7);
    expect(parseMoneyInput("1234567.89", 2)).toBe(123_456_789);
    expect(parseMoneyInput("500", 0)).toBe(500);
  });
  it("refuses more decimals than the currency has, and anything not a number", () => {
    expect(parseMoneyInput("1.234", 2)).toBeNull();
    expect(parseMoneyInput("5.5", 0)).toBeNull();
    expect(parseMoneyInput("-3", 2)).toBeNull();
    expect(parseMoneyInput("abc", 2)).toBeNull();
  });
});

describe("moneyInputProblem", () => {
  it("says what is wrong with an amount, in the currency's terms", () => {
    expect(moneyInputProblem("10.005", 2, "GBP")).toBe("GBP amounts have at most 2 decimal places");
    expect(moneyInputProblem("5.5", 0, "JPY")).toBe("JPY amounts have no decimal places");
    expect(moneyInputProblem("0.00", 2, "GBP")).toBe("Enter an amount in GBP greater than zero");
    expect(moneyInputProblem("ten", 2, "EUR")).toBe("Enter an amount in EUR as a number, for example 12.50");
    expect(moneyInputProblem(" 10.5 ", 2, "GBP")).toBeNull();
  });
});

describe("financeFilterSchema", () => {
  it("treats blank fields as absent", () => {
    expect(financeFilterSchema.parse({ q: " ", from: "", to: "", status: "" })).toEqual({});
  });
  it("refuses a range that ends before it starts and an unknown status", () => {
    expect(financeFilterSchema.safeParse({ from: "2026-03-02", to: "2026-03-01" }).success).toBe(false);
    expect(financeFilterSchema.safeParse({ status: "lost" }).success).toBe(false);
    expect(financeFilterSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
  });
});

describe("exportFilterSchema's dates", () => {
  it("needs both ends and at most 400 days", () => {
    expect(exportFilterSchema.safeParse({ from: "2026-01-01", to: "2026-12-31" }).success).toBe(true);
    expect(exportFilterSchema.safeParse({ from: "2026-01-01" }).success).toBe(false);
    expect(exportFilterSchema.safeParse({ from: "2025-01-01", to: "2026-12-31" }).success).toBe(false);
  });
});

describe("refundFormSchema", () => {
  const base = {
    bookingId: "6f1c1d1e-8a4b-4c3d-9e2f-0a1b2c3d4e5f", attendeeIds: [], amount: "30.00", reason: "Customer cancelled",
    idempotencyKey: "0b8e6a52-3c1d-4f6e-9a7b-2c4d6e8f0a1b",
  };
  it("accepts a plain refund and defaults the places to none", () => {
    const { attendeeIds, ...rest } = base;
    expect(refundFormSchema.parse(rest)).toEqual({ ...rest, attendeeIds });
  });
  it("keys errors by field", () => {
    const r = refundFormSchema.safeParse({ ...base, amount: "30,00", reason: "x" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["amount", "reason"]);
  });
  it("needs the form's idempotency key", () => {
    const { idempotencyKey: _, ...withoutKey } = base;
    expect(refundFormSchema.safeParse(withoutKey).error!.issues.map((i) => i.path.join("."))).toEqual(["idempotencyKey"]);
  });
});

describe("exportFilterSchema and filterQuery", () => {
  it("takes the list's filter with both dates required, and links carry all of it", () => {
    const course = "3f1c7f0e-8d8a-4c51-9a53-5f0f1b2c3d4e";
    const f = exportFilterSchema.parse({ from: "2026-01-01", to: "2026-01-31", q: " Quartz ", status: "overdue", course });
    expect(f).toEqual({ from: "2026-01-01", to: "2026-01-31", q: "Quartz", status: "overdue", course });
    expect(new URLSearchParams(filterQuery(f)).get("course")).toBe(course);
    expect(filterQuery({ from: "2026-01-01", to: "2026-01-31", q: undefined, status: "" })).toBe("from=2026-01-01&to=2026-01-31");
    expect(exportFilterSchema.safeParse({ from: "2026-01-01", to: "2026-01-31", course: "x" }).error?.issues[0].path).toEqual(["course"]);
    expect(exportFilterSchema.safeParse({ from: "2026-01-01", to: "2026-01-31", status: "lost" }).error?.issues[0].path).toEqual(["status"]);
  });
});

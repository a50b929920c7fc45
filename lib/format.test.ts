import { describe, expect, it } from "vitest";
import { formatDate, formatDateTimeZoned, formatMoney, formatSessionWhen, formatTimeZoned, minorUnitDigits } from "./format";

describe("formatMoney", () => {
  it("formats pence as pounds with two decimals", () => {
    expect(formatMoney(28_500, "GBP")).toBe("£285.00");
    expect(formatMoney(9_505, "GBP")).toBe("£95.05");
    expect(formatMoney(0, "GBP")).toBe("£0.00");
    expect(formatMoney(123_456_789, "GBP")).toBe("£1,234,567.89");
  });

  it("formats zero-decimal currencies without dividing", () => {
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(formatMoney(1_500, "JPY")).toBe("JP¥1,500");
    expect(formatMoney(1_500, "JPY", "ja-JP")).toMatch(/^[￥¥]1,500$/);
  });

  it("knows the minor units of two-decimal currencies", () => {
    expect(minorUnitDigits("GBP")).toBe(2);
    expect(minorUnitDigits("EUR")).toBe(2);
    expect(formatMoney(1_999, "EUR", "en-GB")).toBe("€19.99");
  });
});

describe("formatDate", () => {
  it("shows the date in the venue's time zone", () => {
    // 22:30 UTC on 31 March is 23:30 in London (BST) but already 07:30 on 1 April in Tokyo.
    const instant = new Date("2031-03-31T22:30:00Z");
    // The comma after the weekday varies between ICU versions; the date itself must not.
    expect(formatDate(instant, "Europe/London")).toMatch(/^Mon,? 31 Mar 2031$/);
    expect(formatDate(instant, "Asia/Tokyo")).toMatch(/^Tue,? 1 Apr 2031$/);
  });
});

describe("deadlines with their zone", () => {
  it("names the zone in force at that instant, so a reader elsewhere knows which 14:30 is meant", () => {
    expect(formatTimeZoned(new Date("2031-01-15T14:30:00Z"), "Europe/London")).toBe("14:30 GMT");
    expect(formatTimeZoned(new Date("2031-07-15T13:30:00Z"), "Europe/London")).toBe("14:30 BST");
    expect(formatDateTimeZoned(new Date("2031-07-15T13:30:00Z"), "Europe/Paris")).toMatch(/^Tue,? 15 Jul 2031, 15:30 CEST$/);
  });
});

describe("formatter reuse", () => {
  it("builds no Intl formatter once one exists for the same locale, zone and options", () => {
    const instant = new Date("2031-06-01T09:00:00Z");
    formatSessionWhen(instant, instant, "Europe/Paris");
    formatMoney(1_000, "GBP");
    const built = { date: 0, number: 0 };
    const RealDate = Intl.DateTimeFormat;
    const RealNumber = Intl.NumberFormat;
    const counting = <T extends object>(Real: T, key: keyof typeof built) =>
      new Proxy(Real, { construct(target, args) { built[key]++; return Reflect.construct(target as never, args); } });
    Intl.DateTimeFormat = counting(RealDate, "date");
    Intl.NumberFormat = counting(RealNumber, "number");
    try {
      for (let i = 0; i < 50; i++) {
        expect(formatSessionWhen(instant, instant, "Europe/Paris")).toMatch(/11:00–11:00 CEST$/);
        expect(formatMoney(1_000 + i, "GBP")).toBe(`£${((1_000 + i) / 100).toFixed(2)}`);
      }
    } finally {
      Intl.DateTimeFormat = RealDate;
      Intl.NumberFormat = RealNumber;
    }
    expect(built).toEqual({ date: 0, number: 0 });
  });
});

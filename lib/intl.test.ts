import { describe, expect, it } from "vitest";
import { dateParts, dateTimeFormat, numberFormat } from "./intl";

describe("shared Intl formatters", () => {
  it("returns the same formatter for the same locale, zone and options", () => {
    const a = dateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });
    const b = dateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });
    expect(b).toBe(a);
    expect(numberFormat("en-GB", { style: "currency", currency: "GBP" }))
      .toBe(numberFormat("en-GB", { style: "currency", currency: "GBP" }));
  });

  it("keeps formatters for different zones, locales and options apart", () => {
    const instant = new Date("2031-03-31T22:30:00Z");
    const london = dateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });
    const tokyo = dateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
    expect(tokyo).not.toBe(london);
    expect(london.format(instant)).toBe("23:30");
    expect(tokyo.format(instant)).toBe("07:30");
    expect(dateTimeFormat("en-US", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" })).not.toBe(london);
    expect(numberFormat("en-GB", { style: "currency", currency: "EUR" }).format(1))
      .not.toBe(numberFormat("en-GB", { style: "currency", currency: "GBP" }).format(1));
  });

  it("names the parts of an instant in the formatter's zone", () => {
    const f = dateTimeFormat("en-US", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });
    expect(dateParts(f, new Date("2031-03-31T22:30:00Z"))).toMatchObject({ year: "2031", month: "04", day: "01" });
  });
});

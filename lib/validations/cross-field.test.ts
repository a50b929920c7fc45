// Staff forms list every problem in one submit: rules across fields (a deposit below the price, a minimum not
// above the maximum, a last day not before the first) are told beside the other fields' own errors.
import { describe, expect, it } from "vitest";
import { fieldErrors } from "./booking";
import { discountCodeSchema, discountRuleSchema } from "./discounts";
import { memberSchema } from "./members";
import { slotOfferingSchema } from "./slot-offerings";
import { ticketTypeSchema } from "./ticket-types";

const errors = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, v: unknown) => {
  const r = schema.safeParse(v);
  expect(r.success).toBe(false);
  return fieldErrors(r.error as Parameters<typeof fieldErrors>[0]);
};

const id = "0b3a1d1e-2f1c-4c3a-9e2f-1a2b3c4d5e6f";

describe("ticket types", () => {
  const type = { courseId: id, currency: "GBP", name: "VIP", price: "120", deposit: "", minPerBooking: "0", maxPerBooking: "12" };

  it("tells a deposit above the price, a minimum above the maximum and sales ending before they start with a missing name", () => {
    expect(errors(ticketTypeSchema, {
      ...type, name: "", deposit: "150", minPerBooking: "6", maxPerBooking: "2", onSaleFrom: "2031-03-01T10:00", onSaleUntil: "2031-02-01T10:00",
    })).toEqual({
      name: "Name is required", deposit: "The deposit must be less than the price",
      minPerBooking: "The minimum cannot be above the maximum", onSaleUntil: "The end of sales must be after their start",
    });
  });

  it("stores a valid type once every rule is met", () => {
    expect(ticketTypeSchema.parse({ ...type, deposit: "20" })).toMatchObject({ name: "VIP", priceAmount: 12000, depositAmount: 2000, sessionId: null });
  });

  it("does not compare with a field that is itself wrong", () => {
    expect(errors(ticketTypeSchema, { ...type, maxPerBooking: "x", minPerBooking: "6", price: "-1", deposit: "150" }))
      .toEqual({ maxPerBooking: "Maximum per booking must be a whole number", price: "Price cannot be negative" });
  });
});

describe("time-slot offerings", () => {
  const offering = {
    venueId: id, title: "Open play", slug: "open-play", summary: "S", description: "D", category: "Play", currency: "GBP",
    slotMinutes: "60", capacityPerSlot: "10", standardRate: "8", peakRate: "10", minSpanMinutes: "60", maxSpanMinutes: "480",
    bookAheadDays: "60", latestMinutesBeforeStart: "0",
  };

  it("tells a missing rate, spans out of step with the slots and ages out of order with a missing title", () => {
    expect(errors(slotOfferingSchema, { ...offering, title: "", standardRate: "", minSpanMinutes: "90", minAgeYears: "8", maxAgeYears: "3" })).toEqual({
      title: "Title is required", standardRate: "Standard rate is required",
      minSpanMinutes: "The shortest booking must be a whole number of 60-minute slots", maxAgeYears: "The oldest age cannot be below the youngest",
    });
  });

  it("tells a missing rate beside a wrong currency: the rate is checked on its own", () => {
    expect(errors(slotOfferingSchema, { ...offering, currency: "XYZ", peakRate: "" })).toEqual({ currency: "Unknown currency code", peakRate: "Peak rate is required" });
    expect(errors(slotOfferingSchema, { ...offering, standardRate: "-2" })).toEqual({ standardRate: "Standard rate cannot be negative" });
    expect(errors(slotOfferingSchema, { ...offering, currency: "JPY", standardRate: "8.5" })).toEqual({ standardRate: "Enter standard rate such as 8 or 8.50" });
  });

  it("stores rates in minor units", () => {
    expect(slotOfferingSchema.parse(offering)).toMatchObject({ standardRateAmount: 800, peakRateAmount: 1000, minAgeYears: null });
  });
});

describe("discounts", () => {
  const rule = { ruleKind: "early_bird", name: "Early bird", kind: "percent", amount: "10", per: "attendee" };

  it("tells an early bird with no end, an amount out of range and days out of order with a missing name", () => {
    expect(errors(discountRuleSchema, { ...rule, name: "", amount: "150", validFrom: "2031-03-10", validUntil: "2031-03-01" })).toEqual({
      name: "Name customers see is required", amount: "Enter a percentage between 0.01 and 100", validUntil: "The last day must not be before the first",
    });
    expect(errors(discountRuleSchema, { ...rule, name: "", minAttendees: "x" })).toEqual({
      name: "Name customers see is required", minAttendees: "Minimum attendees must be a whole number", validUntil: "An early bird needs a last day or a number of first places",
    });
  });

  it("tells a fixed amount without its currency beside a bad code", () => {
    expect(errors(discountCodeSchema, { code: "!", kind: "fixed", amount: "15", per: "booking" }))
      .toEqual({ code: "Use 3 to 40 letters, digits, hyphens or underscores", currency: "A fixed amount needs its currency" });
  });
});

describe("members", () => {
  it("tells valid-until before valid-from beside a bad email", () => {
    expect(errors(memberSchema, { email: "nope", level: "gold", number: "M-1", validFrom: "2031-03-10", validUntil: "2031-03-01" }))
      .toEqual({ email: "Enter a valid email address", validUntil: "Valid until must be after valid from" });
  });
});

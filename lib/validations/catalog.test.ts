import { describe, expect, it } from "vitest";
import { courseSchema, moneyInput, parseMoney, requirementTemplateSchema, sessionSchema, venueSchema } from "./catalog";
import { fieldErrors } from "./booking";

const errors = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, v: unknown) => {
  const r = schema.safeParse(v);
  expect(r.success).toBe(false);
  return fieldErrors(r.error as Parameters<typeof fieldErrors>[0]);
};

describe("money", () => {
  it("reads major units into minor units for the currency", () => {
    expect(parseMoney("285", "GBP")).toBe(28500);
    expect(parseMoney("285.5", "GBP")).toBe(28550);
    expect(parseMoney("1,285.05", "EUR")).toBe(128505);
    expect(parseMoney("5000", "JPY")).toBe(5000);
    expect(parseMoney("50.5", "JPY")).toBeNull();
    expect(parseMoney("12.345", "GBP")).toBeNull();
    expect(parseMoney("abc", "GBP")).toBeNull();
    expect(moneyInput(28550, "GBP")).toBe("285.50");
    expect(moneyInput(null, "GBP")).toBe("");
  });
});

const course = { title: "First Aid", slug: "first-aid", summary: "S", description: "D", category: "Safety", currency: "gbp", price: "285", deposit: "" };

describe("courseSchema", () => {
  it("turns the form into stored values", () => {
    expect(courseSchema.parse({ ...course, deposit: "85" })).toEqual({
      title: "First Aid", slug: "first-aid", summary: "S", description: "D", category: "Safety", currency: "GBP", priceAmount: 28500, depositAmount: 8500, changeCutoffHours: 48,
    });
    expect(courseSchema.parse(course).depositAmount).toBeNull();
  });

  it("takes the change cut-off in whole hours, 48 when left empty", () => {
    expect(courseSchema.parse({ ...course, changeCutoffHours: "72" }).changeCutoffHours).toBe(72);
    expect(courseSchema.parse({ ...course, changeCutoffHours: "" }).changeCutoffHours).toBe(48);
    expect(errors(courseSchema, { ...course, changeCutoffHours: "1.5" })).toEqual({ changeCutoffHours: "Enter whole hours, such as 48" });
    expect(errors(courseSchema, { ...course, changeCutoffHours: "abc" })).toEqual({ changeCutoffHours: "Enter whole hours, such as 48" });
    expect(errors(courseSchema, { ...course, changeCutoffHours: "-1" })).toEqual({ changeCutoffHours: "Enter 0 hours or more" });
  });

  it("refuses a currency code that is well formed but not a currency", () => {
    expect(errors(courseSchema, { ...course, currency: "XYZ" })).toEqual({ currency: "Unknown currency code" });
    expect(courseSchema.parse({ ...course, currency: "eur" })).toMatchObject({ currency: "EUR", priceAmount: 28500 });
  });

  it("lists a price's problems with every other field's, in one submit", () => {
    expect(errors(courseSchema, { ...course, title: "", price: "" })).toEqual({ title: expect.any(String), price: "Price is required" });
    expect(errors(courseSchema, { ...course, category: "", price: "-5", deposit: "ten" }))
      .toEqual({ category: expect.any(String), price: "Price cannot be negative", deposit: "Enter a deposit such as 85 or 85.00, or leave it empty" });
  });

  it("lists a deposit above the price, and a price in more decimals than its currency has, with the other fields' problems", () => {
    expect(errors(courseSchema, { ...course, title: "", deposit: "300" })).toEqual({ title: expect.any(String), deposit: "The deposit must be less than the price" });
    expect(errors(courseSchema, { ...course, slug: "", currency: "JPY", price: "50.5" })).toEqual({ slug: expect.any(String), price: "Enter a price such as 285 or 285.00" });
    // A deposit cannot be compared with a price that is itself wrong: only the price is told.
    expect(errors(courseSchema, { ...course, title: "", price: "ten", deposit: "300" })).toEqual({ title: expect.any(String), price: expect.any(String) });
  });

  it("rejects a negative price and a negative deposit", () => {
    expect(errors(courseSchema, { ...course, price: "-1" })).toEqual({ price: "Price cannot be negative" });
    expect(errors(courseSchema, { ...course, deposit: "-5" })).toEqual({ deposit: "Deposit cannot be negative" });
  });
});

describe("sessionSchema", () => {
  const s = { courseId: "0b3a1d1e-2f1c-4c3a-9e2f-1a2b3c4d5e6f", venueId: "1b3a1d1e-2f1c-4c3a-9e2f-1a2b3c4d5e6f", startsAt: "2030-03-01T09:00", endsAt: "2030-03-01T16:00", capacity: "12" };
  it("accepts a valid session and reads the capacity as a number", () => {
    expect(sessionSchema.parse(s).capacity).toBe(12);
  });
  it("rejects an end before or at the start", () => {
    expect(errors(sessionSchema, { ...s, endsAt: "2030-03-01T08:00" })).toEqual({ endsAt: "The end must be after the start" });
    expect(errors(sessionSchema, { ...s, endsAt: s.startsAt })).toEqual({ endsAt: "The end must be after the start" });
    // Told beside another field's problem, in the same submit.
    expect(errors(sessionSchema, { ...s, capacity: "", endsAt: "2030-03-01T08:00" })).toEqual({ capacity: "Capacity is required", endsAt: "The end must be after the start" });
  });
  it("rejects a capacity that is not a positive whole number", () => {
    expect(errors(sessionSchema, { ...s, capacity: "2.5" })).toEqual({ capacity: "Capacity must be a whole number" });
    expect(errors(sessionSchema, { ...s, capacity: "-3" })).toEqual({ capacity: "Capacity must be at least 1" });
  });
});

describe("venueSchema", () => {
  it("rejects an unknown time zone and a long country code", () => {
    const v = { name: "Hall", slug: "hall", addressLine1: "1 St", city: "Leeds", postalCode: "LS1", country: "GBR", timeZone: "Mars/Olympus" };
    expect(errors(venueSchema, v)).toEqual({ country: expect.any(String), timeZone: "Enter a time zone such as Europe/London" });
  });
});

describe("requirementTemplateSchema", () => {
  it("splits tasks by line, drops blanks and refuses duplicates", () => {
    const base = { code: "x_y", label: "X", category: "other", priority: "standard" };
    expect(requirementTemplateSchema.parse({ ...base, checklistItems: " a \n\nb" }).checklistItems).toEqual(["a", "b"]);
    expect(errors(requirementTemplateSchema, { ...base, checklistItems: "a\na" })).toEqual({ checklistItems: "Each checklist item can appear once" });
    expect(requirementTemplateSchema.parse({ ...base, checklistItems: "", venueFeatures: false }).venueFeatures).toEqual([]);
  });
});

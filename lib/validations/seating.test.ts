import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fieldErrors } from "./booking";
import { seatingPlanGridSchema } from "./seating";

const grid = { venueId: randomUUID(), name: "Main hall", section: "Stalls", rows: "5", seatsPerRow: "8", defaultClass: "Standard" };
const errors = (v: unknown) => {
  const r = seatingPlanGridSchema.safeParse(v);
  expect(r.success).toBe(false);
  return fieldErrors(r.error as Parameters<typeof fieldErrors>[0]);
};

describe("seatingPlanGridSchema", () => {
  it("says what is wrong with a count: missing, not whole, or below one", () => {
    expect(errors({ ...grid, seatsPerRow: "" })).toEqual({ seatsPerRow: "Seats per row is required" });
    expect(errors({ ...grid, seatsPerRow: "2.5" })).toEqual({ seatsPerRow: "Seats per row must be a whole number" });
    expect(errors({ ...grid, seatsPerRow: "-1" })).toEqual({ seatsPerRow: "Seats per row must be at least 1" });
    expect(errors({ ...grid, rows: "0" })).toEqual({ rows: "Rows must be at least 1" });
  });
});

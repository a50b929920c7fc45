// Staff input for seating plans (imported from CSV or built as a grid), a session's plan, and blocking seats.
import { z } from "zod";
import { MAX_GRID_ROWS, MAX_SEATS_PER_ROW, parseClassRanges } from "@/lib/seating/grid";
import { csvByteLength, MAX_CSV_BYTES, MAX_PLAN_SEATS } from "@/lib/seating/plan-seats";
import { optionalText, text, uuidInput, wholeNumber } from "./catalog";

export const seatingPlanCsvSchema = z.object({
  venueId: uuidInput("venue"),
  name: text("Plan name", 80),
  csv: z.string({ error: "Choose a CSV file or paste the seats" })
    .refine((s) => s.trim().length > 0, "Choose a CSV file or paste the seats")
    .refine((s) => csvByteLength(s) <= MAX_CSV_BYTES, "The CSV is larger than 1 MB: split the venue into several plans"),
});
export type SeatingPlanCsvInput = z.input<typeof seatingPlanCsvSchema>;

export const seatingPlanGridSchema = z.object({
  venueId: uuidInput("venue"),
  name: text("Plan name", 80),
  section: text("Section", 40),
  rows: wholeNumber("Rows", 1, MAX_GRID_ROWS),
  seatsPerRow: wholeNumber("Seats per row", 1, MAX_SEATS_PER_ROW),
  defaultClass: text("Class of the other rows", 40),
  classRanges: z.string().optional().transform((v) => v ?? ""),
}).transform((v, ctx) => {
  if (v.rows * v.seatsPerRow > MAX_PLAN_SEATS) {
    ctx.addIssue({ code: "custom", path: ["seatsPerRow"], message: `A plan holds at most ${MAX_PLAN_SEATS} seats` });
    return z.NEVER;
  }
  const { ranges, errors } = parseClassRanges(v.classRanges, v.rows);
  if (errors.length) {
    ctx.addIssue({ code: "custom", path: ["classRanges"], message: errors.join(". ") });
    return z.NEVER;
  }
  const { classRanges: _text, ...rest } = v;
  return { ...rest, ranges };
});
export type SeatingPlanGridInput = z.input<typeof seatingPlanGridSchema>;

export const sessionSeatingPlanSchema = z.object({
  sessionId: uuidInput("session"),
  planId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid("Choose a seating plan").optional())
    .transform((v) => v ?? null),
});

const seatIds = z.array(z.uuid("Not a valid seat"), { error: "Choose at least one seat" })
  .min(1, "Choose at least one seat").max(MAX_PLAN_SEATS)
  .transform((ids) => [...new Set(ids)]);

export const blockSeatsSchema = z.object({
  sessionId: uuidInput("session"),
  seatIds,
  note: optionalText("Note", 200),
});

export const unblockSeatsSchema = z.object({ sessionId: uuidInput("session"), seatIds });

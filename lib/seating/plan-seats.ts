// Seats of a seating plan before they are stored: the shape CSV import and the grid builder both produce,
// and the reading order (section, row, seat) every list and "best available" rely on. Pure, unit-tested.
import type { SeatFlag } from "@/db/schema";

export type { SeatFlag };
/** The same list as the schema's check constraint, without loading the schema into the browser. */
export const SEAT_FLAGS = ["wheelchair", "companion", "restricted_view"] as const satisfies readonly SeatFlag[];

export type PlanSeat = {
  section: string; row: string; number: string; seatClass: string; x: number; y: number; flags: SeatFlag[]; sortOrder: number;
};

/** At most this many seats in one plan: larger venues are split into several plans. */
export const MAX_PLAN_SEATS = 5_000;

export const CSV_COLUMNS = ["section", "row", "seat", "class", "x", "y", "flags"] as const;
/** The largest seating CSV accepted, in bytes (UTF-8). */
export const MAX_CSV_BYTES = 1_000_000;

export function csvByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

const natural = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });

/** Rows are labelled A…Z, AA…: a shorter label comes first, then letters and digits in natural order. */
export function compareRows(a: string, b: string): number {
  return a.length - b.length || natural(a, b);
}

/**
 * Gives each seat its sortOrder in reading order: sections in the order they first appear (the staff's order,
 * stalls before circle say), then rows, then seat numbers in natural order (2 before 10).
 */
export function inReadingOrder<T extends Omit<PlanSeat, "sortOrder">>(seats: T[]): (T & { sortOrder: number })[] {
  const sectionRank = new Map<string, number>();
  for (const s of seats) if (!sectionRank.has(s.section)) sectionRank.set(s.section, sectionRank.size);
  return [...seats]
    .sort((a, b) => sectionRank.get(a.section)! - sectionRank.get(b.section)! || compareRows(a.row, b.row) || natural(a.number, b.number))
    .map((s, i) => ({ ...s, sortOrder: i + 1 }));
}

/** "A", "B", … "Z", "AA", "AB": the label of the `index`-th row (0-based), as spreadsheets name columns. */
export function rowLabel(index: number): string {
  let n = index + 1;
  let label = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    label = String.fromCharCode(65 + r) + label;
    n = Math.floor((n - 1) / 26);
  }
  return label;
}

/** The 0-based index of a row label made by rowLabel; null when it is not one. */
export function rowIndex(label: string): number | null {
  if (!/^[A-Z]{1,3}$/.test(label)) return null;
  let n = 0;
  for (const ch of label) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

// The geometry of a drawn seating plan, shared by the staff map and the customer's seat picker: the
// viewBox around the seats, the seat size, and how each seat class is told apart (a colour AND a pattern,
// never colour alone), with the symbols for seat flags and seat states. Pure, unit-tested; no React here.

export type DrawableSeat = { x: number; y: number; seatClass: string; sortOrder: number };

export type PlanGeometry = { minX: number; minY: number; width: number; height: number; radius: number; spacing: number; viewBox: string };

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The smallest gap between neighbouring seats: along a row (same y) and between rows. Coordinates in a CSV
 * may be in any unit, so seats are sized from their spacing; 1 when there is a single seat.
 */
export function seatSpacing(seats: Pick<DrawableSeat, "x" | "y">[]): number {
  let best = Infinity;
  const byY = new Map<number, number[]>();
  for (const s of seats) byY.set(s.y, [...(byY.get(s.y) ?? []), s.x]);
  for (const xs of byY.values()) {
    xs.sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) if (xs[i] - xs[i - 1] > 0) best = Math.min(best, xs[i] - xs[i - 1]);
  }
  const ys = [...byY.keys()].sort((a, b) => a - b);
  for (let i = 1; i < ys.length; i++) best = Math.min(best, ys[i] - ys[i - 1]);
  return Number.isFinite(best) ? best : 1;
}

/** The box around every seat with one seat's spacing of margin (room for row labels), and the seat radius. */
export function planGeometry(seats: Pick<DrawableSeat, "x" | "y">[]): PlanGeometry {
  const spacing = seatSpacing(seats);
  const xs = seats.map((s) => s.x);
  const ys = seats.map((s) => s.y);
  const minX = round((seats.length ? Math.min(...xs) : 0) - spacing * 1.5);
  const minY = round((seats.length ? Math.min(...ys) : 0) - spacing);
  const width = round((seats.length ? Math.max(...xs) - Math.min(...xs) : 0) + spacing * 3);
  const height = round((seats.length ? Math.max(...ys) - Math.min(...ys) : 0) + spacing * 2);
  return { minX, minY, width, height, radius: round(spacing * 0.42), spacing, viewBox: `${minX} ${minY} ${width} ${height}` };
}

/** Colours that stay distinct for the common colour-vision deficiencies (Okabe and Ito). */
export const CLASS_COLOURS = ["#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#0072B2", "#D55E00"] as const;

export const CLASS_PATTERNS = ["plain", "diagonal", "dots", "crosshatch", "horizontal", "vertical", "checks"] as const;
export type ClassPattern = (typeof CLASS_PATTERNS)[number];

export const PATTERN_NAMES: Record<ClassPattern, string> = {
  plain: "plain", diagonal: "diagonal stripes", dots: "dots", crosshatch: "cross-hatch",
  horizontal: "horizontal stripes", vertical: "vertical stripes", checks: "checks",
};

export type ClassStyle = { seatClass: string; index: number; colour: string; pattern: ClassPattern; patternName: string };

/** A plan's classes in the order their first seat appears (reading order): the legend's order. */
export function classesInOrder(seats: Pick<DrawableSeat, "seatClass" | "sortOrder">[]): string[] {
  const seen = new Set<string>();
  for (const s of [...seats].sort((a, b) => a.sortOrder - b.sortOrder)) seen.add(s.seatClass);
  return [...seen];
}

/**
 * Class → colour and pattern. The n-th class gets colour n and a pattern shifted every full round of
 * colours, so the first 49 classes all differ in at least one of the two.
 */
export function classStyles(classes: string[]): Map<string, ClassStyle> {
  const n = CLASS_COLOURS.length;
  return new Map(classes.map((seatClass, index) => {
    const pattern = CLASS_PATTERNS[(index + Math.floor(index / n)) % CLASS_PATTERNS.length];
    return [seatClass, { seatClass, index, colour: CLASS_COLOURS[index % n], pattern, patternName: PATTERN_NAMES[pattern] }];
  }));
}

/** Symbols drawn beside a seat for its flags, with the words the legend gives them. */
export const FLAG_MARKS = {
  wheelchair: { symbol: "W", label: "Wheelchair space" },
  companion: { symbol: "C", label: "Companion seat" },
  restricted_view: { symbol: "R", label: "Restricted view" },
} as const;

export type SeatState = "available" | "held" | "booked" | "blocked";

/** Symbols drawn on a seat for its state in a session (available seats show their class alone). */
export const STATE_MARKS: Record<SeatState, { symbol: string | null; label: string }> = {
  available: { symbol: null, label: "Available" },
  held: { symbol: "H", label: "Held in a checkout" },
  booked: { symbol: "B", label: "Booked" },
  blocked: { symbol: "X", label: "Blocked by staff" },
};

/** Where each row's label goes: left of its first seat, per section and row. */
export function rowLabelPositions<T extends DrawableSeat & { section: string; row: string }>(seats: T[], spacing: number) {
  const rows = new Map<string, { section: string; row: string; x: number; y: number }>();
  for (const s of seats) {
    const key = `${s.section}\u0000${s.row}`;
    const cur = rows.get(key);
    if (!cur || s.x < cur.x) rows.set(key, { section: s.section, row: s.row, x: s.x, y: s.y });
  }
  return [...rows.values()].map((r) => ({ ...r, x: round(r.x - spacing) }));
}

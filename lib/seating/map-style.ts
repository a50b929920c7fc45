// How a seat map is drawn: its frame, each seat class's colour and pattern, and each seat's spoken description.
// Pure, shared by the customer's seat step (and any other drawing of a plan); unit-tested.

export const SEAT_SIZE = 24;
/** Centre to centre of neighbouring seats on the drawn map: a seat and a gap. */
export const SEAT_PITCH = 30;

export type DrawnSeat = { section: string; row: string; number: string; seatClass: string; x: number; y: number; flags: string[]; sortOrder: number };

export type SeatPattern = "solid" | "stripes" | "dots" | "checks";

/** Fill colours with at least 3:1 contrast against white and against each other's patterns' white marks. */
const PALETTE: { fill: string; pattern: SeatPattern }[] = [
  { fill: "#6d28d9", pattern: "solid" },   // violet
  { fill: "#0f766e", pattern: "stripes" }, // teal
  { fill: "#1d4ed8", pattern: "dots" },    // blue
  { fill: "#b45309", pattern: "checks" },  // amber
];

export type ClassStyle = { seatClass: string; fill: string; pattern: SeatPattern; patternId: string };

/** A colour and a pattern per class, in the order classes first appear in the plan's reading order. */
export function classStyles(seats: Pick<DrawnSeat, "seatClass" | "sortOrder">[]): ClassStyle[] {
  const classes: string[] = [];
  for (const s of [...seats].sort((a, b) => a.sortOrder - b.sortOrder))
    if (!classes.includes(s.seatClass)) classes.push(s.seatClass);
  return classes.map((seatClass, i) => {
    const { fill, pattern } = PALETTE[i % PALETTE.length];
    return { seatClass, fill, pattern, patternId: `seat-class-${i}` };
  });
}

/**
 * The seats with their positions scaled so that neighbouring seats are SEAT_PITCH apart. A plan's coordinates
 * are in whatever unit it was made in (the grid builder counts seats, 1 apart; a CSV may be in pixels or
 * millimetres), and the map draws every seat SEAT_SIZE wide.
 */
export function inMapUnits<S extends Pick<DrawnSeat, "x" | "y">>(seats: S[]): S[] {
  const spacing = typicalSpacing(seats);
  const scale = spacing > 0 ? SEAT_PITCH / spacing : 1;
  if (scale === 1) return seats;
  return seats.map((s) => ({ ...s, x: s.x * scale, y: s.y * scale }));
}

// Seats whose nearest neighbour is measured: enough for a steady median, few enough for a 5,000-seat plan.
const SPACING_SAMPLE = 200;

/**
 * How far apart neighbouring seats are: the median of sampled seats' distances to their nearest neighbour.
 * Rows may curve (no two seats at one height), so neither rows nor columns are assumed. 0 with fewer than two
 * seats at distinct places.
 */
export function typicalSpacing(seats: Pick<DrawnSeat, "x" | "y">[]): number {
  const step = Math.max(1, Math.floor(seats.length / SPACING_SAMPLE));
  const nearest: number[] = [];
  for (let i = 0; i < seats.length; i += step) {
    let best = Infinity;
    for (let j = 0; j < seats.length; j++) {
      const d = Math.hypot(seats[j].x - seats[i].x, seats[j].y - seats[i].y);
      if (d > 0 && d < best) best = d;
    }
    if (Number.isFinite(best)) nearest.push(best);
  }
  if (!nearest.length) return 0;
  nearest.sort((a, b) => a - b);
  return nearest[Math.floor(nearest.length / 2)];
}

/** The frame around every seat, with room on the left for row letters and on top for the stage. */
export function mapViewBox(seats: Pick<DrawnSeat, "x" | "y">[], pad = SEAT_SIZE): { x: number; y: number; width: number; height: number } {
  if (!seats.length) return { x: 0, y: 0, width: 100, height: 100 };
  const xs = seats.map((s) => s.x);
  const ys = seats.map((s) => s.y);
  const x = Math.min(...xs) - SEAT_SIZE / 2 - pad * 2;
  const y = Math.min(...ys) - SEAT_SIZE / 2 - pad * 2.5;
  return { x, y, width: Math.max(...xs) + SEAT_SIZE / 2 + pad - x, height: Math.max(...ys) + SEAT_SIZE / 2 + pad - y };
}

export const flagText: Record<string, { mark: string; label: string }> = {
  wheelchair: { mark: "W", label: "wheelchair space" },
  companion: { mark: "C", label: "companion seat" },
  restricted_view: { mark: "R", label: "restricted view" },
};

export const seatName = (s: Pick<DrawnSeat, "section" | "row" | "number">) => `${s.section}, row ${s.row}, seat ${s.number}`;

/** What a seat is, for its accessible name and the list: "Stalls, row L, seat 1, Standard, wheelchair space". */
export function describeSeat(s: Pick<DrawnSeat, "section" | "row" | "number" | "seatClass" | "flags">): string {
  return [seatName(s), s.seatClass, ...s.flags.map((f) => flagText[f]?.label ?? f)].join(", ");
}

/** Seats grouped by section and row in reading order: the list alternative's option groups. */
export function seatRows<S extends Pick<DrawnSeat, "section" | "row" | "sortOrder">>(seats: S[]): { label: string; section: string; row: string; seats: S[] }[] {
  const groups = new Map<string, { label: string; section: string; row: string; seats: S[] }>();
  for (const s of [...seats].sort((a, b) => a.sortOrder - b.sortOrder)) {
    const key = `${s.section}\u0000${s.row}`;
    const group = groups.get(key) ?? { label: `${s.section}, row ${s.row}`, section: s.section, row: s.row, seats: [] };
    group.seats.push(s);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Where each row's letter goes: left of its first seat. */
export function rowLabels(seats: Pick<DrawnSeat, "section" | "row" | "x" | "y" | "sortOrder">[]): { key: string; row: string; x: number; y: number }[] {
  return seatRows(seats).map((g) => ({
    key: `${g.section}-${g.row}`,
    row: g.row,
    x: Math.min(...g.seats.map((s) => s.x)) - SEAT_SIZE * 1.25,
    y: g.seats[0].y,
  }));
}

/** Section names, placed above each section's first row. */
export function sectionLabels(seats: Pick<DrawnSeat, "section" | "x" | "y">[]): { section: string; x: number; y: number }[] {
  const out = new Map<string, { section: string; xs: number[]; y: number }>();
  for (const s of seats) {
    const e = out.get(s.section) ?? { section: s.section, xs: [], y: s.y };
    e.xs.push(s.x);
    e.y = Math.min(e.y, s.y);
    out.set(s.section, e);
  }
  return [...out.values()].map((e) => ({ section: e.section, x: (Math.min(...e.xs) + Math.max(...e.xs)) / 2, y: e.y - SEAT_SIZE }));
}

// Moving between seats on a drawn plan with the keyboard: the arrow keys go to the nearest seat that way, Home
// and End to the ends of the seat's row, Page Up and Page Down several rows at once. Plans are drawn freely
// (curved rows, aisles, sections side by side), so "that way" is read off the seats' positions, not their
// row letters.
import { SEAT_SIZE } from "./map-style";

export type MapPoint = { id: string; x: number; y: number };
export type SeatKey = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown";

const SEAT_KEYS = new Set<string>(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
export const isSeatKey = (key: string): key is SeatKey => SEAT_KEYS.has(key);

// Seats whose centres are within this of each other vertically are on one line (a curved row drifts a
// little from seat to seat).
const SAME_LINE = SEAT_SIZE * 0.75;
// A seat off to the side counts this many times its sideways distance: the next seat along the row wins over
// a closer one in the row behind.
const SIDEWAYS_WEIGHT = 3;
// Page Up and Page Down move about this many seat rows.
const PAGE_ROWS = 5;

/**
 * The seat the key moves to from `fromId`, or null when there is none that way (the edge of the plan). From no
 * seat (or one no longer on the plan), any key goes to the first seat: top row, leftmost.
 */
export function seatTowards<S extends MapPoint>(seats: readonly S[], fromId: string | null, key: SeatKey): S | null {
  if (seats.length === 0) return null;
  const from = fromId ? seats.find((s) => s.id === fromId) : undefined;
  if (!from) return firstSeat(seats);
  const others = seats.filter((s) => s.id !== from.id);
  switch (key) {
    case "ArrowRight": return nearest(others, (s) => s.x - from.x, (s) => s.y - from.y);
    case "ArrowLeft": return nearest(others, (s) => from.x - s.x, (s) => s.y - from.y);
    case "ArrowDown": return nearest(others, (s) => s.y - from.y, (s) => s.x - from.x);
    case "ArrowUp": return nearest(others, (s) => from.y - s.y, (s) => s.x - from.x);
    case "Home": return endOfLine(seats, from, -1);
    case "End": return endOfLine(seats, from, 1);
    case "PageDown": return rowsAway(seats, from, 1);
    case "PageUp": return rowsAway(seats, from, -1);
  }
}

/** The top row's leftmost seat. */
export function firstSeat<S extends MapPoint>(seats: readonly S[]): S | null {
  let best: S | null = null;
  for (const s of seats) {
    if (!best || s.y < best.y - SAME_LINE || (Math.abs(s.y - best.y) <= SAME_LINE && s.x < best.x)) best = s;
  }
  return best;
}

/** Among the seats ahead (a positive distance along the key's axis), the one nearest, sideways counting more. */
function nearest<S extends MapPoint>(seats: readonly S[], ahead: (s: S) => number, aside: (s: S) => number): S | null {
  let best: S | null = null;
  let bestScore = Infinity;
  for (const s of seats) {
    const along = ahead(s);
    // Beside the seat rather than ahead of it: not that way (a seat half a seat further on still counts).
    if (along < SEAT_SIZE / 2) continue;
    const score = along + SIDEWAYS_WEIGHT * Math.abs(aside(s));
    if (score < bestScore) { best = s; bestScore = score; }
  }
  return best;
}

/** The first (side -1) or last (side 1) seat on the seat's line. */
function endOfLine<S extends MapPoint>(seats: readonly S[], from: S, side: -1 | 1): S {
  let best = from;
  for (const s of seats) if (Math.abs(s.y - from.y) <= SAME_LINE && (s.x - best.x) * side > 0) best = s;
  return best;
}

/** About PAGE_ROWS lines down (1) or up (-1), to the seat nearest across; the last line that way at most. */
function rowsAway<S extends MapPoint>(seats: readonly S[], from: S, side: -1 | 1): S | null {
  // The lines' heights that way, nearest first, each a seat's height apart at least.
  const lines: number[] = [];
  for (const y of seats.map((s) => s.y).filter((y) => (y - from.y) * side > SAME_LINE).sort((a, b) => (a - b) * side)) {
    if (lines.length === 0 || Math.abs(y - lines[lines.length - 1]) > SAME_LINE) lines.push(y);
  }
  if (lines.length === 0) return null;
  const target = lines[Math.min(PAGE_ROWS, lines.length) - 1];
  let best: S | null = null;
  for (const s of seats) {
    if (Math.abs(s.y - target) > SAME_LINE) continue;
    if (!best || Math.abs(s.x - from.x) < Math.abs(best.x - from.x)) best = s;
  }
  return best;
}

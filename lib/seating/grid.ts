// A simple seating plan built from a few numbers: rows A, B, C… of equal length in one section, with a class
// per range of rows ("A-B VIP"). Pure, unit-tested; the staff form and the server share it.
import { inReadingOrder, rowIndex, rowLabel, type PlanSeat } from "./plan-seats";

export const MAX_GRID_ROWS = 52;
export const MAX_SEATS_PER_ROW = 100;

export type ClassRange = { from: number; to: number; seatClass: string };

/**
 * Reads "A-B VIP" lines (one range per line; "C Premium" for one row; en dash or hyphen) against a grid of
 * `rowCount` rows. Returns the ranges, or a message per bad line.
 */
export function parseClassRanges(text: string, rowCount: number): { ranges: ClassRange[]; errors: string[] } {
  const ranges: ClassRange[] = [];
  const errors: string[] = [];
  const last = rowLabel(Math.max(0, rowCount - 1));
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = line.match(/^([A-Za-z]{1,3})(?:\s*[-–]\s*([A-Za-z]{1,3}))?\s*:?\s+(.+)$/);
    if (!m) return errors.push(`Line ${i + 1}: write a range as rows and a class, such as "A-B VIP"`);
    const [from, to] = [m[1].toUpperCase(), (m[2] ?? m[1]).toUpperCase()];
    const a = rowIndex(from);
    const b = rowIndex(to);
    const seatClass = m[3].trim();
    if (a === null || b === null) return errors.push(`Line ${i + 1}: rows are letters such as A or AB`);
    if (a >= rowCount || b >= rowCount) return errors.push(`Line ${i + 1}: the last row is ${last}`);
    if (b < a) return errors.push(`Line ${i + 1}: ${from}-${to} runs backwards; write ${to}-${from}`);
    if (seatClass.length > 40) return errors.push(`Line ${i + 1}: a class name must be at most 40 characters`);
    const overlap = ranges.find((r) => a <= r.to && b >= r.from);
    if (overlap) return errors.push(`Line ${i + 1}: rows ${from}-${to} overlap ${rowLabel(overlap.from)}-${rowLabel(overlap.to)}`);
    ranges.push({ from: a, to: b, seatClass });
  });
  return { ranges, errors };
}

/** The seats of a grid: seat n of row r sits at x = n, y = r + 1 (one unit apart), numbered from 1 on the left. */
export function gridSeats(p: { section: string; rows: number; seatsPerRow: number; defaultClass: string; ranges: ClassRange[] }): PlanSeat[] {
  const seats: Omit<PlanSeat, "sortOrder">[] = [];
  for (let r = 0; r < p.rows; r++) {
    const seatClass = p.ranges.find((x) => r >= x.from && r <= x.to)?.seatClass ?? p.defaultClass;
    for (let n = 1; n <= p.seatsPerRow; n++)
      seats.push({ section: p.section, row: rowLabel(r), number: String(n), seatClass, x: n, y: r + 1, flags: [] });
  }
  return inReadingOrder(seats);
}

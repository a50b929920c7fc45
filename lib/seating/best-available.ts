// "Best available": N seats side by side in one row, as near the front and the middle as possible.
// Pure, shared by the seat step in the browser and the server; unit-tested.

export type PickableSeat = { id: string; section: string; row: string; seatClass: string; x: number; y: number; sortOrder: number; available: boolean };

/**
 * The best block of `count` adjacent available seats of `seatClass` (any class when null): seats are
 * adjacent when they follow each other in a row's reading order. Rows nearer the front (smaller y) win, then
 * blocks nearer the row's middle. Null when no row has such a block.
 */
export function bestAvailable<T extends PickableSeat>(seats: T[], count: number, seatClass: string | null): T[] | null {
  if (count < 1) return [];
  const rows = new Map<string, T[]>();
  for (const s of seats) {
    const key = `${s.section}\u0000${s.row}`;
    rows.set(key, [...(rows.get(key) ?? []), s]);
  }
  let best: { block: T[]; score: number } | null = null;
  for (const row of rows.values()) {
    row.sort((a, b) => a.sortOrder - b.sortOrder);
    const middle = (Math.min(...row.map((s) => s.x)) + Math.max(...row.map((s) => s.x))) / 2;
    for (let start = 0; start + count <= row.length; start++) {
      const block = row.slice(start, start + count);
      if (!block.every((s) => s.available && (seatClass == null || s.seatClass === seatClass))) continue;
      const centre = block.reduce((acc, s) => acc + s.x, 0) / count;
      const score = block[0].y * 1_000 + Math.abs(centre - middle);
      if (!best || score < best.score) best = { block, score };
    }
  }
  return best?.block ?? null;
}

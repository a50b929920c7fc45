// One figure as CSV: a header row, then its rows as plain values (see Column.csv).
import { stringify } from "csv-stringify/sync";
import type { Figure } from "./figures";

export function figureCsv<R>(figure: Figure<R>, rows: R[]): string {
  return stringify([figure.columns.map((c) => c.header), ...rows.map((r) => figure.columns.map((c) => c.csv(r)))]);
}

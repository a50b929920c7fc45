// Loads dashboard figures for a filter, in the staff time zone.
import type { DbOrTx } from "@/db";
import type { AnalyticsScope } from "@/db/queries/analytics";
import type { AnalyticsFilter } from "@/lib/validations/analytics";
import { figureCsv } from "./csv";
import { displayRows, figures, type Figure } from "./figures";

export type LoadedFigure = { id: string; title: string; description: string; headers: string[]; numeric: boolean[]; cells: string[][] };

export function analyticsScope(filter: AnalyticsFilter, timeZone: string, now = new Date()): AnalyticsScope {
  return { filter, timeZone, now };
}

async function loadOne<R>(figure: Figure<R>, db: DbOrTx, scope: AnalyticsScope) {
  const rows = await figure.load(db, scope);
  return { rows, table: {
    id: figure.id, title: figure.title, description: figure.description,
    headers: figure.columns.map((c) => c.header), numeric: figure.columns.map((c) => Boolean(c.numeric)), cells: displayRows(figure, rows),
  } };
}

/** Every figure: its raw rows (for charts) and its table as displayed. */
export async function loadDashboard(db: DbOrTx, scope: AnalyticsScope) {
  const loaded = await Promise.all(figures.map((f) => loadOne(f as Figure<unknown>, db, scope)));
  return Object.fromEntries(figures.map((f, i) => [f.id, loaded[i]])) as Record<string, { rows: unknown[]; table: LoadedFigure }>;
}

export async function figureCsvFor<R>(figure: Figure<R>, db: DbOrTx, scope: AnalyticsScope): Promise<string> {
  return figureCsv(figure, await figure.load(db, scope));
}

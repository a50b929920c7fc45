// Statements on the hot paths (a booking, a payment), built once per process instead of once per use.
//
// Drizzle builds a query's SQL text from its builder on every run: for a select of three joined tables, or an
// insert returning a forty-column row, that is about 0.4 ms of the request thread each time, more than sending
// the statement and reading its answer. Drizzle's own prepared queries keep the text, but each belongs to the
// client it was prepared on, and a booking's statements must run inside its transaction. A reusable statement
// keeps the text, the parameters' places and the result mapping of one prepared query, and runs them on the
// client of whichever database or transaction it is given.
import { getTableColumns, getTableName, sql, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/** The part of Drizzle's prepared query (postgres-js) used here: it reads `client` and `prepare` at each run. */
type Prepared<R> = { client: unknown; prepare: boolean; execute(values?: Record<string, unknown>): Promise<R> };
type Preparable<R> = { prepare(name: string): unknown; execute(): Promise<R> };

/** The postgres.js client a database or transaction runs its statements on (Drizzle's session's client). */
function clientOf(on: DbOrTx): unknown {
  return (on as unknown as { session: { client: unknown } }).session.client;
}

/**
 * A statement built once by `build` (with `sql.placeholder(name)` wherever a value changes between runs) and
 * run with `values` on `on`, a database or an open transaction. The result is what running the built query
 * gives. `name` names the statement in errors and must be unique.
 */
export function reusable<V extends Record<string, unknown>, R>(name: string, build: (on: DbOrTx) => Preparable<R>) {
  let template: Prepared<R> | undefined;
  return (on: DbOrTx, values: V): Promise<R> => {
    if (!template) {
      template = build(on).prepare(name) as Prepared<R>;
      // Prepared on the server as every other query is, or not: the client decides (DATABASE_PREPARE, db/index.ts).
      // A named Drizzle query would otherwise ask for a server-side statement even where a pooler cannot keep it.
      template.prepare = false;
    }
    const client = clientOf(on);
    if (client === template.client) return template.execute(values);
    // Everything but the client comes from the template; the copy lives for this one run.
    const bound = Object.create(template) as Prepared<R>;
    bound.client = client;
    return bound.execute(values);
  };
}

/** The parts of a Drizzle database or transaction that `on.execute(sql)` uses to build and prepare a statement. */
type Internals = {
  dialect: { sqlToQuery(statement: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): unknown };
};

/**
 * A statement written in SQL (a `sql` template with placeholders, see `value`), built once, whose run gives
 * what `on.execute(statement)` gives: its rows as the driver returns them, named as the statement names them.
 */
export function reusableSql<V extends Record<string, unknown>, Row extends Record<string, unknown> = Record<string, unknown>>(
  name: string, statement: SQL,
) {
  return reusable<V, Row[]>(name, (on) => {
    const { dialect, session } = on as unknown as Internals;
    // All reusable() asks of a builder is its prepared query: here the one `on.execute` would make.
    return { prepare: (prepared: string) => session.prepareQuery(dialect.sqlToQuery(statement), undefined, prepared, false) } as unknown as Preparable<Row[]>;
  });
}

/**
 * A placeholder given to the driver as it is (Drizzle encodes a value bound to a column, and its encoders
 * refuse null): for values encoded by encodedRow, text, numbers and arrays. `cast` names its SQL type.
 */
export function value(name: string, cast?: string): SQL {
  return cast ? sql`${sql.placeholder(name)}::${sql.raw(cast)}` : sql`${sql.placeholder(name)}`;
}

/** `column = any($name::uuid[])`: a list of ids of any length in one reusable statement. */
export function anyUuid(column: SQL.Aliased | AnyColumn, name: string): SQL {
  return sql`${column} = any(${value(name, "uuid[]")})`;
}

/**
 * A row's values as the driver takes them, each through its column's own encoder (a date to its text, a JSON
 * value to its text), null left as NULL: for a statement whose values are bare placeholders
 * (sql`${sql.placeholder(name)}`), which Drizzle passes to the driver as they are.
 */
export function encodedRow<T extends Record<string, unknown>>(table: Table, row: T): T {
  const columns = getTableColumns(table);
  return Object.fromEntries(Object.entries(row).map(([key, value]) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return [key, value == null ? null : column.mapToDriverValue(value)];
  })) as T;
}

/**
 * An insert of several rows of `table` whose statement depends only on how many rows there are: one reusable
 * statement per row count, built by `build` from rows of placeholders (one per column named in `columns`).
 * Each run's rows are encoded by their columns (encodedRow).
 */
export function reusableRows<T extends Table, C extends keyof T["$inferInsert"] & string, R>(
  name: string, table: T, columns: readonly C[], build: (on: DbOrTx, rows: Record<C, SQL>[]) => Preparable<R>,
) {
  const byCount = new Map<number, (on: DbOrTx, values: Record<string, unknown>) => Promise<R>>();
  return (on: DbOrTx, rows: Pick<T["$inferInsert"], C>[]): Promise<R> => {
    const count = rows.length;
    let run = byCount.get(count);
    if (!run) {
      run = reusable<Record<string, unknown>, R>(`${name}-${count}`, (db) => build(db, Array.from({ length: count }, (_, i) =>
        Object.fromEntries(columns.map((c) => [c, value(`${c}.${i}`)])) as Record<C, SQL>)));
      byCount.set(count, run);
    }
    const values: Record<string, unknown> = {};
    rows.forEach((row, i) => {
      const encoded = encodedRow(table, Object.fromEntries(columns.map((c) => [c, (row as Record<C, unknown>)[c]])));
      for (const c of columns) values[`${c}.${i}`] = encoded[c];
    });
    return run(on, values);
  };
}

// db/index.ts: every query Drizzle runs is a prepared statement on its connection, in a transaction and a
// savepoint too, so that it costs one round trip; DATABASE_PREPARE=false (prepare: false) leaves them unprepared.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db";
import { reusable } from "@/db/reusable";

// A statement built once (db/reusable.ts) follows the client's setting like any other.
const reusableMarker = reusable("test-prepared-marker", (db) => db.select({ n: sql<number>`${sql.placeholder("n")}::int + 1`.as("n") })
  .from(sql`(select 1) as one`).where(sql`${sql.placeholder("marker")}::text like 'reusable-%'`));

const clients: ReturnType<typeof createDb>[] = [];
afterAll(async () => Promise.all(clients.map((c) => c.sql.end())));

/** The statements prepared on a transaction's connection after it ran a parameterised query twice. */
async function preparedAfter(prepare: boolean, nested: boolean) {
  const c = createDb(process.env.DATABASE_URL!, { max: 1, prepare });
  clients.push(c);
  const marker = `prepared-${prepare}-${nested}`;
  return c.db.transaction(async (tx) => {
    const run = async (db: typeof tx) => {
      for (const n of [1, 2]) {
        const [row] = await db.execute<{ n: number; marker: string }>(sql`select ${n}::int + 1 as n, ${marker}::text as marker`);
        expect(row).toEqual({ n: n + 1, marker });
        expect(await reusableMarker(db, { n, marker: `reusable-${marker}` })).toEqual([{ n: n + 1 }]);
      }
    };
    if (nested) await tx.transaction(async (sp) => run(sp));
    else await run(tx);
    const rows = await tx.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
    return rows.map((r) => r.statement).filter((s) => s.includes("::text as marker") || s.includes("like 'reusable-%'"));
  });
}

describe("queries as prepared statements", () => {
  it("prepares a parameterised query once per connection, in a transaction and in a savepoint", async () => {
    expect(await preparedAfter(true, false)).toHaveLength(2);
    expect(await preparedAfter(true, true)).toHaveLength(2);
  });

  it("leaves them unprepared when turned off", async () => {
    expect(await preparedAfter(false, false)).toHaveLength(0);
  });
});

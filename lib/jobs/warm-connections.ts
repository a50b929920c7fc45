// A PostgreSQL connection is a backend process of its own, which compiles a PL/pgSQL function the first time it
// calls it (graphile_worker.add_job took about 15 ms on a connection's first call and under 1 ms after) and reads
// a table's definition from the system catalogs the first time a statement names that table or plans over its
// indexes. A payment's transaction names some twenty tables, and queues its emails and its invoice's PDF with
// add_job, while its locks on the session's places and the invoice numbers are held: on a pool whose connections
// were first used by a burst of payments, the first burst's PostgreSQL time per payment was nearly twice a later
// burst's, its planning ten times (pg_stat_statements). A thread that takes payments or runs their jobs warms its
// pool as it starts instead: every connection is opened at once and, in a transaction that is rolled back (so
// nothing is queued), calls add_job and plans a statement over every table of the app and of the job queue.
import type postgres from "postgres";
import { SEND_EMAIL_TASK } from "@/lib/email/jobs";

/** Schemas whose tables a connection reads the definitions of: the app's and the job queue's. */
const WARMED_SCHEMAS = ["public", "graphile_worker"];

/** How many connections were warmed, and how many tables each planned a statement over. */
export type Warmed = { connections: number; tables: number };

/**
 * Opens every connection of the pool and has each call add_job and plan a statement over every table in a
 * transaction it rolls back. The task named is one the app always runs, so that its row in the queue's task
 * list is usually there already (a new one would make the warm-ups wait for each other's rollback, which they
 * still get).
 */
export async function warmConnections(sql: postgres.Sql): Promise<Warmed> {
  // Reserved all at once, so the pool opens every connection instead of reusing the first.
  const reserved = await Promise.all(Array.from({ length: sql.options.max }, () => sql.reserve()));
  try {
    // Planned but never run for a row (limit 0): planning opens the table and each of its indexes. Names are
    // quoted by PostgreSQL itself; sent as one simple query, so a connection takes one round trip for all.
    const statements = (await reserved[0]`
      select format('select * from %I.%I limit 0', schemaname, tablename) as statement
      from pg_tables where schemaname = any(${WARMED_SCHEMAS}) order by schemaname, tablename`).map((r) => r.statement as string);
    await Promise.all(reserved.map(async (connection) => {
      await connection.unsafe("begin");
      try {
        await connection.unsafe("select graphile_worker.add_job($1, $2::json, priority => 0)", [SEND_EMAIL_TASK, "{}"]);
        if (statements.length > 0) await connection.unsafe(statements.join(";\n")).simple();
      } finally {
        await connection.unsafe("rollback");
      }
    }));
    return { connections: reserved.length, tables: statements.length };
  } finally {
    for (const connection of reserved) connection.release();
  }
}

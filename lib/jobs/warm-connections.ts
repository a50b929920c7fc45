// A PostgreSQL connection is a backend process of its own, which compiles a PL/pgSQL function the first time it
// calls it: graphile_worker.add_job took about 15 ms on a connection's first call and under 1 ms after. Every
// payment queues its emails and its invoice's PDF with add_job inside its transaction, so a pool whose
// connections were first opened by a burst of payments paid that on each of them, while the payments' locks on
// the session's places and the invoice numbers were held. A thread that takes payments warms its pool as it
// starts instead: every connection is opened at once and calls add_job in a transaction that is rolled back, so
// nothing is queued.
import type postgres from "postgres";
import { SEND_EMAIL_TASK } from "@/lib/email/jobs";

/**
 * Opens every connection of the pool and has each call add_job in a transaction it rolls back. Resolves with
 * how many were warmed. The task named is one the app always runs, so that its row in
 * the queue's task list is usually there already (a new one would make the warm-ups wait for each other's
 * rollback, which they still get).
 */
export async function warmConnections(sql: postgres.Sql): Promise<number> {
  // Reserved all at once, so the pool opens every connection instead of reusing the first.
  const reserved = await Promise.all(Array.from({ length: sql.options.max }, () => sql.reserve()));
  try {
    await Promise.all(reserved.map(async (connection) => {
      await connection.unsafe("begin");
      try {
        await connection.unsafe("select graphile_worker.add_job($1, $2::json, priority => 0)", [SEND_EMAIL_TASK, "{}"]);
      } finally {
        await connection.unsafe("rollback");
      }
    }));
  } finally {
    for (const connection of reserved) connection.release();
  }
  return reserved.length;
}

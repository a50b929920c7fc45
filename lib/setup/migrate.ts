// Brings a database up to date: the schema's migrations (db/migrate.ts), then the data steps that need the
// app's own code, then the job queue's schema.
import { createDb } from "@/db";
import { applyJobQueueMigrations, applySchemaMigrations } from "@/db/migrate";
import { issueMissingTickets } from "@/lib/tickets/issue";

export { ensureDatabase } from "@/db/migrate";

export async function migrateDatabase(url: string) {
  await applySchemaMigrations(url);
  const { db, sql } = createDb(url, { max: 1 });
  try {
    // Tickets for places confirmed before tickets existed: their hashes need APP_SECRET, so not in SQL.
    await issueMissingTickets(db);
  } finally {
    await sql.end();
  }
  await applyJobQueueMigrations(url);
}
